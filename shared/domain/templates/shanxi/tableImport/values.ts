/**
 * A printed cell's value: 万元 (or 元) as a number or as text (`1,234.56`, full-width digits,
 * `(12.00)` for a negative), blank or `——` for nothing; counts (车辆, 设备) as whole numbers.
 */
import { decimalToFen, type Fen, FEN_PER_WAN, FEN_PER_YUAN, MAX_AMOUNT_FEN, MoneyError, normaliseWidth } from '../../../money';
import { ImportError } from './errors';
import type { GridCell } from './grid';

export interface PrintedValue {
  /** 分 for money, the count for counts; 0 when blank. */
  value: number;
  /** Printed blank (or `——`). */
  blank: boolean;
}

/** Where a cell is, for messages: `工作表“公开03表”单元格 D9`. */
export function cellPlace(sheet: string, address: string): string {
  return `工作表“${sheet}”单元格 ${address}`;
}

/** `工作表“公开03表”第9行`. */
export function rowPlace(sheet: string, row: number): string {
  return `工作表“${sheet}”第${row}行`;
}

const BLANK: PrintedValue = Object.freeze({ value: 0, blank: true });

const DASHES = /^[-—–－―‒]+$/u;

function plainText(cell: GridCell): string {
  return normaliseWidth(cell.text).replace(/[\s,]/gu, '');
}

/** Parses an amount cell to 分. Text with more decimals than 分 allow, or not a number at all, is refused. */
export function parseMoney(cell: GridCell | undefined, unit: '万元' | '元', place: () => string): PrintedValue {
  if (!cell || cell.covered) return BLANK;
  if (cell.uncalculated) {
    throw new ImportError(`${place()}是公式，但文件中没有保存它的计算结果。请在 Excel 或 WPS 中打开该工作簿、保存后再导入。`);
  }
  let decimal: string;
  if (cell.number !== undefined) {
    // A number stored in binary floating point: rounded to 分 (0.000001 万元).
    const fen = Math.round(cell.number * (unit === '万元' ? FEN_PER_WAN : FEN_PER_YUAN));
    if (!Number.isFinite(fen) || Math.abs(fen) > MAX_AMOUNT_FEN) {
      throw new ImportError(`${place()}的数 ${cell.text} 超出可记录的金额范围（单位${unit}）。请改正后重新导入。`);
    }
    return { value: fen === 0 ? 0 : fen, blank: false };
  } else {
    let t = plainText(cell);
    if (t === '' || DASHES.test(t)) return { value: 0, blank: true };
    let negative = false;
    const bracketed = /^\((.*)\)$/u.exec(t);
    if (bracketed) {
      negative = true;
      t = bracketed[1] ?? '';
    }
    t = t.replace(/(万元|元)$/u, '');
    if (!/^[+-]?\d+(\.\d+)?$/u.test(t)) {
      throw new ImportError(
        `${place()}的内容“${cell.text.trim()}”不是数字。表中的金额应为数字（单位${unit}，如 1,234.56），空白或“——”表示没有数。请改正后重新导入。`,
      );
    }
    decimal = negative ? `-${t}` : t;
  }
  try {
    return { value: decimalToFen(decimal, unit), blank: false };
  } catch (e) {
    if (e instanceof MoneyError) throw new ImportError(`${place()}：${e.message}（单位${unit}）。请改正后重新导入。`);
    throw e;
  }
}

/** Parses a count cell (车辆数, 设备台套数): a whole number. */
export function parseCount(cell: GridCell | undefined, place: () => string): PrintedValue {
  if (!cell || cell.covered) return { value: 0, blank: true };
  if (cell.uncalculated) {
    throw new ImportError(`${place()}是公式，但文件中没有保存它的计算结果。请在 Excel 或 WPS 中打开该工作簿、保存后再导入。`);
  }
  const t = cell.number !== undefined ? String(cell.number) : plainText(cell).replace(/(辆|台|套|台套|台\(套\))$/u, '');
  if (t === '' || DASHES.test(t)) return { value: 0, blank: true };
  if (!/^\d+$/u.test(t) || !Number.isSafeInteger(Number(t))) {
    throw new ImportError(`${place()}的内容“${cell.text.trim()}”不是整数。此处应填数量（辆、台套），如 3。请改正后重新导入。`);
  }
  return { value: Number(t), blank: false };
}

/** Whether an amount is a whole printed unit (0.01 万元): a figure that may have been rounded. */
export function isWholeUnit(fen: Fen): boolean {
  return fen % 10_000 === 0;
}
