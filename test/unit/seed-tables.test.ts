/**
 * Both seeds: the ten tables derived from the fixtures' typed facts must print every figure
 * the published tables print, leaf and derived, with the same rows in the same order.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInterchangeText } from '../../shared/domain/interchange';
import { deriveTables, type ShanxiTables, SHANXI_TABLE_IDS } from '../../shared/domain/tables';
import { compareFigures, printedFigures, seedRowKeys } from '../harness/seedCompare';
import { readSeedTables, SEED_000, SEED_002, type SeedTable } from '../harness/seedTables';

const FIXTURES = new URL('../fixtures/', import.meta.url);

function load(name: string): ShanxiTables {
  const parsed = parseInterchangeText(readFileSync(new URL(name, FIXTURES), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path} ${i.message}`).join('\n'));
  return deriveTables(parsed.value.department, parsed.value.report);
}

/** Labels as printed, ignoring the extraction's spaces and half/full-width parentheses. */
function norm(text: string): string {
  return text.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

const CASES = [
  { name: '晋城市商务局 2023 (seed 000)', fixture: 'jincheng-2023.json', seed: SEED_000, figures: 786 },
  { name: '阳泉市商务局 2024 (seed 002)', fixture: 'yangquan-2024.json', seed: SEED_002, figures: 860 },
] as const;

describe.each(CASES)('$name', ({ fixture, seed, figures: expectedCount }) => {
  const tables = load(fixture);
  const seedTables = readSeedTables(seed);

  it('reproduces every printed figure of the ten tables exactly', () => {
    const figures = printedFigures(seedTables);
    expect(figures.length).toBe(expectedCount);
    expect(figures.filter((f) => f.printed !== '').length).toBeGreaterThan(100);
    expect(compareFigures(tables, figures)).toEqual([]);
  });

  it.each(['02', '03', '05', '07', '08'] as const)('table %s lists the same 科目 rows in the same order with the same names', (id) => {
    const ours = tables[id].rows.map((r) => r.key);
    expect(ours).toEqual(seedRowKeys(seedTables[id]));
    for (const row of seedTables[id].rows) {
      if (row.key === '合计') continue;
      const ourRow = tables[id].rows.find((r) => r.key === row.key);
      expect(norm(ourRow?.cells[1]?.text ?? ''), `${id} ${row.key}`).toBe(norm(row.label));
    }
  });

  it('tables 01 and 04 print the same line labels', () => {
    for (const id of ['01', '04'] as const) {
      const table = tables[id];
      const labelOf = (line: number): string => {
        const half = id === '01' ? 31 : 32;
        const row = table.rows.find((r) => r.key === `L${line <= half ? line : line - half}`);
        const cells = row?.cells ?? [];
        return cells[line <= half ? 0 : 3]?.text ?? '';
      };
      for (const row of seedTables[id].rows) {
        const line = Number(row.key.slice(1));
        expect(norm(labelOf(line)), `${id} line ${line}`).toBe(norm(row.label));
      }
    }
  });

  it('table 06 lists the edition’s economic codes in the printed order', () => {
    const ourCodes: string[] = [];
    const table = tables['06'];
    for (let g = 0; g < 4; g++) {
      for (const row of table.rows) {
        const code = row.cells[g * 3]?.text ?? '';
        if (/^\d+$/.test(code)) ourCodes.push(code);
      }
    }
    const seedCodes = seedTables['06'].rows.map((r) => r.key).filter((k) => /^\d+$/.test(k));
    expect(ourCodes).toEqual(seedCodes);
  });

  it('prints the frame of every table as the seed does', () => {
    for (const id of SHANXI_TABLE_IDS) {
      const ours = tables[id];
      const theirs: SeedTable = seedTables[id];
      expect(ours.title, id).toBe(theirs.title);
      expect(ours.orgLine.split('：')[1], id).toBe(theirs.orgName);
      expect(ours.yearLine, id).toBe(`${theirs.year}年度`);
      expect(ours.unitLine, id).toBe(theirs.unitLine);
      expect(ours.note, id).toBe(theirs.note);
      expect(ours.emptyNote === '说明：本表无数据', id).toBe(theirs.noDataNote);
    }
  });
});

describe('rounding envelope', () => {
  it('seed 000 table 03 row 208 prints 239.70 although its printed parts add to 239.69', () => {
    const t03 = load('jincheng-2023.json')['03'];
    const row = t03.rows.find((r) => r.key === '208');
    const texts = row?.cells.slice(2, 5).map((c) => c.text);
    expect(texts).toEqual(['239.70', '230.84', '8.85']);
  });
});
