/**
 * One 项目支出绩效自评表, laid out like the printed form of the chosen layout: project, funds by
 * source and stage, goals, the indicator grid (IndicatorGrid), 一级 scores, the analysis texts,
 * 评价人员 and 填报日期 — with 执行率, 预算执行得分, 总分 and 等级 derived live, and the form's findings
 * (click one to go to its field). Every committed change saves the whole form as one step of the
 * session (修改记录, 撤销/重做), labelled with the field it changed.
 */
import { useEffect, useState } from 'react';
import { fenToWanText, formatWanSentence } from '../../../shared/domain/money';
import {
  ANALYSIS_FIELDS,
  ANALYSIS_NAMES,
  type AnalysisField,
  type Evaluator,
  figuresOf,
  formatPoints,
  FUND_KINDS,
  FUND_SOURCE_NAMES,
  FUND_SOURCES,
  type FundKind,
  type FundSource,
  LAYOUT_ANALYSIS,
  LEVEL1_KINDS,
  LEVEL1_NAMES,
  missesTarget,
  parsePoints,
  PointsError,
  type SelfEvaluationForm,
} from '../../../shared/domain/selfEvaluation';
import { useFindings, useLoaded } from '../../store/useDerived';
import { actions } from '../../store/useSession';
import { CommitText } from '../../ui/CommitText';
import { AmountInput, AttachmentFindings, ConfirmDeleteForm, Field, focusField, GoneNotice, SaveState } from './editorParts';
import { copyForm, currentSet, saveForm } from './evaluationStore';
import { FORM_INDICATOR_GRID, type FormColumn } from './gridPaste';
import { IndicatorGrid } from './IndicatorGrid';
import './attachments.css';

type Stage = 'declared' | 'initial' | 'budget' | 'spent';

function stageNames(layout: '晋城' | '阳泉'): [Stage, string][] {
  return layout === '阳泉'
    ? [['initial', '项目预算金额'], ['budget', '实际到位金额'], ['spent', '实际执行金额']]
    : [['declared', '目标申报数'], ['initial', '预算编制数'], ['budget', '全年预算数'], ['spent', '全年执行数']];
}

/** The form's single texts, saved as typed (the name trimmed). */
type TextField = 'name' | 'department' | 'unit' | 'manager' | 'phone' | 'period' | 'evaluationYear' | 'goal' | 'goalEffect' | 'achieved' | 'seal';

/** 阳泉 names three grid columns otherwise. */
const YANGQUAN_HEADERS: Partial<Record<FormColumn, string>> = { target: '年度指标值', actual: '全年完成值', deviation: '未完成原因和改进措施' };
const YANGQUAN_COLUMNS = FORM_INDICATOR_GRID.columns.filter((c) => c !== 'targetInitial');

