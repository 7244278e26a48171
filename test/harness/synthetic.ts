/**
 * A deterministic synthetic department for benchmarks and tests: `syntheticReport(scale, year, seed)`
 * builds a report package whose ten tables are all populated, about `scale` times the size of
 * seed 000 (晋城市商务局 2023): scale 1 gives 30 项 rows, scale 20 gives 600. (Seed 000 has 14 项
 * with data, 26 科目 rows in table 03 counting 类 and 款; 30 项 per unit keeps scale 20 at the
 * 600 项 the benchmarks call for.)
 *
 * The data is internally consistent, so derived tables balance the way real ones do:
 * - per 项: income total = expenditure total, except that 政府性基金 carry-overs move the
 *   difference (年初 + 本年收入 = 本年支出 + 年末 for the fund, per 项);
 * - per 项: 财政拨款 基本支出 (three funds) ≤ 基本支出, 财政拨款 项目支出 ≤ 项目支出;
 *   财政拨款收入 by fund = 财政拨款支出 by fund (政府性基金 after carry-overs);
 * - table 06: the 款 amounts sum exactly to Σ 一般公共预算财政拨款基本支出 (table 05 合计 基本支出);
 * - table 01 line 31 = line 62 and table 04 line 32 = line 64.
 *
 * Item codes come from the catalogue edition of the year (项 under the 26 类 printed on tables
 * 01 and 04); when the catalogue has fewer 项 than asked for, custom 项 codes are added under
 * existing 款 (returned in `customCodes`). Amounts are integer 分 between 10,000 分 (100 元)
 * and 50,000,000,000 分 (5 亿元).
 *
 * `syntheticFile(path, years, scale)` writes a disclosure file with one such report per year
 * through the storage layer.
 */
import { closeDisclosureFile, DisclosureRepository, openDisclosureFile } from '../../electron/backend/db';
import { EDITIONS, editionForYear, getCatalogue, TABLE01_CLASSES } from '../../shared/domain/catalogue';
import type { ReportPackage } from '../../shared/domain/interchange';
import {
  type CustomCode,
  type Department,
  emptyItem,
  emptyReport,
  type ItemFacts,
  type Report,
  THREE_PUBLIC_ITEMS,
  type ThreePublicItem,
  VEHICLE_TYPES,
  type VehicleType,
} from '../../shared/domain/model';
import type { Fen } from '../../shared/domain/money';
import { NOT_APPLICABLE_CLASSES } from '../../shared/domain/tables/table06';
import { mulberry32 } from './random';

/** 项 rows per unit of scale (scale 20 → 600 项). */
export const SYNTHETIC_ITEMS_PER_SCALE = 30;
/** Default seed of `syntheticReport`. */
export const SYNTHETIC_DEFAULT_SEED = 1;
/** Smallest and largest non-zero amount the generator writes (分). */
export const SYNTHETIC_MIN_FEN = 10_000;
export const SYNTHETIC_MAX_FEN = 50_000_000_000;

// ---------------------------------------------------------------------------------------------
// Deterministic random numbers (mulberry32): the same seed gives the same department everywhere.

class Rng {
  /** Uniform in [0, 1). */
  readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** An integer whose logarithm is uniform: amounts spread over orders of magnitude. */
  logUniform(min: number, max: number): number {
    return Math.round(Math.exp(this.uniform(Math.log(min), Math.log(max))));
  }

  shuffle<T>(list: readonly T[]): T[] {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const a = out[i] as T;
      out[i] = out[j] as T;
      out[j] = a;
    }
    return out;
  }
}

/** Mixes two integers into a 32-bit seed (so each year of a department gets its own amounts). */
function mixSeed(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

function clampFen(fen: number): Fen {
  return Math.min(SYNTHETIC_MAX_FEN, Math.max(SYNTHETIC_MIN_FEN, Math.round(fen)));
}

/**
 * Splits `total` into parts proportional to `weights`, each at least `min` when the total allows
 * it; the parts are integers and sum exactly to `total` (largest remainder method).
 */
function splitFen(total: Fen, weights: readonly number[], min = SYNTHETIC_MIN_FEN): Fen[] {
  const n = weights.length;
  if (n === 0) return [];
  const floor = total >= min * n ? min : 0;
  const rest = total - floor * n;
  const weightSum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (rest * w) / weightSum);
  const parts = exact.map((x) => Math.floor(x));
  let left = rest - parts.reduce((s, p) => s + p, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) {
    const i = order[k]?.[1] ?? 0;
    parts[i] = (parts[i] ?? 0) + 1;
  }
  return parts.map((p) => p + floor);
}

