/**
 * What JSON.parse does not say about a JSON text: where a syntax error is, as line and column
 * (V8 only gives a character position, in English), and which number literals it would round
 * silently because a JavaScript number cannot hold them exactly.
 */
import { expandExponent } from './money';

/** Where a JSON syntax error is, from V8's message (`… at position 123`), as line and column. */
export function jsonSyntaxErrorPlace(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return '';
  const offset = Number(m[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `第 ${line} 行第 ${column} 个字符附近`;
}

/** A decimal without sign noise, leading or trailing zeros: `-0.50` → `-0.5`, `0010` → `10`. */
function canonicalDecimal(text: string): string {
  const plain = expandExponent(text);
  const negative = plain.startsWith('-');
  const [int = '', frac = ''] = plain.replace(/^[+-]/, '').split('.');
  const whole = int.replace(/^0+(?=\d)/, '');
  const decimals = frac.replace(/0+$/, '');
  const body = decimals === '' ? whole : `${whole}.${decimals}`;
  return negative && body !== '0' ? `-${body}` : body;
}

const NUMBER_TOKEN = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Number literals of the JSON text that a JavaScript number cannot hold exactly
 * (`1.00000000000000001`, `1e400`): JSON.parse would round them silently, so they are refused.
 */
export function inexactNumbers(text: string, max = 5): string[] {
  const found: string[] = [];
  let inString = false;
  for (let i = 0; i < text.length && found.length < max; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
      continue;
    }
    if (ch === 0x22) {
      inString = true;
      continue;
    }
    if (ch !== 0x2d && (ch < 0x30 || ch > 0x39)) continue;
    NUMBER_TOKEN.lastIndex = i;
    const literal = NUMBER_TOKEN.exec(text)?.[0];
    if (!literal) continue;
    const value = Number(literal);
    if (!Number.isFinite(value) || canonicalDecimal(literal) !== canonicalDecimal(String(value))) found.push(literal);
    i += literal.length - 1;
  }
  return found;
}
