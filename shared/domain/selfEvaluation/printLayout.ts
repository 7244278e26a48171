/**
 * The printed layouts of a 项目支出绩效自评表 (晋城, 阳泉) and of a 重点评价报告's 评分表, as grids of
 * cells with their spans: the one place that knows where each label and figure goes. The Word and
 * Excel exporters print these grids (`text`; Excel writes `value` as a number) and never recompute;
 * sheet.ts reads the same labels back.
 *
 * A form is three blocks printed one under the other: the project and its funds and goals, the
 * indicator grid (its header rows repeat when it breaks across pages), and 总分 with the analysis.
 */
import { fenToWanText, type Fen } from '../money';
import { deriveKeyReport, type FormFigures, figuresOf, type KeyFigures, level1Kind } from './derive';
import { formatPoints, formatRate, roundToHundredth } from './points';
import {
  ANALYSIS_NAMES,
  type EvaluationSettings,
  FUND_SOURCE_NAMES,
  FUND_SOURCE_NAMES_JINCHENG,
  FUND_SOURCES,
  type KeyEvaluationReport,
  LEVEL1_NAMES,
  type Points,
  type SelfEvaluationForm,
} from './types';

export type GridAlign = 'left' | 'center' | 'right';

export interface GridCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  align?: GridAlign;
  bold?: boolean;
  /** A figure: Excel writes it as a number with `format`. */
  value?: number;
  format?: string;
}

export interface GridBlock {
  rows: GridCell[][];
  /** Leading rows that repeat at the top of each page (the indicator grid's header). */
  headerRows: number;
}

export interface PrintedGrid {
  /** Lines above the table: title (centred, large), then plain lines. */
  title: string;
  subtitle: string[];
  /** Relative column widths. */
  columns: number[];
  blocks: GridBlock[];
}

/** A cell of a grid row with the column it starts at and the columns it spans. */
export interface PlacedCell {
  cell: GridCell;
  col: number;
  span: number;
}

/**
 * Where each cell of the rows falls, laid out like HTML: a cell starts at the first column not
 * covered by a row span from above, and spans at most the columns left. The one placement the
 * printers (Word, PDF) share.
 */
export function placeCells(rows: readonly GridCell[][], columns: number): PlacedCell[][] {
  const covered: number[] = new Array(columns).fill(0);
  return rows.map((cells) => {
    const out: PlacedCell[] = [];
    let col = 0;
    for (const cell of cells) {
      while (col < columns && covered[col]! > 0) col++;
      const span = Math.max(1, Math.min(cell.colSpan ?? 1, columns - col));
      out.push({ cell, col, span });
      for (let c = col; c < col + span; c++) covered[c] = cell.rowSpan ?? 1;
      col += span;
    }
    for (let c = 0; c < columns; c++) if (covered[c]! > 0) covered[c]! -= 1;
    return out;
  });
}

const AMOUNT_FORMAT = 'General';
const RATE_FORMAT = '0.00';

const label = (text: string, extra: Partial<GridCell> = {}): GridCell => ({ text, align: 'center', ...extra });
const textCell = (text: string, extra: Partial<GridCell> = {}): GridCell => ({ text, align: 'left', ...extra });

function amount(fen: Fen, extra: Partial<GridCell> = {}, blankZero = false): GridCell {
  if (fen === 0 && blankZero) return { text: '', align: 'right', ...extra };
  return { text: fenToWanText(fen), value: fen / 1_000_000, format: AMOUNT_FORMAT, align: 'right', ...extra };
}

function pointsCell(p: Points | null, extra: Partial<GridCell> = {}): GridCell {
  if (p === null) return { text: '', align: 'center', ...extra };
  return { text: formatPoints(p), value: p / 1000, format: AMOUNT_FORMAT, align: 'center', ...extra };
}

/** Two decimals, as the fund rows print 执行率 and 得分 (`100.00`, `10.00`). */
function twoDecimals(value: number, extra: Partial<GridCell> = {}): GridCell {
  return { text: value.toFixed(2), value, format: RATE_FORMAT, align: 'center', ...extra };
}

/** Consecutive equal texts in `values` as [start, length] runs (merged vertically when printed). */
function runs(values: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  values.forEach((v, k) => {
    const last = out[out.length - 1];
    if (last && values[last[0]] === v && v !== '') last[1]++;
    else out.push([k, 1]);
  });
  return out;
}

/** The city of a department (`阳泉市商务局` → `阳泉市`), for the 阳泉 title. */
function cityOf(departmentName: string): string {
  return /^(.+?[市州盟])/u.exec(departmentName)?.[1] ?? '';
}

function dateText(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : '';
}