// ---------------------------------------------------------------------------------------------
// Choosing 项 codes.

const PRINTED_CLASSES: ReadonlySet<string> = new Set(TABLE01_CLASSES);

/** Every functional code of every shipped edition: custom codes must collide with none of them. */
function allShippedCodes(): Set<string> {
  const codes = new Set<string>();
  for (const e of EDITIONS) for (const entry of getCatalogue(e).functionalEntries()) codes.add(entry.code);
  return codes;
}

interface CodePlan {
  codes: string[];
  customCodes: CustomCode[];
}

/**
 * `count` 项 codes of the edition, all under a 类 printed on tables 01/04 (so table 01 balances).
 * The choice depends on `seed` only, so every year of one department uses much the same codes.
 */
function planCodes(count: number, edition: number, seed: number): CodePlan {
  const rng = new Rng(mixSeed(seed, 0x1c0de));
  const catalogue = getCatalogue(edition);
  const entries = catalogue.functionalEntries().filter((e) => PRINTED_CLASSES.has(e.code.slice(0, 3)));
  const leaves = entries.filter((e) => e.level === '项').map((e) => e.code);
  if (count <= leaves.length) {
    return { codes: rng.shuffle(leaves).slice(0, count).sort(), customCodes: [] };
  }
  // Not enough 项 in the catalogue: add custom 项 under existing 款, suffixes 80…98 first.
  const shipped = allShippedCodes();
  const sections = rng.shuffle(entries.filter((e) => e.level === '款'));
  const customCodes: CustomCode[] = [];
  const suffixes = Array.from({ length: 19 }, (_, k) => String(80 + k));
  for (const suffix of suffixes) {
    for (const section of sections) {
      if (leaves.length + customCodes.length >= count) break;
      const code = `${section.code}${suffix}`;
      if (shipped.has(code)) continue;
      customCodes.push({ catalogue: 'functional', code, name: `${section.name}（合成项目${suffix}）` });
    }
  }
  customCodes.sort((a, b) => a.code.localeCompare(b.code));
  return { codes: [...leaves, ...customCodes.map((c) => c.code)].sort(), customCodes };
}

// ---------------------------------------------------------------------------------------------
// One 项 row.

type Fund = 'general' | 'govFund' | 'stateCapital';

interface ItemPlan {
  code: string;
  /** 行政运行, 机关服务, 事业运行, pensions, medical, housing: mostly 基本支出. */
  basicHeavy: boolean;
  fund: Fund;
  /** Part of the 项目支出 paid from the 政府性基金 as well (general + govFund). */
  mixedGovFund: boolean;
  remitUpper: boolean;
  operating: boolean;
  affiliatedSubsidy: boolean;
  /** Part of 基本/项目支出 paid from non-fiscal income. */
  nonFiscal: boolean;
  govFundCarry: boolean;
}

const BASIC_SUFFIXES: ReadonlySet<string> = new Set(['01', '03', '50']);
const BASIC_SECTIONS: ReadonlySet<string> = new Set(['20805', '21011', '22102']);

function planItem(rng: Rng, code: string): ItemPlan {
  const section = code.slice(0, 5);
  const klass = code.slice(0, 3);
  const fundRoll = rng.next();
  const govFundLikely = klass === '212' || klass === '229' || klass === '234';
  const fund: Fund =
    klass === '223' || fundRoll < 0.05 ? 'stateCapital' : (govFundLikely ? fundRoll < 0.6 : fundRoll < 0.15) ? 'govFund' : 'general';
  return {
    code,
    basicHeavy: BASIC_SUFFIXES.has(code.slice(5)) || BASIC_SECTIONS.has(section),
    fund,
    mixedGovFund: fund === 'general' && rng.chance(0.04),
    remitUpper: rng.chance(0.04),
    operating: rng.chance(0.04),
    affiliatedSubsidy: rng.chance(0.06),
    nonFiscal: rng.chance(0.2),
    govFundCarry: rng.chance(0.6),
  };
}

