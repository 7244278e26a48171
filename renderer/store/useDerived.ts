/** Hooks over the derived view of the loaded year (see derived.ts for the memoisation). */
import { startTransition, useEffect, useState } from 'react';
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

/**
 * The value as of the last frame painted: work the screen need not wait for starts once an edit
 * is on screen, in a background (transition) render. useDeferredValue alone does not ensure it:
 * its background render starts right after the commit, often before the frame, and one component
 * of it (the checks and the package of a 600-项 department, some 30 ms) cannot yield to the frame.
 * A component mounting shows the current value at once.
 */
function usePainted<T>(value: T): T {
  const [painted, setPainted] = useState(value);
  useEffect(() => {
    if (Object.is(painted, value)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The task after the next animation frame runs once that frame is painted.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setPainted(value)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [value, painted]);
  return painted;
}

/** The package for side panels (navigation badges): follows commits once they are painted. */
export function useDeferredPackage(): PackageView {
  return packageOf(usePainted(useLoaded()));
}

/**
 * The checks of the committed report. Deferred: a commit repaints the cells first, and the
 * checks (some 20 ms at 600 项) follow in a background render after that frame.
 */
export function useFindings(): Finding[] {
  return findingsOf(usePainted(useLoaded()));
}
