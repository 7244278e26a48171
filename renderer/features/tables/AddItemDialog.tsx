/**
 * 添加科目: search the report's catalogue edition by code or name (项 only) and add 项 to the
 * report — one (Enter), several at once (Space or a click ticks them, Enter adds all ticked), or a
 * list pasted from a sheet (one code per line, optionally followed by its name). Codes the shipped
 * catalogue lacks are added to the file with their name. All of one action is one write.
 */
import { type KeyboardEvent, useMemo, useState } from 'react';
import { type Catalogue, functionalLevel } from '../../../shared/domain/catalogue';
import type { CustomCode } from '../../../shared/domain/model';
import { useCatalogue, useLoaded } from '../../store/useDerived';
import { actions } from '../../store/useSession';
import { Modal } from '../../ui/Modal';
import { useIme } from '../../ui/useIme';

export interface AddItemDialogProps {
  onClose: () => void;
  /** The 项 added (the first one gets the cursor). */
  onAdded: (codes: string[]) => void;
}

interface ListedCode {
  code: string;
  name: string;
  /** Not in the catalogue: added as the file's own code. */
  custom: boolean;
}

/** Reads pasted lines `2010301`, `2010301 行政运行`, `2010301\t行政运行`; returns codes and problems. */
export function parseCodeList(text: string, catalogue: Catalogue): { codes: ListedCode[]; problems: string[] } {
  const codes: ListedCode[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  text.split(/\r\n|\n|\r/u).forEach((line, k) => {
    const trimmed = line.replace(/\s+/gu, ' ').trim();
    if (trimmed === '') return;
    const match = /^(\d{7})(?:[\s,，]+(.+)|(\D.*))?$/u.exec(trimmed);
    if (!match) {
      problems.push(`第${k + 1}行“${trimmed.slice(0, 30)}”不是7位项级科目代码`);
      return;
    }
    const code = match[1]!;
    if (seen.has(code)) return;
    seen.add(code);
    const given = (match[2] ?? match[3] ?? '').trim();
    const known = catalogue.functionalName(code);
    if (known) codes.push({ code, name: known, custom: false });
    else if (given) codes.push({ code, name: given, custom: true });
    else problems.push(`第${k + 1}行：目录中没有科目${code}，请在代码后写上科目名称`);
  });
  return { codes, problems };
}

export function AddItemDialog({ onClose, onAdded }: AddItemDialogProps) {
  const catalogue = useCatalogue();
  const report = useLoaded().report;
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const [ticked, setTicked] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const [customName, setCustomName] = useState('');
  const [listText, setListText] = useState('');
  const ime = useIme();
  const have = useMemo(() => new Set(report.items.map((i) => i.code)), [report.items]);
  const results = useMemo(() => catalogue.searchFunctional(query, { level: '项', limit: 60 }), [catalogue, query]);
  const list = useMemo(() => parseCodeList(listText, catalogue), [listText, catalogue]);
  const q = query.trim();
  const customCandidate = functionalLevel(q) === '项' && !catalogue.hasFunctional(q) ? q : null;

  const add = async (codes: readonly string[], customCodes: readonly CustomCode[] = []) => {
    if (busy || codes.length === 0) return;
    setBusy(true);
    const ok = await actions().addItems(codes, customCodes);
    setBusy(false);
    if (ok) onAdded([...codes]);
  };

  const toggle = (code: string) => setTicked((t) => (t.includes(code) ? t.filter((c) => c !== code) : [...t, code]));

  const addChosen = () => {
    const highlighted = results[selected]?.code;
    void add(ticked.length > 0 ? ticked : highlighted ? [highlighted] : []);
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
      addChosen();
    } else if (e.key === ' ' && (e.ctrlKey || q === '' || /^\d+$/u.test(q))) {
      // Space ticks the highlighted 科目 (in a name search, Ctrl+Space, as space may be typed).
      const entry = results[selected];
      if (entry) {
        e.preventDefault();
        toggle(entry.code);
      }
    }
  };

  const listCustom = list.codes.filter((c) => c.custom).map((c): CustomCode => ({ catalogue: 'functional', code: c.code, name: c.name }));

  return (
    <Modal
      title={`添加科目（${catalogue.edition}年版支出功能分类）`}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" onClick={onClose}>
            关闭
          </button>
          <button type="button" className="primary" disabled={busy || (ticked.length === 0 && results.length === 0)} onClick={addChosen}>
            {ticked.length > 0 ? `添加所选（${ticked.length}个）` : '添加'}
          </button>
        </>
      }
    >
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
      <ul className="pick-list" role="listbox" aria-label="科目" aria-multiselectable="true">
        {results.map((entry, k) => {
          const parent = catalogue.functionalName(entry.code.slice(0, 5));
          const cls = catalogue.functionalName(entry.code.slice(0, 3));
          const isTicked = ticked.includes(entry.code);
          return (
            <li
              key={entry.code}
              role="option"
              aria-selected={k === selected}
              aria-checked={isTicked}
              className={k === selected ? 'selected' : undefined}
              onMouseEnter={() => setSelected(k)}
              onClick={() => toggle(entry.code)}
            >
              <input type="checkbox" tabIndex={-1} checked={isTicked} readOnly aria-hidden="true" />
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
      {ticked.length > 0 ? <div className="ticked">已选：{ticked.join('、')}</div> : null}
      {customCandidate ? (
        <div className="custom-code">
          <div>目录中没有科目 {customCandidate}。如确需使用，请填写科目名称后添加到本文件：</div>
          <input type="text" placeholder="科目名称" value={customName} onChange={(e) => setCustomName(e.target.value)} {...ime.handlers} />
          <button
            type="button"
            className="primary"
            disabled={busy || customName.trim() === ''}
            onClick={() => void add([customCandidate], [{ catalogue: 'functional', code: customCandidate, name: customName.trim() }])}
          >
            添加自定义科目
          </button>
        </div>
      ) : null}
      <details className="code-list">
        <summary>一次添加多个科目：粘贴科目代码清单</summary>
        <textarea
          rows={5}
          aria-label="科目代码清单"
          placeholder={'每行一个7位科目代码，可在代码后写名称，例如：\n2010301\n2010302 一般行政管理事务'}
          value={listText}
          onChange={(e) => setListText(e.target.value)}
          {...ime.handlers}
        />
        {list.problems.length > 0 ? (
          <ul className="field-error">
            {list.problems.slice(0, 5).map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
        <button
          type="button"
          className="primary"
          disabled={busy || list.codes.length === 0 || list.problems.length > 0}
          onClick={() => void add(list.codes.map((c) => c.code), listCustom)}
        >
          添加清单中的 {list.codes.length} 个科目{listCustom.length > 0 ? `（其中${listCustom.length}个自定义）` : ''}
        </button>
      </details>
      <div className="dialog-hint">↑↓ 选择，空格勾选多个，回车添加；只能添加项级（7位）科目，类、款合计自动生成。</div>
    </Modal>
  );
}
