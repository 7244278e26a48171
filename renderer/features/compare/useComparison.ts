/**
 * The comparison the view shows: the loaded year (as edited, from the local report) or another
 * year of the file (read with report.load) against any other year; last year comes with the
 * loaded year already. Derived once per pair of reports; a new threshold only re-marks it.
 */
import { useEffect, useMemo, useState } from 'react';
import type { LoadedYear } from '../../../shared/contract/api';
import { type Comparison, type Threshold, withThreshold } from '../../../shared/domain/compare';
import { compareReports } from '../../../shared/domain/compare/compose';
import type { Report } from '../../../shared/domain/model';
import type { DerivedTables } from '../../../shared/domain/tables/types';
import { getApi } from '../../api/client';
import { lastYearTablesOf, tablesOf } from '../../store/derived';
import { useLoaded } from '../../store/useDerived';

interface Side {
  report: Report;
  tables?: DerivedTables;
}

export type ComparisonState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; comparison: Comparison };

/** A year of the file as the comparison reads it: the loaded one from memory, others from the backend. */
function useYear(year: number | null): Side | 'loading' | { failed: string } | null {
  const loaded = useLoaded();
  const local = useMemo(() => localSide(loaded, year), [loaded, year]);
  const [fetched, setFetched] = useState<{ year: number; result: Side | { failed: string } } | null>(null);
  useEffect(() => {
    if (year === null || local) return;
    let live = true;
    void getApi()
      .invoke('report.load', { year })
      .then((r) => {
        if (live) setFetched({ year, result: r.ok ? { report: r.value.report } : { failed: r.error.message } });
      });
    return () => {
      live = false;
    };
  }, [year, local !== null]);
  if (year === null) return null;
  if (local) return local;
  if (!fetched || fetched.year !== year) return 'loading';
  return fetched.result;
}

function localSide(loaded: LoadedYear, year: number | null): Side | null {
  if (year === loaded.report.year) return { report: loaded.report, tables: tablesOf(loaded) };
  const last = loaded.lastYear;
  const lastTables = lastYearTablesOf(loaded);
  if (last && year === last.year && lastTables) return { report: last, tables: lastTables };
  return null;
}

/** One comparison per pair of report versions (and department and codes): reopening the view does not compare again. */
const comparisons = new WeakMap<Report, WeakMap<Report, { department: LoadedYear['department']; customCodes: LoadedYear['customCodes']; comparison: Comparison }>>();

function cachedComparison(loaded: LoadedYear, current: Side, prior: Side): Comparison {
  let byPrior = comparisons.get(current.report);
  if (!byPrior) comparisons.set(current.report, (byPrior = new WeakMap()));
  const hit = byPrior.get(prior.report);
  if (hit && hit.department === loaded.department && hit.customCodes === loaded.customCodes) return hit.comparison;
  const comparison = compareReports({ department: loaded.department, customCodes: loaded.customCodes, current, prior });
  byPrior.set(prior.report, { department: loaded.department, customCodes: loaded.customCodes, comparison });
  return comparison;
}

export function useComparison(year: number, withYear: number | null, threshold: Threshold): ComparisonState | null {
  const loaded = useLoaded();
  const current = useYear(year);
  const prior = useYear(withYear);
  const base = useMemo(() => {
    if (current === null || prior === null || current === 'loading' || prior === 'loading') return null;
    if ('failed' in current) return current;
    if ('failed' in prior) return prior;
    return cachedComparison(loaded, current, prior);
  }, [current, prior, loaded]);
  return useMemo((): ComparisonState | null => {
    if (withYear === null) return null;
    if (base === null) return { kind: 'loading' };
    if ('failed' in base) return { kind: 'failed', message: base.failed };
    return { kind: 'ready', comparison: withThreshold(base, threshold) };
  }, [base, threshold, withYear]);
}
