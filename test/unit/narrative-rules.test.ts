/**
 * The rules of the drafted 第三部分 情况说明, one focused test (or a few) per rule:
 * figures (§2 of SPEC.md), required reasons and last year's figures, and the lint of all prose.
 * Each test changes a copy of a seed fixture (or calls figures.ts directly) so that breaking
 * the rule changes the asserted sentence or finding.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getCatalogue } from '../../shared/domain/catalogue';
import { parseInterchangeText, type ReportPackage } from '../../shared/domain/interchange';
import { EXPENDITURE_KINDS, INCOME_SOURCES, writeFact } from '../../shared/domain/model';
import {
  change,
  composeNarrative,
  lintText,
  type Narrative,
  paragraphPlainText,
  percentText,
  type PriorFigures,
  priorFromTables,
  priorFromTyped,
  largestRemainderShares,
  ratioBasisPoints,
  shares,
} from '../../shared/domain/narrative';
import { toPrintedUnits } from '../../shared/domain/money';
import { wanText } from '../../shared/domain/narrative/figures';
import { deriveTables } from '../../shared/domain/tables';
import { seedNarrativeSections, sentences } from '../harness/seedNarrative';
import { SEED_000, SEED_002 } from '../harness/seedTables';
import { mulberry32 } from '../harness/random';

// ---------------------------------------------------------------------------------------------
// helpers

type Fixture = 'jincheng-2023.json' | 'yangquan-2024.json';

/** A fresh, mutable copy of a fixture. */
function load(fixture: Fixture): ReportPackage {
  const parsed = parseInterchangeText(readFileSync(new URL(`../fixtures/${fixture}`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path} ${i.message}`).join('\n'));
  return parsed.value;
}

const jincheng = () => load('jincheng-2023.json');
const yangquan = () => load('yangquan-2024.json');

function narrate(pkg: ReportPackage, prior?: PriorFigures): Narrative {
  const { department, report } = pkg;
  const tables = deriveTables(department, report);
  return composeNarrative({ department, report, catalogue: getCatalogue(report.edition), tables, prior: prior ?? priorFromTyped(report) });
}

/** The printed paragraphs of a section (unfilled parts show as 【待填写：…】). */
function paras(n: Narrative, id: string): string[] {
  const s = n.sections.find((x) => x.id === id);
  if (!s) throw new Error(`no section ${id}`);
  return s.paragraphs.map(paragraphPlainText);
}

/** Every printed paragraph of the narrative (not the lists of missing items and findings). */
function allText(n: Narrative): string {
  return n.sections.flatMap((s) => s.paragraphs.map(paragraphPlainText)).join('\n');
}

/** The paragraph of a section that starts with `start`. */
function para(n: Narrative, id: string, start: string): string {
  const found = paras(n, id).filter((p) => p.startsWith(start));
  if (found.length !== 1) throw new Error(`${found.length} paragraphs of ${id} start with ${start}`);
  return found[0]!;
}

const T1 = '一、收入支出决算总体情况说明';
const T5 = '五、一般公共预算财政拨款支出决算情况说明';
const WAN = 1_000_000; // fen per 万元
const UNIT = 10_000; // fen per printed unit (0.01 万元)

/** Every `占比x%` of a list, in basis points. */
function printedShares(lines: readonly string[]): number[] {
  return lines.flatMap((l) => [...l.matchAll(/占比(\d+)(?:\.(\d\d))?%/gu)].map((m) => Number(m[1]) * 100 + Number(m[2] ?? 0)));
}

const generator = mulberry32;

// ---------------------------------------------------------------------------------------------
// figures.ts

describe('figures.ts', () => {
  it('wanText: 万元 with two decimals, thousands separators as the setting says, `0` for zero', () => {
    expect(wanText(238438, true)).toBe('2,384.38');
    expect(wanText(238438, false)).toBe('2384.38');
    expect(wanText(1198492, true)).toBe('11,984.92');
    expect(wanText(123456789, true)).toBe('1,234,567.89');
    expect(wanText(123456789, false)).toBe('1234567.89');
    expect(wanText(23970, true)).toBe('239.70');
    expect(wanText(100, true)).toBe('1.00');
    expect(wanText(5, false)).toBe('0.05');
    expect(wanText(0, true)).toBe('0');
    expect(wanText(0, false)).toBe('0');
  });

  it('ratioBasisPoints rounds half up', () => {
    expect(ratioBasisPoints(1, 20000)).toBe(1); // 0.5 bp → 1
    expect(ratioBasisPoints(3, 20000)).toBe(2); // 1.5 bp → 2
    expect(ratioBasisPoints(1, 40000)).toBe(0); // 0.25 bp → 0
    expect(ratioBasisPoints(3, 40000)).toBe(1); // 0.75 bp → 1
    expect(ratioBasisPoints(75332, 80000)).toBe(9417); // 9416.5 → 9417
    expect(ratioBasisPoints(1, 3)).toBe(3333);
    expect(ratioBasisPoints(2, 3)).toBe(6667);
    expect(ratioBasisPoints(1, 8)).toBe(1250);
    expect(ratioBasisPoints(0, 5)).toBe(0);
    expect(ratioBasisPoints(466290, 69596)).toBe(67000); // seed 002: 完成年初预算的670.00%
    expect(ratioBasisPoints(393280, 5200)).toBe(756308); // seed 002: 7563.08%
    expect(ratioBasisPoints(1198492, 1436930)).toBe(8341); // seed 000: 下降83.41%
    expect(() => ratioBasisPoints(1, 0)).toThrow();
  });

  it('percentText: two decimals, zero prints 0%', () => {
    expect(percentText(0)).toBe('0%');
    expect(percentText(10000)).toBe('100.00%');
    expect(percentText(756308)).toBe('7563.08%');
    expect(percentText(8341)).toBe('83.41%');
    expect(percentText(40)).toBe('0.40%');
    expect(percentText(5)).toBe('0.05%');
    expect(percentText(1000)).toBe('10.00%');
    expect(percentText(67000)).toBe('670.00%');
  });

  it('shares (default): each share of the printed total rounded on its own, half up', () => {
    // The real documents of issue 12: 60.99 / 2,940.06 = 2.074% and 10.82 / 307.82 = 3.515%.
    expect(shares([6099, 100000, 100000, 87907], 294006, 'each')).toEqual([207, 3401, 3401, 2990]);
    expect(shares([1082, 10000, 19700], 30782, 'each')).toEqual([352, 3249, 6400]);
    // Largest remainder moves both off their nearest value (that is what the documents flagged).
    expect(shares([6099, 100000, 100000, 87907], 294006, 'largestRemainder')).toEqual([208, 3401, 3401, 2990]);
    expect(shares([1082, 10000, 19700], 30782, 'largestRemainder')).toEqual([351, 3249, 6400]);
    // A zero total gives zero shares.
    expect(shares([0, 0], 0, 'each')).toEqual([0, 0]);
  });

  it('largestRemainderShares: where naive rounding gives 99.99% or 100.01%', () => {
    // 2:3:4 → 22.22 + 33.33 + 44.44 = 99.99 when each is rounded alone.
    expect([2, 3, 4].map((p) => ratioBasisPoints(p, 9)).reduce((s, x) => s + x, 0)).toBe(9999);
    expect(largestRemainderShares([2, 3, 4])).toEqual([2222, 3333, 4445]);
    // 1:3:14 → 5.56 + 16.67 + 77.78 = 100.01 when each is rounded alone.
    expect([1, 3, 14].map((p) => ratioBasisPoints(p, 18)).reduce((s, x) => s + x, 0)).toBe(10001);
    expect(largestRemainderShares([1, 3, 14])).toEqual([555, 1667, 7778]);
    // Three equal parts: one of them takes the extra basis point.
    expect([...largestRemainderShares([1, 1, 1])].sort()).toEqual([3333, 3333, 3334]);
    // Zero parts keep a zero share; all zero gives all zero.
    expect(largestRemainderShares([1, 0, 2])).toEqual([3333, 0, 6667]);
    expect(largestRemainderShares([0, 0, 0])).toEqual([0, 0, 0]);
    expect(largestRemainderShares([5])).toEqual([10000]);
  });

  it('shares: random lists always sum to 10000, by largest remainder', () => {
    const rnd = generator(20240601);
    let naiveOff = 0;
    for (let n = 0; n < 3000; n++) {
      const len = 1 + Math.floor(rnd() * 12);
      const parts = Array.from({ length: len }, () => {
        const r = rnd();
        if (r < 0.2) return 0;
        if (r < 0.6) return 1 + Math.floor(rnd() * 10);
        return 1 + Math.floor(rnd() * 1_000_000_000);
      });
      const total = parts.reduce((s, p) => s + p, 0);
      const got = largestRemainderShares(parts);
      expect(got).toHaveLength(len);
      if (total === 0) {
        expect(got.every((g) => g === 0)).toBe(true);
        continue;
      }
      expect(got.reduce((s, g) => s + g, 0), JSON.stringify(parts)).toBe(10000);
      if (parts.map((p) => ratioBasisPoints(p, total)).reduce((s, x) => s + x, 0) !== 10000) naiveOff++;
      // Exact floor and remainder of p·10000/total in integers.
      const big = parts.map((p) => BigInt(p) * 10000n);
      const floor = big.map((b) => Number(b / BigInt(total)));
      const rest = big.map((b) => b % BigInt(total));
      parts.forEach((p, i) => {
        if (p === 0) expect(got[i]).toBe(0);
        expect([floor[i], floor[i]! + 1]).toContain(got[i]);
      });
      // Every part that was rounded up has a remainder at least as large as every part that was not.
      const up = parts.map((p, i) => p > 0 && got[i] === floor[i]! + 1);
      const minUp = rest.filter((_, i) => up[i]).reduce<bigint | null>((m, r) => (m === null || r < m ? r : m), null);
      const maxDown = rest.filter((_, i) => parts[i]! > 0 && !up[i]).reduce<bigint | null>((m, r) => (m === null || r > m ? r : m), null);
      if (minUp !== null && maxDown !== null) expect(minUp >= maxDown, JSON.stringify(parts)).toBe(true);
    }
    // The lists really exercise the adjustment.
    expect(naiveOff).toBeGreaterThan(300);
  });

  it('change(): direction, absolute difference and percentage; none from a zero base', () => {
    expect(change(238438, 1436930)).toEqual({ direction: 'down', diff: 1198492, pct: 8341 });
    expect(change(25404, 7453)).toEqual({ direction: 'up', diff: 17951, pct: 24086 });
    expect(change(26, 0)).toEqual({ direction: 'up', diff: 26, pct: null });
    expect(change(0, 0)).toEqual({ direction: 'same', diff: 0, pct: null });
    expect(change(500, 500)).toEqual({ direction: 'same', diff: 0, pct: null });
    expect(change(0, 15)).toEqual({ direction: 'down', diff: 15, pct: 10000 });
    expect(change(3, 2)).toEqual({ direction: 'up', diff: 1, pct: 5000 });
  });
});

// ---------------------------------------------------------------------------------------------
// Item 2: figures in sentences

describe('item 2: figures in sentences', () => {
  it('amounts print without separators when the report sets tableGrouping off: one setting, tables and sentences', () => {
    const pkg = jincheng();
    pkg.report.settings.tableGrouping = false;
    const n = narrate(pkg);
    expect(paras(n, 'n1')[0]).toMatch(/^2023年度收入总计2384\.38万元，支出总计2384\.38万元。与上年相比，收入总计减少11984\.92万元/);
    const all = allText(n);
    expect(all.match(/\d,\d{3}/g) ?? []).toEqual([]);
  });

  it('amounts print with thousands separators and 0 for zero', () => {
    const n = narrate(jincheng());
    expect(paras(n, 'n1')[0]).toBe(
      '2023年度收入总计2,384.38万元，支出总计2,384.38万元。与上年相比，收入总计减少11,984.92万元，下降83.41%，支出总计减少11,984.92万元，下降83.41%。主要原因是减少了消费券的资金，项目类资金收入和支出减少。',
    );
    expect(para(n, 'n2', '上级补助收入')).toBe('上级补助收入0万元，占比0%；');
  });

  it('completion rates print with two decimals, also above 100%', () => {
    const n = narrate(yangquan());
    expect(para(n, 'n5', '2024年度一般公共预算财政拨款支出年初预算')).toBe(
      '2024年度一般公共预算财政拨款支出年初预算695.96万元，支出决算4662.90万元，完成年初预算的670.00%。其中：',
    );
    expect(para(n, 'n5', '商业服务业等支出年初预算')).toContain('完成年初预算的7563.08%，');
    expect(para(n, 'n5', '卫生健康支出（类）')).toBe('卫生健康支出（类）18.64万元，占比0.40%；');
  });

  it('income shares: each rounded on its own by default (99.99% in all); largest remainder as a setting (100.00%)', () => {
    const pkg = jincheng();
    for (const item of pkg.report.items) for (const s of INCOME_SOURCES) writeFact(pkg.report, { kind: 'item', code: item.code, field: `income.${s}` }, 0);
    writeFact(pkg.report, { kind: 'item', code: '2011301', field: 'income.generalBudget' }, 2 * WAN);
    writeFact(pkg.report, { kind: 'item', code: '2011301', field: 'income.superior' }, 3 * WAN);
    writeFact(pkg.report, { kind: 'item', code: '2011301', field: 'income.business' }, 4 * WAN);
    const each = paras(narrate(pkg), 'n2');
    expect(each.slice(1, 4)).toEqual(['财政拨款收入2.00万元，占比22.22%；', '上级补助收入3.00万元，占比33.33%；', '事业收入4.00万元，占比44.44%；']);
    expect(printedShares(each).reduce((s, x) => s + x, 0)).toBe(9999);
    pkg.report.settings.shareRounding = 'largestRemainder';
    const lines = paras(narrate(pkg), 'n2');
    expect(lines).toEqual([
      '2023年度收入合计9.00万元，其中：',
      '财政拨款收入2.00万元，占比22.22%；',
      '上级补助收入3.00万元，占比33.33%；',
      '事业收入4.00万元，占比44.45%；',
      '经营收入0万元，占比0%；',
      '附属单位上缴收入0万元，占比0%；',
      '其他收入0万元，占比0%。',
    ]);
    expect(printedShares(lines).reduce((s, x) => s + x, 0)).toBe(10000);
  });

  it('expenditure shares: each rounded on its own by default (100.01% in all); largest remainder as a setting (100.00%)', () => {
    const pkg = jincheng();
    for (const item of pkg.report.items) for (const k of EXPENDITURE_KINDS) writeFact(pkg.report, { kind: 'item', code: item.code, field: `expenditure.${k}` }, 0);
    writeFact(pkg.report, { kind: 'item', code: '2011301', field: 'expenditure.basic' }, 1 * WAN);
    writeFact(pkg.report, { kind: 'item', code: '2011301', field: 'expenditure.project' }, 3 * WAN);
    writeFact(pkg.report, { kind: 'item', code: '2011301', field: 'expenditure.remitUpper' }, 14 * WAN);
    const each = paras(narrate(pkg), 'n3');
    expect(each[1]).toBe('基本支出1.00万元，占比5.56%；');
    expect(printedShares(each).reduce((s, x) => s + x, 0)).toBe(10001);
    pkg.report.settings.shareRounding = 'largestRemainder';
    const lines = paras(narrate(pkg), 'n3');
    expect(lines).toEqual([
      '2023年度支出合计18.00万元，其中：',
      '基本支出1.00万元，占比5.55%；',
      '项目支出3.00万元，占比16.67%；',
      '上缴上级支出14.00万元，占比77.78%；',
      '经营支出0万元，占比0%；',
      '对附属单位补助支出0万元，占比0%。',
    ]);
    expect(printedShares(lines).reduce((s, x) => s + x, 0)).toBe(10000);
  });

  it('the shares of the issue-12 documents on seed data: 60.99 / 2,940.06 → 2.07% and 10.82 / 307.82 → 3.52%', () => {
    // Seed 000 with its 一般公共预算 spending moved so 五（二） lists 1,000.00 + 1,000.00 + 60.99 + 879.07
    // = 2,940.06 by 类, and 三 lists 基本 10.82 + 项目 100.00 + 上缴上级 197.00 = 307.82.
    const pkg = jincheng();
    const classes: Record<string, number> = { '201': 100_000, '208': 100_000, '210': 6_099, '216': 87_907 };
    const first = new Set<string>();
    for (const item of pkg.report.items) {
      for (const f of ['fiscal.generalBasic', 'fiscal.generalProject'] as const) writeFact(pkg.report, { kind: 'item', code: item.code, field: f }, 0);
      for (const k of EXPENDITURE_KINDS) writeFact(pkg.report, { kind: 'item', code: item.code, field: `expenditure.${k}` }, 0);
      const cls = item.code.slice(0, 3);
      if (classes[cls] !== undefined && !first.has(cls)) {
        first.add(cls);
        writeFact(pkg.report, { kind: 'item', code: item.code, field: 'fiscal.generalBasic' }, classes[cls]! * UNIT);
      }
    }
    writeFact(pkg.report, { kind: 'item', code: '2011301', field: 'expenditure.basic' }, 1_082 * UNIT);
    writeFact(pkg.report, { kind: 'item', code: '2011301', field: 'expenditure.project' }, 10_000 * UNIT);
    writeFact(pkg.report, { kind: 'item', code: '2011301', field: 'expenditure.remitUpper' }, 19_700 * UNIT);
    const n = narrate(pkg);
    expect(para(n, 'n5', '卫生健康支出（类）')).toBe('卫生健康支出（类）60.99万元，占比2.07%；');
    expect(para(n, 'n3', '基本支出')).toBe('基本支出10.82万元，占比3.52%；');
    // The largest-remainder setting moves both off their nearest value, as the documents' tool did.
    pkg.report.settings.shareRounding = 'largestRemainder';
    const lr = narrate(pkg);
    expect(para(lr, 'n5', '卫生健康支出（类）')).toBe('卫生健康支出（类）60.99万元，占比2.08%；');
    expect(para(lr, 'n3', '基本支出')).toBe('基本支出10.82万元，占比3.51%；');
  });

  it('counts never typed are 待填写, never 0 (issue 12: 共接待0批次，0人次 printed without any count typed)', () => {
    // Seed 002 with no count typed: 公务接待费 0.26 万元 backs 接待批次/人次, so they are required;
    // the zero amounts (出国, 购车, 运行维护, 外事, 国（境）外) get no count clause at all.
    const pkg = yangquan();
    pkg.report.stats.counts = {};
    const n = narrate(pkg);
    const n9 = paras(n, 'n9').slice(-4);
    expect(n9).toEqual([
      '1、因公出国（境）费支出0万元。主要用于：本单位无因公出国（境）费支出。',
      '2、公务用车购置支出0万元，主要用于：本单位无公务用车购置支出。',
      '3、公务用车运行维护费支出0万元，主要用于：本单位无公务用车运行维护费支出。',
      '4、公务接待费支出0.26万元，共接待【待填写：公务接待批次】批次，【待填写：公务接待人次】人次。国内接待费0.26万元，共接待【待填写：国内接待批次】批次，【待填写：国内接待人次】人次，其中外事接待费0万元，主要是无；国（境）外接待费0万元，主要是无。',
    ]);
    expect(allText(n)).not.toMatch(/0批次|0人次|0个|0辆/);
    expect(n.missing.filter((m) => m.fact?.kind === 'count').map((m) => m.label)).toEqual(['公务接待批次', '公务接待人次', '国内接待批次', '国内接待人次', '绩效自评项目个数']);
    // Typing them (zeros included) prints exactly what was typed.
    pkg.report.stats.counts = { receptionBatches: 5, receptionPeople: 38, domesticBatches: 5, domesticPeople: 38, foreignAffairsBatches: 0, foreignAffairsPeople: 0, performanceProjects: 11 };
    const typed = paras(narrate(pkg), 'n9').at(-1);
    expect(typed).toBe(
      '4、公务接待费支出0.26万元，共接待5批次，38人次。国内接待费0.26万元，共接待5批次，38人次，其中外事接待费0万元，共接待0批次，0人次，主要是无；国（境）外接待费0万元，主要是无。',
    );
  });

  it('a count behind a non-zero amount is required even when another count of the pair is typed', () => {
    const pkg = jincheng();
    delete pkg.report.stats.counts.vehiclesHeld;
    delete pkg.report.stats.counts.abroadPeople;
    const n = narrate(pkg);
    expect(para(n, 'n9', '3、')).toBe('3、公务用车运行维护费支出0.15万元，使用财政拨款负担的公务用车保有量共【待填写：财政拨款负担的公务用车保有量】辆车，主要用于：保障机关运行，公务活动所需车辆的维修费、过路费。');
    // 出国 0 万元 with 团组 typed as 0: the clause stays and asks for 人次.
    expect(para(n, 'n9', '1、')).toBe('1、因公出国（境）费支出0万元，出国团组共0个，【待填写：因公出国（境）人次】人次。主要用于：本单位2023年无因公出国（境）支出。');
    expect(n.missing.map((m) => m.label)).toEqual(['因公出国（境）人次', '财政拨款负担的公务用车保有量']);
  });

  it('three equal income sources: 33.33% each by default; 33.34% once with largest remainder', () => {
    const pkg = jincheng();
    pkg.report.settings.narrativeListStyle = 'nonZero';
    for (const item of pkg.report.items) for (const s of INCOME_SOURCES) writeFact(pkg.report, { kind: 'item', code: item.code, field: `income.${s}` }, 0);
    for (const s of ['generalBudget', 'superior', 'business'] as const) writeFact(pkg.report, { kind: 'item', code: '2011301', field: `income.${s}` }, WAN);
    expect(printedShares(paras(narrate(pkg), 'n2'))).toEqual([3333, 3333, 3333]);
    pkg.report.settings.shareRounding = 'largestRemainder';
    const lines = paras(narrate(pkg), 'n2');
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).map((l) => l.replace(/占比[\d.]+%/u, '占比'))).toEqual(['财政拨款收入1.00万元，占比；', '上级补助收入1.00万元，占比；', '事业收入1.00万元，占比。']);
    expect([...printedShares(lines)].sort()).toEqual([3333, 3333, 3334]);
  });

  it('五（二）: the shares by 类 of both seeds sum to 100.00%', () => {
    for (const pkg of [jincheng(), yangquan()]) {
      const lines = paras(narrate(pkg), 'n5').filter((l) => /（类）[\d,.]+万元，占比/u.test(l));
      expect(lines).toHaveLength(5);
      expect(printedShares(lines).reduce((s, x) => s + x, 0)).toBe(10000);
    }
  });

  it('YoY: 增加/减少 with 增长/下降', () => {
    const n = narrate(yangquan());
    expect(para(n, 'n5', '社会保障和就业支出年初预算')).toContain('较上年决算增加179.51万元，增长240.86%，主要原因是');
    expect(para(n, 'n5', '一般公共服务支出年初预算')).toContain('较上年决算减少289.10万元，下降40.83%，主要原因是');
    expect(paras(n, 'n10')[1]).toBe('2024年机关运行经费支出62.17万元，比2023年增加2.54万元，增长4.26%，主要原因本年选调生驻村补贴支出和差旅费支出增加。');
  });

  it('YoY: 与上年相同 when equal (in printed units), and then no reason is asked', () => {
    const pkg = jincheng();
    pkg.report.prior.incomeTotal = 238438 * UNIT;
    pkg.report.prior.expenditureTotal = 238438 * UNIT - 5000; // 2,384.375 万元 prints 2,384.38
    delete pkg.report.texts['n1.reason'];
    const n = narrate(pkg);
    expect(paras(n, 'n1')).toEqual(['2023年度收入总计2,384.38万元，支出总计2,384.38万元。与上年相比，收入总计与上年相同，支出总计与上年相同。']);
    expect(n.missing).toEqual([]);
  });

  it('YoY: from a zero base, the amount only, no percentage', () => {
    const pkg = jincheng();
    pkg.report.prior.incomeTotal = 0;
    const n = narrate(pkg);
    expect(paras(n, 'n1')[0]).toBe(
      '2023年度收入总计2,384.38万元，支出总计2,384.38万元。与上年相比，收入总计增加2,384.38万元，支出总计减少11,984.92万元，下降83.41%。主要原因是减少了消费券的资金，项目类资金收入和支出减少。',
    );
    // Seed 002: 三公 was zero last year.
    expect(paras(narrate(yangquan()), 'n9')[1]).toBe(
      '2024年度“三公”经费财政拨款支出全年预算0.26万元，支出决算0.26万元，完成全年预算的100.00%，比上年度增加0.26万元，主要原因是：本年公务接待事项增加。其中：',
    );
  });

  it('年初预算 of 0 switches to 全年预算 wording', () => {
    const n = narrate(jincheng());
    const p = para(n, 'n5', '商业服务业等支出年初预算');
    expect(p).toBe(
      '商业服务业等支出年初预算为0万元，全年预算107.41万元，支出决算107.41万元，完成全年预算的100.00%，用于夜经济和总仓项目支出。较上年决算减少4,352.59万元，下降97.59%，主要原因是2023年减少了消费券的资金，项目类资金减少。',
    );
    expect(p).not.toContain('完成年初预算');
  });

  it('年初预算 and 全年预算 both 0: no completion rate at all', () => {
    const pkg = jincheng();
    pkg.report.adjustedBudget['216'] = 0;
    const p = para(narrate(pkg), 'n5', '商业服务业等支出年初预算');
    expect(p).toBe(
      '商业服务业等支出年初预算为0万元，全年预算0万元，支出决算107.41万元，用于夜经济和总仓项目支出。较上年决算减少4,352.59万元，下降97.59%，主要原因是2023年减少了消费券的资金，项目类资金减少。',
    );
  });

  it('年初预算 of 0 with 全年预算 not typed: 全年预算 is reported missing', () => {
    const pkg = jincheng();
    delete pkg.report.adjustedBudget['216'];
    const n = narrate(pkg);
    const p = para(n, 'n5', '商业服务业等支出年初预算');
    expect(p).toBe(
      '商业服务业等支出年初预算为0万元，全年预算【待填写：商业服务业等支出全年预算】万元，支出决算107.41万元，用于夜经济和总仓项目支出。较上年决算减少4,352.59万元，下降97.59%，主要原因是2023年减少了消费券的资金，项目类资金减少。',
    );
    expect(p).not.toContain('完成');
    expect(n.missing).toEqual([{ section: T5, fact: { kind: 'adjustedBudget', code: '216' }, label: '商业服务业等支出全年预算' }]);
  });

  it('年初预算 of 0 for every 类: the total is worded as each 类 is, against the 全年预算 total', () => {
    const pkg = jincheng();
    for (const code of Object.keys(pkg.report.initialBudget)) pkg.report.initialBudget[code] = 0;
    for (const code of ['201', '208', '210', '221']) pkg.report.adjustedBudget[code] = 100 * WAN;
    const n = narrate(pkg);
    // 全年预算 = 4 × 100.00 + 107.41 (商业服务业等支出) = 507.41; 2,384.38 / 507.41 = 469.91%.
    expect(para(n, 'n5', '2023年度一般公共预算财政拨款支出年初预算')).toBe(
      '2023年度一般公共预算财政拨款支出年初预算为0万元，全年预算507.41万元，支出决算2,384.38万元，完成全年预算的469.91%。其中：',
    );
    expect(paras(n, 'n5').filter((l) => l.includes('完成年初预算'))).toEqual([]);
    expect(para(n, 'n5', '住房保障支出年初预算')).toContain('住房保障支出年初预算为0万元，全年预算100.00万元，支出决算69.28万元，完成全年预算的69.28%，');
    expect(n.missing).toEqual([]);
  });

  it('年初预算 of 0 (the issue-12 document: 支出决算 307.82): no 年初预算为0 said twice; a missing 全年预算 is asked for', () => {
    // Seed 000 with only 住房保障支出 left, scaled to 307.82, its 年初预算 0 and 全年预算 307.82.
    const pkg = jincheng();
    pkg.report.items = pkg.report.items.filter((i) => i.code.startsWith('221'));
    const [first, ...rest] = pkg.report.items;
    for (const item of rest) writeFact(pkg.report, { kind: 'item', code: item.code, field: 'fiscal.generalBasic' }, 0);
    writeFact(pkg.report, { kind: 'item', code: first!.code, field: 'fiscal.generalBasic' }, 307_82 * UNIT);
    writeFact(pkg.report, { kind: 'item', code: first!.code, field: 'fiscal.generalProject' }, 0);
    pkg.report.initialBudget = { '221': 0 };
    pkg.report.adjustedBudget = {};
    const missing = narrate(pkg);
    expect(para(missing, 'n5', '2023年度一般公共预算财政拨款支出年初预算')).toBe(
      '2023年度一般公共预算财政拨款支出年初预算为0万元，全年预算【待填写：全年预算合计（各科目全年预算未填齐）】万元，支出决算307.82万元。其中：',
    );
    pkg.report.adjustedBudget = { '221': 307_82 * UNIT };
    const n = narrate(pkg);
    const intro = para(n, 'n5', '2023年度一般公共预算财政拨款支出年初预算');
    expect(intro).toBe('2023年度一般公共预算财政拨款支出年初预算为0万元，全年预算307.82万元，支出决算307.82万元，完成全年预算的100.00%。其中：');
    expect(intro).not.toContain('年初预算0万元');
    expect(intro.match(/年初预算为0/g)).toHaveLength(1);
  });

  it('年初预算 not typed for a 类: reported missing, no completion rate', () => {
    const pkg = jincheng();
    delete pkg.report.initialBudget['210'];
    const n = narrate(pkg);
    expect(para(n, 'n5', '卫生健康支出年初预算')).toBe(
      '卫生健康支出年初预算【待填写：卫生健康支出年初预算】万元，支出决算53.92万元，用于医保缴纳。较上年决算增加9.74万元，增长22.05%，主要原因是调整了社保基数。',
    );
    // The total is the sum of the rows' budgets, so it is reported missing too (never summed as if 0).
    expect(para(n, 'n5', '2023年度一般公共预算财政拨款支出年初预算')).toBe(
      '2023年度一般公共预算财政拨款支出年初预算【待填写：年初预算合计（各科目年初预算未填齐）】万元，支出决算2,384.38万元。其中：',
    );
    expect(n.missing).toEqual([
      { section: T5, fact: { kind: 'initialBudget', code: '210' }, label: '年初预算合计（各科目年初预算未填齐）' },
      { section: T5, fact: { kind: 'initialBudget', code: '210' }, label: '卫生健康支出年初预算' },
    ]);
  });

  it('决算 above / below 年初预算 uses 大于 / 小于 (budgetVarianceReason)', () => {
    const pkg = jincheng();
    pkg.report.settings.budgetVarianceReason = true;
    pkg.report.texts['n5.3.201.budgetReason'] = '部分项目未实施。';
    pkg.report.texts['n5.3.208.budgetReason'] = '人员减少';
    pkg.report.texts['n5.3.210.budgetReason'] = '缴费基数调整';
    pkg.report.texts['n5.3.221.budgetReason'] = '人员减少';
    const n = narrate(pkg);
    expect(para(n, 'n5', '一般公共服务支出年初预算')).toBe(
      '一般公共服务支出年初预算2,636.14万元，支出决算1,914.07万元，完成年初预算的72.61%，用于在职人员工资绩效津补贴发放和公用经费、项目类支出。决算数小于年初预算数的主要原因是部分项目未实施。较上年决算减少7,660.67万元，下降80.01%，主要原因是2023年减少了消费券的资金，项目类资金减少。',
    );
    expect(para(n, 'n5', '卫生健康支出年初预算')).toBe(
      '卫生健康支出年初预算51.02万元，支出决算53.92万元，完成年初预算的105.68%，用于医保缴纳。决算数大于年初预算数的主要原因是缴费基数调整。较上年决算增加9.74万元，增长22.05%，主要原因是调整了社保基数。',
    );
    // 决算 equal to 全年预算 (年初预算 0): nothing to explain.
    expect(para(n, 'n5', '商业服务业等支出年初预算')).not.toContain('决算数');
    expect(n.missing).toEqual([]);
    expect(n.lint).toEqual([]);
  });

  it('决算 above 全年预算 where 年初预算 is 0 says 大于全年预算数', () => {
    const pkg = jincheng();
    pkg.report.settings.budgetVarianceReason = true;
    pkg.report.adjustedBudget['216'] = 100 * WAN;
    pkg.report.texts['n5.3.216.budgetReason'] = '年中追加项目';
    expect(para(narrate(pkg), 'n5', '商业服务业等支出年初预算')).toBe(
      '商业服务业等支出年初预算为0万元，全年预算100.00万元，支出决算107.41万元，完成全年预算的107.41%，用于夜经济和总仓项目支出。决算数大于全年预算数的主要原因是年中追加项目。较上年决算减少4,352.59万元，下降97.59%，主要原因是2023年减少了消费券的资金，项目类资金减少。',
    );
  });

  it('without budgetVarianceReason no 决算数大于/小于 sentence is drafted', () => {
    const pkg = jincheng();
    pkg.report.settings.budgetVarianceReason = false;
    pkg.report.texts['n5.3.201.budgetReason'] = '部分项目未实施';
    const n = narrate(pkg);
    expect(paras(n, 'n5').filter((l) => l.includes('决算数'))).toEqual([]);
    expect(n.missing).toEqual([]);
  });

  it("list style 'all' lists zero sources as 0万元，占比0%", () => {
    const pkg = yangquan();
    pkg.report.settings.narrativeListStyle = 'all';
    const n = narrate(pkg);
    expect(paras(n, 'n2')).toEqual([
      '2024年度收入合计12367.43万元，其中：',
      '财政拨款收入12367.43万元，占比100.00%；',
      '上级补助收入0万元，占比0%；',
      '事业收入0万元，占比0%；',
      '经营收入0万元，占比0%；',
      '附属单位上缴收入0万元，占比0%；',
      '其他收入0万元，占比0%。',
    ]);
    expect(paras(n, 'n3')).toEqual([
      '2024年度支出合计12367.43万元，其中：',
      '基本支出707.14万元，占比5.72%；',
      '项目支出11660.29万元，占比94.28%；',
      '上缴上级支出0万元，占比0%；',
      '经营支出0万元，占比0%；',
      '对附属单位补助支出0万元，占比0%。',
    ]);
  });

  it("list style 'nonZero' omits zero sources", () => {
    const pkg = jincheng();
    pkg.report.settings.narrativeListStyle = 'nonZero';
    const n = narrate(pkg);
    expect(paras(n, 'n2')).toEqual(['2023年度收入合计2,384.38万元，其中：', '财政拨款收入2,384.38万元，占比100.00%。']);
    expect(paras(n, 'n3')).toEqual(['2023年度支出合计2,384.38万元，其中：', '基本支出1,107.36万元，占比46.44%；', '项目支出1,277.02万元，占比53.56%。']);
  });

  it('五（三） per 项 prints …（类）…（款）…（项）', () => {
    const pkg = jincheng();
    pkg.report.settings.narrativeDetail = '项';
    pkg.report.initialBudget['2011301'] = 800 * WAN;
    pkg.report.prior['general/2011301'] = 700 * WAN;
    pkg.report.texts['n5.3.2011301.use'] = '人员工资和机关运行';
    pkg.report.texts['n5.3.2011301.reason'] = '人员增加';
    const n = narrate(pkg);
    expect(para(n, 'n5', '一般公共服务支出（类）商贸事务（款）行政运行（项）')).toBe(
      '一般公共服务支出（类）商贸事务（款）行政运行（项）年初预算800.00万元，支出决算753.32万元，完成年初预算的94.17%，用于人员工资和机关运行。较上年决算增加53.32万元，增长7.62%，主要原因是人员增加。',
    );
    expect(para(n, 'n5', '住房保障支出（类）住房改革支出（款）住房公积金（项）')).toMatch(/^住房保障支出（类）住房改革支出（款）住房公积金（项）年初预算【待填写/u);
    // One paragraph per 项 of table 05 (14 项), and the fields are keyed by the 项 code.
    expect(paras(n, 'n5').filter((l) => /（类）.+（款）.+（项）年初预算/u.test(l))).toHaveLength(14);
    expect(n.missing.filter((m) => m.field === 'n5.3.2210201.use')).toHaveLength(1);
    // 五（二） stays per 类.
    expect(para(n, 'n5', '住房保障支出（类）69.28')).toBe('住房保障支出（类）69.28万元，占比2.91%。');
  });
});

// ---------------------------------------------------------------------------------------------
// Item 4: required reasons and last year's figures

describe('item 4: required reasons', () => {
  it('n1.reason: required when the totals changed; reported missing, never printed as 主要原因是。', () => {
    const pkg = jincheng();
    delete pkg.report.texts['n1.reason'];
    const n = narrate(pkg);
    expect(n.missing).toEqual([{ section: T1, field: 'n1.reason', label: '变动的主要原因' }]);
    expect(paras(n, 'n1')).toEqual([
      '2023年度收入总计2,384.38万元，支出总计2,384.38万元。与上年相比，收入总计减少11,984.92万元，下降83.41%，支出总计减少11,984.92万元，下降83.41%。主要原因是【待填写：变动的主要原因】。',
    ]);
    expect(allText(n)).not.toContain('主要原因是。');
  });

  it('n1.reason: still required when only one of the two totals changed', () => {
    const pkg = jincheng();
    delete pkg.report.texts['n1.reason'];
    pkg.report.prior.incomeTotal = 238438 * UNIT;
    const n = narrate(pkg);
    expect(paras(n, 'n1')[0]).toBe(
      '2023年度收入总计2,384.38万元，支出总计2,384.38万元。与上年相比，收入总计与上年相同，支出总计减少11,984.92万元，下降83.41%。主要原因是【待填写：变动的主要原因】。',
    );
    expect(n.missing.map((m) => m.field)).toEqual(['n1.reason']);
  });

  it('n5.3.{类}.reason: required when the 类 changed', () => {
    const pkg = jincheng();
    delete pkg.report.texts['n5.3.201.reason'];
    const n = narrate(pkg);
    expect(n.missing).toEqual([{ section: T5, field: 'n5.3.201.reason', label: '较上年变动的原因' }]);
    expect(para(n, 'n5', '一般公共服务支出年初预算')).toBe(
      '一般公共服务支出年初预算2,636.14万元，支出决算1,914.07万元，完成年初预算的72.61%，用于在职人员工资绩效津补贴发放和公用经费、项目类支出。较上年决算减少7,660.67万元，下降80.01%，主要原因是【待填写：较上年变动的原因】。',
    );
  });

  it('n5.3.{类}.reason: not required when the 类 did not change', () => {
    const pkg = jincheng();
    delete pkg.report.texts['n5.3.201.reason'];
    pkg.report.prior['general/201'] = 191407 * UNIT;
    const n = narrate(pkg);
    expect(n.missing).toEqual([]);
    expect(para(n, 'n5', '一般公共服务支出年初预算')).toBe(
      '一般公共服务支出年初预算2,636.14万元，支出决算1,914.07万元，完成年初预算的72.61%，用于在职人员工资绩效津补贴发放和公用经费、项目类支出。与上年决算相同。',
    );
  });

  it('n5.3.{类}.budgetReason: required where 决算 differs from its budget, not where equal', () => {
    const pkg = jincheng();
    pkg.report.settings.budgetVarianceReason = true;
    const n = narrate(pkg);
    expect(n.missing).toEqual(
      ['201', '208', '210', '221'].map((c) => ({ section: T5, field: `n5.3.${c}.budgetReason`, label: '决算与预算差异的原因' })),
    );
    expect(para(n, 'n5', '社会保障和就业支出年初预算')).toBe(
      '社会保障和就业支出年初预算262.87万元，支出决算239.70万元，完成年初预算的91.19%，用于退休人员绩效发放和养老工伤缴费。决算数小于年初预算数的主要原因是【待填写：决算与预算差异的原因】。较上年决算增加15.80万元，增长7.06%，主要原因是在职转退休，退休人员增加以及调整了社保基数。',
    );
    expect(allText(n)).not.toContain('主要原因是。');
  });

  it('every changed figure asks for its reason, every unchanged one does not', () => {
    const pkg = jincheng();
    for (const key of Object.keys(pkg.report.texts)) if (key.endsWith('reason')) delete pkg.report.texts[key];
    const n = narrate(pkg);
    expect(n.missing.map((m) => m.field)).toEqual([
      'n1.reason',
      'n4.reason',
      'n5.1.reason',
      'n5.3.201.reason',
      'n5.3.208.reason',
      'n5.3.210.reason',
      'n5.3.216.reason',
      'n5.3.221.reason',
      'n9.1.reason',
      'n9.1.vehicleOperation.reason',
      'n9.1.reception.reason',
      'n10.1.reason',
    ]);
    // 因公出国（境）费 and 公务用车购置费 were 0 both years.
    expect(paras(n, 'n9')[2]).toBe('因公出国（境）费支出0万元，与上年相同；');
    expect(paras(n, 'n9')[5]).toBe('公务接待费支出0.24万元，完成全年预算的100.00%，比上年度增加0.15万元，增长166.67%，主要原因是：【待填写：变动的主要原因】。');
    const text = allText(n);
    for (const residue of ['主要原因是。', '主要原因是：。', '主要原因。', '主要原因是；', '主要原因是：；']) expect(text).not.toContain(residue);
  });

  it("last year's figure missing (no typed prior, no prior report) is reported with fact kind 'prior'", () => {
    const pkg = jincheng();
    pkg.report.prior = {};
    const n = narrate(pkg);
    expect(n.missing.every((m) => m.fact?.kind === 'prior')).toBe(true);
    expect(n.missing.map((m) => (m.fact?.kind === 'prior' ? m.fact.key : m.field))).toEqual([
      'incomeTotal',
      'expenditureTotal',
      'fiscalIncomeTotal',
      'fiscalExpenditureTotal',
      'generalExpenditure',
      'general/201',
      'general/208',
      'general/210',
      'general/216',
      'general/221',
      'threePublicTotal',
      'threePublic.abroad',
      'threePublic.vehiclePurchase',
      'threePublic.vehicleOperation',
      'threePublic.reception',
      'operatingCost',
    ]);
    expect(n.missing[0]).toMatchObject({ section: T1, fact: { kind: 'prior', key: 'incomeTotal' } });
    const p = paras(n, 'n1')[0]!;
    expect(p).toMatch(/^2023年度收入总计2,384\.38万元，支出总计2,384\.38万元。与上年相比，收入总计【待填写：[^】]+】，支出总计【待填写：[^】]+】。/u);
    expect(p).not.toMatch(/(增加|减少)[\d,.]+万元|与上年相同/u);
  });

  it('a single missing prior figure is reported alone', () => {
    const pkg = jincheng();
    delete pkg.report.prior['general/210'];
    const n = narrate(pkg);
    expect(n.missing).toEqual([{ section: T5, fact: { kind: 'prior', key: 'general/210' }, label: expect.any(String) }]);
    expect(para(n, 'n5', '卫生健康支出年初预算')).toMatch(/^卫生健康支出年初预算51\.02万元，支出决算53\.92万元，完成年初预算的105\.68%，用于医保缴纳。较上年决算【待填写：[^】]+】/u);
  });

  it("last year's report (priorFromTables) is used and the typed prior values are ignored", () => {
    const last = jincheng(); // stands in for last year's report of the same file
    const lastTables = deriveTables(last.department, last.report);
    const prior = priorFromTables(lastTables);
    expect(prior.source).toBe('report');
    expect(toPrintedUnits(prior.get('incomeTotal') ?? -1)).toBe(238438);
    expect(toPrintedUnits(prior.get('general/201') ?? -1)).toBe(191407);

    const pkg = yangquan();
    pkg.report.prior = { incomeTotal: 1, expenditureTotal: 999 * WAN, 'general/201': 5 * WAN };
    const n = narrate(pkg, prior);
    expect(paras(n, 'n1')[0]).toBe(
      '2024年度收入总计12367.43万元，支出总计12367.43万元。与上年相比，收入总计增加9983.05万元，增长418.69%，支出总计增加9983.05万元，增长418.69%。主要原因是本年追加商务领域消费品以旧换新资金等项目经费，相应收支增加。',
    );
    expect(para(n, 'n5', '一般公共服务支出年初预算')).toContain('较上年决算减少1495.09万元，下降78.11%，');
    expect(paras(n, 'n5')[1]).toContain('一般公共预算财政拨款支出增加2278.52万元，增长95.56%。');
    // Nothing asked for: every last-year figure came from the report, none from the (partial) typed values.
    expect(n.missing).toEqual([]);

    // Same report with no typed prior at all: identical narrative.
    const bare = yangquan();
    bare.report.prior = {};
    expect(narrate(bare, prior).sections).toEqual(n.sections);
  });
});

// ---------------------------------------------------------------------------------------------
// Item 5: lint

describe('item 5: lint', () => {
  const ctx = { year: 2024, departmentName: '阳泉市商务局' };
  const lint = (text: string) => lintText(text, '测试', ctx);
  const finding = (rule: string, message: string, match: string) => ({ rule, message, match, where: '测试' });

  it('LINT-PLACEHOLDER: XX, xxx, 待填写, 请填写, 【…】', () => {
    expect(lint('收入总计XX万元')).toEqual([finding('LINT-PLACEHOLDER', '文中有未替换的占位内容“XX”', 'XX')]);
    expect(lint('比上年增长xxx%')).toEqual([finding('LINT-PLACEHOLDER', '文中有未替换的占位内容“xxx”', 'xxx')]);
    expect(lint('主要原因是待填写')).toEqual([finding('LINT-PLACEHOLDER', '文中有未替换的占位内容“待填写”', '待填写')]);
    expect(lint('用于请填写资金用途')).toEqual([finding('LINT-PLACEHOLDER', '文中有未替换的占位内容“请填写”', '请填写')]);
    expect(lint('主要原因是【变动原因】')).toEqual([finding('LINT-PLACEHOLDER', '文中有未替换的占位内容“【变动原因】”', '【变动原因】')]);
    expect(lint('主要原因是人员增加')).toEqual([]);
  });

  it('LINT-RESIDUE: 增加（减少）, （如持平作持平表述）', () => {
    expect(lint('收入总计增加（减少）100万元')).toEqual([finding('LINT-RESIDUE', '文中有模板残留“增加（减少）”', '增加（减少）')]);
    expect(lint('与上年相比（如持平作持平表述），支出增加')).toContainEqual(finding('LINT-RESIDUE', '文中有模板残留“（如持平作持平表述）”', '（如持平作持平表述）'));
    expect(lint('与上年相比，支出增加').filter((f) => f.rule === 'LINT-RESIDUE')).toEqual([]);
  });

  it('LINT-DOUBLED-WORD: 用于用于, 预算预算', () => {
    expect(lint('完成年初预算的120.37%，用于用于人员支出')).toEqual([finding('LINT-DOUBLED-WORD', '词语重复“用于用于”', '用于用于')]);
    expect(lint('支出年初预算预算348.07万元')).toEqual([finding('LINT-DOUBLED-WORD', '词语重复“预算预算”', '预算预算')]);
  });

  it('LINT-DOUBLED-WORD: not flagged in the ordinary sentences of the seeds', () => {
    for (const [seed, year, departmentName] of [
      [SEED_000, 2023, '晋城市商务局'],
      [SEED_002, 2024, '阳泉市商务局'],
    ] as const) {
      const doubled: string[] = [];
      for (const [title, text] of seedNarrativeSections(seed)) {
        for (const s of sentences(text)) doubled.push(...lintText(s, title, { year, departmentName }).filter((f) => f.rule === 'LINT-DOUBLED-WORD').map((f) => f.match));
      }
      // The only doubled word in either published narrative is seed 002's 用于用于.
      expect(doubled).toEqual(year === 2024 ? ['用于用于'] : []);
    }
    // Ordinary reduplication is no doubled word.
    expect(lint('各项工作逐渐规范，明明白白、清清楚楚公开，家家户户受益，人人参与，层层落实')).toEqual([]);
    // And our drafts of both seeds lint clean.
    expect(narrate(jincheng()).lint).toEqual([]);
    expect(narrate(yangquan()).lint).toEqual([]);
  });

  it('LINT-DOUBLED-PUNCT: ，， and 。。', () => {
    expect(lint('支出总计100万元，，主要原因是人员增加')).toEqual([finding('LINT-DOUBLED-PUNCT', '标点重复“，，”', '，，')]);
    expect(lint('主要原因是人员增加。。')).toEqual([finding('LINT-DOUBLED-PUNCT', '标点重复“。。”', '。。')]);
    expect(lint('主要原因是人员增加。其中：')).toEqual([]);
  });

  it('LINT-ASCII-COMMA: an ASCII comma inside Chinese, not in numbers', () => {
    expect(lint('收入总计增加,支出总计增加')).toEqual([finding('LINT-ASCII-COMMA', '中文中使用了半角逗号“加,”，应为“，”', '加,')]);
    expect(lint('收入总计2,384.38万元，支出总计12,367.43万元')).toEqual([]);
  });

  it('LINT-HALF-PAREN: 支出(类)', () => {
    expect(lint('一般公共服务支出(类)418.98万元')).toEqual([
      finding('LINT-HALF-PAREN', '中文中使用了半角括号“出(”，应为全角“（）”', '出('),
      finding('LINT-HALF-PAREN', '中文中使用了半角括号“类)”，应为全角“（）”', '类)'),
    ]);
    expect(lint('一般公共服务支出（类）418.98万元')).toEqual([]);
  });

  it("LINT-YEAR: a year other than the report's or last year's", () => {
    expect(lint('2022年单位公务用车进行了大修')).toEqual([
      finding('LINT-YEAR', '年份“2022年”既不是本年度（2024年）也不是上年度（2023年）', '2022年'),
    ]);
    expect(lint('比2025年增加')).toEqual([finding('LINT-YEAR', '年份“2025年”既不是本年度（2024年）也不是上年度（2023年）', '2025年')]);
    expect(lint('2024年机关运行经费支出62.17万元，比2023年增加2.54万元')).toEqual([]);
  });

  it("LINT-DEPARTMENT: another city's 商务局, not the own name", () => {
    expect(lint('晋城市商务局2024年度部门决算')).toEqual([
      finding('LINT-DEPARTMENT', '出现了其他部门名称“晋城市商务局”，本报告为“阳泉市商务局”', '晋城市商务局'),
    ]);
    expect(lint('阳泉市商务局2024年度部门决算')).toEqual([]);
    expect(lint('本局即阳泉市商务局')).toEqual([]);
    // A department of another kind (the province's 商务厅) is no copy-paste residue.
    expect(lint('主要是接待省商务厅入企服务工作组')).toEqual([]);
    expect(lintText('阳泉市商务局2023年度部门决算', '测试', { year: 2023, departmentName: '晋城市商务局' }).map((f) => f.match)).toEqual(['阳泉市商务局']);
  });

  it('composeNarrative lints typed fields, located in their section and paragraph', () => {
    const pkg = jincheng();
    pkg.report.texts['n5.3.201.use'] = '用于在职人员工资';
    pkg.report.texts['n1.reason'] = '2021年减少了消费券的资金,项目类资金减少';
    const n = narrate(pkg);
    expect(para(n, 'n5', '一般公共服务支出年初预算')).toContain('，用于用于在职人员工资。');
    expect(n.lint).toEqual([
      { rule: 'LINT-ASCII-COMMA', message: '中文中使用了半角逗号“金,”，应为“，”', match: '金,', where: `${T1} 第1段` },
      { rule: 'LINT-YEAR', message: '年份“2021年”既不是本年度（2023年）也不是上年度（2022年）', match: '2021年', where: `${T1} 第1段` },
      { rule: 'LINT-DOUBLED-WORD', message: '词语重复“用于用于”', match: '用于用于', where: `${T5} 第12段` },
    ]);
  });

  it("composeNarrative flags another city's department name typed into a field", () => {
    const pkg = yangquan();
    pkg.report.texts['n10.4.2'] = '晋城市商务局无其他需要说明的事项';
    const n = narrate(pkg);
    expect(n.lint).toEqual([
      {
        rule: 'LINT-DEPARTMENT',
        message: '出现了其他部门名称“晋城市商务局”，本报告为“阳泉市商务局”',
        match: '晋城市商务局',
        where: '十、其他重要事项情况说明 第12段',
      },
    ]);
  });
});
