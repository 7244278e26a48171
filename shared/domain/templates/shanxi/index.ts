/**
 * 山西: today's ten-table package (公开01表 … 公开10表, 情况说明 一 … 十, twelve 名词解释), the
 * layout of both seeds (晋城 2023, 阳泉 2024).
 */
import { RULES } from '../../checks';
import { standardGlossary } from '../../narrative/glossary';
import { deriveTables } from '../../tables';
import type { Template } from '../types';
import { shanxiFigures } from './figures';
import { SHANXI_SECTIONS } from './sections';
import { SHANXI_TABLES } from './tables';

export const SHANXI: Template = {
  id: '山西',
  tables: SHANXI_TABLES,
  deriveTables: ({ department, report, catalogue }) => deriveTables(department, report, catalogue),
  sections: SHANXI_SECTIONS,
  glossary: standardGlossary,
  rules: () => RULES,
  figures: shanxiFigures,
};
