/**
 * 导入Excel表格: reads the ten 公开表 from a workbook — the layout this app exports (sheets
 * 公开01表 …) or the official printed one (blocks titled 收入决算表 / 公开02表 anywhere on a
 * sheet, merged headers, 类/款/项 code columns, text numbers) — into a year's report, adds
 * unknown 科目 from their printed names, and audits every printed total against ours.
 *
 * Pure: sheets in (grid.ts), a report and findings out; the backend reads the file and writes
 * the result in one transaction. Any problem throws an ImportError (Chinese, naming the sheet
 * and cell), so an import is all or nothing.
 */
import { economicLevel, editionForYear, functionalLevel, getCatalogue, type Catalogue } from '../catalogue';
import { getCell } from '../checks/printed';
import type { CheckContext } from '../checks/types';
import { type CustomCode, type Department, emptyReport, factRefKey, type FactRef, readFact, type Report, type UnitKind, writeFact } from '../model';
import { deriveTables, type DerivedTables, TABLE_IDS, type TableId } from '../tables';
import { type AuditEntry, auditEntry, classify, printedWindow, printsAs } from './audit';
import { buildReport, carriedBy } from './build';
import { ImportError } from './errors';
import type { SheetGrid } from './grid';
import { labelKey, normaliseText, probeTables, SUBJECT_TABLES, tableLayouts, type TableLayout } from './layout';
import { locateBlocks } from './locate';
import { type PrintedTable, readBlock } from './read';
import { reconcile, type Movable, type Target } from './reconcile';
import { type CompositeRead, type DefaultRead, type FigureRead, type LeafRead, mergeLeaves, resolveTable } from './resolve';
import { tiesFor } from './ties';
import { holdsFigures, type ImportPreview, ROUNDING_LISTED, tableChanges } from './changes';
import { Expander } from './expand';
import { cellPlace, parseMoney, rowPlace } from './values';

export { ImportError } from './errors';
export type { AuditEntry } from './audit';
export type { SheetGrid, GridCell } from './grid';
export { gridFromRows, cellAddress } from './grid';
export type { ImportPreview, TableChange } from './changes';

export interface ImportOptions {
  year: number;
  /** The file's department; null for a new file (taken from the workbook's 部门名称). */
  department: Department | null;
  /** The year as the file holds it; null when the file has no such year. */
  base: Report | null;
  /** Custom codes the file already has. */
  customCodes: readonly CustomCode[];
}

export interface FoundTable {
  table: TableId;
  sheet: string;
  /** Where its title is (`A1`). */
  at: string;
}

export interface TablesImport {
  department: Department;
  /** The year's report after the import. */
  report: Report;
  /** 科目 not in the catalogue, added from their printed names. */
  addedCodes: CustomCode[];
  /** The tables read, in table order. */
  found: FoundTable[];
  /** Printed totals beyond the rounding envelope: both figures; ours is what the file will hold. */
  differences: AuditEntry[];
  /** 尾数: printed totals within the envelope (提示). */
  rounding: AuditEntry[];
  /** Leaves moved within ±0.005 万元 so that the printed totals are reproduced. */
  adjustedLeaves: number;
  /** Other things worth telling (numbers outside any row, an inferred 单位性质). */
  notes: string[];
  /** The derived tables of `report`. */
  tables: DerivedTables;
  /** The facts the imported tables carry (for a preview of what changes), by table. */
  carried: ReturnType<typeof carriedBy>;
  /** The catalogue with the added codes. */
  catalogue: Catalogue;
}

const PROVISIONAL: Department = { name: '', unitKind: '行政单位', subordinateUnits: '' };

