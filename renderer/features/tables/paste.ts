/**
 * A block copied from Excel or WPS: cells separated by tabs, rows by newlines; a cell holding a
 * tab, newline or quote is wrapped in double quotes with quotes doubled. The trailing newline
 * Excel adds is not a row.
 */
export function isBlock(text: string): boolean {
  return /[\t\r\n]/.test(text.replace(/(\r\n|\n|\r)$/, ''));
}

export function parseClipboardBlock(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let k = 0;
  let atCellStart = true;
  while (k < text.length) {
    const ch = text[k]!;
    if (atCellStart && ch === '"') {
      // Quoted cell: read to the closing quote; "" is a literal quote.
      let j = k + 1;
      let value = '';
      let closed = false;
      while (j < text.length) {
        const c = text[j]!;
        if (c === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        value += c;
        j++;
      }
      if (closed && (j >= text.length || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) {
        cell = value;
        k = j;
        atCellStart = false;
        continue;
      }
      // Not a well-formed quoted cell: the quote is an ordinary character.
    }
    atCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
      k++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
      k += ch === '\r' && text[k + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      k++;
    }
  }
  if (!atCellStart || cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
