/**
 * The plain model of what the file must hold, and the random actions of the randomized entry
 * test (random-entry.e2e.test.ts). The model knows nothing of the app's editors: it is the
 * stored facts of each year, changed the way an officer means them to change, with an undo and
 * redo list per year as the officer sees it.
 */
import { getCatalogue } from '../../shared/domain/catalogue';
import { mulberry32 } from '../harness/random';
import { type Department, type FactRef, factRefKey, readFact, type Report, writeFact } from '../../shared/domain/model';
import { deriveTables } from '../../shared/domain/tables';
import type { ShanxiTableId } from '../../shared/domain/tables/types';

/** A small seeded generator, so a failing run can be repeated from its seed. */
export const rng = mulberry32;

export interface Change {
  ref: FactRef;
  before: number | null;
  after: number | null;
}

interface History {
  past: Change[][];
  future: Change[][];
}

/** The stored facts of every year, with the officer's undo history per year. */
export class FactModel {
  readonly reports = new Map<number, Report>();
  private readonly histories = new Map<number, History>();

  constructor(reports: readonly Report[]) {
    for (const r of reports) this.reports.set(r.year, structuredClone(r));
  }

  report(year: number): Report {
    const r = this.reports.get(year);
    if (!r) throw new Error(`model: no year ${year}`);
    return r;
  }

  value(year: number, ref: FactRef): number | null {
    return readFact(this.report(year), ref);
  }

  private history(year: number): History {
    let h = this.histories.get(year);
    if (!h) this.histories.set(year, (h = { past: [], future: [] }));
    return h;
  }

  /** One action: its writes (later ones win), recorded as one step when anything changes. */
  apply(year: number, writes: readonly { ref: FactRef; value: number | null }[]): void {
    const report = this.report(year);
    const byKey = new Map<string, Change>();
    for (const w of writes) {
      const key = factRefKey(w.ref);
      const earlier = byKey.get(key);
      if (earlier) earlier.after = w.value;
      else byKey.set(key, { ref: w.ref, before: readFact(report, w.ref), after: w.value });
    }
    const step = [...byKey.values()].filter((c) => c.before !== c.after);
    if (step.length === 0) return;
    for (const c of step) writeFact(report, c.ref, c.after);
    const h = this.history(year);
    h.past.push(step);
    h.future = [];
  }

  undo(year: number): void {
    const h = this.history(year);
    const step = h.past.pop();
    if (!step) return;
    for (const c of [...step].reverse()) writeFact(this.report(year), c.ref, c.before);
    h.future.push(step);
  }

  redo(year: number): void {
    const h = this.history(year);
    const step = h.future.pop();
    if (!step) return;
    for (const c of step) writeFact(this.report(year), c.ref, c.after);
    h.past.push(step);
  }

  /** A reload starts a new session: nothing to undo. */
  forgetHistory(): void {
    this.histories.clear();
  }
}

/** An editable cell of a table as the page shows it: its selector and the fact(s) behind it. */
export interface Target {
  table: ShanxiTableId;
  selector: string;
  /** The fact typed; for 表02 财政拨款收入, the first of its three parts. */
  ref: FactRef;
  /** 表02 财政拨款收入: the typed figure is the sum of three parts. */
  parts?: FactRef[];
  label: string;
}

const TABLES: readonly ShanxiTableId[] = ['02', '03', '06', '09'];

/** The cells an officer can type into, in the tables the test uses, derived from the model. */
export function targets(department: Department, report: Report, customCodes: Parameters<typeof getCatalogue>[1]): Target[] {
  const tables = deriveTables(department, report, getCatalogue(report.edition, customCodes));
  const out: Target[] = [];
  for (const id of TABLES) {
    const table = tables[id]!;
    for (const row of table.rows) {
      for (const cell of row.cells) {
        if (!cell.id) continue;
        if (cell.kind === 'input' && cell.fact && cell.valueType === 'money') {
          out.push({ table: id, selector: `td[data-cell-id="${cell.id}"]`, ref: cell.fact, label: cell.id });
        } else if (id === '02' && cell.kind === 'derived' && row.kind === 'item' && cell.sourceFacts && cell.sourceFacts.length > 1) {
          out.push({ table: id, selector: `td[data-cell-id="${cell.id}"]`, ref: cell.sourceFacts[0]!, parts: [...cell.sourceFacts], label: cell.id });
        }
      }
    }
    // 项 without figures in this table wait under it (待填写科目).
    if (id === '02' || id === '03') {
      const fields = id === '03' ? (['expenditure.basic', 'expenditure.project'] as const) : (['income.business', 'income.other'] as const);
      const shown = new Set(table.rows.filter((r) => r.kind === 'item').map((r) => r.key));
      for (const item of report.items) {
        if (shown.has(item.code)) continue;
        const keys = id === '03' ? ['basic', 'project'] : ['business', 'other'];
        fields.forEach((field, k) =>
          out.push({ table: id, selector: `[data-testid="pending.${item.code}.${keys[k]}"]`, ref: { kind: 'item', code: item.code, field }, label: `pending ${item.code} ${field}` }),
        );
      }
    }
  }
  return out;
}

/** A figure as an officer might type it, and the 分 it means (万元 input unit). */
export function amountText(random: () => number): { text: string; fen: number } {
  const hundredths = Math.floor(random() * 1_000_000); // up to 9,999.99 万元
  const fen = hundredths * 10_000;
  const plain = (hundredths / 100).toFixed(2).replace(/\.?0+$/u, '');
  const r = random();
  if (hundredths === 0) return { text: '0', fen: 0 };
  if (r < 0.55) return { text: plain, fen };
  if (r < 0.7) return { text: Number(plain).toLocaleString('en-US', { maximumFractionDigits: 2 }), fen };
  if (r < 0.8) return { text: `${plain}万元`, fen };
  if (r < 0.9) return { text: toFullWidth(plain), fen };
  return { text: `${(hundredths * 100).toString()}元`, fen };
}

export function toFullWidth(text: string): string {
  return text.replace(/[0-9.]/gu, (c) => (c === '.' ? '．' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
}

export function pick<T>(random: () => number, list: readonly T[]): T {
  if (list.length === 0) throw new Error('pick from an empty list');
  return list[Math.floor(random() * list.length)]!;
}
