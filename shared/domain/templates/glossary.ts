/** The 名词解释 of each template per catalogue edition (what 第四部分 prints). */
import { standardGlossary } from '../narrative/glossary';
import type { GlossaryTerm } from '../package';
import type { TemplateId } from './ids';
import { shanghaiGlossary } from './shanghai/glossary';

const GLOSSARIES: Record<TemplateId, (edition: number) => readonly GlossaryTerm[]> = {
  山西: standardGlossary,
  上海: shanghaiGlossary,
};

export function templateGlossary(template: TemplateId, edition: number): readonly GlossaryTerm[] {
  return GLOSSARIES[template](edition);
}
