/** File and department, the year switcher with 新建年度, undo/redo, 导入Excel表格, export and close. */
import { useState } from 'react';
import { actions, useSession } from '../../store/useSession';
import { Confirm } from '../../ui/Modal';
import { ImportTablesDialog } from '../import/ImportTablesDialog';

export function TopBar({ onExport }: { onExport: () => void }) {
  const file = useSession((s) => s.file);
  const year = useSession((s) => s.year);
  const loading = useSession((s) => s.loading);
  const canUndo = useSession((s) => s.history.past.length > 0);
  const canRedo = useSession((s) => s.history.future.length > 0);
  const [confirmYear, setConfirmYear] = useState(false);
  const [importing, setImporting] = useState(false);
  if (!file) return null;
  const years = [...file.years].sort((a, b) => b - a);
  const latest = years[0];
  return (
    <header className="top-bar">
      <div className="top-title">
        <span className="dept">{file.department.name}</span>
        <span className="file-name" title={file.location}>
          {file.name}
        </span>
      </div>
      <label className="year-switch">
        年度
        <select data-testid="year-select" value={year ?? ''} disabled={loading} onChange={(e) => void actions().loadYear(Number(e.target.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}年度
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => setConfirmYear(true)} disabled={latest === undefined}>
        新建年度
      </button>
      <div className="top-spacer" />
      <button type="button" onClick={() => void actions().undo()} disabled={!canUndo} title="撤销（Ctrl+Z）">
        ↶ 撤销
      </button>
      <button type="button" onClick={() => void actions().redo()} disabled={!canRedo} title="重做（Ctrl+Y）">
        ↷ 重做
      </button>
      <button type="button" onClick={() => setImporting(true)} disabled={year === null || loading} data-testid="import-tables">
        导入Excel表格…
      </button>
      <button type="button" className="primary" onClick={onExport}>
        导出…
      </button>
      <button type="button" onClick={() => void actions().closeFile()}>
        关闭文件
      </button>
      {importing ? <ImportTablesDialog onClose={() => setImporting(false)} /> : null}
      {confirmYear && latest !== undefined ? (
        <Confirm
          title="新建年度"
          confirmText={`新建${latest + 1}年度`}
          onCancel={() => setConfirmYear(false)}
          onConfirm={() => {
            setConfirmYear(false);
            void actions().createYear();
          }}
        >
          <p>
            将以 {latest} 年度为基础新建 {latest + 1} 年度：概况、名词解释、报表设置和科目行会带入新年度，金额需重新填写。{latest}年度的数据将作为上年数用于情况说明的比较。
          </p>
        </Confirm>
      ) : null}
    </header>
  );
}
