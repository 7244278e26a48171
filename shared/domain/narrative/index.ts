/**
 * The narrative as a whole: drafted sections, what the officer still has to fill in,
 * the lint of every sentence, and plain-text rendering for the CLI.
 */
import type { Catalogue } from '../catalogue';
import { factRefKey, type FactRef } from '../model';
import type { Department, Report } from '../model';
import { type PackageModel, packageTitle, unitComposition } from '../package';
import type { EvaluationSet } from '../selfEvaluation/types';
import type { DerivedTables } from '../tables';
import type { NarrativeInput } from './drafter';
import { draftNarrative } from './sectionDrafters';
import { standardGlossary } from './glossary';
import { unitCompositionAlways } from '../templates/conventions';
import { templateGlossary } from '../templates/glossary';
import { FIELD_MARK, type LintContext, type LintFinding, lintText } from './lint';
import type { PriorFigures } from './prior';
import type { Paragraph, Section } from './types';

export * from './types';
export { figureCells, figureLabel, figureValue, priorFromTables, priorFromTyped, priorFromYear, priorLabel, type PriorFigures, type PriorKey, type PriorOrigin } from './prior';
export { FIELD_MARK, lintText, type LintFinding } from './lint';
export { standardGlossary } from './glossary';
export { type NarrativeInput } from './drafter';
export { draftNarrative } from './sectionDrafters';
export { shares, largestRemainderShares, percentText, change, ratioBasisPoints } from './figures';

/** Something the narrative needs and the report lacks. */
export interface MissingItem {
  section: string;
  /** A text field key (`n1.reason`) or a fact (last year's figure, a budget). */
  field?: string;
  fact?: FactRef;
  label: string;
}

export interface Narrative {
  sections: Section[];
  missing: MissingItem[];
  lint: LintFinding[];
}

export function missingItems(sections: readonly Section[]): MissingItem[] {
  const out: MissingItem[] = [];
  for (const s of sections) {
    for (const p of s.paragraphs) {
      for (const r of p.runs) {
        if (r.kind === 'field' && r.required && r.text === '') out.push({ section: s.title, field: r.key, label: r.hint });
        if (r.kind === 'figure' && r.missing) out.push({ section: s.title, fact: r.missing.fact, label: r.missing.label });
      }
    }
  }
  return out;
}

/** The text that is linted: an unfilled field or figure stands as FIELD_MARK (reported as missing, not as residue). */
export function lintableText(p: Paragraph): string {
  return p.runs.map((r) => ((r.kind === 'field' && r.text === '') || (r.kind === 'figure' && r.missing) ? FIELD_MARK : r.text)).join('');
}

function lintSections(sections: readonly Section[], ctx: LintContext): LintFinding[] {
  return sections.flatMap((s) => s.paragraphs.flatMap((p, k) => lintText(lintableText(p), `${s.title} 第${k + 1}段`, ctx)));
}

export function composeNarrative(input: NarrativeInput): Narrative {
  const sections = draftNarrative(input);
  const ctx = { year: input.report.year, departmentName: input.department.name };
  return { sections, missing: missingItems(sections), lint: lintSections(sections, ctx) };
}

/** A paragraph as plain text; unfilled required parts are marked so they cannot be missed. */
export function paragraphPlainText(p: Paragraph): string {
  return p.runs
    .map((r) => {
      if (r.kind === 'figure' && r.missing) return `【待填写：${r.missing.label}】`;
      if (r.kind === 'field' && r.text === '' && r.required) return `【待填写：${r.hint}】`;
      return r.text;
    })
    .join('');
}

export function narrativePlainText(narrative: Narrative): string {
  const lines: string[] = ['第三部分 情况说明', ''];
  for (const s of narrative.sections) {
    lines.push(s.title, '');
    for (const p of s.paragraphs) lines.push(paragraphPlainText(p), '');
  }
  if (narrative.missing.length > 0) {
    lines.push(`尚未填写（${narrative.missing.length}处）：`);
    for (const m of narrative.missing) lines.push(`  - ${m.section}：${m.label}${m.field ? `（${m.field}）` : m.fact ? `（${factRefKey(m.fact)}）` : ''}`);
    lines.push('');
  }
  if (narrative.lint.length > 0) {
    lines.push(`文字检查发现（${narrative.lint.length}处）：`);
    for (const f of narrative.lint) lines.push(`  - ${f.where}：${f.message}`);
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * 第一部分 概况: duties one per line and the 机构设置 text from the report, the 部门决算单位构成 from
 * the department (under 上海 always printed, 本级 alone when it lists no 下属单位).
 */
export function overviewOf(report: Report, department: Department): PackageModel['overview'] {
  const duties = (report.texts['overview.duties'] ?? '')
    .split(/\r?\n/)
    .map((d) => d.trim().replace(/^[（(][一二三四五六七八九十]+[）)]\s*/u, ''))
    .filter((d) => d !== '');
  const units = unitComposition(department, unitCompositionAlways(report.settings.template));
  return { duties, organisation: (report.texts['overview.organisation'] ?? '').trim(), units };
}

/**
 * 第四部分 名词解释: the template's terms for the edition (山西 twelve, 上海 eleven), each
 * definition overridable, plus free text. An override `glossary.N` names the N-th of the
 * edition's twelve standard terms, whichever template prints it.
 */
export function glossaryOf(report: Report): PackageModel['glossary'] {
  const standard = standardGlossary(report.edition).map((t) => t.term);
  const terms = templateGlossary(report.settings.template, report.edition).map((t) => {
    const override = report.texts[`glossary.${standard.indexOf(t.term) + 1}`]?.trim();
    return override ? { term: t.term, definition: override } : t;
  });
  return { terms, extra: (report.texts['glossary.extra'] ?? '').trim() };
}

export interface PackageInput {
  department: Department;
  report: Report;
  catalogue: Catalogue;
  tables: DerivedTables;
  prior: PriorFigures;
  /** 第五部分 附件 of the year (自评表, 重点评价报告), when the file holds them. */
  evaluation?: EvaluationSet;
}

/** The whole package as one model for the screen and the exporters. */
export function buildPackage(input: PackageInput): { model: PackageModel; narrative: Narrative } {
  const narrative = composeNarrative(input);
  const { report, department } = input;
  const attachments = (report.texts['attachments'] ?? '')
    .split(/\r?\n/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
  return {
    narrative,
    model: {
      department,
      year: report.year,
      title: packageTitle(department, report),
      overview: overviewOf(report, department),
      tables: input.tables,
      narrative: narrative.sections,
      glossary: glossaryOf(report),
      attachments,
      ...(input.evaluation ? { evaluation: input.evaluation } : {}),
    },
  };
}
