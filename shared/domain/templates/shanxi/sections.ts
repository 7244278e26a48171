/** 山西's 第三部分 情况说明: sections 一 … 十 in printed order (the seeds' headings). */
import type { TemplateSection } from '../types';

export const SHANXI_SECTIONS: readonly TemplateSection[] = [
  { id: 'n1', title: '一、收入支出决算总体情况说明' },
  { id: 'n2', title: '二、收入决算情况说明' },
  { id: 'n3', title: '三、支出决算情况说明' },
  { id: 'n4', title: '四、财政拨款收支决算总体情况说明' },
  { id: 'n5', title: '五、一般公共预算财政拨款支出决算情况说明' },
  { id: 'n6', title: '六、一般公共预算财政拨款基本支出决算情况说明' },
  { id: 'n7', title: '七、政府性基金预算财政拨款收支决算情况说明' },
  { id: 'n8', title: '八、国有资本经营预算财政拨款支出决算情况说明' },
  { id: 'n9', title: '九、财政拨款“三公”经费支出决算情况说明' },
  { id: 'n10', title: '十、其他重要事项情况说明' },
];
