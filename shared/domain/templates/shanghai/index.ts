/**
 * 上海: the nine-table 部门决算 package of Shanghai's 2024 template (SPEC §8): 表1 … 表9,
 * 情况说明 一 … 十一, eleven 名词解释.
 */
import { deriveYearTables } from '../../tables';
import type { Template } from '../types';
import { shanghaiFigures } from './figures';
import { shanghaiGlossary } from './glossary';
import { SHANGHAI_RULES } from './rules';
import { SHANGHAI_SECTIONS } from './sections';
import { SHANGHAI_TABLES } from './tables';

export const SHANGHAI: Template = {
  id: '上海',
  tables: SHANGHAI_TABLES,
  deriveTables: ({ department, report, catalogue }) => deriveYearTables(department, { ...report, settings: { ...report.settings, template: '上海' } }, catalogue),
  sections: SHANGHAI_SECTIONS,
  glossary: shanghaiGlossary,
  rules: () => SHANGHAI_RULES,
  figures: shanghaiFigures,
};
