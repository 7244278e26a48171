/**
 * 报表设置: the per-report presentation choices (ReportSettings). Each change is one undoable
 * step, saved and logged like a typed figure; a change of 模板 then opens the new template's
 * first table.
 */
import type { ReactNode } from 'react';
import type { ReportSettings } from '../../../shared/domain/model';
import { templateLabel } from '../../../shared/domain/settingsText';
import { TEMPLATE_IDS, type TemplateId } from '../../../shared/domain/templates/ids';
import { statsPlace, templateTableIds } from '../../../shared/domain/templates/roles';
import { templateSections } from '../../../shared/domain/templates/sections';
import { tableSpec } from '../../../shared/domain/templates/tableSpecs';
import { useLoaded, usePreviewTables } from '../../store/useDerived';
import { actions } from '../../store/useSession';
import { firstTableView, sectionLabel } from '../../store/view';
import { EvaluationSettingsFields } from '../attachments/EvaluationSettingsFields';

function Choice<K extends keyof ReportSettings>({
  setting,
  title,
  options,
  note,
  onChosen,
}: {
  setting: K;
  title: string;
  options: { value: ReportSettings[K]; label: string }[];
  note?: ReactNode;
  /** After the change is applied on screen; `saved` settles when the write does (false: refused and undone). */
  onChosen?: (value: ReportSettings[K], saved: Promise<boolean>) => void;
}) {
  const settings = useLoaded().report.settings;
  return (
    <fieldset className="input-group">
      <legend>{title}</legend>
      <div className="choices">
        {options.map((o) => (
          <label key={String(o.value)} className="choice">
            <input
              type="radio"
              name={setting}
              checked={settings[setting] === o.value}
              onChange={() => {
                const patch: Partial<ReportSettings> = {};
                patch[setting] = o.value;
                const saved = actions().updateSettings(patch);
                onChosen?.(o.value, saved);
              }}
            />
            {o.label}
          </label>
        ))}
      </div>
      {note ? <div className="group-note">{note}</div> : null}
    </fieldset>
  );
}

/** `山西（十张表：公开01表—公开10表）`. */
function templateOption(template: TemplateId): string {
  const ids = templateTableIds(template);
  return templateLabel(template, `${tableSpec(ids[0]!).code}—${tableSpec(ids[ids.length - 1]!).code}`);
}

/** Where a template without 统计表 takes 政府采购, 机关运行经费 and 国有资产. */
function statsNotes(): string {
  return TEMPLATE_IDS.map((t) => {
    const place = statsPlace(t);
    if (place.kind === 'table') return '';
    const section = sectionLabel(templateSections(t).find((s) => s.id === place.id)?.title ?? '');
    return `${t}模板没有相关信息统计表，政府采购、机关运行经费和国有资产在“情况说明 ${section}”中填写。`;
  }).join('');
}

export function SettingsView() {
  const report = useLoaded().report;
  // A template may print its tables without separators whatever this setting says (上海).
  const plainTables = report.settings.tableGrouping && Object.values(usePreviewTables()).some((t) => !t.grouping);
  return (
    <div className="form-view">
      <h2 className="view-title">
        报表设置（{report.year}年度，科目目录 {report.edition} 年版）
      </h2>
      <Choice
        setting="template"
        title="模板"
        options={TEMPLATE_IDS.map((t) => ({ value: t, label: templateOption(t) }))}
        onChosen={(template, saved) => {
          actions().navigate(firstTableView(template));
          void saved.then((ok) => {
            if (ok) actions().notify('info', `已改用${templateLabel(template)}模板，所有数字不变；可撤销（Ctrl+Z）。`);
          });
        }}
        note={
          <>
            模板决定本年度决算公开的排版和打印：有哪几张表、表的编号和格式、情况说明的章节顺序。它不改变已填写的任何数字，切换后所有数字照旧，可以撤销（Ctrl+Z），也可以随时切换回来。
            {statsNotes()}
          </>
        }
      />
      <Choice
        setting="inputUnit"
        title="录入单位"
        options={[
          { value: '万元', label: '万元（照公开表录入）' },
          { value: '元', label: '元（照会计账录入，精确到分）' },
        ]}
        note="在单元格中输入数字后加“元”或“万元”可临时改用另一单位，例如 12345.67元。"
      />
      <Choice
        setting="tableGrouping"
        title="金额数字格式"
        options={[
          { value: true, label: '千分位：2,384.38' },
          { value: false, label: '不加千分位：2384.38' },
        ]}
        note={plainTables ? '本年度模板的表格按规定一律不加千分位。' : '表格、情况说明和导出的 Word、Excel 一律按此格式。'}
      />
      <Choice
        setting="packageKind"
        title="公开类型"
        options={[
          { value: '部门', label: '部门决算公开' },
          { value: '单位', label: '单位决算公开' },
        ]}
      />
      <Choice
        setting="narrativeListStyle"
        title="情况说明列举方式"
        options={[
          { value: 'all', label: '列出全部（含为0的项目）' },
          { value: 'nonZero', label: '只列出不为0的项目' },
        ]}
      />
      <Choice
        setting="shareRounding"
        title="情况说明“占比”的舍入"
        options={[
          { value: 'each', label: '各项分别四舍五入（60.99÷2,940.06 印 2.07%）' },
          { value: 'largestRemainder', label: '最大余数法（各项合计正好 100.00%）' },
        ]}
        note="各项分别四舍五入时，读者用“金额÷合计”复核每一项都对得上，但各项相加可能是 99.99% 或 100.01%；最大余数法保证合计 100.00%，个别项会偏离其四舍五入值 0.01%。"
      />
      <Choice
        setting="narrativeDetail"
        title="情况说明 五（三）说明口径"
        options={[
          { value: '类', label: '按类' },
          { value: '项', label: '按项（类、款、项全称）' },
        ]}
      />
      <Choice
        setting="budgetVarianceReason"
        title="决算与年初预算不一致时"
        options={[
          { value: true, label: '要求说明原因' },
          { value: false, label: '不说明' },
        ]}
      />
      <EvaluationSettingsFields />
    </div>
  );
}
