/**
 * Pieces the 附件 list and the 自评表 and 重点评价报告 editors share: a labelled text field, an amount
 * in 万元, the save state, a form's (report's) findings that take the officer to the field and
 * their counts, the tools of a row, the confirmation of a deletion, and the notice that what was
 * open is gone.
 */
import { useState } from 'react';
import { countBySeverity, type Finding } from '../../../shared/domain/checks';
import { fenToWanText, MoneyError, parseAmountInput } from '../../../shared/domain/money';
import type { KeyEvaluationReport, SelfEvaluationForm } from '../../../shared/domain/selfEvaluation';
import { saveStateOf } from '../../store/session';
import { actions, useSession } from '../../store/useSession';
import { CommitText } from '../../ui/CommitText';
import { Confirm } from '../../ui/Modal';
import { deleteForm, deleteKeyReport } from './evaluationStore';

export function Field({ label, value, onCommit, multiline, wide, rows }: { label: string; value: string; onCommit: (v: string) => void; multiline?: boolean; wide?: boolean; rows?: number }) {
  return (
    <label className={`form-field${wide ? ' wide' : ''}`}>
      <span className="form-label">{label}</span>
      <CommitText value={value} multiline={multiline} rows={multiline ? (rows ?? 4) : undefined} ariaLabel={label} onCommit={onCommit} />
    </label>
  );
}

/** An amount typed in 万元 (blank is 0); a bad entry is refused with the reason and nothing saved. */
export function AmountInput({ fen, label, onCommit }: { fen: number; label: string; onCommit: (fen: number) => void }) {
  const shown = fen === 0 ? '' : fenToWanText(fen);
  const [bad, setBad] = useState(false);
  return (
    <CommitText
      value={shown}
      ariaLabel={label}
      invalid={bad}
      className="num"
      onCommit={(text) => {
        try {
          const parsed = parseAmountInput(text, '万元');
          setBad(false);
          onCommit(parsed.fen);
        } catch (e) {
          if (!(e instanceof MoneyError)) throw e;
          setBad(true);
          actions().notify('error', `${label}：${e.message}`);
        }
      }}
    />
  );
}

/** 已保存 / 保存中… / 保存失败 of the session's writes (the editors' saves are among them). */
export function SaveState() {
  const state = useSession((s) => saveStateOf({ pendingWrites: s.pendingWrites, saveError: s.saveError }));
  return <span className="form-save-state">{state}</span>;
}

/**
 * Puts the cursor in a finding's field: a grid cell through the grid's `focus` (the caller's
 * state), any other field by its `data-field` wrapper.
 */
export function focusField(field: string, focusGrid: (focus: string) => void): void {
  focusGrid(`${field}#${Date.now()}`);
  if (field.startsWith('indicators.')) return;
  const wrapper = field.split('.').slice(0, 2).join('.');
  document.querySelector<HTMLElement>(`[data-field="${wrapper}"] input, [data-field="${wrapper}"] textarea`)?.focus();
}

export function AttachmentFindings({ findings, prefix, onGo }: { findings: readonly Finding[]; prefix: RegExp; onGo: (field: string) => void }) {
  if (findings.length === 0) return null;
  return (
    <ul className="form-findings" aria-label="本表审核发现">
      {findings.map((x, k) => (
        <li key={k} className={x.severity === '错误' ? 'error-text' : x.severity === '警告' ? 'warn-text' : ''}>
          <button type="button" className="link" onClick={() => onGo(x.attachment?.field ?? '')}>
            【{x.severity}】{x.message.replace(prefix, '')}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** 错误 and 警告 of one form or report, or a dash. */
export function FindingCounts({ findings }: { findings: readonly Finding[] }) {
  const counts = countBySeverity(findings);
  return (
    <td>
      {counts.错误 > 0 ? <span className="error-text">错误{counts.错误}</span> : null} {counts.警告 > 0 ? <span className="warn-text">警告{counts.警告}</span> : null}
      {counts.错误 + counts.警告 === 0 ? <span className="muted">—</span> : null}
    </td>
  );
}

/** ↑ ↓ ＋ ✕ of a row of a grid or list (`what`: 行, 节; `altKeys`: Alt+↑/↓ move it too). */
export function RowTools(props: { index: number; count: number; what: string; altKeys?: boolean; onMove: (by: -1 | 1) => void; onInsert: () => void; onRemove: () => void }) {
  const { index, count, what, altKeys, onMove, onInsert, onRemove } = props;
  const n = index + 1;
  return (
    <span className="row-tools">
      <button type="button" title={altKeys ? '上移（Alt+↑）' : '上移'} aria-label={`上移第${n}${what}`} disabled={index === 0} onClick={() => onMove(-1)}>
        ↑
      </button>
      <button type="button" title={altKeys ? '下移（Alt+↓）' : '下移'} aria-label={`下移第${n}${what}`} disabled={index === count - 1} onClick={() => onMove(1)}>
        ↓
      </button>
      <button type="button" title={`在下方插入一${what}`} aria-label={`在第${n}${what}下方插入`} onClick={onInsert}>
        ＋
      </button>
      <button type="button" title={`删除这一${what}（可撤销）`} aria-label={`删除第${n}${what}`} onClick={onRemove}>
        ✕
      </button>
    </span>
  );
}

/** 删除自评表 after confirmation; `onDeleted` runs once it is deleted. */
export function ConfirmDeleteForm({ form, onClose, onDeleted }: { form: SelfEvaluationForm; onClose: () => void; onDeleted?: () => void }) {
  return (
    <Confirm
      title="删除自评表"
      confirmText="删除"
      danger
      onCancel={onClose}
      onConfirm={() => {
        onClose();
        void deleteForm(form.id).then((done) => done && onDeleted?.());
      }}
    >
      确定删除“{form.name || '未命名项目'}”的自评表吗？表中 {form.indicators.length} 项指标和全部文字将一并删除（可撤销）。
    </Confirm>
  );
}

export function ConfirmDeleteKeyReport({ report, onClose, onDeleted }: { report: KeyEvaluationReport; onClose: () => void; onDeleted?: () => void }) {
  return (
    <Confirm
      title="删除重点评价报告"
      confirmText="删除"
      danger
      onCancel={onClose}
      onConfirm={() => {
        onClose();
        void deleteKeyReport(report.id).then((done) => done && onDeleted?.());
      }}
    >
      确定删除“{report.title}”吗？报告的 {report.sections.length} 节正文和评分表的 {report.indicators.length} 项指标将一并删除（可撤销）。
    </Confirm>
  );
}

/** What the editor had open was deleted (or undone away). */
export function GoneNotice({ what }: { what: string }) {
  return (
    <div className="form-view">
      <p>这{what}已不存在（已删除，可撤销）。</p>
      <button type="button" onClick={() => actions().navigate({ kind: 'attachments' })}>
        返回附件列表
      </button>
    </div>
  );
}
