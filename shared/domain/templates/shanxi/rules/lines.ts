/** The cell ids of 山西's line tables 01, 04 and 10, and the 类 lines of table 04. */
import { TABLE01_CLASSES } from '../../../catalogue';
import type { CellId } from '../../../tables/types';

export const line01 = (n: number): CellId => `01.L${n}.amount`;
export const line04 = (n: number, col: 'amount' | 'total' | 'general' | 'govFund' | 'stateCapital' = 'amount'): CellId => `04.L${n}.${col}`;
export const line10 = (n: number): CellId => `10.L${n}.value`;

/** Lines 33–58 of table 04: its 26 类, in TABLE01_CLASSES order. */
export const CLASS_LINES_04 = TABLE01_CLASSES.map((_, k) => 33 + k);
