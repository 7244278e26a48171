/**
 * Pieces the 自评表 and 重点评价报告 editors share: a labelled text field, an amount in 万元, the
 * save state, and the list of the form's (report's) findings that takes the officer to the field.
 */
import { useState } from 'react';
import type { Finding } from '../../../shared/domain/checks';
import { fenToWanText, MoneyError, parseAmountInput } from '../../../shared/domain/money';
import { saveStateOf } from '../../store/session';
import { actions, useSession } from '../../store/useSession';
import { CommitText } from '../../ui/CommitText';

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
