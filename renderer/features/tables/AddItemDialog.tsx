/**
 * 添加科目: search the report's catalogue edition by code or name (项 only) and add the 项 to the
 * report. A code the shipped catalogue lacks can be added to the file with its name.
 */
import { type KeyboardEvent, useMemo, useState } from 'react';
import { functionalLevel } from '../../../shared/domain/catalogue';
import { useCatalogue, useLoaded } from '../../store/useDerived';
import { actions } from '../../store/useSession';
import { Modal } from '../../ui/Modal';
import { useIme } from '../../ui/useIme';

export interface AddItemDialogProps {
  onClose: () => void;
  onAdded: (code: string) => void;
}

export function AddItemDialog({ onClose, onAdded }: AddItemDialogProps) {
  const catalogue = useCatalogue();
  const report = useLoaded().report;
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const [busy, setBusy] = useState(false);
  const [customName, setCustomName] = useState('');
  const ime = useIme();
  const have = useMemo(() => new Set(report.items.map((i) => i.code)), [report.items]);
  const results = useMemo(() => catalogue.searchFunctional(query, { level: '项', limit: 60 }), [catalogue, query]);
  const q = query.trim();
  const customCandidate = functionalLevel(q) === '项' && !catalogue.hasFunctional(q) ? q : null;

  const add = async (code: string) => {
    if (busy) return;
    if (have.has(code)) {
      onAdded(code);
      return;
    }
    setBusy(true);
    const ok = await actions().addItem(code);
    setBusy(false);
    if (ok) onAdded(code);
  };

  const addCustom = async () => {
    if (!customCandidate || customName.trim() === '') return;
    setBusy(true);
    const ok = await actions().addCustomCode(customCandidate, customName.trim());
    setBusy(false);
    if (ok) await add(customCandidate);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (ime.isComposing(e)) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setSelected((s) => Math.min(s + 1, results.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setSelected((s) => Math.max(s - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const entry = results[selected];
      if (entry) void add(entry.code);
    }
  };

  return (
    <Modal title={`添加科目（${catalogue.edition}年版支出功能分类）`} onClose={onClose} wide>
      <input
        className="search"
        type="search"
        autoFocus
        placeholder="输入科目代码或名称，例如 2010301 或 行政运行"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setSelected(0);
        }}
        onKeyDown={onKeyDown}
        {...ime.handlers}
      />
      <ul className="pick-list" role="listbox" aria-label="科目">
        {results.map((entry, k) => {
          const parent = catalogue.functionalName(entry.code.slice(0, 5));
          const cls = catalogue.functionalName(entry.code.slice(0, 3));
          return (
            <li
              key={entry.code}
              role="option"
              aria-selected={k === selected}
              className={k === selected ? 'selected' : undefined}
              onMouseEnter={() => setSelected(k)}
              onClick={() => void add(entry.code)}
            >
              <span className="pick-code">{entry.code}</span>
              <span className="pick-name">{entry.name}</span>
              <span className="pick-path">
                {cls} › {parent}
              </span>
              {have.has(entry.code) ? <span className="pick-have">已添加</span> : null}
              {entry.custom ? <span className="pick-have">自定义</span> : null}
            </li>
          );
        })}
        {results.length === 0 ? <li className="empty">没有找到符合条件的项级科目。</li> : null}
      </ul>
      {customCandidate ? (
        <div className="custom-code">
          <div>目录中没有科目 {customCandidate}。如确需使用，请填写科目名称后添加到本文件：</div>
          <input type="text" placeholder="科目名称" value={customName} onChange={(e) => setCustomName(e.target.value)} {...ime.handlers} />
          <button type="button" className="primary" disabled={busy || customName.trim() === ''} onClick={() => void addCustom()}>
            添加自定义科目
          </button>
        </div>
      ) : null}
      <div className="dialog-hint">↑↓ 选择，回车添加；只能添加项级（7位）科目，类、款合计自动生成。</div>
    </Modal>
  );
}
