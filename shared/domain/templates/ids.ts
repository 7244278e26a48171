/** The templates the app knows (模板), by name: 山西's ten tables (both seeds) and 上海's nine (SPEC §8). */
export const TEMPLATE_IDS = ['山西', '上海'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** The template of a year that names none (every file and document made before templates). */
export const DEFAULT_TEMPLATE: TemplateId = '山西';

export function isTemplateId(v: unknown): v is TemplateId {
  return typeof v === 'string' && (TEMPLATE_IDS as readonly string[]).includes(v);
}

/** The templates one may choose, as a Chinese list for messages (`“山西”`). */
export const TEMPLATE_CHOICES = TEMPLATE_IDS.map((t) => `“${t}”`).join('、');
