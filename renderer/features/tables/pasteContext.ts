/** The PasteContext of one table editor: the table as shown, its grid and how to derive it again. */
import type { LoadedYear } from '../../../shared/contract/api';
import { type Catalogue, getCatalogue } from '../../../shared/domain/catalogue';
import { emptyItem } from '../../../shared/domain/model';
import { deriveYearTable } from '../../../shared/domain/tables';
import type { DerivedTable } from '../../../shared/domain/tables/types';
import { tableOf } from '../../store/derived';
import { withFacts, withItem } from '../../store/reportEdit';
import type { InputUnit } from './cellInput';
import type { Grid } from './grid';
import type { PasteContext } from './pastePlan';
import { isSubjectTable, itemGridCells, type PendingRow } from './tableGrid';

export function pasteContextFor(
  loaded: LoadedYear,
  table: DerivedTable,
  grid: Grid,
  pending: readonly PendingRow[],
  catalogue: Catalogue,
  unit: InputUnit,
): PasteContext {
  return {
    table,
    grid,
    pendingCodes: pending.map((p) => p.item.code),
    unit,
    subjectTable: isSubjectTable(table),
    virtualRow: (code) => itemGridCells(table, emptyItem(code), catalogue.functionalName(code) ?? code),
    functionalName: (code) => catalogue.functionalName(code) ?? null,
    deriveWith: (writes, addItems, customCodes) => {
      let next = loaded.report;
      for (const code of addItems) next = withItem(next, code);
      next = withFacts(next, writes);
      // Only the table pasted into: its grey figures are what the paste is verified against.
      // Derived through the view's cache (same department and catalogue), so the screen can show it.
      if (customCodes.length === 0) return { report: next, table: tableOf(loaded, next, table.id) };
      const codes = [...loaded.customCodes, ...customCodes];
      return { report: next, table: deriveYearTable(loaded.department, next, getCatalogue(next.edition, codes), table.id) };
    },
  };
}