function readAll(sheets: readonly SheetGrid[], layouts: Record<TableId, TableLayout>): Map<TableId, PrintedTable> {
  const blocks = locateBlocks(sheets, layouts);
  const read = new Map<TableId, PrintedTable>();
  const unreadable = new Map<TableId, string>();
  for (const block of blocks) {
    const table = readBlock(block, layouts[block.table]);
    const place = rowPlace(block.sheet.name, Math.max(1, block.titleRow));
    if (!table) {
      if (!unreadable.has(block.table)) unreadable.set(block.table, place);
      continue;
    }
    const before = read.get(block.table);
    if (before) {
      throw new ImportError(
        `工作簿中有两张公开${block.table}表（工作表“${before.sheet}”${before.at}和工作表“${table.sheet}”${table.at}），无法确定导入哪一张。请删去多余的一张后重新导入。`,
      );
    }
    read.set(block.table, table);
  }
  for (const [id, place] of unreadable) {
    if (!read.has(id)) {
      throw new ImportError(`${place}有公开${id}表的标题，但找不到它的表头（如“${layouts[id].columns.find((c) => c.role === 'value')?.path.join('—') ?? ''}”）。请保留表格原有的表头行后重新导入。`);
    }
  }
  if (read.size === 0) {
    throw new ImportError('工作簿中找不到任何公开表：需要标题为“收入支出决算总表”“收入决算表”等（或“公开01表”…“公开10表”）的表格。');
  }
  return read;
}

function checkFrames(tables: Map<TableId, PrintedTable>, options: ImportOptions): string | null {
  let orgName: string | null = null;
  for (const t of tables.values()) {
    if (t.year !== null && t.year !== options.year) {
      throw new ImportError(
        `工作表“${t.sheet}”的公开${t.table}表是${t.year}年度的（单元格 ${t.yearAt ?? ''}），不是要导入的${options.year}年度。请选择${options.year}年度的表格，或导入到${t.year}年度。`,
      );
    }
    if (t.orgName !== null && orgName === null) orgName = t.orgName;
    if (options.department && t.orgName !== null && normaliseText(t.orgName) !== normaliseText(options.department.name)) {
      throw new ImportError(
        `工作表“${t.sheet}”的公开${t.table}表属于“${t.orgName}”，而此文件是“${options.department.name}”的。一个文件只保存一个部门的数据，请选择本部门的表格。`,
      );
    }
  }
  return orgName;
}

/** 单位性质 of a new file: 表10 prints 机关运行经费 on line 5 (行政单位) or 6 (参公); neither while 表06 has 公用经费: 事业单位. */
function inferUnitKind(tables: Map<TableId, PrintedTable>): { kind: UnitKind; note: string | null } {
  const t10 = tables.get('10');
  const printedOn = (line: number): boolean =>
    t10?.entries.some((e) => e.anchor.strong === `line:${line}` && !parseMoney(e.cell, t10.unit, () => '').blank) ?? false;
  if (printedOn(5)) return { kind: '行政单位', note: null };
  if (printedOn(6)) return { kind: '参公事业单位', note: '公开10表机关运行经费印在第6行，单位性质按“参照公务员法管理事业单位”建立。' };
  const t06 = tables.get('06');
  const publicTotal = t06?.entries.find((e) => e.anchor.label === `label:${labelKey('公用经费合计')}` && !parseMoney(e.cell, t06.unit, () => '').blank);
  if (t10 && publicTotal) return { kind: '事业单位', note: '公开10表没有机关运行经费，单位性质按“事业单位”建立。' };
  return { kind: '行政单位', note: null };
}

