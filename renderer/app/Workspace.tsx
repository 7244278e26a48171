/** The workspace: top bar, navigation tree, the selected view, status bar. */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { ExportDialog } from '../features/export/ExportDialog';
import { MainView } from '../features/workspace/MainView';
import { NavTree } from '../features/workspace/NavTree';
import { NoticeBar } from '../features/workspace/NoticeBar';
import { StatusBar } from '../features/workspace/StatusBar';
import { TopBar } from '../features/workspace/TopBar';
import { PublishedBanner } from '../features/history/PublishedBanner';
import { useSession } from '../store/useSession';
import { useUi } from './uiState';

export function Workspace() {
  const loaded = useSession((s) => s.loaded);
  const loading = useSession((s) => s.loading);
  const view = useSession((s) => s.view);
  const exporting = useUi((s) => s.exporting);
  const mainRef = useRef<HTMLElement>(null);
  const title = useSession((s) => (s.file ? `${s.file.department.name}${s.year ? ` ${s.year}年度` : ''} — 部门决算公开助手` : '部门决算公开助手'));

  useEffect(() => {
    document.title = title;
  }, [title]);

  // A new view starts at its top (a layout effect: it runs before the table's own effect that
  // scrolls a highlighted cell into view).
  useLayoutEffect(() => {
    mainRef.current?.scrollTo({ top: 0 });
  }, [view]);

  return (
    <div className="workspace">
      <a
        className="skip-link"
        href="#main-content"
        onClick={(e) => {
          e.preventDefault();
          const target = document.getElementById('table-sheet') ?? mainRef.current;
          target?.focus();
        }}
      >
        跳到正文
      </a>
      <TopBar onExport={() => useUi.getState().openExport(['docx', 'xlsx'])} />
      {loaded ? (
        <>
          <NavTree />
          <main className={`main${loaded.publication ? ' published' : ''}`} ref={mainRef} id="main-content" tabIndex={-1}>
            <PublishedBanner />
            <MainView />
          </main>
          <StatusBar />
        </>
      ) : (
        <main className="main loading">{loading ? '正在读取……' : '该文件还没有年度报表。'}</main>
      )}
      <NoticeBar />
      {exporting && loaded ? <ExportDialog initial={exporting} onClose={() => useUi.getState().closeExport()} /> : null}
    </div>
  );
}