/**
 * Makes sure every feature the tables show appears at least once, even at a small scale: a missing
 * feature is put on a row not used for another one (preferring plain general-budget rows).
 */
function ensureCoverage(plans: ItemPlan[]): void {
  const used = new Set<number>();
  const take = (ok: (p: ItemPlan) => boolean): ItemPlan | undefined => {
    let index = plans.findIndex((p, i) => !used.has(i) && p.fund === 'general' && !p.mixedGovFund && ok(p));
    if (index < 0) index = plans.findIndex((p, i) => !used.has(i) && ok(p));
    if (index < 0) return undefined;
    used.add(index);
    return plans[index];
  };
  const ensure = (has: (p: ItemPlan) => boolean, apply: (p: ItemPlan) => void, ok: (p: ItemPlan) => boolean = () => true): void => {
    if (plans.some(has)) return;
    const p = take(ok);
    if (p) apply(p);
  };
  const onlyOne = (fund: Fund) => (p: ItemPlan) => p.fund !== fund || plans.filter((q) => q.fund === fund).length > 1;
  ensure((p) => p.basicHeavy, (p) => (p.basicHeavy = true));
  ensure((p) => p.fund === 'govFund', (p) => (p.fund = 'govFund'), onlyOne('stateCapital'));
  ensure((p) => p.fund === 'stateCapital', (p) => (p.fund = 'stateCapital'), onlyOne('govFund'));
  for (const p of plans) if (p.fund !== 'general') p.mixedGovFund = false;
  ensure((p) => p.fund === 'govFund' && p.govFundCarry, (p) => (p.govFundCarry = true), (p) => p.fund === 'govFund');
  ensure((p) => p.mixedGovFund, (p) => (p.mixedGovFund = true), (p) => p.fund === 'general' && !p.basicHeavy);
  ensure((p) => p.remitUpper, (p) => (p.remitUpper = true));
  ensure((p) => p.operating, (p) => (p.operating = true));
  ensure((p) => p.affiliatedSubsidy, (p) => (p.affiliatedSubsidy = true));
  ensure((p) => p.nonFiscal, (p) => (p.nonFiscal = true));
}