/** 科目 the catalogue lacks, with their printed names; a 科目 without a name is refused. */
function unknownCodes(tables: Map<TableId, PrintedTable>, catalogue: Catalogue): CustomCode[] {
  const out = new Map<string, CustomCode>();
  for (const t of tables.values()) {
    const economic = t.table === '06';
    if (!economic && !SUBJECT_TABLES.has(t.table)) continue;
    for (const [code, row] of t.codeRows) {
      const known = economic ? catalogue.isTable06Code(code) : catalogue.hasFunctional(code);
      const key = `${economic ? 'e' : 'f'}${code}`;
      if (known || out.has(key)) continue;
      const name = t.names.get(code);
      const place = rowPlace(t.sheet, row);
      if (economic && economicLevel(code) !== '款') {
        throw new ImportError(`${place}：经济分类类级科目 ${code} 不是公开06表的科目，无法导入。请核对科目代码。`);
      }
      if (!economic && !functionalLevel(code)) continue;
      if (economic && !catalogue.isTable06Code(code.slice(0, 3))) {
        throw new ImportError(`${place}：经济分类科目 ${code} 的类 ${code.slice(0, 3)} 不在公开06表中，无法导入。请核对科目代码。`);
      }
      if (!name) {
        throw new ImportError(`${place}：科目 ${code} 不在${catalogue.edition}年的科目目录中，表中也没有印它的科目名称，无法添加。请在表中填上科目名称后重新导入。`);
      }
      out.set(key, { catalogue: economic ? 'economic' : 'functional', code, name });
    }
  }
  return [...out.values()].sort((a, b) => a.catalogue.localeCompare(b.catalogue) || a.code.localeCompare(b.code));
}

/** Leaves that may move within their rounding window (whole 元), and their bounds. */
function movableLeaves(leaves: ReadonlyMap<string, LeafRead>, composites: readonly CompositeRead[], report: Report): Movable[] {
  const out: Movable[] = [];
  for (const leaf of leaves.values()) {
    if (!leaf.rounded || leaf.value === 0) continue;
    out.push({ ref: leaf.ref, ...(leaf.value > 0 ? { lo: -5000, hi: 4999 } : { lo: -4900, hi: 5000 }) });
  }
  // The field a 表02 财政拨款收入 assigned (the rest after the fields printed elsewhere).
  for (const c of composites) {
    if (!c.rounded) continue;
    for (const field of c.fields) {
      const ref: FactRef = { kind: 'item', code: c.code, field };
      if (leaves.has(factRefKey(ref)) || (readFact(report, ref) ?? 0) === 0) continue;
      out.push({ ref, lo: -10_000, hi: 10_000 });
    }
  }
  return out;
}

