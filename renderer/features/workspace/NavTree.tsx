/** The navigation tree: the package in its printed order, then 报表设置 and 审核. */
import { countBySeverity } from '../../../shared/domain/checks';
import { tableName, tableList } from '../../../shared/domain/tables';
import { useDeferredPackage, useFindings } from '../../store/useDerived';
import { actions, useSession } from '../../store/useSession';
import { sameView, sectionLabel, type View } from '../../store/view';

function Item({ view, label, title, badge }: { view: View; label: string; title?: string; badge?: string | null }) {
  const current = useSession((s) => s.view);
  // A form or report is part of 第五部分 附件.
  const active = sameView(current, view) || (view.kind === 'attachments' && (current.kind === 'form' || current.kind === 'keyReport'));
  return (
    <li>
      <button type="button" className={`nav-item${active ? ' active' : ''}`} aria-current={active ? 'page' : undefined} title={title ?? label} onClick={() => actions().navigate(view)}>
        <span className="nav-label">{label}</span>
        {badge ? <span className="nav-badge">{badge}</span> : null}
      </button>
    </li>
  );
}

export function NavTree() {
  const { narrative, model } = useDeferredPackage();
  const forms = model.evaluation?.forms.length ?? 0;
  const findings = useFindings();
  const errors = countBySeverity(findings).错误;
  const published = useSession((s) => Boolean(s.loaded?.publication));
  const missingBySection = new Map<string, number>();
  for (const m of narrative.missing) missingBySection.set(m.section, (missingBySection.get(m.section) ?? 0) + 1);
  return (
    <nav className="nav" aria-label="目录">
      <ul>
        <Item view={{ kind: 'guide' }} label="填报向导" title="按顺序填写，查看每一步的进度" />
        <Item view={{ kind: 'overview' }} label="第一部分 概况" />
        <li className="nav-part">第二部分 决算表</li>
        {tableList(model.tables).map(({ id }) => (
          <Item key={id} view={{ kind: 'table', id }} label={tableName(id)} />
        ))}
        <li className="nav-part">第三部分 情况说明</li>
        {narrative.sections.map(({ id, title }) => {
          const missing = missingBySection.get(title) ?? 0;
          return <Item key={id} view={{ kind: 'narrative', id }} label={sectionLabel(title)} title={title} badge={missing > 0 ? `待填${missing}` : null} />;
        })}
        <Item view={{ kind: 'glossary' }} label="第四部分 名词解释" />
        <Item view={{ kind: 'attachments' }} label="第五部分 附件" badge={forms > 0 ? `自评表${forms}` : null} />
        <li className="nav-part">工具</li>
        <Item view={{ kind: 'settings' }} label="报表设置" />
        <Item view={{ kind: 'checks' }} label="审核" badge={errors > 0 ? `错误${errors}` : null} />
        <Item view={{ kind: 'compare' }} label="年度对比" title="任选两个年度逐表逐行对比，标出需要说明原因的变动" />
        <Item view={{ kind: 'changes' }} label="修改记录与定稿" title="本年度的每一次修改；定稿与取消定稿" badge={published ? '已定稿' : null} />
      </ul>
    </nav>
  );
}