function buildItem(rng: Rng, plan: ItemPlan): ItemFacts {
  const item = emptyItem(plan.code);
  // Seed 000 spends 2,384.38 万元 over 14 项; 30 项 per unit of scale average about 8,000 万分 each.
  const total = plan.basicHeavy ? rng.logUniform(2_000_000, 1_000_000_000) : rng.logUniform(500_000, 500_000_000);

  // 支出 by kind: the three minor kinds first, then 基本/项目.
  const minor = (on: boolean): Fen => (on ? clampFen(total * rng.uniform(0.03, 0.15)) : 0);
  const remitUpper = minor(plan.remitUpper);
  const operating = minor(plan.operating);
  const affiliatedSubsidy = minor(plan.affiliatedSubsidy);
  const main = total - remitUpper - operating - affiliatedSubsidy;
  const basicShare = plan.basicHeavy ? rng.uniform(0.85, 1) : rng.chance(0.3) ? rng.uniform(0.05, 0.3) : 0;
  let basic = basicShare === 0 ? 0 : basicShare === 1 ? main : Math.round(main * basicShare);
  if (main - basic < SYNTHETIC_MIN_FEN) basic = main;
  if (basic < SYNTHETIC_MIN_FEN) basic = 0;
  const project = main - basic;
  item.expenditure = { basic, project, remitUpper, operating, affiliatedSubsidy };

  // 财政拨款 part of 基本/项目支出 (the rest and the minor kinds are paid from other income).
  const fiscalPart = (amount: Fen): Fen => {
    if (amount === 0 || !plan.nonFiscal) return amount;
    const part = Math.round(amount * rng.uniform(0.5, 0.95));
    return amount - part < SYNTHETIC_MIN_FEN || part < SYNTHETIC_MIN_FEN ? amount : part;
  };
  const fiscalBasic = fiscalPart(basic);
  const fiscalProject = fiscalPart(project);
  const f = item.fiscal;
  if (plan.fund === 'general') {
    f.generalBasic = fiscalBasic;
    f.generalProject = fiscalProject;
    if (plan.mixedGovFund && fiscalProject >= 10 * SYNTHETIC_MIN_FEN) {
      f.govFundProject = Math.round(fiscalProject * rng.uniform(0.2, 0.6));
      f.generalProject = fiscalProject - f.govFundProject;
    }
  } else if (plan.fund === 'govFund') {
    f.govFundBasic = fiscalBasic;
    f.govFundProject = fiscalProject;
  } else {
    f.stateCapitalBasic = fiscalBasic;
    f.stateCapitalProject = fiscalProject;
  }

  // 财政拨款收入 by fund; 政府性基金: 年初 + 收入 = 支出 + 年末.
  const govFundSpent = f.govFundBasic + f.govFundProject;
  if (govFundSpent > 0 && plan.govFundCarry) {
    item.govFundOpening = rng.chance(0.8) ? clampFen(govFundSpent * rng.uniform(0.05, 0.3)) : 0;
    item.govFundClosing = rng.chance(0.8) ? clampFen(govFundSpent * rng.uniform(0.05, 0.4)) : 0;
  }
  item.income.generalBudget = f.generalBasic + f.generalProject;
  item.income.govFund = govFundSpent + item.govFundClosing - item.govFundOpening;
  item.income.stateCapital = f.stateCapitalBasic + f.stateCapitalProject;

  // Other income pays for everything else: 经营收入 first for 经营支出, then one or two sources.
  const nonFiscal = total - fiscalBasic - fiscalProject;
  if (nonFiscal > 0) {
    let left = nonFiscal;
    if (operating > 0) {
      let own = Math.min(left, operating + (rng.chance(0.5) ? Math.round(left * rng.uniform(0, 0.2)) : 0));
      if (left - own < SYNTHETIC_MIN_FEN) own = left;
      item.income.operating = own;
      left -= own;
    }
    if (left > 0) {
      const sources = rng.shuffle(['superior', 'business', 'affiliated', 'other'] as const);
      const first = sources[0] ?? 'other';
      const second = sources[1] ?? 'business';
      if (left >= 4 * SYNTHETIC_MIN_FEN && rng.chance(0.5)) {
        const a = Math.round(left * rng.uniform(0.3, 0.7));
        item.income[first] += a;
        item.income[second] += left - a;
      } else {
        item.income[first] += left;
      }
    }
  }
  return item;
}

// ---------------------------------------------------------------------------------------------
// The rest of the report.

/** Table 06: Σ 款 = Σ 一般公共预算财政拨款基本支出, every applicable 款 non-zero. */
function buildEconomic(rng: Rng, edition: number, generalBasic: Fen): Record<string, Fen> {
  const catalogue = getCatalogue(edition);
  const codes: string[] = [];
  const weights: number[] = [];
  const add = (list: readonly (readonly [string, string])[], weight: (code: string) => number): void => {
    for (const [code] of list) {
      if (code.length !== 5 || NOT_APPLICABLE_CLASSES.has(code.slice(0, 3))) continue;
      codes.push(code);
      weights.push(weight(code));
    }
  };
  add(catalogue.economicPersonnel, (code) => (code.startsWith('301') ? rng.uniform(1, 12) : rng.uniform(0.2, 3)));
  add(catalogue.economicPublic, (code) =>
    code.startsWith('302') ? rng.uniform(0.3, 3) : code.startsWith('399') ? rng.uniform(0.02, 0.2) : rng.uniform(0.05, 0.8),
  );
  const amounts = splitFen(generalBasic, weights);
  const out: Record<string, Fen> = {};
  codes.forEach((code, i) => {
    const fen = amounts[i] ?? 0;
    if (fen !== 0) out[code] = fen;
  });
  return out;
}

