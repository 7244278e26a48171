import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import {
  readSeedTables,
  seedRow,
  SEED_000,
  SEED_002,
  SEED_TABLE_IDS,
  type SeedTable,
  type SeedTableId,
} from '../harness/seedTables';

const s000 = readSeedTables(SEED_000);
const s002 = readSeedTables(SEED_002);

const values = (t: SeedTable, key: string): string[] => seedRow(t, key).values;
const keys = (t: SeedTable): string[] => t.rows.map((r) => r.key);

const TITLES: Record<SeedTableId, string> = {
  '01': '收入支出决算总表',
  '02': '收入决算表',
  '03': '支出决算表',
  '04': '财政拨款收入支出决算总表',
  '05': '一般公共预算财政拨款支出决算表',
  '06': '一般公共预算财政拨款基本支出决算明细表',
  '07': '政府性基金预算财政拨款收入支出决算表',
  '08': '国有资本经营预算财政拨款支出决算表',
  '09': '财政拨款“三公”经费支出决算表',
  '10': '部门决算公开相关信息统计表',
};

/** Figure cells per row (table 04: right-hand lines; left-hand lines have 1). */
const WIDTH: Record<SeedTableId, number> = {
  '01': 1, '02': 7, '03': 6, '04': 4, '05': 3, '06': 1, '07': 6, '08': 3, '09': 12, '10': 1,
};

describe('seed table parser: common structure', () => {
  for (const [name, seed, org, year] of [
    ['000', s000, '晋城市商务局', 2023],
    ['002', s002, '阳泉市商务局', 2024],
  ] as const) {
    it(`seed ${name}: every table has title, org, year, unit line and note`, () => {
      for (const id of SEED_TABLE_IDS) {
        const t = seed[id];
        expect(t.id).toBe(id);
        expect(t.title).toBe(TITLES[id]);
        expect(t.orgName).toBe(org);
        expect(t.year).toBe(year);
        expect(t.unitLine).toBe(id === '07' || id === '08' ? '单位：万元' : '金额单位：万元');
        expect(t.note.startsWith('注：本表反映部门本年度')).toBe(true);
      }
    });

    it(`seed ${name}: rows have the expected number of figure cells`, () => {
      for (const id of SEED_TABLE_IDS) {
        for (const r of seed[id].rows) {
          const n = id === '04' && Number(r.key.slice(1)) <= 32 ? 1 : WIDTH[id];
          expect(r.values, `${id} ${r.key}`).toHaveLength(n);
          for (const v of r.values) expect(v, `${id} ${r.key}`).toMatch(/^(?:[\d,]+\.\d{2}|\d+|——|)$/);
        }
        expect(new Set(keys(seed[id])).size, `unique keys in ${id}`).toBe(seed[id].rows.length);
      }
    });
  }

  it('row counts per table', () => {
    const count = (s: Record<SeedTableId, SeedTable>): number[] => SEED_TABLE_IDS.map((id) => s[id].rows.length);
    //                      01  02  03  04  05   06  07 08 09  10
    expect(count(s000)).toEqual([62, 26, 26, 64, 26, 111, 1, 1, 1, 16]);
    expect(count(s002)).toEqual([62, 30, 30, 64, 27, 112, 4, 1, 1, 16]);
  });

  it('line-numbered tables list every line in order', () => {
    for (const s of [s000, s002]) {
      expect(keys(s['01'])).toEqual(Array.from({ length: 62 }, (_, i) => `L${i + 1}`));
      expect(keys(s['04'])).toEqual(Array.from({ length: 64 }, (_, i) => `L${i + 1}`));
      expect(keys(s['10'])).toEqual([...Array.from({ length: 15 }, (_, i) => `L${i + 1}`), 'L17']);
    }
  });

  it('only tables 07/08 carry 说明：本表无数据, and only when empty', () => {
    const flags = (s: Record<SeedTableId, SeedTable>): SeedTableId[] => SEED_TABLE_IDS.filter((id) => s[id].noDataNote);
    expect(flags(s000)).toEqual(['07', '08']);
    expect(flags(s002)).toEqual(['08']);
  });
});

