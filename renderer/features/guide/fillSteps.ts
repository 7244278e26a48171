/**
 * 填报顺序: the order in which a first-time officer fills in a year, each step with its progress,
 * read from the report and its findings. Pure (tested under Node).
 *
 * 概况 → 支出决算表 (expenditure by 科目) → 收入决算表 (income by 科目) → 财政拨款 by fund (often
 * implied already) → 基本支出 by 经济分类 → “三公” → 政府采购, 机关运行经费, 国有资产 → 情况说明 → 附件.
 * Each step names and opens the table of the year's template that plays its part (山西: 公开03表,
 * 公开02表, 公开05表/07表, 公开06表, 公开09表, 公开10表; 上海: 表3, 表2, 表5/表8, 表6, 表7 and, with no
 * 统计表, 情况说明 十一).
 */
import type { Finding } from '../../../shared/domain/checks';
import { effectiveItem, isSplitTyped } from '../../../shared/domain/fiscalSplit';
import { INCOME_SOURCES, type ItemFacts, type Report, THREE_PUBLIC_ITEMS } from '../../../shared/domain/model';
import { tableName, tableShortName, tableSpec } from '../../../shared/domain/templates/tableSpecs';
import type { TableId } from '../../../shared/domain/tables/types';
import { requiredTableOfRole, statsPlace, type TableRole } from '../../../shared/domain/templates/roles';
import { templateSections } from '../../../shared/domain/templates/sections';
import type { TemplateId } from '../../../shared/domain/templates/ids';
import { sectionLabel, type View } from '../../store/view';

export type StepStatus = '未开始' | '填写中' | '已完成' | '有错误';

export interface FillStep {
  key: string;
  title: string;
  /** What to do, in a sentence. */
  hint: string;
  /** Progress in words (`12个科目中已填10个`). */
  progress: string;
  status: StepStatus;
  view: View;
}

const hasIncome = (i: ItemFacts) => INCOME_SOURCES.some((k) => i.income[k] !== 0);
const hasExpenditure = (i: ItemFacts) => Object.values(i.expenditure).some((v) => v !== 0);
const fiscalIncome = (i: ItemFacts) => i.income.generalBudget !== 0 || i.income.govFund !== 0 || i.income.stateCapital !== 0;
const splitShown = (i: ItemFacts) => isSplitTyped(effectiveItem(i));

function errorsIn(findings: readonly Finding[], tables: readonly TableId[]): number {
  return findings.filter((f) => f.severity === '错误' && f.table !== undefined && tables.includes(f.table)).length;
}

function status(done: number, total: number, errors: number): StepStatus {
  if (done === 0) return '未开始';
  if (errors > 0) return '有错误';
  return done >= total ? '已完成' : '填写中';
}

function countStep(key: string, title: string, hint: string, view: View, done: number, total: number, unit: string, errors: number): FillStep {
  const progress = total === 0 ? '尚无科目' : `${total}个${unit}中已填${done}个${errors > 0 ? `，错误${errors}条` : ''}`;
  return { key, title, hint, progress, status: total === 0 ? '未开始' : status(done, total, errors), view };
}

/** `公开05表、07表` (山西) or `表5、表8` (上海): tables' numbers as a heading lists them. */
function codesText(ids: readonly TableId[]): string {
  return ids.map((id, k) => (k === 0 ? tableSpec(id).code : tableSpec(id).code.replace(/^公开/u, ''))).join('、');
}

/** The step of the 部门决算公开相关信息 facts: 山西's 公开10表, or the 情况说明 section where a template without it takes them. */
function statsStep(template: TemplateId, report: Report, errors: (t: TableId[]) => number): FillStep {
  const typed = [report.stats.procurementGoods, report.stats.procurementWorks, report.stats.procurementServices].filter((v) => v !== 0).length;
  const place = statsPlace(template);
  const economic = tableShortName(requiredTableOfRole(template, 'economic'));
  const tableErrors = place.kind === 'table' ? errors([place.id]) : 0;
  const section = place.kind === 'section' ? templateSections(template).find((s) => s.id === place.id) : undefined;
  return {
    key: 't10',
    title: place.kind === 'table' ? `${tableSpec(place.id).code} 相关信息统计` : `情况说明 ${section ? sectionLabel(section.title) : ''}：政府采购、机关运行经费、国有资产`,
    hint: `填写政府采购、车辆和大型设备；机关运行经费默认取${economic}公用经费。`,
    progress: typed === 0 ? '尚未填写' : `已填政府采购${typed}项`,
    status: status(typed, 1, tableErrors),
    view: place.kind === 'table' ? { kind: 'table', id: place.id } : { kind: 'narrative', id: place.id },
  };
}

