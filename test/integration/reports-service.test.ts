/** Report use cases over a real file: 新建年度 carry-forward, last year's figures, rows. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paragraphText } from '../../shared/domain/narrative';
import { closeDisclosureFile, DisclosureRepository, openDisclosureFile } from '../../electron/backend/db';
import { createNextYear, importReport, packageForYear, parseReportJson } from '../../electron/backend/services/reports';

const FIXTURE = new URL('../fixtures/jincheng-2023.json', import.meta.url);

function fileWithJincheng() {
  const file = openDisclosureFile(join(mkdtempSync(join(tmpdir(), 'disclosure-svc-')), 'd.jsgk'), { create: true });
  importReport(file, parseReportJson(readFileSync(FIXTURE, 'utf8'), 'fixture'), { replace: false });
  return file;
}

describe('新建年度', () => {
  it('starts 2024 from 2023’s 概况, 名词解释, settings and rows, with zero amounts', () => {
    const file = fileWithJincheng();
    try {
      const next = createNextYear(file, 2023);
      const repo = new DisclosureRepository(file.db);
      expect(repo.listYears()).toEqual([2023, 2024]);
      const loaded = repo.loadReport(2024);
      const last = repo.loadReport(2023);
      expect(loaded).toEqual(next);
      expect(loaded.edition).toBe(2024);
      expect(loaded.texts['overview.duties']).toBe(last.texts['overview.duties']);
      expect(loaded.texts['glossary.extra']).toBe('本单位无其他的解释说明');
      expect(loaded.texts['n1.reason']).toBeUndefined();
      expect(loaded.items.map((i) => i.code)).toEqual(last.items.map((i) => i.code));
      expect(loaded.items.every((i) => i.expenditure.basic === 0 && i.income.generalBudget === 0)).toBe(true);
      expect(loaded.settings).toEqual(last.settings);
      expect(() => createNextYear(file, 2023)).toThrow('已有2024年度');
    } finally {
      closeDisclosureFile(file);
    }
  });

  it('compares the new year with last year’s report in the file, ignoring typed prior figures', () => {
    const file = fileWithJincheng();
    try {
      createNextYear(file, 2023);
      const repo = new DisclosureRepository(file.db);
      repo.writeFact(2024, { kind: 'item', code: '2011301', field: 'expenditure.basic' }, 800_000_000);
      repo.writeFact(2024, { kind: 'item', code: '2011301', field: 'income.generalBudget' }, 800_000_000);
      repo.writeFact(2024, { kind: 'prior', key: 'incomeTotal' }, 1);
      const { narrative } = packageForYear(file, 2024);
      const first = paragraphText(narrative.sections[0]!.paragraphs[0]!);
      // 2023 收入总计 2,384.38 → 2024 800.00: 减少 1,584.38, 下降 66.45%.
      expect(first).toContain('2024年度收入总计800.00万元');
      expect(first).toContain('收入总计减少1,584.38万元，下降66.45%');
      expect(narrative.missing.map((m) => m.field)).toContain('n1.reason');
    } finally {
      closeDisclosureFile(file);
    }
  });
});

describe('科目 rows', () => {
  it('adds an empty row and deletes a row with its amounts', () => {
    const file = fileWithJincheng();
    try {
      const repo = new DisclosureRepository(file.db);
      repo.addItem(2023, '2010301');
      expect(repo.loadReport(2023).items.find((i) => i.code === '2010301')?.expenditure.basic).toBe(0);
      repo.addItem(2023, '2011301');
      expect(repo.loadReport(2023).items.find((i) => i.code === '2011301')?.expenditure.basic).toBe(753_319_900);
      repo.deleteItem(2023, '2011301');
      expect(repo.loadReport(2023).items.some((i) => i.code === '2011301')).toBe(false);
    } finally {
      closeDisclosureFile(file);
    }
  });
});
