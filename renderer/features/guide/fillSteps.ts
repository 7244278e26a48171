/**
 * 填报顺序: the order in which a first-time officer fills in a year, each step with its progress,
 * read from the report and its findings. Pure (tested under Node).
 *
 * 概况 → 公开03表 (expenditure by 科目) → 公开02表 (income by 科目) → 公开05/07表 (财政拨款 by fund;
 * often implied already) → 公开06表 (基本支出 by 经济分类) → 公开09表 (“三公”) → 公开10表 →
 * 情况说明 → 附件.
 */
import type { Finding } from '../../../shared/domain/checks';
import { effectiveItem, isSplitTyped } from '../../../shared/domain/fiscalSplit';
import { INCOME_SOURCES, type ItemFacts, type Report, THREE_PUBLIC_ITEMS } from '../../../shared/domain/model';
import type { TableId } from '../../../shared/domain/tables/types';
import type { View } from '../../store/view';

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

export function fillSteps(report: Report, findings: readonly Finding[], narrativeMissing: number, attachments: number): FillStep[] {
  const items = report.items;
  const texts = report.texts;
  const overviewDone = ['overview.duties', 'overview.organisation'].filter((k) => (texts[k] ?? '').trim() !== '').length;
  const withFiscal = items.filter(fiscalIncome);
  const economicTyped = Object.values(report.economic).filter((v) => v !== 0).length;
  const threePublicTyped = THREE_PUBLIC_ITEMS.filter((k) => report.threePublic.budget[k] !== 0 || report.threePublic.actual[k] !== 0).length;
  const statsTyped = [report.stats.procurementGoods, report.stats.procurementWorks, report.stats.procurementServices].filter((v) => v !== 0).length;
  const e = (t: TableId[]) => errorsIn(findings, t);
  return [
    {
      key: 'overview',
      title: '第一部分 概况',
      hint: '填写部门职责和机构设置（新建年度时从上年带入，核对即可）。',
      progress: `2项中已填${overviewDone}项`,
      status: overviewDone === 0 ? '未开始' : overviewDone === 2 ? '已完成' : '填写中',
      view: { kind: 'overview' },
    },
    countStep('t03', '公开03表 支出决算表', '按科目添加项级科目，填写基本支出、项目支出等（可从Excel整块粘贴）。', { kind: 'table', id: '03' }, items.filter(hasExpenditure).length, items.length, '科目', e(['03'])),
    countStep('t02', '公开02表 收入决算表', '按科目填写财政拨款收入和其他各项收入。', { kind: 'table', id: '02' }, items.filter(hasIncome).length, items.length, '科目', e(['02', '01'])),
    countStep(
      't05',
      '公开05表、07表 财政拨款支出',
      '收入全部来自一项财政拨款且收支相等的科目已自动得出（斜体绿色）；其余科目填写或用“按表03填充”。',
      { kind: 'table', id: '05' },
      withFiscal.filter(splitShown).length,
      withFiscal.length,
      '有财政拨款的科目',
      e(['05', '07', '08', '04']),
    ),
    {
      key: 't06',
      title: '公开06表 基本支出明细',
      hint: '按经济分类填写一般公共预算财政拨款基本支出，人员经费、公用经费合计应与表05基本支出一致。',
      progress: economicTyped === 0 ? '尚未填写' : `已填${economicTyped}个经济分类科目${e(['06']) > 0 ? `，错误${e(['06'])}条` : ''}`,
      status: status(economicTyped, 1, e(['06'])),
      view: { kind: 'table', id: '06' },
    },
    {
      key: 't09',
      title: '公开09表 “三公”经费',
      hint: '填写“三公”经费预算数和决算数（没有的填0或留空）。',
      progress: threePublicTyped === 0 ? '尚未填写（没有“三公”经费可不填）' : `已填${threePublicTyped}项`,
      status: status(threePublicTyped, 1, e(['09'])),
      view: { kind: 'table', id: '09' },
    },
    {
      key: 't10',
      title: '公开10表 相关信息统计',
      hint: '填写政府采购、车辆和大型设备；机关运行经费默认取表06公用经费。',
      progress: statsTyped === 0 ? '尚未填写' : `已填政府采购${statsTyped}项`,
      status: status(statsTyped, 1, e(['10'])),
      view: { kind: 'table', id: '10' },
    },
    {
      key: 'narrative',
      title: '第三部分 情况说明',
      hint: '数字已按表自动起草，只需补写主要原因、用途等文字。',
      progress: narrativeMissing === 0 ? '已填写完整' : `待填写${narrativeMissing}处`,
      status: narrativeMissing === 0 && items.length > 0 ? '已完成' : items.length === 0 ? '未开始' : '填写中',
      view: { kind: 'narrative', id: 'n1' },
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
