/**
 * The drafted prose as structured paragraphs: literal text, figures that carry their
 * source cell, and fields the officer fills in (主要原因是…, 用于…). The screen highlights
 * figures and makes fields editable; the exporters print the runs' text.
 */
import type { FactRef } from '../model';
import type { Fen } from '../money';

export type Run =
  | { kind: 'text'; text: string }
  /** A number printed from the model: `text` as printed, `source` a cell id or a description. */
  | {
      kind: 'figure';
      text: string;
      value?: Fen | number;
      source?: string;
      /** A typed figure the sentence needs but the report lacks (last year's figure, a budget). */
      missing?: { fact: FactRef; label: string };
    }
  /** A user field: `key` in Report.texts; `text` is its value ('' when unfilled). */
  | { kind: 'field'; key: string; text: string; required: boolean; hint: string };

export type ParagraphStyle = 'heading1' | 'heading2' | 'heading3' | 'body';

export interface Paragraph {
  style: ParagraphStyle;
  runs: Run[];
}

export interface Section {
  /** Stable id, e.g. `n1` … `n10` for 情况说明 一 … 十. */
  id: string;
  title: string;
  paragraphs: Paragraph[];
}

export function paragraphText(p: Paragraph): string {
  return p.runs.map((r) => r.text).join('');
}

export function text(t: string): Run {
  return { kind: 'text', text: t };
}
