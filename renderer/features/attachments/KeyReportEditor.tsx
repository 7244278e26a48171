/**
 * One 项目重点评价报告: its title and the project it evaluates (涉及资金, 资金性质, the conclusion
 * 十（四） quotes), the text under its headings (一、基本情况 …; sections added, removed and moved),
 * and its 评价指标评分表 in the indicator grid the 自评表 uses — with 分值合计, 总分 and 等级 derived
 * read-only, group by group, and the report's findings (click one to go to its cell). Every
 * committed change saves the whole report as one step of the session (修改记录, 撤销/重做).
 */
import { useEffect, useState } from 'react';
import { formatWanSentence } from '../../../shared/domain/money';
import { deriveKeyReport, formatPoints, FUND_KINDS, type KeyEvaluationReport } from '../../../shared/domain/selfEvaluation';
import { useFindings, useLoaded } from '../../store/useDerived';
import { actions } from '../../store/useSession';
import { AmountInput, AttachmentFindings, ConfirmDeleteKeyReport, Field, focusField, GoneNotice, SaveState } from './editorParts';
import { currentSet, saveKeyReport } from './evaluationStore';
import { KEY_INDICATOR_GRID } from './gridPaste';
import { IndicatorGrid } from './IndicatorGrid';
import { SectionList } from './SectionList';
import './attachments.css';

export function KeyReportEditor({ id }: { id: string }) {
  const loaded = useLoaded();
  const set = loaded.evaluation;
  const report = set?.keyReports.find((r) => r.id === id);
  const findings = useFindings().filter((f) => f.attachment?.kind === 'keyReport' && f.attachment.id === id);
  const [focus, setFocus] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  useEffect(() => setFocus(null), [id]);
  if (!set || !report) return <GoneNotice what="份重点评价报告" />;
  const fig = deriveKeyReport(report, set.settings);
  /** Saves the report as it is now in the store (not as this render saw it) with the patch; `what` labels the step. */
  const update = (what: string, patch: (current: KeyEvaluationReport) => Partial<KeyEvaluationReport>) => {
    const current = currentSet().keyReports.find((r) => r.id === id) ?? report;
    void saveKeyReport({ ...current, ...patch(current) }, what);
  };

  return (
    <div className="form-view form-editor key-report-editor" data-report={report.id}>
      <div className="form-head">
        <button type="button" onClick={() => actions().navigate({ kind: 'attachments' })}>
          ← 附件列表
        </button>
        <h2 className="view-title">{report.title || '（未命名报告）'}</h2>
        <SaveState />
        <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
          删除
        </button>
      </div>
      <div className="score-bar" aria-label="评价结果">
        <span>涉及资金 <b>{formatWanSentence(report.funds)}</b> 万元</span>
        <span>评分表 <b>{report.indicators.length}</b> 项指标</span>
        <span>分值合计 <b data-figure="weight">{formatPoints(fig.weight)}</b></span>
        <span>总分 <b data-figure="total">{fig.totalText}</b></span>
        <span>等级 <b data-figure="grade" className={`grade grade-${fig.grade}`}>{fig.grade}</b></span>
        {fig.complete ? null : <span className="warn-text">尚有指标未评分</span>}
      </div>
      <AttachmentFindings findings={findings} prefix={/^重点评价报告“.*?”：/u} onGo={(field) => focusField(field, setFocus)} />

      <fieldset className="input-group">
        <legend>报告</legend>
        <div className="form-fields">
          <div data-field="title" className="wide-cell">
            <Field
              label="报告标题"
              value={report.title}
              wide
              onCommit={(v) => {
                if (v.trim() === '') actions().notify('error', '报告标题不能为空，未保存。');
                else update('修改报告标题', () => ({ title: v.trim() }));
              }}
            />
          </div>
          <Field label="评价项目（十（四）中的项目名称）" value={report.projectName} onCommit={(v) => update('修改评价项目', () => ({ projectName: v.trim() }))} />
          <label className="form-field">
            <span className="form-label">涉及资金（万元）</span>
            <AmountInput fen={report.funds} label="涉及资金" onCommit={(fen) => update('修改涉及资金', () => ({ funds: fen }))} />
          </label>
          <label className="form-field">
            <span className="form-label">资金性质</span>
            <select value={report.fundKind} onChange={(e) => update('修改资金性质', () => ({ fundKind: FUND_KINDS.find((k) => k === e.target.value) ?? report.fundKind }))}>
              {FUND_KINDS.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
          <div className="wide-cell">
            <Field label="评价结论（十（四）引用的一句话）" value={report.conclusion} multiline rows={2} wide onCommit={(v) => update('修改评价结论', () => ({ conclusion: v.trim() }))} />
          </div>
        </div>
      </fieldset>

      <fieldset className="input-group">
        <legend>正文（{report.sections.length}节）</legend>
        <SectionList sections={report.sections} onChange={(sections, what) => update(what, () => ({ sections }))} />
      </fieldset>

      <fieldset className="input-group" data-field="indicators">
        <legend>评价指标评分表（{report.indicators.length}项）</legend>
        <IndicatorGrid
          rows={report.indicators}
          spec={KEY_INDICATOR_GRID}
          ariaLabel="评价指标评分表"
          focus={focus?.split('#')[0] ?? null}
          onChange={(indicators, label) => update(label, () => ({ indicators }))}
          onError={(message) => actions().notify('error', message)}
          invalidCell={(ind, c) => c === 'score' && ind.score !== null && ind.score > ind.weight}
        />
        <table className="fund-table key-totals" aria-label="评分汇总">
          <thead>
            <tr>
              <th>一级指标</th>
              <th>二级指标</th>
              <th>分值</th>
              <th>得分</th>
            </tr>
          </thead>
          <tbody>
            {fig.level1.flatMap((g1) =>
              g1.level2.map((g2, n) => (
                <tr key={`${g1.label}/${g2.label}`}>
                  {n === 0 ? (
                    <th rowSpan={g1.level2.length}>
                      {g1.label || '（未填）'}
                      <div className="muted">
                        {formatPoints(g1.weight)}分，得{formatPoints(g1.score)}分
                      </div>
                    </th>
                  ) : null}
                  <td>{g2.label || '（未填）'}</td>
                  <td className="num derived">{formatPoints(g2.weight)}</td>
                  <td className="num derived">{formatPoints(g2.score)}</td>
                </tr>
              )),
            )}
            <tr className="total">
              <th colSpan={2}>合计</th>
              <td className="num derived" data-figure="weight-total">
                {formatPoints(fig.weight)}
              </td>
              <td className="num derived" data-figure="score-total">
                {fig.totalText}
              </td>
            </tr>
            <tr className="total">
              <th colSpan={2}>评价等级</th>
              <td colSpan={2} className={`derived grade grade-${fig.grade}`}>
                {fig.grade}
              </td>
            </tr>
          </tbody>
        </table>
      </fieldset>

      {report.printed.total || report.printed.grade ? (
        <fieldset className="input-group" data-field="printed">
          <legend>原报告上印的总分和等级（导入时记录，仅供核对）</legend>
          <p>
            {report.printed.total ? `总分 ${report.printed.total}　` : ''}
            {report.printed.grade ? `等级 ${report.printed.grade}` : ''}
          </p>
          <button type="button" onClick={() => update('清除原报告数字', () => ({ printed: {} }))}>
            已核对，清除原报告数字
          </button>
        </fieldset>
      ) : null}

      {confirmDelete ? <ConfirmDeleteKeyReport report={report} onClose={() => setConfirmDelete(false)} onDeleted={() => actions().navigate({ kind: 'attachments' })} /> : null}
    </div>
  );
}