export function FormEditor({ id }: { id: string }) {
  const loaded = useLoaded();
  const set = loaded.evaluation;
  const form = set?.forms.find((f) => f.id === id);
  const findings = useFindings().filter((f) => f.attachment?.kind === 'form' && f.attachment.id === id);
  const [focus, setFocus] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  useEffect(() => setFocus(null), [id]);
  if (!set || !form) return <GoneNotice what="张自评表" />;
  const layout = set.settings.layout;
  const f = figuresOf(form, set.settings);
  /** Saves the form as it is now in the store (not as this render saw it) with the patch; `what` labels the step. */
  const update = (what: string, patch: (current: SelfEvaluationForm) => Partial<SelfEvaluationForm>) => {
    const current = currentSet().forms.find((f) => f.id === id) ?? form;
    void saveForm({ ...current, ...patch(current) }, what);
  };
  const text = (key: TextField, label: string, options: { multiline?: boolean; wide?: boolean } = {}) => (
    <Field
      label={label}
      value={form[key]}
      {...options}
      onCommit={(v) => {
        if (key === 'name' && v.trim() === '') actions().notify('error', '项目名称不能为空，未保存。');
        else update(`修改${label}`, () => ({ [key]: key === 'name' ? v.trim() : v }));
      }}
    />
  );
  const setFund = (src: FundSource, stage: Stage, name: string, fen: number) =>
    update(`修改${FUND_SOURCE_NAMES[src]}${name}`, (c) => ({ funds: { ...c.funds, [src]: { ...c.funds[src], [stage]: fen } } }));
  const setAnalysis = (k: AnalysisField, label: string, v: string) => update(`修改${label}`, (c) => ({ analysis: { ...c.analysis, [k]: v } }));
  const setEvaluator = (k: number, what: string, patch: Partial<Evaluator>) =>
    update(`修改第${k + 1}位评价人员的${what}`, (c) => ({ evaluators: c.evaluators.map((e, n) => (n === k ? { ...e, ...patch } : e)) }));
  const analysisLabel = (k: AnalysisField) => (layout === '阳泉' && k === 'problems' ? '存在问题与整改措施' : ANALYSIS_NAMES[k]);
  const analysisShown = ANALYSIS_FIELDS.filter((k) => LAYOUT_ANALYSIS[layout].includes(k) || form.analysis[k].trim() !== '');

  return (
    <div className="form-view form-editor" data-form={form.id}>
      <div className="form-head">
        <button type="button" onClick={() => actions().navigate({ kind: 'attachments' })}>
          ← 自评表列表
        </button>
        <h2 className="view-title">{form.name || '（未命名项目）'}</h2>
        <SaveState />
        <button type="button" onClick={() => void copyForm(form.id).then((copy) => copy && actions().navigate({ kind: 'form', id: copy }))}>
          复制
        </button>
        <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
          删除
        </button>
      </div>
      <div className="score-bar" aria-label="自评结果">
        <span>全年预算 <b>{formatWanSentence(f.funds.budget)}</b> 万元</span>
        <span>全年执行 <b>{formatWanSentence(f.funds.spent)}</b> 万元</span>
        <span>执行率 <b data-figure="rate">{f.rateText}</b></span>
        <span>预算执行得分 <b>{formatPoints(f.budgetScore)}</b></span>
        <span>总分 <b data-figure="total">{f.totalText}</b></span>
        <span>等级 <b data-figure="grade" className={`grade grade-${f.grade}`}>{f.grade}</b></span>
        <span className="muted">（{layout}版式，可在报表设置中切换）</span>
      </div>
      <AttachmentFindings findings={findings} prefix={/^自评表“.*?”：/u} onGo={(field) => focusField(field, setFocus)} />

      <fieldset className="input-group">
        <legend>项目</legend>
        <div className="form-fields">
          <div data-field="name" className="wide-cell">
            {text('name', '项目名称', { wide: true })}
          </div>
          <div data-field="department">
            {text('department', layout === '阳泉' ? '主管部门' : '主管部门及代码')}
          </div>
          <div data-field="unit">
            {text('unit', layout === '阳泉' ? '实施单位' : '预算单位')}
          </div>
          {text('manager', '项目负责人')}
          {text('phone', '联系电话')}
          {text('period', '项目起止时间')}
          {text('evaluationYear', '绩效自评评价年度')}
          <label className="form-field">
            <span className="form-label">资金性质</span>
            <select value={form.fundKind} onChange={(e) => update('修改资金性质', () => ({ fundKind: FUND_KINDS.find((k) => k === e.target.value) ?? form.fundKind }))}>
              {FUND_KINDS.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
        </div>
      </fieldset>

      <fieldset className="input-group" data-field="funds">
        <legend>项目资金（万元）</legend>
        <table className="fund-table">
          <thead>
            <tr>
              <th>资金来源</th>
              {stageNames(layout).map(([stage, name]) => (
                <th key={stage}>{name}</th>
              ))}
              <th>结转结余</th>
            </tr>
          </thead>
          <tbody>
            {FUND_SOURCES.map((src) => (
              <tr key={src}>
                <th>{FUND_SOURCE_NAMES[src]}</th>
                {stageNames(layout).map(([stage, name]) => (
                  <td key={stage} data-field={`funds.${src}`}>
                    <AmountInput fen={form.funds[src][stage]} label={`${FUND_SOURCE_NAMES[src]}${name}`} onCommit={(fen) => setFund(src, stage, name, fen)} />
                  </td>
                ))}
                <td className="num derived">{fenToWanText(f.carryover[src])}</td>
              </tr>
            ))}
            <tr className="total">
              <th>资金总额</th>
              {stageNames(layout).map(([stage]) => (
                <td key={stage} className="num derived">
                  {fenToWanText(f.funds[stage])}
                </td>
              ))}
              <td className="num derived">{fenToWanText(f.funds.carryover)}</td>
            </tr>
          </tbody>
        </table>
      </fieldset>

      <fieldset className="input-group">
        <legend>项目年度绩效目标</legend>
        <div className="form-fields" data-field="goal">
          {text('goal', layout === '阳泉' ? '项目提供的公共产品和服务的数量' : '年度目标', { multiline: true, wide: true })}
          {layout === '阳泉' ? text('goalEffect', '项目效果', { multiline: true, wide: true }) : null}
          {layout === '晋城' ? text('achieved', '实际完成情况', { multiline: true, wide: true }) : null}
        </div>
      </fieldset>

      <fieldset className="input-group">
        <legend>绩效指标（{form.indicators.length}项）</legend>
        <IndicatorGrid
          rows={form.indicators}
          spec={FORM_INDICATOR_GRID}
          ariaLabel="绩效指标"
          {...(layout === '阳泉' ? { columns: YANGQUAN_COLUMNS, headers: YANGQUAN_HEADERS } : {})}
          focus={focus?.split('#')[0] ?? null}
          onChange={(indicators, label) => update(label, () => ({ indicators }))}
          onError={(message) => actions().notify('error', message)}
          rowClass={(ind) => (missesTarget(ind) && ind.deviation.trim() === '' ? 'missed' : undefined)}
          invalidCell={(ind, c) => c === 'score' && ind.weight !== null && ind.score !== null && ind.score > ind.weight}
        />
        <div className="group-scores" data-field="groupScores">
          <span className="form-label">按一级指标整体评分（阳泉版式的“自评得分”；留空则取三级指标得分合计）：</span>
          {LEVEL1_KINDS.map((kind) => {
            const g = f.groups.find((x) => x.kind === kind);
            return (
              <label key={kind} className="group-score">
                {LEVEL1_NAMES[kind]}（{formatPoints(set.settings.weights[kind])}分）
                <CommitText
                  value={form.groupScores[kind] === undefined ? '' : formatPoints(form.groupScores[kind]!)}
                  placeholder={g?.score !== null && g?.score !== undefined ? formatPoints(g.score) : ''}
                  ariaLabel={`${LEVEL1_NAMES[kind]}自评得分`}
                  className="num"
                  onCommit={(text) => {
                    try {
                      const value = parsePoints(text);
                      update(`修改${LEVEL1_NAMES[kind]}自评得分`, (c) => {
                        const groupScores = { ...c.groupScores };
                        if (value === null) delete groupScores[kind];
                        else groupScores[kind] = value;
                        return { groupScores };
                      });
                    } catch (e) {
                      if (!(e instanceof PointsError)) throw e;
                      actions().notify('error', `${LEVEL1_NAMES[kind]}自评得分：${e.message}`);
                    }
                  }}
                />
              </label>
            );
          })}
        </div>
      </fieldset>

      <fieldset className="input-group">
        <legend>{layout === '阳泉' ? '自评结论与分析' : '项目绩效分析'}</legend>
        <div className="form-fields">
          {analysisShown.map((k) => (
            <div key={k} data-field={`analysis.${k}`} className="wide-cell">
              <Field label={analysisLabel(k)} value={form.analysis[k]} multiline wide onCommit={(v) => setAnalysis(k, analysisLabel(k), v)} />
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset className="input-group">
        <legend>评价人员与填报</legend>
        <table className="people-table">
          <thead>
            <tr>
              <th>角色</th>
              <th>姓名</th>
              <th>职称/职务</th>
              <th>工作单位</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {form.evaluators.map((e, k) => (
              <tr key={k}>
                <td>
                  <select value={e.role} aria-label={`第${k + 1}位评价人员角色`} onChange={(ev) => setEvaluator(k, '角色', { role: ev.target.value === '组长' ? '组长' : '成员' })}>
                    <option>组长</option>
                    <option>成员</option>
                  </select>
                </td>
                <td>
                  <CommitText value={e.name} ariaLabel={`第${k + 1}位评价人员姓名`} onCommit={(v) => setEvaluator(k, '姓名', { name: v })} />
                </td>
                <td>
                  <CommitText value={e.title} ariaLabel={`第${k + 1}位评价人员职称职务`} onCommit={(v) => setEvaluator(k, '职称/职务', { title: v })} />
                </td>
                <td>
                  <CommitText value={e.unit} ariaLabel={`第${k + 1}位评价人员工作单位`} onCommit={(v) => setEvaluator(k, '工作单位', { unit: v })} />
                </td>
                <td>
                  <button type="button" aria-label={`删除第${k + 1}位评价人员`} onClick={() => update(`删除第${k + 1}位评价人员`, (c) => ({ evaluators: c.evaluators.filter((_, n) => n !== k) }))}>
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          onClick={() =>
            update('添加评价人员', (c) => ({ evaluators: [...c.evaluators, { role: c.evaluators.length === 0 ? '组长' : '成员', name: '', title: '', unit: loaded.department.name }] }))
          }
        >
          添加评价人员
        </button>
        <div className="form-fields">
          {text('seal', '单位（盖章）')}
          <label className="form-field" data-field="filledOn">
            <span className="form-label">填报日期</span>
            <input type="date" value={form.filledOn} aria-label="填报日期" onChange={(e) => update('修改填报日期', () => ({ filledOn: e.target.value }))} />
          </label>
        </div>
      </fieldset>

      {Object.keys(form.printed).length > 0 ? (
        <fieldset className="input-group" data-field="printed">
          <legend>原表上印的数字（导入时记录，仅供核对）</legend>
          <p>
            {form.printed.rate ? `执行率 ${form.printed.rate}　` : ''}
            {form.printed.total ? `总分 ${form.printed.total}　` : ''}
            {form.printed.grade ? `等级 ${form.printed.grade}` : ''}
          </p>
          <button type="button" onClick={() => update('清除原表数字', () => ({ printed: {} }))}>
            已核对，清除原表数字
          </button>
        </fieldset>
      ) : null}

      {confirmDelete ? <ConfirmDeleteForm form={form} onClose={() => setConfirmDelete(false)} onDeleted={() => actions().navigate({ kind: 'attachments' })} /> : null}
    </div>
  );
}