function scaled(rng: Rng, scale: number, min: number, max: number): Fen {
  return clampFen(rng.logUniform(min, max) * scale);
}

/**
 * 三公 决算 counts basic and project spending, so it is never below the basic-expenditure codes
 * of table 06 (因公出国 30212, 公务用车运行维护 30231, 公务接待 30217): raise both the actual and,
 * where needed, the budget so the department stays consistent.
 */
function coverEconomicCodes(report: Report): void {
  const floors: [ThreePublicItem, string][] = [
    ['abroad', '30212'],
    ['vehicleOperation', '30231'],
    ['reception', '30217'],
  ];
  for (const [item, code] of floors) {
    const floor = report.economic[code] ?? 0;
    if (report.threePublic.actual[item] < floor) report.threePublic.actual[item] = floor;
    if (report.threePublic.budget[item] < report.threePublic.actual[item]) report.threePublic.budget[item] = report.threePublic.actual[item];
  }
}

/** Fills 三公 budget and actual in place (fields the generator does not know stay as they are). */
function fillThreePublic(rng: Rng, scale: number, three: Report['threePublic']): void {
  const ranges: Record<ThreePublicItem, [number, number]> = {
    abroad: [3_000_000, 20_000_000],
    vehiclePurchase: [15_000_000, 40_000_000],
    vehicleOperation: [1_000_000, 8_000_000],
    reception: [500_000, 5_000_000],
  };
  for (const key of THREE_PUBLIC_ITEMS) {
    const [min, max] = ranges[key];
    three.budget[key] = scaled(rng, scale, min, max);
    three.actual[key] = clampFen(three.budget[key] * rng.uniform(0.55, 1));
  }
}

/** Fills table 10's statistics in place; 机关运行经费 is left to table 06 (no override). */
function fillStats(rng: Rng, scale: number, stats: Report['stats']): void {
  stats.procurementGoods = scaled(rng, scale, 5_000_000, 50_000_000);
  stats.procurementWorks = scaled(rng, scale, 10_000_000, 200_000_000);
  stats.procurementServices = scaled(rng, scale, 5_000_000, 80_000_000);
  const procurement = stats.procurementGoods + stats.procurementWorks + stats.procurementServices;
  stats.procurementSme = clampFen(procurement * rng.uniform(0.4, 0.85));
  stats.procurementMicro = clampFen(stats.procurementSme * rng.uniform(0.3, 0.7));
  stats.operatingCostOverride = null;
  const perScale: Record<VehicleType, number> = {
    ministerial: 0.05,
    principal: 0.5,
    confidential: 0.3,
    emergency: 0.5,
    enforcement: 2,
    specialTechnical: 0.5,
    retiredService: 0.3,
    other: 1,
  };
  for (const t of VEHICLE_TYPES) stats.vehicles[t] = Math.max(1, Math.round(perScale[t] * scale * rng.uniform(0.5, 1.5)));
  stats.equipmentCount = Math.max(1, Math.round(scale * rng.uniform(0.2, 0.6)));
}

/**
 * The 国有资本经营 balance (carried unchanged) spread over the 项 spending that fund, as 上海's 表9
 * prints it by 项: the per-项 figures add up to 表04 lines 31 and 60. No random draw, so every
 * other figure of the department is what it was before carry-overs by 项 existed.
 */
function spreadStateCapitalCarry(items: ItemFacts[], balance: Fen): void {
  const capital = items.filter((i) => i.fiscal.stateCapitalBasic + i.fiscal.stateCapitalProject !== 0);
  if (capital.length === 0) return;
  const share = Math.floor(balance / capital.length);
  capital.forEach((item, k) => {
    const fen = k === 0 ? balance - share * (capital.length - 1) : share;
    item.stateCapitalItemOpening = fen;
    item.stateCapitalItemClosing = fen;
  });
}

function syntheticDepartment(scale: number, seed: number): Department {
  const units = Math.max(1, Math.min(30, Math.round(scale * 1.5)));
  return {
    name: `合成市第${seed}号测试局（规模×${scale}）`,
    unitKind: '行政单位',
    subordinateUnits: Array.from({ length: units }, (_, k) => ({ name: `合成市第${seed}号测试局第${k + 1}服务中心`, note: k % 3 === 2 ? '预算不单列，并入本级' : '' })),
  };
}