describe('seed 000 (晋城市商务局 2023)', () => {
  it('table 01', () => {
    const t = s000['01'];
    expect(values(t, 'L1')).toEqual(['2,384.38']);
    expect(seedRow(t, 'L1').label).toBe('一、一般公共预算财政拨款收入');
    expect(values(t, 'L2')).toEqual(['']);
    expect(seedRow(t, 'L9').label).toBe('');
    expect(values(t, 'L27')).toEqual(['2,384.38']);
    expect(seedRow(t, 'L28').label).toBe('使用非财政拨款结余和专用结余');
    expect(values(t, 'L31')).toEqual(['2,384.38']);
    expect(seedRow(t, 'L32').label).toBe('一、一般公共服务支出');
    expect(values(t, 'L32')).toEqual(['1,914.07']);
    expect(seedRow(t, 'L39').label).toBe('八、社会保障和就业支出');
    expect(values(t, 'L39')).toEqual(['239.70']);
    expect(values(t, 'L40')).toEqual(['53.92']);
    expect(values(t, 'L46')).toEqual(['107.41']);
    expect(values(t, 'L50')).toEqual(['69.28']);
    // lines 56/57 come after the page break
    expect(seedRow(t, 'L57').label).toBe('二十六、抗疫特别国债安排的支出');
    expect(seedRow(t, 'L58').label).toBe('本年支出合计');
    expect(values(t, 'L58')).toEqual(['2,384.38']);
    expect(seedRow(t, 'L61').label).toBe('');
    expect(values(t, 'L62')).toEqual(['2,384.38']);
    expect(t.note).toContain('本套报表金额单位转换时可能存在尾数误差');
  });

  it('table 02', () => {
    const t = s000['02'];
    expect(t.rows[0]).toEqual({ key: '合计', label: '合计', values: ['2,384.38', '2,384.38', '', '', '', '', ''] });
    expect(seedRow(t, '2011301')).toEqual({
      key: '2011301', label: '行政运行', values: ['753.32', '753.32', '', '', '', '', ''],
    });
    expect(t.rows[t.rows.length - 1]?.key).toBe('2210201');
    expect(keys(t).slice(0, 4)).toEqual(['合计', '201', '20113', '2011301']);
  });

  it('table 03', () => {
    const t = s000['03'];
    expect(values(t, '合计')).toEqual(['2,384.38', '1,107.36', '1,277.02', '', '', '']);
    expect(seedRow(t, '208').label).toBe('社会保障和就业支出');
    expect(values(t, '208')).toEqual(['239.70', '230.84', '8.85', '', '', '']);
    expect(values(t, '2089999')).toEqual(['9.73', '0.88', '8.85', '', '', '']);
  });

  it('table 04 (column-number row printed as 档次)', () => {
    const t = s000['04'];
    expect(values(t, 'L1')).toEqual(['2,384.38']);
    expect(seedRow(t, 'L28').label).toBe('年初财政拨款结转和结余');
    expect(values(t, 'L32')).toEqual(['2,384.38']);
    expect(seedRow(t, 'L33')).toEqual({
      key: 'L33', label: '一、一般公共服务支出', values: ['1,914.07', '1,914.07', '', ''],
    });
    expect(values(t, 'L40')).toEqual(['239.70', '239.70', '', '']);
    expect(values(t, 'L59')).toEqual(['2,384.38', '2,384.38', '', '']);
    expect(values(t, 'L64')).toEqual(['2,384.38', '2,384.38', '', '']);
  });

  it('table 05', () => {
    const t = s000['05'];
    expect(values(t, '合计')).toEqual(['2,384.38', '1,107.36', '1,277.02']);
    expect(values(t, '2011301')).toEqual(['753.32', '753.32', '']);
    expect(values(t, '2169999')).toEqual(['107.41', '', '107.41']);
  });

  it('table 06', () => {
    const t = s000['06'];
    expect(seedRow(t, '30101')).toEqual({ key: '30101', label: '基本工资', values: ['207.28'] });
    expect(values(t, '301')).toEqual(['773.17']);
    expect(values(t, '30106')).toEqual(['']);
    expect(values(t, '303')).toEqual(['212.12']);
    expect(values(t, '30302')).toEqual(['139.94']); // after the page break
    expect(values(t, '302')).toEqual(['122.06']);
    expect(values(t, '30217')).toEqual(['0.24']);
    expect(values(t, '30231')).toEqual(['0.15']);
    expect(values(t, '30299')).toEqual(['35.78']);
    expect(values(t, '309')).toEqual(['——']);
    expect(values(t, '30901')).toEqual(['——']);
    expect(values(t, '311')).toEqual(['——']);
    expect(values(t, '31101')).toEqual(['——']);
    expect(values(t, '310')).toEqual(['']);
    expect(seedRow(t, '30999').label).toBe('其他资本性支出');
    expect(seedRow(t, '30303').label).toBe('退职(役)费');
    expect(values(t, '人员经费合计')).toEqual(['985.30']);
    expect(values(t, '公用经费合计')).toEqual(['122.06']);
    expect(keys(t)).not.toContain('31206');
    // reading order: group 1 (301, 303), group 2 (302), group 3 (307, 309, 310…), group 4 (…310, 311, 312, 313, 399)
    const k = keys(t);
    expect(k.slice(0, 3)).toEqual(['301', '30101', '30102']);
    expect(k.indexOf('30399')).toBe(k.indexOf('302') - 1);
    expect(k.indexOf('30299')).toBe(k.indexOf('307') - 1);
    expect(k.indexOf('31010')).toBe(k.indexOf('31011') - 1);
    expect(k.slice(-4)).toEqual(['39910', '39999', '人员经费合计', '公用经费合计']);
  });

  it('tables 07 and 08 are empty with the no-data note', () => {
    expect(s000['07'].noDataNote).toBe(true);
    expect(s000['07'].rows).toEqual([{ key: '合计', label: '合计', values: ['', '', '', '', '', ''] }]);
    expect(s000['08'].noDataNote).toBe(true);
    expect(s000['08'].rows).toEqual([{ key: '合计', label: '合计', values: ['', '', ''] }]);
  });

  it('table 09', () => {
    expect(s000['09'].rows).toEqual([{
      key: 'row',
      label: '',
      values: ['0.39', '', '0.15', '', '0.15', '0.24', '0.39', '', '0.15', '', '0.15', '0.24'],
    }]);
  });

  it('table 10', () => {
    const t = s000['10'];
    expect(seedRow(t, 'L1')).toEqual({ key: 'L1', label: '合计', values: ['24.60'] });
    expect(values(t, 'L2')).toEqual(['']);
    expect(values(t, 'L4')).toEqual(['24.60']);
    expect(seedRow(t, 'L5')).toEqual({ key: 'L5', label: '(一)行政单位', values: ['122.06'] });
    expect(values(t, 'L7')).toEqual(['1']);
    expect(seedRow(t, 'L15')).toEqual({ key: 'L15', label: '8.其他用车', values: ['1'] });
    expect(seedRow(t, 'L17').label).toBe('(二)单价100万元(含)以上设备(不含车辆)');
    expect(values(t, 'L17')).toEqual(['']);
  });
});

