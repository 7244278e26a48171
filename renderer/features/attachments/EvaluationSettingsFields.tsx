/** 报表设置 › 自评表: the printed layout (晋城 / 阳泉), the 预算执行 score rule, the grade thresholds, 十（四）'s funds. */
import { type EvaluationSettings, emptyEvaluationSet, formatPoints, parsePoints, PointsError } from '../../../shared/domain/selfEvaluation';
import { useLoaded } from '../../store/useDerived';
import { actions } from '../../store/useSession';
import { CommitText } from '../../ui/CommitText';
import { saveSettings } from './evaluationStore';

export function EvaluationSettingsFields() {
  const settings = useLoaded().evaluation?.settings ?? emptyEvaluationSet().settings;
  const change = (patch: Partial<EvaluationSettings>) => void saveSettings({ ...settings, ...patch });
  const grade = (key: keyof EvaluationSettings['grades'], label: string) => (
    <label className="choice">
      {label} ≥
      <CommitText
        value={formatPoints(settings.grades[key])}
        ariaLabel={`${label}的分数线`}
        className="num short"
        onCommit={(text) => {
          try {
            const value = parsePoints(text);
            if (value !== null) change({ grades: { ...settings.grades, [key]: value } });
          } catch (e) {
            if (!(e instanceof PointsError)) throw e;
            actions().notify('error', `${label}的分数线：${e.message}`);
          }
        }}
      />
      分
    </label>
  );
  return (
    <>
      <fieldset className="input-group">
        <legend>项目支出绩效自评表版式</legend>
        <div className="choices">
          {(['晋城', '阳泉'] as const).map((layout) => (
            <label key={layout} className="choice">
              <input type="radio" name="evaluationLayout" checked={settings.layout === layout} onChange={() => change({ layout })} />
              {layout === '晋城' ? '晋城版式（年初预算数/全年预算数/全年执行数，按三级指标评分）' : '阳泉版式（项目预算金额/实际到位金额/实际执行金额，按一级指标评分）'}
            </label>
          ))}
        </div>
        <div className="group-note">同一份数据可按任一版式打印和导出，随时可以切换。</div>
      </fieldset>
      <fieldset className="input-group">
        <legend>自评评分</legend>
        <div className="choices">
          <label className="choice">
            <input type="radio" name="budgetRule" checked={settings.budgetRule.kind === 'linear'} onChange={() => change({ budgetRule: { kind: 'linear' } })} />
            预算执行得分 = {formatPoints(settings.budgetWeight)} × 执行率（最高100%）
          </label>
          <label className="choice">
            <input
              type="radio"
              name="budgetRule"
              checked={settings.budgetRule.kind === 'banded'}
              onChange={() =>
                change({ budgetRule: { kind: 'banded', bands: [{ minRateBp: 9000, score: settings.budgetWeight }, { minRateBp: 8000, score: 8000 }, { minRateBp: 6000, score: 6000 }, { minRateBp: 0, score: 0 }] } })
              }
            />
            分档：执行率≥90%得满分、≥80%得8分、≥60%得6分、其余0分
          </label>
        </div>
        <div className="choices">
          {grade('excellent', '优')}
          {grade('good', '良')}
          {grade('fair', '中')}
          <span className="muted">低于“中”的分数线为差</span>
        </div>
      </fieldset>
      <fieldset className="input-group">
        <legend>情况说明十（四）“涉及资金”</legend>
        <div className="choices">
          {(
            [
              ['initial', '各项目年初预算合计'],
              ['budget', '各项目全年预算合计'],
              ['spent', '各项目全年执行合计'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="choice">
              <input type="radio" name="fundsBasis" checked={settings.fundsBasis === value} onChange={() => change({ fundsBasis: value })} />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}
