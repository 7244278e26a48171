/** The 情况说明 sections of each template, in printed order (what the drafter follows). */
import { SHANXI_SECTIONS } from './shanxi/sections';
import type { TemplateId } from './ids';
import type { TemplateSection } from './types';

const SECTIONS: Record<TemplateId, readonly TemplateSection[]> = {
  山西: SHANXI_SECTIONS,
};

export function templateSections(template: TemplateId): readonly TemplateSection[] {
  return SECTIONS[template];
}