/**
 * A synthetic department's report for `year`: about `scale` × seed 000 (SYNTHETIC_ITEMS_PER_SCALE
 * 项 per unit of scale). Deterministic: the same (scale, year, seed) gives a deep-equal package.
 */
export function syntheticReport(scale: number, year: number, seed: number = SYNTHETIC_DEFAULT_SEED): ReportPackage {
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`syntheticReport: scale must be positive, got ${scale}`);
  if (!Number.isInteger(year)) throw new Error(`syntheticReport: year must be an integer, got ${year}`);
  const edition = editionForYear(year);
  const count = Math.max(1, Math.round(SYNTHETIC_ITEMS_PER_SCALE * scale));
  const { codes, customCodes } = planCodes(count, edition, seed);
  const rng = new Rng(mixSeed(seed, year));

  const plans = codes.map((code) => planItem(rng, code));
  ensureCoverage(plans);
  const items = plans.map((plan) => buildItem(rng, plan));

  // Start from an empty report, so facts the generator does not fill (yet) are zero or absent.
  const report = emptyReport(year, edition);
  report.items = items;
  const generalBasic = items.reduce((s, i) => s + i.fiscal.generalBasic, 0);
  report.economic = buildEconomic(rng, edition, generalBasic);

  // Carry-overs that keep tables 01 and 04 balanced: general and state-capital balances are
  // carried unchanged; non-fiscal: 使用非财政拨款结余 + 年初 = 结余分配 + 年末.
  const general = scaled(rng, scale, 1_000_000, 50_000_000);
  const stateCapital = scaled(rng, scale, 100_000, 5_000_000);
  report.fiscalCarry.generalOpening = general;
  report.fiscalCarry.generalClosing = general;
  report.fiscalCarry.stateCapitalOpening = stateCapital;
  report.fiscalCarry.stateCapitalClosing = stateCapital;
  spreadStateCapitalCarry(items, stateCapital);
  const nonFiscalOpening = scaled(rng, scale, 500_000, 20_000_000);
  const surplusUsed = scaled(rng, scale, 100_000, 5_000_000);
  const distribution = clampFen(surplusUsed * rng.uniform(0.1, 0.5));
  const nonFiscalClosing = nonFiscalOpening + surplusUsed - distribution;
  const govFundOpening = items.reduce((s, i) => s + i.govFundOpening, 0);
  const govFundClosing = items.reduce((s, i) => s + i.govFundClosing, 0);
  report.summary.nonFiscalSurplusUsed = surplusUsed;
  report.summary.openingBalance = general + stateCapital + govFundOpening + nonFiscalOpening;
  report.summary.surplusDistribution = distribution;
  report.summary.closingBalance = general + stateCapital + govFundClosing + nonFiscalClosing;
  fillThreePublic(rng, scale, report.threePublic);
  coverEconomicCodes(report);
  fillStats(rng, scale, report.stats);

  return { department: syntheticDepartment(scale, seed), report, customCodes };
}

/**
 * Writes a disclosure file (created if missing) holding the synthetic department with one report
 * per year, through the storage layer. Returns the packages written, in the order of `years`.
 */
export function syntheticFile(path: string, years: readonly number[], scale: number, seed: number = SYNTHETIC_DEFAULT_SEED): ReportPackage[] {
  const packages = years.map((year) => syntheticReport(scale, year, seed));
  const file = openDisclosureFile(path, { create: true });
  try {
    const repo = new DisclosureRepository(file.db);
    file.db.transaction(() => {
      const first = packages[0];
      if (first) repo.setDepartment(first.department);
      const written = new Set<string>();
      for (const pkg of packages) {
        for (const code of pkg.customCodes) {
          if (written.has(code.code)) continue;
          written.add(code.code);
          repo.addCustomCode(code);
        }
        repo.saveReport(pkg.report);
      }
    })();
  } finally {
    closeDisclosureFile(file);
  }
  return packages;
}
