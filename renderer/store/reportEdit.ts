/**
 * Copy-on-write edits of a Report: the local copy changes immediately on every edit, and the
 * derived view is memoised by report identity, so an edit must produce a new Report object
 * while sharing every part it did not touch (cheap at 600 项: one item is copied, not all).
 */
import { emptyItem, type FactRef, type ItemFacts, readFact, type Report, type ReportSettings, setItemField, writeFact } from '../../shared/domain/model';

/** Copies into `next` the part of `report` a fact of this kind lives in (items: only `codes`). */
function copyPart(report: Report, next: Report, kind: FactRef['kind'], codes: ReadonlySet<string>): void {
  switch (kind) {
    case 'item':
      next.items = report.items.map((item) =>
        codes.has(item.code) ? { ...item, income: { ...item.income }, expenditure: { ...item.expenditure }, fiscal: { ...item.fiscal } } : item,
      );
      break;
    case 'economic':
      next.economic = { ...report.economic };
      break;
    case 'summary':
      next.summary = { ...report.summary };
      break;
    case 'fiscalCarry':
      next.fiscalCarry = { ...report.fiscalCarry };
      break;
    case 'threePublic':
      next.threePublic = { budget: { ...report.threePublic.budget }, actual: { ...report.threePublic.actual } };
      break;
    case 'stats':
    case 'operatingCost':
    case 'vehicle':
    case 'equipment':
    case 'count':
      next.stats = { ...report.stats, counts: { ...report.stats.counts }, vehicles: { ...report.stats.vehicles } };
      break;
    case 'initialBudget':
      next.initialBudget = { ...report.initialBudget };
      break;
    case 'adjustedBudget':
      next.adjustedBudget = { ...report.adjustedBudget };
      break;
    case 'prior':
      next.prior = { ...report.prior };
      break;
  }
}

function copyForFact(report: Report, ref: FactRef): Report {
  const next: Report = { ...report };
  copyPart(report, next, ref.kind, new Set(ref.kind === 'item' ? [ref.code] : []));
  return next;
}

/**
 * A new report with many facts changed, in order (a paste, an undo step): each touched part is
 * copied once, not once per fact (600 pasted 项 would otherwise copy the item list 600 times).
 */
export function withFacts(report: Report, facts: readonly { ref: FactRef; value: number | null }[]): Report {
  if (facts.length === 0) return report;
  if (facts.length === 1) return withFact(report, facts[0]!.ref, facts[0]!.value);
  const next: Report = { ...report };
  const codes = new Set<string>();
  for (const f of facts) if (f.ref.kind === 'item') codes.add(f.ref.code);
  const kinds = new Set(facts.map((f) => f.ref.kind));
  // Every copy is made before any write (kinds sharing a part, such as stats and vehicle, copy it twice harmlessly).
  for (const kind of kinds) copyPart(report, next, kind, codes);
  // The 项 just copied, by code: their facts are set in place, without a search per fact.
  const copied = new Map<string, ItemFacts>();
  if (codes.size > 0) for (const item of next.items) if (codes.has(item.code) && !copied.has(item.code)) copied.set(item.code, item);
  for (const f of facts) {
    const item = f.ref.kind === 'item' ? copied.get(f.ref.code) : undefined;
    if (item && f.ref.kind === 'item') setItemField(item, f.ref.field, f.value ?? 0);
    else writeFact(next, f.ref, f.value);
  }
  return next;
}

/** A new report with one fact changed (the original is left untouched). */
export function withFact(report: Report, ref: FactRef, value: number | null): Report {
  const next = copyForFact(report, ref);
  writeFact(next, ref, value);
  return next;
}

/** The stored value of a fact (null = an optional fact not typed). */
export function factValue(report: Report, ref: FactRef): number | null {
  return readFact(report, ref);
}

export function withText(report: Report, key: string, value: string): Report {
  return { ...report, texts: { ...report.texts, [key]: value } };
}

export function textValue(report: Report, key: string): string {
  return report.texts[key] ?? '';
}

/** Adds an empty 项 row (no-op when present), in code order. */
export function withItem(report: Report, code: string): Report {
  if (report.items.some((i) => i.code === code)) return report;
  const items = [...report.items, emptyItem(code)].sort((a, b) => a.code.localeCompare(b.code));
  return { ...report, items };
}

export function withoutItem(report: Report, code: string): Report {
  return { ...report, items: report.items.filter((i) => i.code !== code) };
}

export function withSettings(report: Report, settings: ReportSettings): Report {
  return { ...report, settings: { ...settings } };
}
