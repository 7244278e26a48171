/**
 * What a template decides about wording beyond its tables and sections: thousands separators in
 * amounts, the detail of 情况说明 五（三）, and whether 第一部分 prints 部门决算单位构成 when the
 * department lists no 下属单位. Low layers (tables, narrative, checks) ask here rather than read
 * the report's settings raw, so a setting a template overrides is overridden everywhere alike.
 */
import type { ReportSettings } from '../model';
import type { TemplateId } from './ids';

interface Conventions {
  /** Thousands separators: as the report's `tableGrouping` says (山西), or never (上海, SPEC §8). */
  grouping: 'setting' | 'never';
  /** 五（三）: per 类 or per 项 as the report's `narrativeDetail` says (山西), or always per 项 (上海). */
  detail: 'setting' | '项';
  /** 部门决算单位构成: printed when 下属单位 are listed (山西), or always, 本级 alone when none (上海). */
  unitComposition: 'withUnits' | 'always';
  /** The 情况说明 section reporting 机关运行经费, 政府采购 and 国有资产 (山西 十, 上海 十一). */
  otherMatters: string;
  /** The 情况说明 section reporting 预算绩效 (山西 十（四） within 十, 上海 十). */
  performance: string;
}

const CONVENTIONS: Record<TemplateId, Conventions> = {
  山西: { grouping: 'setting', detail: 'setting', unitComposition: 'withUnits', otherMatters: 'n10', performance: 'n10' },
  上海: { grouping: 'never', detail: '项', unitComposition: 'always', otherMatters: 'other', performance: 'performance' },
};

/** Whether amounts (table cells and sentences) print thousands separators. */
export function amountGrouping(settings: Pick<ReportSettings, 'template' | 'tableGrouping'>): boolean {
  return CONVENTIONS[settings.template].grouping === 'setting' && settings.tableGrouping;
}

/** The rows 五（三） speaks of: 类 or 项. */
export function narrativeDetailOf(settings: Pick<ReportSettings, 'template' | 'narrativeDetail'>): '类' | '项' {
  const detail = CONVENTIONS[settings.template].detail;
  return detail === 'setting' ? settings.narrativeDetail : detail;
}

/** Whether 部门决算单位构成 is printed even when the department lists no 下属单位 (本级 alone). */
export function unitCompositionAlways(template: TemplateId): boolean {
  return CONVENTIONS[template].unitComposition === 'always';
}

/** The id of the 情况说明 section that reports 机关运行经费, 政府采购 and 国有资产. */
export function otherMattersSection(template: TemplateId): string {
  return CONVENTIONS[template].otherMatters;
}

/** The id of the 情况说明 section that reports 预算绩效 (drafted from the 自评表 when the file has them). */
export function performanceSection(template: TemplateId): string {
  return CONVENTIONS[template].performance;
}
