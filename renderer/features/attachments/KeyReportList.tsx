/**
 * The year's 项目重点评价报告 in the 附件 list: title (opens the editor), sections, 评分表 rows,
 * 总分, 等级 and findings; 新建 and 删除 (with confirmation; both can be undone).
 */
import { useState } from 'react';
import type { Finding } from '../../../shared/domain/checks';
import { deriveKeyReport, type EvaluationSet } from '../../../shared/domain/selfEvaluation';
import { actions } from '../../store/useSession';
import { ConfirmDeleteKeyReport, FindingCounts } from './editorParts';
import { addKeyReport } from './evaluationStore';

export function KeyReportList({ set, findings }: { set: EvaluationSet; findings: readonly Finding[] }) {
  const [deleting, setDeleting] = useState<string | null>(null);
  const reports = set.keyReports;
  const target = reports.find((r) => r.id === deleting);
  const open = (id: string) => actions().navigate({ kind: 'keyReport', id });
  return (
    <fieldset className="input-group">
      <legend>项目重点评价报告</legend>
      {reports.length === 0 ? <p className="group-note">还没有重点评价报告。新建一份，或随交换格式文件导入（见 docs/interchange-format.md 3.15）。</p> : null}
      {reports.length > 0 ? (
        <table className="key-report-list" aria-label="项目重点评价报告">
          <thead>
            <tr>
              <th>报告标题</th>
              <th>正文</th>
              <th>评分表</th>
              <th>总分</th>
              <th>等级</th>
              <th>审核</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => {
              const fig = deriveKeyReport(r, set.settings);
              return (
                <tr key={r.id} data-report={r.id}>
                  <td>
                    <button type="button" className="link" onClick={() => open(r.id)}>
                      {r.title}
                    </button>
                  </td>
                  <td className="num">{r.sections.length}节</td>
                  <td className="num">{r.indicators.length}项</td>
                  <td className="num" data-figure="total">
                    {fig.totalText}
                  </td>
                  <td className={`grade grade-${fig.grade}`} data-figure="grade">
                    {fig.grade}
                  </td>
                  <FindingCounts findings={findings.filter((x) => x.attachment?.kind === 'keyReport' && x.attachment.id === r.id)} />
                  <td className="row-tools">
                    <button type="button" className="danger" onClick={() => setDeleting(r.id)}>
                      删除
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <div className="list-actions">
        <button type="button" onClick={() => void addKeyReport().then((id) => id && open(id))}>
          新建重点评价报告
        </button>
        <span className="group-note">导出时排在自评表之后。</span>
      </div>
      {target ? <ConfirmDeleteKeyReport report={target} onClose={() => setDeleting(null)} /> : null}
    </fieldset>
  );
}
