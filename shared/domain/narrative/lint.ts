/**
 * Lint of all prose, drafted and typed: placeholders, template residue, doubled words and
 * punctuation, ASCII punctuation inside Chinese, wrong years, another department's name.
 */

export interface LintFinding {
  /** Stable id, e.g. `LINT-PLACEHOLDER`. */
  rule: string;
  /** Chinese description of the problem. */
  message: string;
  /** The offending text. */
  match: string;
  /** Where: a section/paragraph label, a field key… */
  where: string;
}

export interface LintContext {
  year: number;
  departmentName: string;
}

const CJK = '\\u3400-\\u9fff';

const PLACEHOLDERS = /X{2,}|x{2,}|×{2,}|＊{2,}|\*{2,}|待填写|请填写|待补充|此处填写|【[^】]*】|［[^］]*］/gu;
const RESIDUE = [
  '增加（减少）',
  '增长（下降）',
  '增加(减少)',
  '增长(下降)',
  '（如持平作持平表述）',
  '(如持平作持平表述)',
  '如持平作持平表述',
  '主要原因是。',
  '主要原因是：。',
  '用于。',
];
/** Two to six Chinese characters written twice in a row (用于用于, 主要原因是主要原因是). */
const DOUBLED_WORD = new RegExp(`([${CJK}]{2,6})\\1`, 'gu');
/** Words that are legitimately repeated. */
const DOUBLED_ALLOWED = new Set(['常常', '看看', '谢谢', '人人', '天天', '年年', '层层', '各各']);
/** 一个一个, 一步一步: a legitimate reduplication. */
const ONE_BY_ONE = /^一[\u3400-\u9fff]一[\u3400-\u9fff]$/u;
/** Stands for an unfilled field in the text that is linted (never itself a finding). */
export const FIELD_MARK = '□';
const DOUBLED_PUNCTUATION = /([，。；：、！？])\1|[，。；：、][，。；：、]/gu;
const ASCII_COMMA = new RegExp(`[${CJK}],|,[${CJK}]`, 'gu');
const HALF_PAREN = new RegExp(`[${CJK}][()]|[()][${CJK}]`, 'gu');
const YEAR = /(?<!\d)(19|20)\d{2}(?=年)/gu;

export function lintText(text: string, where: string, ctx: LintContext): LintFinding[] {
  const out: LintFinding[] = [];
  const add = (rule: string, message: string, match: string) => out.push({ rule, message, match, where });
  for (const m of text.matchAll(PLACEHOLDERS)) add('LINT-PLACEHOLDER', `文中有未替换的占位内容“${m[0]}”`, m[0]);
  const residues: string[] = [];
  for (const r of RESIDUE) {
    if (text.includes(r) && !residues.some((found) => found.includes(r))) residues.push(r);
  }
  for (const r of residues) add('LINT-RESIDUE', `文中有模板残留“${r}”`, r);
  for (const m of text.matchAll(DOUBLED_WORD)) {
    if (!DOUBLED_ALLOWED.has(m[0]) && !ONE_BY_ONE.test(m[0])) add('LINT-DOUBLED-WORD', `词语重复“${m[0]}”`, m[0]);
  }
  for (const m of text.matchAll(DOUBLED_PUNCTUATION)) add('LINT-DOUBLED-PUNCT', `标点重复“${m[0]}”`, m[0]);
  for (const m of text.matchAll(ASCII_COMMA)) add('LINT-ASCII-COMMA', `中文中使用了半角逗号“${m[0]}”，应为“，”`, m[0]);
  for (const m of text.matchAll(HALF_PAREN)) add('LINT-HALF-PAREN', `中文中使用了半角括号“${m[0]}”，应为全角“（）”`, m[0]);
  for (const m of text.matchAll(YEAR)) {
    const y = Number(m[0]);
    if (y !== ctx.year && y !== ctx.year - 1) add('LINT-YEAR', `年份“${m[0]}年”既不是本年度（${ctx.year}年）也不是上年度（${ctx.year - 1}年）`, `${m[0]}年`);
  }
  // Another department of the same kind (another city's 商务局): a copy-paste residue.
  const own = /^(.*?[省市县区])(.+)$/u.exec(ctx.departmentName);
  const kind = own?.[2];
  if (kind) {
    let at = text.indexOf(kind);
    while (at >= 0) {
      const place = text.slice(Math.max(0, at - 3), at);
      if (/[省市县区]$/u.test(place)) {
        const name = `${place.slice(-3)}${kind}`;
        const shortName = `${place.slice(-2)}${kind}`;
        if (!ctx.departmentName.endsWith(shortName) && !/^[省市县区]/u.test(place.slice(-2))) {
          add('LINT-DEPARTMENT', `出现了其他部门名称“${name}”，本报告为“${ctx.departmentName}”`, name);
        }
      }
      at = text.indexOf(kind, at + kind.length);
    }
  }
  return out;
}
