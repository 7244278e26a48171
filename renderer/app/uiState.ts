/** Window-level UI state that is not part of the session: which dialog is open. */
import { create } from 'zustand';
import type { ExportFormat } from '../features/export/ExportDialog';
import { actions } from '../store/useSession';

interface UiState {
  exporting: ReadonlySet<ExportFormat> | null;
  /** 新建部门文件 form requested from the menu. */
  newFileRequest: number;
  openExport(formats: readonly ExportFormat[]): void;
  closeExport(): void;
  requestNewFile(): void;
  /** 政府性基金 / 国有资本经营 table (公开07表/08表, 上海 表8/表9) opened for entry although the year has no such funds (`${year}/${table}`). */
  expandedFunds: Readonly<Record<string, true>>;
  expandFunds(key: string): void;
  /** 显示上年数: last year's figure beside every cell of the table editors. */
  showPrior: boolean;
  toggleShowPrior(): void;
}

export const useUi = create<UiState>()((set, get) => ({
  exporting: null,
  newFileRequest: 0,
  // The export is made from the file: what is being typed is committed first (or the dialog waits).
  openExport: (formats) => {
    if (actions().flushEdits()) set({ exporting: new Set(formats) });
  },
  closeExport: () => set({ exporting: null }),
  requestNewFile: () => set({ newFileRequest: get().newFileRequest + 1 }),
  expandedFunds: {},
  expandFunds: (key) => set({ expandedFunds: { ...get().expandedFunds, [key]: true } }),
  showPrior: false,
  toggleShowPrior: () => set({ showPrior: !get().showPrior }),
}));
