/** Hooks over the derived view of the loaded year (see derived.ts for the memoisation). */
import { useDeferredValue } from 'react';
import type { LoadedYear } from '../../shared/contract/api';
import type { Catalogue } from '../../shared/domain/catalogue';
import type { Finding } from '../../shared/domain/checks';
import type { Report } from '../../shared/domain/model';
import type { DerivedTable, DerivedTables, TableId } from '../../shared/domain/tables';
import { catalogueFor, findingsOf, type PackageView, packageOf, previewReport, tableOf, tablesOf } from './derived';
import { useSession } from './useSession';

/** The loaded year; components under the workspace render only when it is present. */
export function useLoaded(): LoadedYear {
  const loaded = useSession((s) => s.loaded);
  if (!loaded) throw new Error('no year loaded');
  return loaded;
}

/** The report as shown, with the value being typed applied (derived cells follow it live). */
export function usePreviewReport(): Report {
  const loaded = useLoaded();
  const draft = useSession((s) => s.draft);
  return previewReport(loaded.report, draft);
}

export function usePreviewTables(): DerivedTables {
  const loaded = useLoaded();
  return tablesOf(loaded, usePreviewReport());
}

/** The table on screen, with the value being typed applied: only this table is derived per keystroke. */
export function usePreviewTable(id: TableId): DerivedTable {
  const loaded = useLoaded();
  return tableOf(loaded, usePreviewReport(), id);
}

export function useCatalogue(): Catalogue {
  return catalogueFor(useLoaded());
}

export function usePackage(): PackageView {
  return packageOf(useLoaded());
}

/** The package for side panels (navigation badges): follows commits in a background render. */
export function useDeferredPackage(): PackageView {
  return packageOf(useDeferredValue(useLoaded()));
}

/**
 * The checks of the committed report. Deferred: a commit repaints the cells first, and the
 * checks (some 20 ms at 600 项) follow in a background render.
 */
export function useFindings(): Finding[] {
  return findingsOf(useDeferredValue(useLoaded()));
}
