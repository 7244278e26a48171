/**
 * Reads a seed's 第三部分 情况说明 and splits it into sections and sentences, so the drafted
 * narrative can be compared with the published one sentence by sentence.
 */
import { readFileSync } from 'node:fs';
import { paragraphText, type Section } from '../../shared/domain/narrative';

const SECTION_TITLE = /^[一二三四五六七八九十]、.+情况说明$/u;

/** Section title → its text (all lines joined, whitespace removed). */
export function seedNarrativeSections(seedPath: string): Map<string, string> {
  const text = readFileSync(seedPath, 'utf8');
  const starts = [...text.matchAll(/^第三部分 情况说明$/gmu)];
  const start = starts[starts.length - 1]?.index;
  const end = text.indexOf('\n第四部分 名词解释\n', start);
  if (start === undefined || end < 0) throw new Error(`no 第三部分 in ${seedPath}`);
  const lines = text.slice(start, end).split('\n').slice(1);
  const sections = new Map<string, string>();
  let current: string | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    if (SECTION_TITLE.test(line)) {
      current = line;
      sections.set(current, '');
    } else if (current && line) sections.set(current, (sections.get(current) ?? '') + line.replace(/\s+/gu, ''));
  }
  return sections;
}

/** Sentences: split after 。 and ；, whitespace removed, empty pieces dropped. */
export function sentences(text: string): string[] {
  return text
    .replace(/\s+/gu, '')
    .split(/(?<=[。；])/u)
    .filter((s) => s !== '');
}

export function sectionText(section: Section): string {
  return section.paragraphs.map(paragraphText).join('');
}
