/**
 * 报表设置 in words: each setting's name and its values as 报表设置 offers them, for the undo
 * history (`报表设置：模板 山西（十张表）→ 上海（九张表）`) and the change log.
 */
import { chineseNumeral } from './tables/cells';
import type { ReportSettings } from './model';
import { templateTableIds } from './templates/roles';
import type { TemplateId } from './templates/ids';

const NAMES: Record<keyof ReportSettings, string> = {
  template: '模板',
  inputUnit: '录入单位',
  tableGrouping: '金额数字格式',
  packageKind: '公开类型',
  narrativeListStyle: '情况说明列举方式',
  shareRounding: '占比舍入',
  narrativeDetail: '五（三）说明口径',
  budgetVarianceReason: '决算与年初预算不一致时',
};

/** `山西（十张表）`, with `detail` `山西（十张表：公开01表—公开10表）`: a template with the number of its tables. */
export function templateLabel(template: TemplateId, detail = ''): string {
  return `${template}（${chineseNumeral(templateTableIds(template).length)}张表${detail === '' ? '' : `：${detail}`}）`;
}

const WORDS: { [K in keyof ReportSettings]: (value: ReportSettings[K]) => string } = {
  template: (v) => templateLabel(v),
  inputUnit: (v) => v,
  tableGrouping: (v) => (v ? '千分位' : '不加千分位'),
  packageKind: (v) => `${v}决算公开`,
  narrativeListStyle: (v) => (v === 'all' ? '列出全部' : '只列出不为0的项目'),
  shareRounding: (v) => (v === 'each' ? '各项分别四舍五入' : '最大余数法'),
  narrativeDetail: (v) => `按${v}`,
  budgetVarianceReason: (v) => (v ? '要求说明原因' : '不说明'),
};

function valueWords<K extends keyof ReportSettings>(key: K, value: ReportSettings[K]): string {
  return WORDS[key](value);
}

const KEYS = Object.keys(NAMES) as (keyof ReportSettings)[];

/** What changed between two settings, in words: `模板 山西（十张表）→ 上海（九张表）`; empty when nothing did. */
export function settingsChangeText(before: ReportSettings, after: ReportSettings): string {
  return KEYS.filter((k) => before[k] !== after[k])
    .map((k) => `${NAMES[k]} ${valueWords(k, before[k])}→${valueWords(k, after[k])}`)
    .join('，');
}

/** Every setting in words, in 报表设置's order: `模板：上海（九张表）；录入单位：万元；…`. */
export function settingsText(settings: ReportSettings): string {
  return KEYS.map((k) => `${NAMES[k]}：${valueWords(k, settings[k])}`).join('；');
}
