/**
 * The drafted prose as structured paragraphs: literal text, figures that carry their
 * source (a cell, a typed fact, or a computation on them: sources.ts), and fields the officer
 * fills in (主要原因是…, 用于…). The screen highlights figures and makes fields editable; the
 * exporters print the runs' text.
 */
import type { FactRef } from '../model';
import type { FigureSource } from './sources';

export type Run =
  | { kind: 'text'; text: string }
  /**
   * A number printed from the model: `text` as printed, `value` its printed value (0.01 万元
   * units, a count, or basis points), `source` where it comes from. Every printed figure has a
   * source; a figure without one is reported by the check N-FIGURE-SOURCE.
   */
  | {
      kind: 'figure';
      text: string;
      value?: number;
      source?: FigureSource;
      /** A typed figure the sentence needs but the report lacks (last year's figure, a budget, a count). */
      missing?: { fact: FactRef; label: string };
      /**
       * A share the data would put above 100% (授予中小企业 above the procurement total): not
       * printed (text ''), its clause left out, and reported as an error by the check N-SHARES.
       */
      withheld?: string;
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
