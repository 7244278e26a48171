/**
 * 第五部分 附件: the year's 项目支出绩效自评表 with 全年预算, 全年执行, 执行率, 总分, 等级 and their
 * findings (open, copy, move, delete with confirmation), new form, import from Excel, the
 * 重点评价报告 with 总分, 等级 and findings (open, new, delete with confirmation), and the titles of
 * other attachments the officer lists by hand. Every change here is one undo step.
 */
import { type ChangeEvent, useRef, useState } from 'react';
import { formatWanSentence } from '../../../shared/domain/money';
import { figuresOf, summarise } from '../../../shared/domain/selfEvaluation';
import { useFindings, useLoaded } from '../../store/useDerived';
import { actions } from '../../store/useSession';
import { CommitText } from '../../ui/CommitText';
import { ConfirmDeleteForm, FindingCounts } from './editorParts';
import { addForm, copyForm, importWorkbook, moveForm } from './evaluationStore';
import { KeyReportList } from './KeyReportList';
import './attachments.css';

export function AttachmentsView() {
  const loaded = useLoaded();
  const report = loaded.report;
  const set = loaded.evaluation;
  const findings = useFindings();
  const [deleting, setDeleting] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const forms = set?.forms ?? [];
  const summary = set ? summarise(set) : null;
  const open = (id: string) => actions().navigate({ kind: 'form', id });
  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const result = await importWorkbook(file);
    if (result) {
      const skipped = result.skipped.length > 0 ? `；跳过：${result.skipped.join('、')}` : '';
      actions().notify('info', `已导入自评表：新增${result.added.length}张，替换${result.replaced.length}张${skipped}`);
    }
  };
  const target = forms.find((f) => f.id === deleting);

  return (
    <div className="form-view attachments-view">
      <h2 className="view-title">第五部分 附件</h2>
      <div className="list-actions">
        <button type="button" className="primary" onClick={() => void addForm('新项目').then((id) => id && open(id))}>
          新建自评表
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          从 Excel 导入…
        </button>
        <input ref={fileInput} type="file" accept=".xlsx" hidden aria-label="选择要导入的自评表 Excel 文件" onChange={(e) => void onImport(e)} />
        {set ? <span className="muted">版式：{set.settings.layout}（在报表设置中切换）</span> : null}
      </div>
      {forms.length === 0 ? (
        <p className="group-note">还没有项目支出绩效自评表。新建一张，或从 Excel 导入（每张工作表一张表，晋城或阳泉版式）。</p>
      ) : (
        <table className="form-list" aria-label="项目支出绩效自评表">
          <thead>
            <tr>
              <th>序号</th>
              <th>项目名称</th>
              <th>全年预算（万元）</th>
              <th>全年执行（万元）</th>
              <th>执行率</th>
              <th>总分</th>
              <th>等级</th>
              <th>审核</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {forms.map((form, k) => {
              const f = figuresOf(form, set!.settings);
              return (
                <tr key={form.id} data-form={form.id}>
                  <td className="num">{k + 1}</td>
                  <td>
                    <button type="button" className="link" onClick={() => open(form.id)}>
                      {form.name || '（未命名项目）'}
                    </button>
                  </td>
                  <td className="num">{formatWanSentence(f.funds.budget)}</td>
                  <td className="num">{formatWanSentence(f.funds.spent)}</td>
                  <td className="num">{f.rateText}</td>
                  <td className="num" data-figure="total">
                    {f.totalText}
                  </td>
                  <td className={`grade grade-${f.grade}`} data-figure="grade">
                    {f.grade}
                  </td>
                  <FindingCounts findings={findings.filter((x) => x.attachment?.kind === 'form' && x.attachment.id === form.id)} />
                  <td className="row-tools">
                    <button type="button" aria-label={`上移“${form.name}”`} disabled={k === 0} onClick={() => void moveForm(form.id, -1)}>
                      ↑
                    </button>
                    <button type="button" aria-label={`下移“${form.name}”`} disabled={k === forms.length - 1} onClick={() => void moveForm(form.id, 1)}>
                      ↓
                    </button>
                    <button type="button" onClick={() => void copyForm(form.id)}>
                      复制
                    </button>
                    <button type="button" className="danger" onClick={() => setDeleting(form.id)}>
                      删除
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
          {summary ? (
            <tfoot>
              <tr>
                <th colSpan={2}>合计 {summary.count} 张</th>
                <td className="num">{formatWanSentence(summary.budget)}</td>
                <td className="num">{formatWanSentence(summary.spent)}</td>
                <td colSpan={5} data-figure="grades">
                  优{summary.byGrade.优}　良{summary.byGrade.良}　中{summary.byGrade.中}　差{summary.byGrade.差}
                </td>
              </tr>
            </tfoot>
          ) : null}
        </table>
      )}

      {set ? <KeyReportList set={set} findings={findings} /> : null}

      <fieldset className="input-group">
        <legend>其他附件名称（每行一个，没有自评表时列入目录）</legend>
        <CommitText
          value={report.texts['attachments'] ?? ''}
          multiline
          rows={4}
          placeholder={'例如：\n1. 项目支出绩效自评表\n2. 重点项目绩效评价报告'}
          onCommit={(v) => void actions().editText('attachments', v, '附件')}
        />
      </fieldset>

      {target ? <ConfirmDeleteForm form={target} onClose={() => setDeleting(null)} /> : null}
    </div>
  );
}