/** The 一级 label of a row as printed: the kind's standard name, with its weight in the 阳泉 layout. */
function level1Text(form: SelfEvaluationForm, k: number, settings: EvaluationSettings, withWeight: boolean): string {
  const ind = form.indicators[k]!;
  const kind = level1Kind(ind);
  const name = kind ? LEVEL1_NAMES[kind] : ind.level1.trim();
  return withWeight && kind ? `${name}（${formatPoints(settings.weights[kind])}分）` : name;
}

export interface FormContext {
  year: number;
  departmentName: string;
}

// --- 晋城 --------------------------------------------------------------------------------------

function jinchengGrid(form: SelfEvaluationForm, f: FormFigures, settings: EvaluationSettings, ctx: FormContext): PrintedGrid {
  const info: GridCell[][] = [
    [label('项目名称', { colSpan: 2 }), textCell(form.name, { colSpan: 8 })],
    [label('主管部门及代码', { colSpan: 2 }), textCell(form.department, { colSpan: 3 }), label('预算单位'), textCell(form.unit, { colSpan: 4 })],
  ];
  const sources = FUND_SOURCES.filter((s) => s === 'city' || Object.values(form.funds[s]).some((v) => v !== 0));
  const fundRow = (name: string, line: { declared: Fen; initial: Fen; budget: Fen; spent: Fen }): GridCell[] => [
    label(name),
    amount(line.declared),
    amount(line.initial),
    amount(line.budget),
    amount(line.spent),
    amount(line.budget - line.spent),
    twoDecimals((f.rateBp ?? 0) / 100),
    twoDecimals(f.budgetScore / 1000),
    textCell(''),
  ];
  info.push(
    [
      label('项目资金预算安排及执行进度(万元)', { rowSpan: 3 + sources.length }),
      label('', { rowSpan: 2 }),
      label('年初预算数', { colSpan: 2 }),
      label('全年预算数', { rowSpan: 2 }),
      label('全年执行数', { rowSpan: 2 }),
      label('资金结(转)余', { rowSpan: 2 }),
      label('执行率', { rowSpan: 2 }),
      label('得分', { rowSpan: 2 }),
      label('偏差原因分析及改进措施', { rowSpan: 2 }),
    ],
    [label('目标申报数'), label('预算编制数')],
    fundRow('资金总额:', f.funds),
    ...sources.map((s) => fundRow(FUND_SOURCE_NAMES_JINCHENG[s], form.funds[s])),
  );
  info.push(
    [label('项目年度绩效目标', { rowSpan: 2 }), label('年度目标', { colSpan: 5 }), label('实际完成情况', { colSpan: 4 })],
    [textCell([form.goal, form.goalEffect].filter((t) => t.trim() !== '').join('\n'), { colSpan: 5 }), textCell(form.achieved, { colSpan: 4 })],
  );

  const grid: GridCell[][] = [
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年初指标值', '调整后指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'].map((t) => label(t, { bold: true })),
  ];
  const l1 = form.indicators.map((_, k) => level1Text(form, k, settings, false));
  const l2 = form.indicators.map((ind, k) => `${l1[k]}\u0000${ind.level2.trim()}`);
  const groupOf = (k: number) => f.groups.find((g) => g.rows.includes(k));
  const groupRuns = new Map(runs(l1));
  const level2Runs = new Map(runs(l2));
  form.indicators.forEach((ind, k) => {
    const row: GridCell[] = [];
    if (k === 0) row.push(label('', { rowSpan: form.indicators.length }));
    const g1 = groupRuns.get(k);
    if (g1) row.push(label(l1[k] ?? '', { rowSpan: g1 }));
    const g2 = level2Runs.get(k);
    if (g2) row.push(label(ind.level2, { rowSpan: g2 }));
    row.push(textCell(ind.level3), label(ind.targetInitial), label(ind.target), label(ind.actual));
    const group = groupOf(k);
    if (group?.scoredBy === 'group') {
      // Scored per 一级 (阳泉 data): the group's weight and score, merged over its rows.
      if (g1) row.push(pointsCell(group.standardWeight, { rowSpan: g1 }), pointsCell(group.score, { rowSpan: g1 }));
    } else row.push(pointsCell(ind.weight), pointsCell(ind.score));
    row.push(textCell(ind.deviation));
    grid.push(row);
  });

  const closing: GridCell[][] = [[label('总分', { colSpan: 8, bold: true }), pointsCell(roundToHundredth(f.total), { text: f.totalText, bold: true }), label(f.grade, { bold: true })]];
  const analysis = (['execution', 'output', 'benefit', 'satisfaction', 'experience', 'problems', 'improvements'] as const).map((k, n): GridCell[] => [
    ...(n === 0 ? [label('项目绩效分析', { rowSpan: 7 })] : []),
    label(ANALYSIS_NAMES[k], { colSpan: 2 }),
    textCell(form.analysis[k] || (k === 'execution' && form.analysis.conclusion ? form.analysis.conclusion : ''), { colSpan: 7 }),
  ]);
  closing.push(...analysis);
  return {
    title: '项目支出绩效自评表',
    subtitle: [`（${ctx.year}年度）`],
    columns: [8, 10, 9, 13, 8, 8, 8, 7, 7, 22],
    blocks: [
      { rows: info, headerRows: 0 },
      { rows: grid, headerRows: 1 },
      { rows: closing, headerRows: 0 },
    ],
  };
}

