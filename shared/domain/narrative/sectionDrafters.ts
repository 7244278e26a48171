/**
 * The drafter of each 情况说明 section, per template, by the section id the template lists
 * (`templates/sections.ts`): 山西's ten, and 上海's eleven — 山西's words for 一 … 四 and 六, its
 * own for the rest (`shanghai.ts`).
 */
import type { TemplateId } from '../templates/ids';
import { templateSections } from '../templates/sections';
import { SHANXI_DRAFTERS } from './draft';
import { Drafter, type NarrativeInput } from './drafter';
import { SHANGHAI_DRAFTERS } from './shanghai';
import type { Section } from './types';

type SectionDrafter = (d: Drafter) => Section;

const { n1, n2, n3, n4, n6 } = SHANXI_DRAFTERS;

const DRAFTERS: Record<TemplateId, Readonly<Record<string, SectionDrafter | undefined>>> = {
  山西: SHANXI_DRAFTERS,
  上海: { n1, n2, n3, n4, n6, ...SHANGHAI_DRAFTERS },
};

/** The sections of the report's template, in its order, with its headings. */
export function draftNarrative(input: NarrativeInput): Section[] {
  const d = new Drafter(input);
  const template = input.report.settings.template;
  const drafters = DRAFTERS[template];
  return templateSections(template).map(({ id, title }) => {
    const draft = Object.hasOwn(drafters, id) ? drafters[id] : undefined;
    if (!draft) throw new Error(`情况说明没有第“${id}”节的起草规则`);
    // The template's heading (its number and wording: 上海 prints 三公 as 七, 政府性基金 as 八).
    return { ...draft(d), title };
  });
}
