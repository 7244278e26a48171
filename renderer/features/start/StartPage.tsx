/**
 * 开始: recent files, the files of the data folder, 打开, 打开演示文件 and 新建部门文件.
 * Files are opened by opaque id; the renderer never handles a path.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, ApiResult, FileEntry, OpenFileInfo } from '../../../shared/contract/api';
import { getApi } from '../../api/client';
import { useUi } from '../../app/uiState';
import { actions } from '../../store/useSession';
import { FileList } from './FileList';
import { NewFileForm } from './NewFileForm';

export function StartPage() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [recent, setRecent] = useState<FileEntry[] | null>(null);
  const [folder, setFolder] = useState<FileEntry[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const newFileRequest = useUi((s) => s.newFileRequest);

  const refresh = useCallback(async () => {
    const api = getApi();
    const [a, r, l] = await Promise.all([api.invoke('app.info', {}), api.invoke('file.recent', {}), api.invoke('file.list', {})]);
    if (a.ok) setInfo(a.value);
    setRecent(r.ok ? r.value : []);
    setFolder(l.ok ? l.value : []);
    const failed = [a, r, l].find((x) => !x.ok);
    if (failed && !failed.ok) setError(failed.error.message);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const open = async (call: () => Promise<ApiResult<OpenFileInfo | null>>) => {
    setBusy(true);
    setError(null);
    const result = await call();
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    if (result.value) await actions().openFile(result.value);
  };

  const api = getApi();
  return (
    <div className="start">
      <div className="start-head">
        <h1>部门决算公开助手</h1>
        <div className="muted">
          填报一次，自动生成十张公开表、情况说明，勾稽审核，导出 Word / Excel。{info ? `版本 ${info.version}` : ''}
        </div>
      </div>
      {error ? (
        <div className="notice error inline" role="alert">
          {error}
        </div>
      ) : null}
      <div className="start-grid">
        <section className="card">
          <h2>最近打开</h2>
          <FileList files={recent} empty="还没有打开过文件。" busy={busy} onOpen={(id) => void open(() => api.invoke('file.open', { id }))} />
          <div className="card-actions">
            {info?.mode !== 'web' ? (
              <button type="button" disabled={busy} onClick={() => void open(() => api.invoke('file.open', {}))}>
                打开…
              </button>
            ) : null}
            <button type="button" disabled={busy} onClick={() => void open(() => api.invoke('file.openDemo', {}))}>
              打开演示文件
            </button>
          </div>
        </section>
        <section className="card">
          <h2>数据文件夹中的文件</h2>
          {info ? <div className="muted small">{info.dataFolder}</div> : null}
          <FileList files={folder} empty="文件夹中还没有决算公开文件。" busy={busy} onOpen={(id) => void open(() => api.invoke('file.open', { id }))} />
        </section>
        <section className="card">
          <h2>新建部门文件</h2>
          <NewFileForm
            busy={busy}
            focusSignal={newFileRequest}
            onCreate={(departmentName, unitKind, year) => void open(() => api.invoke('file.create', { departmentName, unitKind, year }))}
          />
        </section>
      </div>
    </div>
  );
}