// --- 阳泉 --------------------------------------------------------------------------------------

function yangquanGrid(form: SelfEvaluationForm, f: FormFigures, settings: EvaluationSettings, ctx: FormContext): PrintedGrid {
  const total = (stage: 'initial' | 'budget' | 'spent') => FUND_SOURCES.reduce((s, src) => s + form.funds[src][stage], 0);
  const info: GridCell[][] = [
    [label('项目名称', { colSpan: 2 }), textCell(form.name, { colSpan: 7 })],
    [label('项目负责人', { colSpan: 2 }), textCell(form.manager, { colSpan: 3 }), label('联系电话', { colSpan: 2 }), textCell(form.phone, { colSpan: 2 })],
    [label('主管部门', { colSpan: 2 }), textCell(form.department, { colSpan: 3 }), label('实施单位', { colSpan: 2 }), textCell(form.unit, { colSpan: 2 })],
    [label('项目起止时间', { colSpan: 2 }), textCell(form.period, { colSpan: 3 }), label('绩效自评评价年度', { colSpan: 2 }), textCell(form.evaluationYear || `${ctx.year}年度`, { colSpan: 2 })],
    [label('项目预算金额（万元）', { colSpan: 2 }), amount(total('initial')), label('实际到位金额（万元）', { colSpan: 2 }), amount(total('budget')), label('实际执行金额（万元）', { colSpan: 2 }), amount(total('spent'))],
    ...FUND_SOURCES.map((src): GridCell[] => {
      const name = src === 'central' ? '其中：中央、省财政' : FUND_SOURCE_NAMES[src];
      return [
        label(name, { colSpan: 2 }),
        amount(form.funds[src].initial, {}, true),
        label(name, { colSpan: 2 }),
        amount(form.funds[src].budget, {}, true),
        label(name, { colSpan: 2 }),
        amount(form.funds[src].spent, {}, true),
      ];
    }),
    [label('项目预期绩效目标', { rowSpan: 2 }), label('项目提供的公共产品和服务的数量', { colSpan: 2 }), textCell(form.goal, { colSpan: 6 })],
    [label('项目效果', { colSpan: 2 }), textCell([form.goalEffect, form.achieved].filter((t) => t.trim() !== '').join('\n'), { colSpan: 6 })],
    [label(`项目执行情况（${formatPoints(settings.budgetWeight)}分）`, { colSpan: 2 }), textCell(`预算执行率为${f.rateBp === null ? '0.00%' : formatRate(f.rateBp)}`, { colSpan: 7 })],
    [label('绩效目标自评情况', { colSpan: 9, bold: true })],
  ];
  const grid: GridCell[][] = [
    [label(''), label('一级指标', { bold: true }), label('二级指标', { bold: true }), label('三级指标', { colSpan: 2, bold: true }), label('年度指标值', { bold: true }), label('全年完成值', { bold: true }), label('未完成原因和改进措施', { bold: true }), label('自评得分', { bold: true })],
  ];
  const l1 = form.indicators.map((_, k) => level1Text(form, k, settings, true));
  const l2 = form.indicators.map((ind, k) => `${l1[k]}\u0000${ind.level2.trim()}`);
  const groupRuns = new Map(runs(l1));
  const level2Runs = new Map(runs(l2));
  let number = 0;
  form.indicators.forEach((ind, k) => {
    const row: GridCell[] = [];
    if (k === 0) row.push(label('绩效指标', { rowSpan: form.indicators.length }));
    const g1 = groupRuns.get(k);
    if (g1) row.push(label(l1[k] ?? '', { rowSpan: g1 }));
    const g2 = level2Runs.get(k);
    if (g2) {
      row.push(label(ind.level2, { rowSpan: g2 }));
      number = 0;
    }
    number += 1;
    row.push(label(`指标${number}`), textCell(ind.level3), label(ind.target || ind.targetInitial), label(ind.actual), textCell(ind.deviation));
    if (g1) {
      const group = f.groups.find((g) => g.rows.includes(k));
      row.push(pointsCell(group?.score ?? null, { rowSpan: g1 }));
    }
    grid.push(row);
  });
  const w = settings.weights;
  const g = settings.grades;
  const closing: GridCell[][] = [
    [label('总分', { colSpan: 8, bold: true }), pointsCell(roundToHundredth(f.total), { text: f.totalText, bold: true })],
    [
      textCell(
        `总分设置为100分：预算执行率${formatPoints(settings.budgetWeight)}分、产出指标${formatPoints(w.output)}分、效益指标${formatPoints(w.benefit)}分、服务对象满意度指标${formatPoints(w.satisfaction)}分。` +
          `等级一般划分为四档：100-${formatPoints(g.excellent)}（含）分为优、${formatPoints(g.excellent)}-${formatPoints(g.good)}（含）分为良、${formatPoints(g.good)}-${formatPoints(g.fair)}（含）分为中、${formatPoints(g.fair)}分以下为差。`,
        { colSpan: 9 },
      ),
    ],
    [label('自评结论及结果分析', { colSpan: 2 }), textCell(form.analysis.conclusion || form.analysis.execution, { colSpan: 7 })],
    [label('主要经验做法', { colSpan: 2 }), textCell(form.analysis.experience, { colSpan: 7 })],
    [label('存在问题与整改措施', { colSpan: 2 }), textCell([form.analysis.problems, form.analysis.improvements].filter((t) => t.trim() !== '').join('\n'), { colSpan: 7 })],
  ];
  const people = form.evaluators.length > 0 ? form.evaluators : [{ role: '组长' as const, name: '', title: '', unit: '' }];
  closing.push([label('评价人员', { rowSpan: people.length + 1 }), label(''), label('姓名', { colSpan: 2 }), label('职称/职务', { colSpan: 2 }), label('工作单位', { colSpan: 2 }), label('签字')]);
  const members = people.filter((p) => p.role === '成员').length;
  let firstMember = true;
  for (const p of people) {
    const role: GridCell[] = p.role === '组长' ? [label('组长')] : firstMember ? [label('成员', { rowSpan: members })] : [];
    if (p.role === '成员') firstMember = false;
    closing.push([...role, label(p.name, { colSpan: 2 }), label(p.title, { colSpan: 2 }), label(p.unit, { colSpan: 2 }), label('')]);
  }
  return {
    title: `${cityOf(ctx.departmentName)}项目支出绩效自评表`,
    subtitle: [`单位（盖章）：${form.seal}`, `填报日期：${dateText(form.filledOn)}`],
    columns: [7, 11, 12, 8, 15, 12, 12, 15, 8],
    blocks: [
      { rows: info, headerRows: 0 },
      { rows: grid, headerRows: 1 },
      { rows: closing, headerRows: 0 },
    ],
  };
}