describe('seed 002 (阳泉市商务局 2024)', () => {
  it('table 01', () => {
    const t = s002['01'];
    expect(values(t, 'L1')).toEqual(['4662.90']);
    expect(values(t, 'L2')).toEqual(['7704.53']);
    expect(values(t, 'L27')).toEqual(['12367.43']);
    expect(seedRow(t, 'L28').label).toBe('使用非财政拨款结余（含专用结余）');
    expect(values(t, 'L31')).toEqual(['12367.43']);
    expect(values(t, 'L45')).toEqual(['7704.53']);
    expect(values(t, 'L46')).toEqual(['3932.80']);
    expect(values(t, 'L58')).toEqual(['12367.43']);
    expect(values(t, 'L62')).toEqual(['12367.43']);
  });

  it('table 02 (split 公开02/表 marker, swapped header lines, page break)', () => {
    const t = s002['02'];
    expect(t.title).toBe('收入决算表');
    expect(t.unitLine).toBe('金额单位：万元');
    expect(t.rows).toHaveLength(30);
    expect(t.rows[0]).toEqual({ key: '合计', label: '合计', values: ['12367.43', '12367.43', '', '', '', '', ''] });
    expect(seedRow(t, '2159802')).toEqual({
      key: '2159802', label: '制造业', values: ['7704.53', '7704.53', '', '', '', '', ''],
    });
    expect(seedRow(t, '21598').label).toBe('超长期特别国债安排的支出');
    // rows after the page break
    expect(keys(t).slice(-3)).toEqual(['221', '22102', '2210201']);
    expect(values(t, '2210201')).toEqual(['38.44', '38.44', '', '', '', '', '']);
  });

  it('table 03 (wrapped names)', () => {
    const t = s002['03'];
    expect(t.rows).toHaveLength(30);
    expect(seedRow(t, '208').label).toBe('社会保障和就业支出');
    expect(seedRow(t, '2080505').label).toBe('机关事业单位基本养老保险缴费支出');
    expect(seedRow(t, '21598').label).toBe('超长期特别国债安排的支出');
    expect(values(t, '合计')).toEqual(['12367.43', '707.14', '11660.29', '', '', '']);
    expect(values(t, '2159802')).toEqual(['7704.53', '', '7704.53', '', '', '']);
  });

  it('table 04', () => {
    const t = s002['04'];
    expect(values(t, 'L1')).toEqual(['4662.90']);
    expect(values(t, 'L2')).toEqual(['7704.53']);
    expect(values(t, 'L3')).toEqual(['']);
    expect(values(t, 'L46')).toEqual(['7704.53', '', '7704.53', '']);
    expect(values(t, 'L47')).toEqual(['3932.80', '3932.80', '', '']);
    expect(seedRow(t, 'L53').label).toBe('二十一、国有资本经营预算支出'); // after the page break
    expect(values(t, 'L59')).toEqual(['12367.43', '4662.90', '7704.53', '']);
    expect(values(t, 'L64')).toEqual(['12367.43', '4662.90', '7704.53', '']);
  });

  it('table 05 (no 215 rows: those are 政府性基金)', () => {
    const t = s002['05'];
    expect(values(t, '合计')).toEqual(['4662.90', '707.14', '3955.76']);
    expect(keys(t)).not.toContain('215');
  });

  it('table 06 (2024 edition)', () => {
    const t = s002['06'];
    expect(keys(t)).toContain('31206');
    expect(seedRow(t, '31206')).toEqual({ key: '31206', label: '其他资本性补助', values: [''] });
    expect(seedRow(t, '30999').label).toBe('其他基本建设支出');
    expect(seedRow(t, '31101').label).toBe('资本金注入（基本建设）');
    expect(values(t, '301')).toEqual(['413.58']);
    expect(values(t, '303')).toEqual(['231.39']);
    expect(values(t, '30114')).toEqual(['']); // first row after the page break
    expect(values(t, '30217')).toEqual(['0.26']);
    expect(values(t, '人员经费合计')).toEqual(['644.97']);
    expect(values(t, '公用经费合计')).toEqual(['62.17']);
  });

  it('table 07 has data', () => {
    const t = s002['07'];
    expect(t.noDataNote).toBe(false);
    expect(keys(t)).toEqual(['合计', '215', '21598', '2159802']);
    expect(values(t, '合计')).toEqual(['', '7704.53', '7704.53', '', '7704.53', '']);
    expect(values(t, '2159802')).toEqual(['', '7704.53', '7704.53', '', '7704.53', '']);
  });

  it('table 08 is empty', () => {
    expect(s002['08'].noDataNote).toBe(true);
    expect(s002['08'].rows).toEqual([{ key: '合计', label: '合计', values: ['', '', ''] }]);
  });

  it('table 09', () => {
    expect(values(s002['09'], 'row')).toEqual(['0.26', '', '', '', '', '0.26', '0.26', '', '', '', '', '0.26']);
  });

  it('table 10', () => {
    const t = s002['10'];
    expect(values(t, 'L1')).toEqual(['10.26']);
    expect(values(t, 'L2')).toEqual(['9.46']);
    expect(values(t, 'L4')).toEqual(['0.80']);
    expect(values(t, 'L5')).toEqual(['62.17']);
    expect(values(t, 'L15')).toEqual(['1']);
  });
});

describe('seed table parser: strictness', () => {
  const mutate = (from: string, to: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-parser-'));
    const path = join(dir, 'seed.txt');
    const text = readFileSync(SEED_000, 'utf8');
    expect(text).toContain(from);
    writeFileSync(path, text.replace(from, to));
    return path;
  };

  it('throws when a table marker is missing', () => {
    expect(() => readSeedTables(mutate('公开09表', '公开99表'))).toThrow(/公开09表/);
  });

  it('throws on a cell that is not a figure', () => {
    expect(() => readSeedTables(mutate('30101\t基本工资\t207.28', '30101\t基本工资\t207.28x'))).toThrow(/not a printed figure/);
  });

  it('throws when a 行次 line is missing', () => {
    expect(() => readSeedTables(mutate('\t30\t\t\t61\t', '\t30\t\t\t\t'))).toThrow();
  });
});
