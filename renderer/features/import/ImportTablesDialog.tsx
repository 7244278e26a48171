/**
 * 导入Excel表格: choose a workbook → preview what changes in this year (per table: added, changed,
 * cleared figures with examples; 科目 to add; the audit of the workbook's printed totals) →
 * 确认导入 writes it in one transaction; the file is reloaded (its undo history restarts, since the
 * figures changed beneath it) and the imported year shown.
 */
import { type ChangeEvent, useState } from 'react';
import type { ImportPreview } from '../../../shared/contract/api';
import { getApi } from '../../api/client';
import { actions, useSession } from '../../store/useSession';
import { Modal } from '../../ui/Modal';
import { ImportPreviewView } from './ImportPreviewView';
import { bytesToBase64, uploadProblem } from './upload';

type Phase =
  | { kind: 'choose'; error: string | null }
  | { kind: 'reading'; fileName: string }
  | { kind: 'preview'; fileName: string; data: string; preview: ImportPreview }
  | { kind: 'applying'; fileName: string };

export function ImportTablesDialog({ onClose }: { onClose: () => void }) {
  const year = useSession((s) => s.year);
  const [phase, setPhase] = useState<Phase>({ kind: 'choose', error: null });
  if (year === null) return null;

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const problem = uploadProblem(file);
    if (problem) {
      setPhase({ kind: 'choose', error: problem });
      return;
    }
    setPhase({ kind: 'reading', fileName: file.name });
    const data = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
    // Typed figures not yet saved are saved first: the preview compares with the file.
    await actions().settled();
    const result = await getApi().invoke('import.tablesPreview', { year, fileName: file.name, data });
    if (!result.ok) setPhase({ kind: 'choose', error: result.error.message });
    else setPhase({ kind: 'preview', fileName: file.name, data, preview: result.value });
  };

  const apply = async () => {
    if (phase.kind !== 'preview') return;
    setPhase({ kind: 'applying', fileName: phase.fileName });
    await actions().settled();
    const result = await getApi().invoke('import.tablesApply', { year, fileName: phase.fileName, data: phase.data });
    if (!result.ok) {
      setPhase({ kind: 'choose', error: result.error.message });
      return;
    }
    // The year's figures changed under its edit history: reload it with the history started afresh.
    await actions().yearReplaced(result.value.file, year);
    const codes = result.value.preview.addedCodes.length;
    actions().notify('info', `已从“${phase.fileName}”导入 ${result.value.preview.found.length} 张表${codes > 0 ? `，新增科目 ${codes} 个` : ''}。`);
    onClose();
  };

  const busy = phase.kind === 'reading' || phase.kind === 'applying';
  const footer = (
    <>
      <button type="button" onClick={onClose} disabled={busy}>
        取消
      </button>
      {phase.kind === 'preview' ? (
        <button type="button" className="primary" onClick={() => void apply()} data-testid="import-confirm">
          确认导入
        </button>
      ) : null}
    </>
  );

  return (
    <Modal title={`导入Excel表格 — ${year}年度`} onClose={busy ? () => {} : onClose} footer={footer} wide>
      {phase.kind === 'choose' ? (
        <div className="import-choose">
          <p>
            选择一个 Excel 工作簿（.xlsx）：本软件导出的公开表，决算报表软件导出的表格，或部门自己整理的公开01表—公开10表。
            表格可以各占一个工作表，也可以上下排在同一个工作表中；科目代码可以是一栏，也可以分为类、款、项三栏。
          </p>
          <p className="muted">
            导入后，工作簿中各表的明细数替换本年度这些表中的数字，合计数由软件计算并与表中印的合计数逐一核对；情况说明、设置、年初预算等不变。
          </p>
          <label className="file-pick">
            <input type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => void choose(e)} data-testid="import-file" />
          </label>
          {phase.error ? <p className="error-text import-error">{phase.error}</p> : null}
        </div>
      ) : null}
      {phase.kind === 'reading' ? <p>正在读取“{phase.fileName}”……</p> : null}
      {phase.kind === 'applying' ? <p>正在导入“{phase.fileName}”……</p> : null}
      {phase.kind === 'preview' ? <ImportPreviewView fileName={phase.fileName} preview={phase.preview} /> : null}
    </Modal>
  );
}
