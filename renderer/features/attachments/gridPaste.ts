/**
 * The indicator grid's columns, and a block of cells pasted from Excel/WPS into it: text/plain
 * as Excel puts it on the clipboard (tab-separated, rows by line breaks, a cell with a line break
 * or tab quoted with doubled quotes). The block fills the grid from the cell pasted into, adding
 * rows as needed; 分值/得分 must be scores, else nothing is pasted and the message names the cell.
 */
import { emptyIndicator, type Indicator, parsePoints, PointsError } from '../../../shared/domain/selfEvaluation';

export const GRID_COLUMNS = ['level1', 'level2', 'level3', 'targetInitial', 'target', 'actual', 'weight', 'score', 'deviation'] as const;
export type GridColumn = (typeof GRID_COLUMNS)[number];

export const GRID_HEADERS: Record<GridColumn, string> = {
  level1: '一级指标',
  level2: '二级指标',
  level3: '三级指标',
  targetInitial: '年初指标值',
  target: '调整后指标值',
  actual: '实际完成值',
  weight: '分值',
  score: '得分',
  deviation: '偏差原因分析及改进措施',
};

/** Parses Excel's text/plain clipboard into rows of cells. */
export function parseClipboard(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === '\t') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The text a cell shows for editing. */
export function cellText(ind: Indicator, col: GridColumn): string {
  const v = ind[col];
  if (col === 'weight' || col === 'score') return v === null ? '' : String((v as number) / 1000);
  return typeof v === 'string' ? v : '';
}

/** One cell's new value; throws PointsError for a bad score. */
export function withCell(ind: Indicator, col: GridColumn, text: string): Indicator {
  if (col === 'weight' || col === 'score') return { ...ind, [col]: parsePoints(text) };
  return { ...ind, [col]: text.trim() };
}

export function applyPaste(indicators: readonly Indicator[], row: number, col: number, block: string[][]): { indicators: Indicator[] } | { error: string } {
  const out = [...indicators];
  for (let r = 0; r < block.length; r++) {
    const target = row + r;
    while (out.length <= target) {
      const above = out[out.length - 1];
      out.push(emptyIndicator(above?.level1 ?? '', above?.level2 ?? ''));
    }
    let ind = out[target]!;
    for (let c = 0; c < block[r]!.length; c++) {
      const column = GRID_COLUMNS[col + c];
      if (!column) break;
      try {
        ind = withCell(ind, column, block[r]![c] ?? '');
      } catch (e) {
        if (e instanceof PointsError) return { error: `第${target + 1}行“${GRID_HEADERS[column]}”：${e.message}，未粘贴任何内容` };
        throw e;
      }
    }
    out[target] = ind;
  }
  return { indicators: out };
}
