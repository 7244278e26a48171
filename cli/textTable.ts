/** Prints a derived table as aligned plain text, in the official row order. */
import type { DerivedTable } from '../shared/domain/tables';

/** Display width: CJK and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) || cp === 0x2014 || cp === 0x201c || cp === 0x201d
      ? 2
      : 1;
  }
  return w;
}

function pad(text: string, width: number, align: 'left' | 'right' | 'center'): string {
  const gap = Math.max(0, width - displayWidth(text));
  if (align === 'right') return ' '.repeat(gap) + text;
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + text + ' '.repeat(gap - Math.floor(gap / 2));
  return text + ' '.repeat(gap);
}

/** Header: the leaf column names; body: every row, merged labels printed in their first cell. */
export function renderTableText(table: DerivedTable): string {
  const head = table.columns.map((c) => c.name);
  const body = table.rows.map((row) => row.cells.map((cell) => (cell.kind === 'covered' ? '' : cell.text)));
  const widths = table.columns.map((_, i) => {
    let w = displayWidth(head[i] ?? '');
    table.rows.forEach((row, r) => {
      // A merged label (合计, section titles) may overflow into the cells it covers.
      if ((row.cells[i]?.colSpan ?? 1) > 1) return;
      w = Math.max(w, displayWidth(body[r]?.[i] ?? ''));
    });
    return w;
  });
  const line = (cells: string[]) =>
    cells
      .map((t, i) => pad(t, widths[i] ?? 0, table.columns[i]?.align ?? 'left'))
      .join('  ')
      .trimEnd();
  const out = [
    table.title,
    `${table.code}    ${table.orgLine}    ${table.yearLine}    ${table.unitLine}`,
    line(head),
    '-'.repeat(widths.reduce((s, w) => s + w + 2, 0)),
    ...body.map(line),
    table.note,
  ];
  if (table.emptyNote) out.push(table.emptyNote);
  return `${out.join('\n')}\n`;
}
