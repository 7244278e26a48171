/**
 * 上海's 第三部分 情况说明: sections 一 … 十一 in printed order (SPEC §8). The ids name what a
 * section drafts (shared with 山西 where the content is the same: `n9` is the 三公 section, printed
 * here as 七); `performance` and `other` are 上海's 十 预算绩效管理情况 and 十一 其他重要事项.
 */
import type { TemplateSection } from '../types';

export const SHANGHAI_SECTIONS: readonly TemplateSection[] = [
  { id: 'n1', title: '一、收入支出决算总体情况说明' },
  { id: 'n2', title: '二、收入决算情况说明' },
  { id: 'n3', title: '三、支出决算情况说明' },
  { id: 'n4', title: '四、财政拨款收入支出决算总体情况说明' },
  { id: 'n5', title: '五、一般公共预算财政拨款支出决算情况说明' },
  { id: 'n6', title: '六、一般公共预算财政拨款基本支出决算情况说明' },
  { id: 'n9', title: '七、财政拨款“三公”经费支出决算情况说明' },
  { id: 'n7', title: '八、政府性基金预算财政拨款收入支出决算情况说明' },
  { id: 'n8', title: '九、国有资本经营预算财政拨款收入支出决算情况说明' },
  { id: 'performance', title: '十、预算绩效管理情况说明' },
  { id: 'other', title: '十一、其他重要事项情况说明' },
];
