/**
 * 部门决算单位构成 in 第一部分 概况 (二、机构设置情况): a title line and a 序号 | 单位名称 | 备注
 * table, printed when the department lists 下属单位 (PackageModel.overview.units). Table text is
 * 宋体 小四 on the prose page (larger than the ten tables' 9.5pt); the header row repeats on every page.
 */
import { AlignmentType, type FileChild, LineRuleType, Paragraph, TableCell, TableRow, VerticalAlignTable } from 'docx';
import { type PackageModel, UNIT_COMPOSITION_COLUMNS, UNIT_COMPOSITION_TITLE } from '../../../../shared/domain/package';
import { FONTS, run, SIZE } from './fonts';
import type { Outline } from './outline';
import { PROSE_PAGE, textWidth } from './page';
import { BODY_METRICS } from './pageFlow';
import { type CellAlignment, cellLines, fixedTable, tableLine } from './tableLayout';

/** 小四 (12pt). */
const SIZE_TEXT = 24;
/** Space above and below a cell's text (twips). */
const CELL_PAD = 60;
/** Column widths as parts of the text width: 序号, 单位名称, 备注. */
const PARTS = [1, 6, 4] as const;
/** The 0.5pt rule a row adds (see tableRowHeights). */
const ROW_RULE = 10;

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function cell(text: string, alignment: CellAlignment, bold = false): TableCell {
  return new TableCell({
    verticalAlign: VerticalAlignTable.CENTER,
    children: [
      new Paragraph({
        alignment: ALIGN[alignment],
        spacing: { before: CELL_PAD, after: CELL_PAD, line: tableLine(SIZE_TEXT), lineRule: LineRuleType.EXACT },
        indent: { firstLine: 0 },
        children: text === '' ? [] : [run(text, FONTS.song, SIZE_TEXT, bold ? { bold: true } : {})],
      }),
    ],
  });
}

/** The title line and the table, recorded in the page flow; nothing when no unit is listed. */
export function unitCompositionChildren(model: PackageModel, toc: Outline): FileChild[] {
  const units = model.overview.units;
  if (units.length === 0) return [];
  const width = textWidth(PROSE_PAGE);
  const total = PARTS.reduce((s, p) => s + p, 0);
  const widths = PARTS.map((p) => Math.floor((p * width) / total));
  widths[widths.length - 1]! += width - widths.reduce((s, w) => s + w, 0);

  const titleMetrics = { ...BODY_METRICS, firstLine: 0, keepNext: true, before: 120, after: 60 };
  toc.flow.paragraph(UNIT_COMPOSITION_TITLE, titleMetrics);
  const title = new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    spacing: { before: titleMetrics.before, after: titleMetrics.after, line: titleMetrics.line, lineRule: LineRuleType.EXACT },
    children: [run(UNIT_COMPOSITION_TITLE, FONTS.hei, SIZE.body)],
  });

  const line = tableLine(SIZE_TEXT);
  const height = (texts: string[]) => Math.max(...texts.map((t, k) => cellLines(t, widths[k]!, SIZE_TEXT))) * line + 2 * CELL_PAD + ROW_RULE;
  const bodyTexts = units.map((u, k) => [String(k + 1), u.name, u.note]);
  toc.flow.table({ header: [height([...UNIT_COMPOSITION_COLUMNS])], rows: bodyTexts.map(height) });

  const table = fixedTable(width, widths, [
    new TableRow({ tableHeader: true, cantSplit: true, children: UNIT_COMPOSITION_COLUMNS.map((h) => cell(h, 'center', true)) }),
    ...bodyTexts.map(([no, name, note]) => new TableRow({ cantSplit: true, children: [cell(no!, 'center'), cell(name!, 'left'), cell(note!, 'left')] })),
  ]);
  return [title, table];
}
