/**
 * A paste derives the table it lands in with its figures applied (to check the grey ones); once the
 * session commits the same figures, the screen shows that table instead of deriving it again — and
 * only when the committed report holds exactly those figures.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LoadedYear, OpenFileInfo } from '../../shared/contract/api';
import { parseInterchangeText } from '../../shared/domain/interchange';
import { readFact } from '../../shared/domain/model';
import { deriveYearTable } from '../../shared/domain/tables';
import type { Row } from '../../shared/domain/tables/types';
import { parseClipboardBlock } from '../../renderer/features/tables/paste';
import { pasteContextFor } from '../../renderer/features/tables/pasteContext';
import { planPaste } from '../../renderer/features/tables/pastePlan';
import { buildGrid, pendingRows } from '../../renderer/features/tables/tableGrid';
import { catalogueFor, reuseTables, tableOf } from '../../renderer/store/derived';
import { withFact } from '../../renderer/store/reportEdit';
import { createSessionStore } from '../../renderer/store/session';
import { fakeApi, ok } from './fakeApi';

function seed002(): LoadedYear {
  const parsed = parseInterchangeText(readFileSync(new URL('../fixtures/yangquan-2024.json', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error('fixture');
  return { department: parsed.value.department, report: parsed.value.report, customCodes: parsed.value.customCodes, lastYear: null };
}

/** 公开03表's 项 rows as printed, with 基本支出 (and so 合计) raised by 0.01 万元: what an officer copies. */
function raisedBlock(rows: readonly Row[]): string {
  const raise = (text: string) => (Math.round(Number(text.replace(/,/gu, '') || '0') * 100 + 1) / 100).toFixed(2);
  return rows
    .filter((r) => r.kind === 'item')
    .map((r) => {
      const cells = r.cells.map((c) => c.text);
      return [cells[0], cells[1], raise(cells[2] ?? ''), raise(cells[3] ?? ''), ...cells.slice(4)].join('\t');
    })
    .join('\r\n');
}

async function openSeed002() {
  const loaded = seed002();
  const info: OpenFileInfo = { name: 'x.jsgk', location: '/tmp', department: loaded.department, years: [2024], backupName: null };
  const store = createSessionStore(fakeApi({ 'report.load': () => ok(loaded), 'report.writeBatch': () => ok(null) }));
  await store.getState().openFile(info);
  return store;
}

describe('reuseTables: the table a paste was checked with is the table shown', () => {
  it('shows the checked table after the session commits the same figures, equal to a fresh derivation', async () => {
    const store = await openSeed002();
    const loaded = store.getState().loaded!;
    const table = tableOf(loaded, loaded.report, '03');
    const pending = pendingRows(table, loaded.report, catalogueFor(loaded));
    const ctx = pasteContextFor(loaded, table, buildGrid(table, loaded.report, pending), pending, catalogueFor(loaded), '万元');
    const plan = planPaste(ctx, null, parseClipboardBlock(raisedBlock(table.rows)));
    expect(plan.errors).toEqual([]);
    expect(plan.checked).toBeGreaterThan(0);
    expect(plan.applied).toBeDefined();

    void store.getState().editFacts(plan.writes, '粘贴');
    const committed = store.getState().loaded!;
    // The session makes its own copy (only the figures that change), not the plan's.
    expect(committed.report).not.toBe(plan.applied);
    reuseTables(plan.applied!, committed.report);
    const shown = tableOf(committed, committed.report, '03');
    expect(shown).toBe(tableOf(loaded, plan.applied!, '03'));
    expect(shown).toEqual(deriveYearTable(committed.department, committed.report, catalogueFor(committed), '03'));
    expect(shown.rows.find((r) => r.key === 'total')!.cells[3]!.text).not.toBe(table.rows.find((r) => r.key === 'total')!.cells[3]!.text);
    await store.getState().settled();
  });

  it('derives again when the committed report differs by one figure', async () => {
    const store = await openSeed002();
    const loaded = store.getState().loaded!;
    const table = tableOf(loaded, loaded.report, '03');
    const pending = pendingRows(table, loaded.report, catalogueFor(loaded));
    const ctx = pasteContextFor(loaded, table, buildGrid(table, loaded.report, pending), pending, catalogueFor(loaded), '万元');
    const plan = planPaste(ctx, null, parseClipboardBlock(raisedBlock(table.rows)));
    expect(plan.applied).toBeDefined();
    const first = plan.writes[0]!;
    const other = withFact(plan.applied!, first.ref, (readFact(plan.applied!, first.ref) ?? 0) + 1_000_000);
    reuseTables(plan.applied!, other);
    const shown = tableOf(loaded, other, '03');
    expect(shown).not.toBe(tableOf(loaded, plan.applied!, '03'));
    expect(shown).toEqual(deriveYearTable(loaded.department, other, catalogueFor(loaded), '03'));
  });
});
