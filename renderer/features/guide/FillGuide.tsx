/** 填报向导: the fill-in order with each step's progress; a click goes to the step. */
import { usePackage, useFindings, useLoaded } from '../../store/useDerived';
import { actions } from '../../store/useSession';
import { fillSteps } from './fillSteps';

export function FillGuide() {
  const loaded = useLoaded();
  const findings = useFindings();
  const { narrative } = usePackage();
  const steps = fillSteps(loaded.report, findings, narrative.missing.length, 0);
  return (
    <div className="form-view guide-view">
      <h2 className="view-title">填报向导（{loaded.report.year}年度）</h2>
      <p className="muted">按下面的顺序填写，表格中的合计、其他表的汇总数和情况说明里的数字都会自动生成。每一步完成后回到这里继续。</p>
      <ol className="guide-steps">
        {steps.map((step, k) => (
          <li key={step.key} className={`guide-step s-${step.status}`} data-testid={`guide-${step.key}`}>
            <span className="guide-no">{k + 1}</span>
            <div className="guide-body">
              <div className="guide-title">
                {step.title}
                <span className={`guide-status ${step.status}`}>{step.status}</span>
              </div>
              <div className="guide-hint">{step.hint}</div>
              <div className="guide-progress">{step.progress}</div>
            </div>
            <button type="button" onClick={() => actions().navigate(step.view)}>
              去填写
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
