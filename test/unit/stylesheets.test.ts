/**
 * The renderer's stylesheets are plain CSS: every block closed where it should be. A missing `}`
 * is no syntax error to CSS nesting: every rule after it silently became a rule nested inside the
 * unclosed one (for months the 导入 preview, the 年度对比 grid, the badges and the 内容校验码 lost
 * their styles, nested under `.skip-link:focus`). Here each file is read as the build reads it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(__dirname, '..', '..', 'renderer', 'styles');

/** The selectors of rules that open inside a rule holding declarations (a block that was never closed), with their lines. */
function nestedRules(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const stack: { selector: string; declarations: boolean }[] = [];
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') {
      const selector = text.slice(start, i).trim();
      const parent = stack[stack.length - 1];
      // At-rules (@media, @supports, @keyframes …) hold rules; a style rule holds declarations.
      if (parent && !parent.selector.startsWith('@') && !/^(from|to|\d+%)/.test(selector)) out.push(`line ${text.slice(0, i).split('\n').length}: “${selector}” inside “${parent.selector}”`);
      stack.push({ selector, declarations: !selector.startsWith('@') });
      start = i + 1;
    } else if (ch === '}') {
      stack.pop();
      start = i + 1;
    } else if (ch === ';') start = i + 1;
  }
  if (stack.length > 0) out.push(`unclosed: ${stack.map((s) => `“${s.selector}”`).join(' > ')}`);
  return out;
}

describe('the renderer’s stylesheets', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.css'));

  it('are read', () => {
    expect(files).toEqual(expect.arrayContaining(['base.css', 'views.css', 'years.css']));
  });

  it.each(files)('%s: no rule inside another rule, every block closed', (file) => {
    expect(nestedRules(readFileSync(join(DIR, file), 'utf8'))).toEqual([]);
  });

  it('would have caught the unclosed .skip-link:focus', () => {
    expect(nestedRules('.skip-link:focus {\n  top: 6px;\n/* x */\n.modal { width: 1px; }\n')).toEqual(['line 4: “.modal” inside “.skip-link:focus”', 'unclosed: “.skip-link:focus”']);
  });
});
