/**
 * 修改记录: written in the same transaction as every change, so it cannot disagree with the
 * facts. 1,000 random edits through the Api (batches as the screen sends them, single facts,
 * texts, 项 rows added and deleted, settings, an import over the year) → replaying the year's log
 * from its creation gives exactly the stored Report. Years stored before the log existed are
 * recorded as they stood when the file was upgraded.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FactWrite } from '../../shared/contract/api';
import { replayChanges } from '../../shared/domain/changeLog';
import {
  COUNT_FIELDS,
  FISCAL_CARRY_FIELDS,
  type FactRef,
  isCountFact,
  isOptionalFact,
  ITEM_FIELDS,
  PRIOR_FIELDS,
  STATS_MONEY_FIELDS,
  SUMMARY_FIELDS,
  THREE_PUBLIC_ITEMS,
  VEHICLE_TYPES,
} from '../../shared/domain/model';
import { releaseAllLocks } from '../../electron/backend/app/lock';
import { closeDisclosureFile, DisclosureRepository, MIGRATIONS, openDisclosureFile } from '../../electron/backend/db';
import { importReport } from '../../electron/backend/services/reports';
import { mulberry32 } from '../harness/random';
import { twoYears } from '../harness/twoYears';
import { ScriptedHost, tempFolder, testBackend, valueOf } from './app-helpers';

afterEach(() => releaseAllLocks());

const ITEM_CODES = ['2011301', '2011302', '2011350', '2080501', '2080505', '2101101', '2160299', '2169999', '2210201', '2159802'];
const ECONOMIC_CODES = ['30101', '30102', '30201', '30217', '30231', '31001', '39999'];
const BUDGET_CODES = ['201', '20113', '2011301', '208', '216'];
const PRIOR_KEYS = [...PRIOR_FIELDS, 'general/201', 'general/2011301'];

function randomEdits(seed: number) {
  const rnd = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const ref = (): FactRef => {
    switch (Math.floor(rnd() * 13)) {
      case 0:
      case 1:
      case 2:
        return { kind: 'item', code: pick(ITEM_CODES), field: pick(ITEM_FIELDS) };
      case 3:
        return { kind: 'economic', code: pick(ECONOMIC_CODES) };
      case 4:
        return { kind: 'summary', field: pick(SUMMARY_FIELDS) };
      case 5:
        return { kind: 'fiscalCarry', field: pick(FISCAL_CARRY_FIELDS) };
      case 6:
        return { kind: 'threePublic', side: pick(['budget', 'actual'] as const), item: pick(THREE_PUBLIC_ITEMS) };
      case 7:
        return rnd() < 0.5 ? { kind: 'stats', field: pick(STATS_MONEY_FIELDS) } : { kind: 'operatingCost' };
      case 8:
        return rnd() < 0.5 ? { kind: 'vehicle', type: pick(VEHICLE_TYPES) } : { kind: 'equipment' };
      case 9:
        return { kind: 'count', field: pick(COUNT_FIELDS) };
      case 10:
        return { kind: pick(['initialBudget', 'adjustedBudget'] as const), code: pick(BUDGET_CODES) };
      default:
        return { kind: 'prior', key: pick(PRIOR_KEYS) };
    }
  };
  const value = (r: FactRef): number | null => {
    const roll = rnd();
    if (roll < 0.12) return isOptionalFact(r) ? null : 0;
    if (roll < 0.2) return 0;
    if (isCountFact(r)) return Math.floor(rnd() * 20);
    return Math.floor((rnd() - 0.1) * 1e9);
  };
  const fact = (): FactWrite => {
    const r = ref();
    return { ref: r, value: value(r) };
  };
  return { rnd, pick, fact };
}

describe('change log', () => {
  it('1,000 random edits through the Api replay from the year’s creation to exactly the stored facts', async () => {
    const folder = tempFolder();
    const { pkg, prior } = twoYears();
    const path = join(folder, '阳泉.jsgk');
    const file = openDisclosureFile(path, { create: true });
    importReport(file, pkg, { replace: false });
    importReport(file, { ...pkg, report: prior }, { replace: false });
    closeDisclosureFile(file);

    const host = new ScriptedHost(folder);
    const { backend } = testBackend(host, { lockEnvironment: { user: '王出纳' } });
    host.openAnswers.push(path);
    valueOf(await backend.api.invoke('file.open', {}));

    const { rnd, pick, fact } = randomEdits(20240611);
    const api = backend.api;
    const actions: string[] = [];
    let refused = 0;
    for (let k = 0; k < 1000; k++) {
      const year = rnd() < 0.8 ? 2024 : 2023;
      const roll = rnd();
      let result;
      if (roll < 0.45) {
        const action = pick(['录入', '粘贴 3 行到公开03表', '撤销：粘贴 3 行到公开03表', '重做：录入', '公开05表 按表03填充 2 个科目']);
        actions.push(action);
        const facts = Array.from({ length: 1 + Math.floor(rnd() * 6) }, fact);
        const texts = rnd() < 0.3 ? [{ key: pick(['n1.reason', 'n5.3.201.use', 'overview.duties']), value: pick(['', '主要原因是项目增加', '负责全市商务工作']) }] : [];
        const addItems = rnd() < 0.2 ? [pick(ITEM_CODES)] : [];
        const customCodes = rnd() < 0.05 ? [{ catalogue: 'functional' as const, code: '2229901', name: pick(['其他支出甲', '其他支出乙']) }] : [];
        result = await api.invoke('report.writeBatch', { year, facts, texts, addItems, customCodes, action });
      } else if (roll < 0.65) {
        const { ref, value } = fact();
        result = await api.invoke('report.writeFact', { year, ref, value });
      } else if (roll < 0.75) {
        result = await api.invoke('report.writeText', { year, key: pick(['n1.reason', 'glossary.extra', 'n10.4.2']), value: pick(['', '无', '说明一', '说明二']) });
      } else if (roll < 0.83) {
        result = await api.invoke('report.addItem', { year, code: pick(ITEM_CODES) });
      } else if (roll < 0.9) {
        result = await api.invoke('report.deleteItem', { year, code: pick(ITEM_CODES) });
      } else if (roll < 0.97) {
        const loaded = valueOf(await api.invoke('report.load', { year }));
        const settings = { ...loaded.report.settings, tableGrouping: rnd() < 0.5, narrativeListStyle: pick(['all', 'nonZero'] as const) };
        result = await api.invoke('report.updateSettings', { year, settings });
      } else {
        // A negative count is refused: the batch writes nothing and logs nothing.
        result = await api.invoke('report.writeBatch', {
          year,
          facts: [fact(), { ref: { kind: 'equipment' }, value: -1 }],
          texts: [],
          addItems: [],
          customCodes: [],
          action: '粘贴',
        });
        expect(result.ok).toBe(false);
        refused++;
        continue;
      }
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
    expect(refused).toBeGreaterThan(0);

    for (const year of [2023, 2024]) {
      const stored = valueOf(await api.invoke('report.load', { year })).report;
      const log = valueOf(await api.invoke('report.changes', { year }));
      expect(log.length).toBeGreaterThan(300);
      expect(replayChanges(year, log)).toEqual(stored);
      // Every record names who and which action made it.
      expect(new Set(log.filter((e) => e.action !== '导入').map((e) => e.user))).toEqual(new Set(['王出纳']));
    }
    const batchActions = new Set(valueOf(await api.invoke('report.changes', { year: 2024 })).map((e) => e.action));
    for (const a of new Set(actions)) expect(batchActions.has(a), a).toBe(true);

    // Per cell: only that fact's records, oldest first, each one's `before` the previous one's `after`.
    const target = 'item/2011301/expenditure.basic';
    const cellLog = valueOf(await api.invoke('report.changes', { year: 2024, target }));
    expect(cellLog.length).toBeGreaterThan(0);
    expect(cellLog.every((e) => e.target === target)).toBe(true);
    for (let k = 1; k < cellLog.length; k++) {
      // A deleted row's figure goes to 0 and a re-added row starts from 0.
      expect(cellLog[k]!.before).toBe(cellLog[k - 1]!.after);
    }

    // An import over the year is recorded as the difference, and still replays.
    backend.close();
    const reopened = openDisclosureFile(path, { create: false });
    try {
      importReport(reopened, pkg, { replace: true }, '导入（覆盖）');
      const repo = new DisclosureRepository(reopened.db);
      const log = repo.listChanges(2024);
      expect(replayChanges(2024, log)).toEqual(repo.loadReport(2024));
      expect(replayChanges(2024, log)).toEqual(repo.loadReport(2024));
      expect(log.at(-1)?.action).toBe('导入（覆盖）');
    } finally {
      closeDisclosureFile(reopened);
    }
  });

  it('records what a file held before the log existed, so its years replay after the upgrade', () => {
    const folder = tempFolder();
    const path = join(folder, 'old.jsgk');
    const { pkg, prior } = twoYears();
    const v2 = MIGRATIONS.slice(0, 3);
    const old = openDisclosureFile(path, { create: true, migrations: v2 });
    try {
      const repo = old.db;
      // Written as a version-2 build would: no change_log table yet.
      repo.prepare('INSERT INTO department (id, name, unit_kind) VALUES (1, ?, ?)').run(pkg.department.name, pkg.department.unitKind);
      for (const report of [prior, pkg.report]) {
        repo.prepare('INSERT INTO report (year, edition, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(report.year, report.edition, JSON.stringify(report.settings), 'x', 'x');
        for (const item of report.items) {
          repo.prepare('INSERT INTO report_item (year, code, income_general_budget, expenditure_basic, expenditure_project, fiscal_general_basic) VALUES (?, ?, ?, ?, ?, ?)')
            .run(report.year, item.code, item.income.generalBudget, item.expenditure.basic, item.expenditure.project, item.fiscal.generalBasic);
        }
        for (const [code, v] of Object.entries(report.economic)) repo.prepare('INSERT INTO report_amount (year, key, value) VALUES (?, ?, ?)').run(report.year, `economic/${code}`, v);
        for (const [key, v] of Object.entries(report.prior)) repo.prepare('INSERT INTO report_amount (year, key, value) VALUES (?, ?, ?)').run(report.year, `prior/${key}`, v);
        for (const [key, v] of Object.entries(report.texts)) repo.prepare('INSERT INTO report_text (year, key, value) VALUES (?, ?, ?)').run(report.year, key, v);
      }
    } finally {
      closeDisclosureFile(old);
    }
    const file = openDisclosureFile(path, { create: false });
    try {
      expect(file.migration).toMatchObject({ fromVersion: 3, applied: [4, 5, 6] });
      const repo = new DisclosureRepository(file.db);
      for (const year of [2023, 2024]) {
        const log = repo.listChanges(year);
        expect(log.every((e) => e.action === '升级前已有数据')).toBe(true);
        const stored = repo.loadReport(year);
        expect(stored.items.length).toBeGreaterThan(5);
        expect(replayChanges(year, log)).toEqual(stored);
      }
    } finally {
      closeDisclosureFile(file);
    }
  });
});