export function formGrid(form: SelfEvaluationForm, settings: EvaluationSettings, ctx: FormContext): PrintedGrid {
  const f = figuresOf(form, settings);
  return settings.layout === '阳泉' ? yangquanGrid(form, f, settings, ctx) : jinchengGrid(form, f, settings, ctx);
}

/** The 评价指标评分表 of a 重点评价报告: 一级/二级/三级 with their weights, 得分, 合计 and 等级. */
export function keyReportGrid(report: KeyEvaluationReport, settings: EvaluationSettings): { grid: PrintedGrid; figures: KeyFigures } {
  const fig = deriveKeyReport(report, settings);
  const rows: GridCell[][] = [['一级指标', '分值', '二级指标', '分值', '三级指标', '分值', '得分'].map((t) => label(t, { bold: true }))];
  for (const g1 of fig.level1) {
    g1.level2.forEach((g2, n2) => {
      g2.rows.forEach((k, n3) => {
        const ind = report.indicators[k]!;
        const row: GridCell[] = [];
        if (n2 === 0 && n3 === 0) row.push(textCell(g1.label, { rowSpan: g1.rows.length }), pointsCell(g1.weight, { rowSpan: g1.rows.length }));
        if (n3 === 0) row.push(textCell(g2.label, { rowSpan: g2.rows.length }), pointsCell(g2.weight, { rowSpan: g2.rows.length }));
        row.push(textCell(ind.level3), pointsCell(ind.weight), pointsCell(ind.score));
        rows.push(row);
      });
    });
  }
  rows.push([label('合计', { colSpan: 5, bold: true }), pointsCell(fig.weight, { bold: true }), pointsCell(roundToHundredth(fig.total), { text: fig.totalText, bold: true })]);
  rows.push([label('评价等级', { colSpan: 5, bold: true }), label(fig.grade, { colSpan: 2, bold: true })]);
  return { grid: { title: '评价指标评分表', subtitle: [], columns: [16, 6, 18, 6, 30, 6, 6], blocks: [{ rows, headerRows: 1 }] }, figures: fig };
}
