/**
 * The whole disclosure package as one plain model, read by the screen and both exporters:
 * cover, 第一部分 概况, 第二部分 the ten tables, 第三部分 情况说明, 第四部分 名词解释, 第五部分 附件.
 */
import type { Department, Report, SubordinateUnit } from './model';
import type { Section } from './narrative/types';
import type { EvaluationSet } from './selfEvaluation/types';
import type { DerivedTables } from './tables';

export interface GlossaryTerm {
  /** `财政拨款收入` */
  term: string;
  /** `指单位从同级财政部门取得的财政预算资金。` */
  definition: string;
}

export interface PackageModel {
  department: Department;
  year: number;
  /** `晋城市商务局2023年度部门决算公开` */
  title: string;
  /**
   * 第一部分 概况: 职责 as a numbered list, then 机构设置 and, when the department lists 下属单位,
   * the 部门决算单位构成 (序号 is the position): 本级 first, then each unit with its 备注.
   */
  overview: { duties: string[]; organisation: string; units: SubordinateUnit[] };
  tables: DerivedTables;
  /** 第三部分 情况说明, sections 一 … 十. */
  narrative: Section[];
  /** 第四部分 名词解释 */
  glossary: { terms: GlossaryTerm[]; extra: string };
  /** 第五部分 附件: titles typed by the officer (printed when the file holds no 自评表). */
  attachments: string[];
  /** 第五部分 附件: the 自评表 and 重点评价报告 of the year, printed in the chosen layout. */
  evaluation?: EvaluationSet;
}

/** The title of the 部门决算单位构成 table. */
export const UNIT_COMPOSITION_TITLE = '部门决算单位构成';
/** Its column headings. */
export const UNIT_COMPOSITION_COLUMNS = ['序号', '单位名称', '备注'] as const;

/**
 * The units whose accounts the 决算 includes, as the 部门决算单位构成 table lists them: the
 * department's own 本级 first (unless the officer listed it), then its 下属单位. With no 下属单位
 * the 决算 is the department's own alone: no table, or (`always`, 上海's template, where the table
 * is part of 部门概况) the 本级 alone.
 */
export function unitComposition(department: Department, always = false): SubordinateUnit[] {
  const units = department.subordinateUnits;
  if (units.length === 0) return always ? [{ name: `${department.name}（本级）`, note: '' }] : [];
  const listsItself = units.some((u) => u.name === department.name || u.name.includes('本级'));
  return listsItself ? units.map((u) => ({ ...u })) : [{ name: `${department.name}（本级）`, note: '' }, ...units.map((u) => ({ ...u }))];
}

export function packageTitle(department: Department, report: Report): string {
  return `${department.name}${report.year}年度${report.settings.packageKind}决算公开`;
}

/** Whether the package prints 自评表 or 重点评价报告 (then 第五部分 prints them instead of the list of titles). */
export function hasEvaluation(model: Pick<PackageModel, 'evaluation'>): boolean {
  return (model.evaluation?.forms.length ?? 0) > 0 || (model.evaluation?.keyReports.length ?? 0) > 0;
}
