/**
 * 附件 storage (migration 2, EvaluationRepository): whole-form saves in one transaction, order,
 * copy, delete, validation before SQL, damaged rows refused, 新建年度 carry-forward, the import
 * of the seeds' 35 forms and 重点评价报告, and the migration of a version-1 file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  closeDisclosureFile,
  DisclosureRepository,
  type DisclosureFile,
  EvaluationRepository,
  MIGRATIONS,
  openDisclosureFile,
  StorageError,
} from '../../electron/backend/db';
import { checkYear, createNextYear, exportReportJson, importReport, parseReportJson } from '../../electron/backend/services/reports';
import { emptyEvaluationSet, emptyForm, emptyIndicator, type SelfEvaluationForm } from '../../shared/domain/selfEvaluation';

let dir = '';
const opened: DisclosureFile[] = [];
beforeEach(() => void (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'disclosure-eval-'))));
afterEach(() => {
  for (const f of opened.splice(0)) closeDisclosureFile(f);
  fs.rmSync(dir, { recursive: true, force: true });
});

function open(name = 'd.jsgk', options: Parameters<typeof openDisclosureFile>[1] = { create: true }): DisclosureFile {
  const file = openDisclosureFile(path.join(dir, name), options);
  opened.push(file);
  return file;
}

function fixtureText(name: string): string {
  return fs.readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

function withYear(year = 2024): { file: DisclosureFile; repo: EvaluationRepository } {
  const file = open();
  const reports = new DisclosureRepository(file.db);
  reports.setDepartment({ name: '测试局', unitKind: '行政单位', subordinateUnits: [] });
  reports.createReport(year, year);
  return { file, repo: new EvaluationRepository(file.db) };
}

function form(id: string, name: string): SelfEvaluationForm {
  const f = emptyForm(id, name);
  f.funds.city = { declared: 0, initial: 8_000_000, budget: 8_000_000, spent: 5_827_000 };
  f.indicators = [{ ...emptyIndicator('产出指标', '数量指标'), level3: '人数', target: '≥20人', actual: '27人', weight: 50_000, score: 50_000 }];
  f.evaluators = [{ role: '组长', name: '刘广顺', title: '副局长', unit: '阳泉市商务局' }];
  f.filledOn = '2025-04-11';
  return f;
}

function storageError(fn: () => unknown): StorageError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StorageError) return e;
    throw e;
  }
  throw new Error('expected a StorageError');
}

describe('saving forms', () => {
  it('saves a whole form and reads it back; a new form goes last, an existing one stays in place', () => {
    const { repo } = withYear();
    repo.saveForm(2024, form('f1', '甲'));
    repo.saveForm(2024, form('f2', '乙'));
    const changed = { ...form('f1', '甲（改）'), indicators: [] };
    repo.saveForm(2024, changed);
    const set = repo.load(2024);
    expect(set.forms.map((f) => f.name)).toEqual(['甲（改）', '乙']);
    expect(set.forms[0]).toEqual(changed);
    expect(set.forms[1]).toEqual(form('f2', '乙'));
  });

  it('inserts at a position, copies after the original, reorders and deletes', () => {
    const { repo } = withYear();
    for (const [id, name] of [['f1', '甲'], ['f2', '乙'], ['f3', '丙']]) repo.saveForm(2024, form(id!, name!));
    repo.saveForm(2024, form('f9', '首'), 0);
    expect(repo.load(2024).forms.map((f) => f.id)).toEqual(['f9', 'f1', 'f2', 'f3']);
    const copy = repo.copyForm(2024, 'f1');
    expect([copy.id, copy.name]).toEqual(['f4', '甲（副本）']);
    expect(repo.load(2024).forms.map((f) => f.id)).toEqual(['f9', 'f1', 'f4', 'f2', 'f3']);
    repo.reorderForms(2024, ['f3', 'f2', 'f4', 'f1', 'f9']);
    repo.deleteForm(2024, 'f4');
    expect(repo.load(2024).forms.map((f) => f.name)).toEqual(['丙', '乙', '甲', '首']);
    expect(storageError(() => repo.reorderForms(2024, ['f3', 'f2'])).code).toBe('INVALID');
    expect(storageError(() => repo.deleteForm(2024, 'f4')).message).toContain('不存在');
  });

  it('refuses a bad form before writing anything, with a Chinese message naming the field', () => {
    const { repo } = withYear();
    repo.saveForm(2024, form('f1', '甲'));
    const bad = form('f1', '甲');
    bad.funds.city.spent = 12.5;
    const e = storageError(() => repo.saveForm(2024, bad));
    expect(e.code).toBe('INVALID');
    expect(e.message).toBe('自评表“甲”有误：应为不小于0的整数金额（分），收到数字 12.5（form.funds.city.spent）。本次修改未保存。');
    expect(repo.load(2024).forms).toEqual([form('f1', '甲')]);
    expect(storageError(() => repo.saveForm(2023, form('f2', '乙'))).code).toBe('NOT_FOUND');
  });

  it('refuses a row damaged by hand instead of reading half of it', () => {
    const { file, repo } = withYear();
    repo.saveForm(2024, form('f1', '甲'));
    file.db.prepare("UPDATE evaluation_form SET analysis = '{\"surprise\": 1}'").run();
    const e = storageError(() => repo.load(2024));
    expect([e.code, e.message]).toEqual(['DAMAGED', '数据文件中的自评表“甲”已损坏，无法读取。文件未被修改。']);
  });

  it('deletes a year’s 附件 with its report', () => {
    const { file, repo } = withYear();
    repo.saveForm(2024, form('f1', '甲'));
    new DisclosureRepository(file.db).deleteReport(2024);
    expect(file.db.prepare('SELECT count(*) FROM evaluation_indicator').pluck().get()).toBe(0);
    expect(file.db.prepare('SELECT count(*) FROM evaluation_form').pluck().get()).toBe(0);
  });

  it('saves settings and reads the defaults when none are stored', () => {
    const { repo } = withYear();
    expect(repo.load(2024)).toEqual(emptyEvaluationSet());
    const settings = { ...emptyEvaluationSet().settings, layout: '阳泉' as const, grades: { excellent: 95_000, good: 85_000, fair: 70_000 } };
    repo.saveSettings(2024, settings);
    expect(repo.load(2024).settings).toEqual(settings);
    expect(storageError(() => repo.saveSettings(2024, { ...settings, grades: { excellent: 80_000, good: 85_000, fair: 70_000 } })).message).toContain('优 > 良 > 中');
  });
});

describe('the seeds’ 附件 in a file', () => {
  it.each(['jincheng-2023.json', 'yangquan-2024.json'])('%s: imports, stores and exports every form and report unchanged', (name) => {
    const file = open();
    const pkg = parseReportJson(fixtureText(name), name);
    importReport(file, pkg, { replace: false });
    const year = pkg.report.year;
    expect(new EvaluationRepository(file.db).load(year)).toEqual(pkg.evaluation);
    expect(JSON.parse(exportReportJson(file, year))).toEqual(JSON.parse(fixtureText(name)));
    const counts = checkYear(file, year).findings.filter((f) => f.ruleId === 'SE-TOTAL-PRINTED').length;
    expect(counts).toBe(2);
  });

  it('新建年度 carries each form forward with its indicators and targets, actuals cleared', () => {
    const file = open();
    importReport(file, parseReportJson(fixtureText('yangquan-2024.json'), 'y'), { replace: false });
    createNextYear(file, 2024);
    const repo = new EvaluationRepository(file.db);
    const [last, next] = [repo.load(2024), repo.load(2025)];
    expect(next.forms.map((f) => f.name)).toEqual(last.forms.map((f) => f.name));
    expect(next.settings).toEqual(last.settings);
    const [a, b] = [last.forms[0]!, next.forms[0]!];
    expect(b.indicators.map((i) => [i.level3, i.target, i.actual, i.score])).toEqual(a.indicators.map((i) => [i.level3, i.target, '', null]));
    expect([b.funds.city, b.groupScores, b.analysis.conclusion, b.filledOn, b.printed, b.evaluationYear]).toEqual([
      { declared: 0, initial: 0, budget: 0, spent: 0 }, {}, '', '', {}, '2025年度',
    ]);
    expect([b.manager, b.evaluators]).toEqual([a.manager, a.evaluators]);
  });
});

describe('migrating a version-1 file', () => {
  it('adds the 附件 tables, backs the file up and keeps the report', () => {
    const v1 = [MIGRATIONS[0]!];
    const first = open('old.jsgk', { create: true, migrations: v1 });
    // A version-1 file as that version wrote it (its department still held 下属单位 as text).
    first.db.prepare("INSERT INTO department (id, name, unit_kind, subordinate_units) VALUES (1, '测试局', '行政单位', '')").run();
    first.db.prepare("INSERT INTO report (year, edition, settings, created_at, updated_at) VALUES (2023, 2023, '{}', '2024-01-01', '2024-01-01')").run();
    closeDisclosureFile(opened.pop()!);
    const file = open('old.jsgk', { create: false });
    expect(file.migration.applied).toEqual([2, 3, 4, 5, 6]);
    expect(file.migration.backupPath).toMatch(/old\.jsgk\.bak-v1-/);
    expect(new DisclosureRepository(file.db).listYears()).toEqual([2023]);
    new EvaluationRepository(file.db).saveForm(2023, form('f1', '甲'));
    expect(new EvaluationRepository(file.db).load(2023).forms).toHaveLength(1);
  });
});
