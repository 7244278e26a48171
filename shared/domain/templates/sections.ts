/** The 情况说明 sections of each template, in printed order (what the drafter follows). */
import { SHANGHAI_SECTIONS } from './shanghai/sections';
import { SHANXI_SECTIONS } from './shanxi/sections';
import type { TemplateId } from './ids';
import type { TemplateSection } from './types';

const SECTIONS: Record<TemplateId, readonly TemplateSection[]> = {
  山西: SHANXI_SECTIONS,
  上海: SHANGHAI_SECTIONS,
};

export function templateSections(template: TemplateId): readonly TemplateSection[] {
  return SECTIONS[template];
}
