/** 情况说明 one section: the drafted paragraphs, the figures it needs, and its lint. */
import type { CheckContext } from '../../../shared/domain/checks';
import type { NarrativeId } from '../../store/view';
import { lastYearTablesOf } from '../../store/derived';
import { useLoaded, usePackage, usePreviewTables } from '../../store/useDerived';
import { ParagraphView } from './ParagraphView';
import { SectionInputs } from './SectionInputs';
import { StatsInputs } from './StatsInputs';

export function NarrativeView({ id }: { id: NarrativeId }) {
  const loaded = useLoaded();
  const tables = usePreviewTables();
  const { narrative, prior } = usePackage();
  const lastTables = lastYearTablesOf(loaded);
  const last = lastTables && loaded.lastYear ? { year: loaded.lastYear.year, tables: lastTables } : null;
  const section = narrative.sections.find((s) => s.id === id);
  if (!section) return <div className="empty-view">本节尚未生成。</div>;
  const ctx: CheckContext = { department: loaded.department, report: loaded.report, tables };
  const lint = narrative.lint.filter((f) => f.where.startsWith(section.title));
  const missing = narrative.missing.filter((m) => m.section === section.title);
  const texts = loaded.report.texts;
  return (
    <div className="narrative-view">
      <div className="doc">
        <h3 className="doc-section-title">{section.title}</h3>
        {section.paragraphs.map((p, k) => (
          <ParagraphView key={k} paragraph={p} texts={texts} ctx={ctx} where={section.title.slice(0, 2)} prior={prior} last={last} />
        ))}
      </div>
      <div className="narrative-status">
        {missing.length > 0 ? (
          <div className="missing-summary">本节还有 {missing.length} 处待填写（红色标出）：{missing.map((m) => m.label).join('；')}</div>
        ) : (
          <div className="ok-summary">本节已填写完整。</div>
        )}
        {lint.length > 0 ? (
          <ul className="lint-list">
            {lint.map((f, k) => (
              <li key={k}>
                <span className="sev 警告">文字检查</span> {f.where}：{f.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <SectionInputs id={id} />
      <StatsInputs section={id} />
      <div className="legend-line">
        <span className="fig">蓝色数字</span>取自表格（悬停查看来源，点击跳到表格）；<span className="field">下划线文字</span>
        由您填写（点击修改）；<span className="field empty required">红色</span>为必填未填。
      </div>
    </div>
  );
}