export function fillSteps(report: Report, findings: readonly Finding[], narrativeMissing: number, attachments: number): FillStep[] {
  const template = report.settings.template;
  const t = (role: Exclude<TableRole, 'stats'>): TableId => requiredTableOfRole(template, role);
  const items = report.items;
  const texts = report.texts;
  const overviewDone = ['overview.duties', 'overview.organisation'].filter((k) => (texts[k] ?? '').trim() !== '').length;
  const withFiscal = items.filter(fiscalIncome);
  const economicTyped = Object.values(report.economic).filter((v) => v !== 0).length;
  const threePublicTyped = THREE_PUBLIC_ITEMS.filter((k) => report.threePublic.budget[k] !== 0 || report.threePublic.actual[k] !== 0).length;
  const e = (tables: TableId[]) => errorsIn(findings, tables);
  const [expenditure, income, general, govFund, economic, threePublic] = [t('expenditure'), t('income'), t('general'), t('govFund'), t('economic'), t('threePublic')];
  const fiscalTables = [general, govFund, t('stateCapital'), t('fiscal')];
  return [
    {
      key: 'overview',
      title: '第一部分 概况',
      hint: '填写部门职责和机构设置（新建年度时从上年带入，核对即可）。',
      progress: `2项中已填${overviewDone}项`,
      status: overviewDone === 0 ? '未开始' : overviewDone === 2 ? '已完成' : '填写中',
      view: { kind: 'overview' },
    },
    countStep('t03', tableName(expenditure), '按科目添加项级科目，填写基本支出、项目支出等（可从Excel整块粘贴）。', { kind: 'table', id: expenditure }, items.filter(hasExpenditure).length, items.length, '科目', e([expenditure])),
    countStep('t02', tableName(income), '按科目填写财政拨款收入和其他各项收入。', { kind: 'table', id: income }, items.filter(hasIncome).length, items.length, '科目', e([income, t('overview')])),
    countStep(
      't05',
      `${codesText([general, govFund])} 财政拨款支出`,
      `收入全部来自一项财政拨款且收支相等的科目已自动得出（斜体绿色）；其余科目填写或用“按${tableShortName(expenditure)}填充”。`,
      { kind: 'table', id: general },
      withFiscal.filter(splitShown).length,
      withFiscal.length,
      '有财政拨款的科目',
      e(fiscalTables),
    ),
    {
      key: 't06',
      title: `${tableSpec(economic).code} 基本支出明细`,
      hint: `按经济分类填写一般公共预算财政拨款基本支出，人员经费、公用经费合计应与${tableShortName(general)}基本支出一致。`,
      progress: economicTyped === 0 ? '尚未填写' : `已填${economicTyped}个经济分类科目${e([economic]) > 0 ? `，错误${e([economic])}条` : ''}`,
      status: status(economicTyped, 1, e([economic])),
      view: { kind: 'table', id: economic },
    },
    {
      key: 't09',
      title: `${tableSpec(threePublic).code} “三公”经费`,
      hint: '填写“三公”经费预算数和决算数（没有的填0或留空）。',
      progress: threePublicTyped === 0 ? '尚未填写（没有“三公”经费可不填）' : `已填${threePublicTyped}项`,
      status: status(threePublicTyped, 1, e([threePublic])),
      view: { kind: 'table', id: threePublic },
    },
    statsStep(template, report, e),
    {
      key: 'narrative',
      title: '第三部分 情况说明',
      hint: '数字已按表自动起草，只需补写主要原因、用途等文字。',
      progress: narrativeMissing === 0 ? '已填写完整' : `待填写${narrativeMissing}处`,
      status: narrativeMissing === 0 && items.length > 0 ? '已完成' : items.length === 0 ? '未开始' : '填写中',
      view: { kind: 'narrative', id: templateSections(template)[0]?.id ?? 'n1' },
    },
    {
      key: 'attachments',
      title: '第五部分 附件',
      hint: '项目支出绩效自评表。',
      progress: attachments === 0 ? '尚无附件' : `${attachments}份`,
      status: attachments === 0 ? '未开始' : '已完成',
      view: { kind: 'attachments' },
    },
  ];
}
