import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { FUNCTIONAL_2023, FUNCTIONAL_CHANGES } from '../../shared/domain/catalogue/functionalData';
import type { CodeList } from '../../shared/domain/catalogue/types';
import { getCatalogue } from '../../shared/domain/catalogue';

const here = fileURLToPath(new URL('.', import.meta.url));
const seedsDir = path.resolve(here, '../../../shared/seeds');

const EDITIONS = [2023, 2024, 2025] as const;

/** Applies FUNCTIONAL_CHANGES year by year on top of the 2023 edition. */
function edition(year: number): Map<string, string> {
  const map = new Map<string, string>(FUNCTIONAL_2023.map(([c, n]) => [c, n] as [string, string]));
  for (let y = 2024; y <= year; y++) {
    const ch = FUNCTIONAL_CHANGES[y];
    if (!ch) continue;
    for (const code of ch.remove ?? []) map.delete(code);
    for (const [code, name] of ch.rename ?? []) {
      if (map.has(code)) map.set(code, name);
    }
    for (const [code, name] of ch.add ?? []) map.set(code, name);
  }
  return new Map([...map.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** Functional-classification tables of a seed, by their title lines. */
const TABLE_TITLES = [
  '收入决算表', // 02
  '支出决算表', // 03
  '一般公共预算财政拨款支出决算表', // 05
  '政府性基金预算财政拨款收入支出决算表', // 07
  '国有资本经营预算财政拨款支出决算表', // 08
];

interface SeedRow {
  table: string;
  code: string;
  name: string;
}

function seedRows(file: string): SeedRow[] {
  const lines = readFileSync(path.join(seedsDir, file), 'utf8').split(/\r?\n/);
  const rows: SeedRow[] = [];
  let table: string | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    if (table === null) {
      if (TABLE_TITLES.includes(line)) table = line;
      continue;
    }
    if (line.startsWith('注：')) {
      table = null;
      continue;
    }
    const cells = raw.split('\t');
    const code = (cells[0] ?? '').trim();
    if (!/^(\d{3}|\d{5}|\d{7})$/.test(code)) continue;
    const name = (cells[1] ?? '').replace(/\s+/g, '');
    rows.push({ table, code, name });
  }
  return rows;
}

const SEEDS: { file: string; year: number }[] = [
  { file: '000_80dc64eda384f1d0.txt', year: 2023 },
  { file: '002_05e60210c6b60a66.txt', year: 2024 },
];

const CLASSES: [string, string][] = [
  ['201', '一般公共服务支出'],
  ['202', '外交支出'],
  ['203', '国防支出'],
  ['204', '公共安全支出'],
  ['205', '教育支出'],
  ['206', '科学技术支出'],
  ['207', '文化旅游体育与传媒支出'],
  ['208', '社会保障和就业支出'],
  ['210', '卫生健康支出'],
  ['211', '节能环保支出'],
  ['212', '城乡社区支出'],
  ['213', '农林水支出'],
  ['214', '交通运输支出'],
  ['215', '资源勘探工业信息等支出'],
  ['216', '商业服务业等支出'],
  ['217', '金融支出'],
  ['219', '援助其他地区支出'],
  ['220', '自然资源海洋气象等支出'],
  ['221', '住房保障支出'],
  ['222', '粮油物资储备支出'],
  ['223', '国有资本经营预算支出'],
  ['224', '灾害防治及应急管理支出'],
  ['229', '其他支出'],
  ['231', '债务还本支出'],
  ['232', '债务付息支出'],
  ['234', '抗疫特别国债安排的支出'],
];

function checkList(list: CodeList | [string, string][]): void {
  const codes = list.map(([c]) => c);
  expect(new Set(codes).size).toBe(codes.length);
  expect([...codes].sort()).toEqual(codes);
  const set = new Set(codes);
  for (const [code, name] of list) {
    expect(code, code).toMatch(/^(\d{3}|\d{5}|\d{7})$/);
    expect(name.length, code).toBeGreaterThan(0);
    expect(name, code).not.toMatch(/\s/);
    if (code.length >= 5) expect(set.has(code.slice(0, 3)), `${code} needs its 类`).toBe(true);
    if (code.length === 7) expect(set.has(code.slice(0, 5)), `${code} needs its 款`).toBe(true);
  }
}

describe('functional catalogue: seeds', () => {
  for (const { file, year } of SEEDS) {
    it(`${file} rows are in the ${year} edition with the seed's names`, () => {
      const rows = seedRows(file);
      expect(rows.length).toBeGreaterThan(20);
      expect(new Set(rows.map((r) => r.table)).size).toBeGreaterThanOrEqual(3);
      const ed = edition(year);
      const missing: string[] = [];
      for (const r of rows) {
        if (ed.get(r.code) !== r.name) missing.push(`${r.table}: ${r.code} ${r.name} (catalogue: ${ed.get(r.code)})`);
      }
      expect(missing).toEqual([]);
    });
  }
});

describe('functional catalogue: 类 of table 01', () => {
  for (const year of EDITIONS) {
    it(`${year} has the 26 类 with table 01 names, in code order`, () => {
      const ed = edition(year);
      for (const [code, name] of CLASSES) expect(ed.get(code), code).toBe(name);
      const wanted = new Set(CLASSES.map(([c]) => c));
      const order = [...ed.keys()].filter((c) => wanted.has(c));
      expect(order).toEqual(CLASSES.map(([c]) => c));
    });
  }
});

describe('functional catalogue: structure', () => {
  it('FUNCTIONAL_2023 is unique, sorted, well-formed and closed under parents', () => {
    checkList(FUNCTIONAL_2023);
  });

  for (const year of EDITIONS) {
    it(`${year} edition is unique, sorted, well-formed and closed under parents`, () => {
      checkList([...edition(year).entries()]);
    });
  }

  it('change sets only rename or remove existing codes and only add new ones', () => {
    let prev = edition(2023);
    for (const year of [2024, 2025]) {
      const ch = FUNCTIONAL_CHANGES[year];
      expect(ch, String(year)).toBeDefined();
      for (const [code] of ch?.add ?? []) expect(prev.has(code), `${year} add ${code}`).toBe(false);
      for (const [code] of ch?.rename ?? []) expect(prev.has(code), `${year} rename ${code}`).toBe(true);
      for (const code of ch?.remove ?? []) expect(prev.has(code), `${year} remove ${code}`).toBe(true);
      prev = edition(year);
    }
  });
});

describe('functional catalogue: 2024 changes', () => {
  it('21598 / 2159802 are absent in 2023 and present from 2024', () => {
    const e2023 = edition(2023);
    expect(e2023.has('21598')).toBe(false);
    expect(e2023.has('2159802')).toBe(false);
    for (const year of [2024, 2025]) {
      const ed = edition(year);
      expect(ed.get('21598')).toBe('超长期特别国债安排的支出');
      expect(ed.get('2159802')).toBe('制造业');
    }
  });
});

describe('functional catalogue: 20139 社会工作事务 (2024)', () => {
  // Real 2024 disclosures print these codes (the 社会工作部 was set up in 2023); a 2024 report
  // must accept them like any other 项.
  const CODES: [string, string][] = [
    ['20139', '社会工作事务'],
    ['2013901', '行政运行'],
    ['2013950', '事业运行'],
    ['2013999', '其他社会工作事务支出'],
  ];

  it('is absent in 2023 and present with its 项 from 2024', () => {
    const e2023 = edition(2023);
    for (const [code] of CODES) expect(e2023.has(code), code).toBe(false);
    for (const year of [2024, 2025]) {
      const ed = edition(year);
      for (const [code, name] of CODES) expect(ed.get(code), `${year} ${code}`).toBe(name);
    }
  });

  it('the shipped catalogue of 2024 knows the codes (interchange and table rows use it)', () => {
    const catalogue = getCatalogue(2024);
    for (const [code, name] of CODES) expect(catalogue.functionalName(code), code).toBe(name);
    expect(getCatalogue(2023).hasFunctional('2013901')).toBe(false);
  });
});
