/**
 * The text of a 重点评价报告 under its headings: each section a heading (一、 / （一） / 1、 level, as
 * typed with its number) and its paragraphs (one per line). Sections are added below any other,
 * removed and moved up or down; each committed change is one save of the report, labelled with the
 * section it changed.
 */
import type { KeySection } from '../../../shared/domain/selfEvaluation';
import { CommitText } from '../../ui/CommitText';
import { RowTools } from './editorParts';

const LEVELS: readonly { level: KeySection['level']; name: string }[] = [
  { level: 1, name: '一级（一、）' },
  { level: 2, name: '二级（（一））' },
  { level: 3, name: '三级（1、）' },
];

/** Rows a section's text box opens with: its length, within 2 (a heading with no text yet) to 14. */
function rowsFor(text: string): number {
  if (text === '') return 2;
  const lines = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 70)), 0);
  return Math.min(14, Math.max(3, lines));
}

export function SectionList({ sections, onChange }: { sections: readonly KeySection[]; onChange: (sections: KeySection[], what: string) => void }) {
  const named = (k: number) => {
    const heading = sections[k]?.heading.trim() ?? '';
    return `第${k + 1}节${heading ? `“${heading.length > 20 ? `${heading.slice(0, 20)}…` : heading}”` : ''}`;
  };
  const edit = (k: number, patch: Partial<KeySection>, what: string) => onChange(sections.map((s, n) => (n === k ? { ...s, ...patch } : s)), what);
  const move = (k: number, by: -1 | 1) => {
    const to = k + by;
    if (to < 0 || to >= sections.length) return;
    const next = [...sections];
    const [moved] = next.splice(k, 1);
    next.splice(to, 0, moved!);
    onChange(next, `${named(k)}${by < 0 ? '上移' : '下移'}`);
  };
  const insert = (at: number) => {
    const next = [...sections];
    // A new section continues at the level of the one above it.
    next.splice(at, 0, { heading: '', level: sections[at - 1]?.level ?? 1, text: '' });
    onChange(next, `添加第${at + 1}节`);
    requestAnimationFrame(() => document.querySelector<HTMLInputElement>(`[data-field="sections.${at}"] .section-heading`)?.focus());
  };
  const remove = (k: number) => onChange(sections.filter((_, n) => n !== k), `删除${named(k)}`);

  return (
    <div className="section-list">
      {sections.map((s, k) => (
        <div key={k} className={`section-item level-${s.level}`} data-field={`sections.${k}`}>
          <div className="section-head">
            <span className="row-no">{k + 1}</span>
            <select value={s.level} aria-label={`第${k + 1}节标题级别`} onChange={(e) => edit(k, { level: LEVELS.find((l) => String(l.level) === e.target.value)?.level ?? s.level }, `修改${named(k)}的标题级别`)}>
              {LEVELS.map((l) => (
                <option key={l.level} value={l.level}>
                  {l.name}
                </option>
              ))}
            </select>
            <CommitText
              value={s.heading}
              className="section-heading"
              placeholder="标题，例如：一、基本情况"
              ariaLabel={`第${k + 1}节标题`}
              onCommit={(v) => edit(k, { heading: v.trim() }, `修改${named(k)}的标题`)}
            />
            <RowTools index={k} count={sections.length} what="节" onMove={(by) => move(k, by)} onInsert={() => insert(k + 1)} onRemove={() => remove(k)} />
          </div>
          <CommitText
            value={s.text}
            multiline
            rows={rowsFor(s.text)}
            className="section-text"
            placeholder="正文（每行一段；Ctrl+Enter 或点击别处保存）"
            ariaLabel={`第${k + 1}节正文`}
            onCommit={(v) => edit(k, { text: v }, `修改${named(k)}的正文`)}
          />
        </div>
      ))}
      <div className="grid-actions">
        <button type="button" onClick={() => insert(sections.length)}>
          添加一节
        </button>
        <span className="group-note">标题连同编号一起填写（一、 （一） 1、）；级别决定导出时标题的字体（黑体、楷体、仿宋加粗）。</span>
      </div>
    </div>
  );
}
