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
import { editionForYear, getCatalogue, type Catalogue } from '../../../catalogue';
import { type CustomCode, type Department, emptyReport, type Report } from '../../../model';
import { type ShanxiTables, SHANXI_TABLE_IDS, type ShanxiTableId } from '../../../tables';
import type { AuditEntry } from './audit';
import { buildReport, carriedBy } from './build';
import { ImportError } from './errors';
import type { SheetGrid } from './grid';
import { probeTables, tableLayouts } from './layout';
import { type CompositeRead, type DefaultRead, type FigureRead, type LeafRead, mergeLeaves, resolveTable } from './resolve';
import { reproduce } from './reproduce';
import { holdsFigures, type ImportPreview, ROUNDING_LISTED, tableChanges } from './changes';
import { checkFrames, inferUnitKind, readTables, unknownCodes } from './workbook';

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
  table: ShanxiTableId;
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
  tables: ShanxiTables;
  /** The facts the imported tables carry (for a preview of what changes), by table. */
  carried: ReturnType<typeof carriedBy>;
  /** The catalogue with the added codes. */
  catalogue: Catalogue;
}

const PROVISIONAL: Department = { name: '', unitKind: '行政单位', subordinateUnits: [] };

export function importTables(sheets: readonly SheetGrid[], options: ImportOptions): TablesImport {
  const edition = options.base?.edition ?? editionForYear(options.year);
  const baseCatalogue = getCatalogue(edition, options.customCodes);
  const layouts = tableLayouts(probeTables(options.department ?? PROVISIONAL, options.year, baseCatalogue));
  const printed = readTables(sheets, layouts);
  const orgName = checkFrames(printed, options);
  const notes: string[] = [];
  let department = options.department;
  if (!department) {
    if (!orgName) throw new ImportError('工作簿的表格中没有“部门名称：……”一行，无法确定是哪个部门的数据。请在表中保留部门名称，或先新建部门文件再导入。');
    const inferred = inferUnitKind(printed);
    if (inferred.note) notes.push(inferred.note);
    department = { name: orgName, unitKind: inferred.kind, subordinateUnits: [] };
  }

  const addedCodes = unknownCodes(printed, baseCatalogue);
  const catalogue = getCatalogue(edition, [...options.customCodes, ...addedCodes]);
  const probe = probeTables(department, options.year, catalogue);
  const present = SHANXI_TABLE_IDS.filter((id) => printed.has(id));

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
  const { tables, differences, rounding, adjustedLeaves } = reproduce({
    department,
    catalogue,
    report,
    tables: built.tables,
    leaves: leafByKey,
    composites,
    figures,
    defaults,
    present,
  });

  return {
    department,
    report,
    addedCodes,
    found: present.map((id) => ({ table: id, sheet: printed.get(id)!.sheet, at: printed.get(id)!.at })),
    differences,
    rounding,
    adjustedLeaves,
    notes,
    tables,
    carried,
    catalogue,
  };
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