export function importTables(sheets: readonly SheetGrid[], options: ImportOptions): TablesImport {
  const edition = options.base?.edition ?? editionForYear(options.year);
  const baseCatalogue = getCatalogue(edition, options.customCodes);
  const layouts = tableLayouts(probeTables(options.department ?? PROVISIONAL, options.year, baseCatalogue));
  const printed = readAll(sheets, layouts);
  const orgName = checkFrames(printed, options);
  const notes: string[] = [];
  let department = options.department;
  if (!department) {
    if (!orgName) throw new ImportError('工作簿的表格中没有“部门名称：……”一行，无法确定是哪个部门的数据。请在表中保留部门名称，或先新建部门文件再导入。');
    const inferred = inferUnitKind(printed);
    if (inferred.note) notes.push(inferred.note);
    department = { name: orgName, unitKind: inferred.kind, subordinateUnits: '' };
  }

  const addedCodes = unknownCodes(printed, baseCatalogue);
  const catalogue = getCatalogue(edition, [...options.customCodes, ...addedCodes]);
  const probe = probeTables(department, options.year, catalogue);
  const present = TABLE_IDS.filter((id) => printed.has(id));

  const leaves: LeafRead[] = [];
  const composites: CompositeRead[] = [];
  const figures: FigureRead[] = [];
  const defaults: DefaultRead[] = [];
  for (const id of present) {
    const r = resolveTable(printed.get(id)!, probe, layouts[id]);
    leaves.push(...r.leaves);
    composites.push(...r.composites);
    figures.push(...r.figures);
    defaults.push(...r.defaults);
    notes.push(...r.notes);
  }
  const leafByKey = mergeLeaves(leaves);
  const carried = carriedBy(probe, present);
  const stateCapital = figures.find((f) => f.id === '04.L3.amount');
  const built = buildReport({
    department,
    base: options.base ?? emptyReport(options.year, edition),
    catalogue,
    carried,
    leaves: leafByKey,
    composites,
    stateCapitalIncome: stateCapital ? stateCapital.value : null,
  });
  const report = built.report;
  const movable = movableLeaves(leafByKey, composites, report);
  const keys = movable.map((m) => factRefKey(m.ref));
  let ctx0: CheckContext = { department, report, tables: built.tables };

  // A default (机关运行经费 = 表06 公用经费合计) printed otherwise, beyond 尾数: the officer's own figure.
  const pre = new Expander(ctx0, keys);
  const overrides = defaults.filter((d) => classify(d, pre.value(d.id), pre.terms(d.id).vars.length) === 'difference');
  for (const d of overrides) writeFact(report, d.ref, d.value);
  if (overrides.length > 0) ctx0 = { department, report, tables: deriveTables(department, report, catalogue) };

  // Audit before adjusting, then reconcile the rounding and audit again.
  const expander = overrides.length > 0 ? new Expander(ctx0, keys) : pre;
  const parts = (id: string) => expander.terms(id).vars.length;
  const sums = figures.map((f) => expander.value(f.id));
  const kinds = figures.map((f, k) => classify(f, sums[k]!, parts(f.id)));
  const targets: Target[] = [];
  figures.forEach((f, k) => {
    if (f.count || kinds[k] === 'difference') return;
    targets.push({ id: f.id, ...printedWindow(f.value, f.blank) });
  });
  for (const c of composites) targets.push({ id: c.id, ...printedWindow(c.value, c.value === 0) });
  const printedValues = new Map<string, number>();
  for (const list of [leaves, composites, figures]) for (const p of list) printedValues.set(p.id, p.value);
  const printedOf = (id: string): number | undefined => printedValues.get(id) ?? (printed.has(id.slice(0, 2) as TableId) ? 0 : undefined);
  const { offsets } = reconcile(expander, movable, targets, tiesFor(report, new Set(present), printedOf));
  for (const m of movable) {
    const o = offsets.get(factRefKey(m.ref));
    if (o) writeFact(report, m.ref, (readFact(report, m.ref) ?? 0) + o);
  }
  const tables = offsets.size > 0 ? deriveTables(department, report, catalogue) : ctx0.tables;
  const ctx: CheckContext = { department, report, tables };

  const differences: AuditEntry[] = [];
  const rounding: AuditEntry[] = [];
  figures.forEach((f, k) => {
    const kind = kinds[k];
    if (kind === 'difference') differences.push(auditEntry(ctx, f, 'difference', parts(f.id), sums[k]!));
    else if (kind === 'rounding' || !printsAs(deriveValue(ctx, f.id), f)) rounding.push(auditEntry(ctx, f, 'rounding', parts(f.id), sums[k]!));
  });

  return {
    department,
    report,
    addedCodes,
    found: present.map((id) => ({ table: id, sheet: printed.get(id)!.sheet, at: printed.get(id)!.at })),
    differences,
    rounding,
    adjustedLeaves: offsets.size,
    notes,
    tables,
    carried,
    catalogue,
  };
}

function deriveValue(ctx: CheckContext, id: string): number {
  return getCell(ctx, id)?.value ?? 0;
}

/** The preview of an import against the year as the file holds it (`base`, null when new). */
export function importPreview(result: TablesImport, base: Report | null): ImportPreview {
  const before = base ?? emptyReport(result.report.year, result.report.edition);
  const present = result.found.map((f) => f.table);
  return {
    year: result.report.year,
    department: result.department.name,
    replaces: base !== null && holdsFigures(result.carried, base),
    found: result.found,
    tables: tableChanges(result.carried, before, result.report, { department: result.department, tables: result.tables, catalogue: result.catalogue }, present),
    addedCodes: result.addedCodes,
    differences: result.differences,
    rounding: result.rounding.slice(0, ROUNDING_LISTED),
    roundingCount: result.rounding.length,
    adjustedLeaves: result.adjustedLeaves,
    notes: result.notes,
  };
}
