/**
 * 第五部分 附件: 项目支出绩效自评表 and 重点评价报告 as their own aggregate.
 *
 *     types.ts     the aggregate (forms, 重点评价报告, settings) and its constants
 *     points.ts    scores (thousandths of a point), rates (basis points), 预算执行 score, 等级
 *     derive.ts    执行率, group scores, 总分, 等级, the summary of all forms
 *     targets.ts   whether an indicator misses its target (偏差原因 required)
 *     read.ts      validation of untrusted data (interchange, IPC, storage)
 *     document.ts  the interchange `evaluation` section writer
 *     carry.ts     新建年度: forms carried forward with the actuals cleared
 *     changes.ts   修改记录 of a form or report save: records per field, row and position, and their words
 *     printLayout.ts  the printed layouts (晋城, 阳泉, 评分表) as grids for the Word and Excel exporters
 *     sheet.ts     a printed form (Excel sheet or extracted text) read back, either layout
 *
 * The checks on them are shared/domain/checks/rules/selfEvaluation.ts (SE-…).
 */
export * from './types';
export * from './points';
export * from './derive';
export { missesTarget, readQuantity } from './targets';
export { EvaluationReader, type Encoding, EVALUATION_LIMITS, isValidDate, readEvaluationSet, readEvaluationSettings, readForm, readKeyReport, type ReadIssue } from './read';
export { evaluationToDoc, formToDoc, keyReportToDoc } from './document';
export { carryEvaluation, carryForm } from './carry';
export {
  type AttachmentKind,
  type AttachmentNamer,
  attachmentNamer,
  type AttachmentRecord,
  attachmentTarget,
  attachmentTargetLabel,
  attachmentValueText,
  type AttachmentWrite,
  formRecords,
  INDICATOR_FIELD_NAMES,
  isAttachmentTarget,
  KEY_INDICATOR_FIELD_NAMES,
  keyReportRecords,
  type Placed,
  SECTION_FIELD_NAMES,
  SECTION_LEVEL_NAMES,
} from './changes';
export { formGrid, type FormContext, type GridAlign, type GridBlock, type GridCell, keyReportGrid, placeCells, type PlacedCell, type PrintedGrid } from './printLayout';
export { type PrintedForm, readJinchengSheet, readYangquanSheet, SheetError, type SheetCell, type SheetForm, sheetLayout, type SheetRow } from './sheet';
