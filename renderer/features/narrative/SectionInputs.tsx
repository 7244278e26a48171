/**
 * The typed figures a section of 情况说明 needs beyond the tables: last year's figures (when the
 * file has no report for last year), 年初/全年预算, “三公” counts, the reception split, the
 * procurement amounts granted to SMEs, 绩效自评 counts, and optional free text.
 */
import type { ReactNode } from 'react';
import { COUNT_FIELDS, type CountField, type PriorField, type StatsMoneyField } from '../../../shared/domain/model';
import type { NarrativeId } from '../../store/view';
import { useLoaded, usePreviewTables } from '../../store/useDerived';
import { actions } from '../../store/useSession';
import { CommitText } from '../../ui/CommitText';
import { FactField } from '../../ui/FactField';
import { priorLabel } from '../../../shared/domain/narrative';
import { BudgetTable } from './BudgetTable';

const PRIOR_BY_SECTION: Partial<Record<NarrativeId, PriorField[]>> = {
  n1: ['incomeTotal', 'expenditureTotal'],
  n4: ['fiscalIncomeTotal', 'fiscalExpenditureTotal'],
  n5: ['generalExpenditure'],
  n7: ['govFundIncomeTotal', 'govFundExpenditureTotal'],
  n8: ['stateCapitalExpenditure'],
  n9: ['threePublicTotal', 'threePublic.abroad', 'threePublic.vehiclePurchase', 'threePublic.vehicleOperation', 'threePublic.reception'],
  n10: ['operatingCost'],
};

const COUNT_LABELS: Record<CountField, [string, string]> = {
  abroadGroups: ['因公出国（境）团组数', '个'],
  abroadPeople: ['因公出国（境）人次', '人次'],
  vehiclesPurchased: ['使用财政拨款购置公务用车数', '辆'],
  vehiclesHeld: ['财政拨款负担的公务用车保有量', '辆'],
  receptionBatches: ['公务接待批次', '批次'],
  receptionPeople: ['公务接待人次', '人次'],
  domesticBatches: ['国内接待批次', '批次'],
  domesticPeople: ['国内接待人次', '人次'],
  foreignAffairsBatches: ['其中外事接待批次', '批次'],
  foreignAffairsPeople: ['其中外事接待人次', '人次'],
  overseasBatches: ['国（境）外接待批次', '批次'],
  overseasPeople: ['国（境）外接待人次', '人次'],
  performanceProjects: ['绩效自评项目个数', '个'],
  performanceExcellent: ['自评等级为“优”的项目', '个'],
  performanceGood: ['自评等级为“良”的项目', '个'],
  performanceFair: ['自评等级为“中”的项目', '个'],
  performancePoor: ['自评等级为“差”的项目', '个'],
  performanceTargetProjects: ['设定绩效目标的项目', '个'],
  performanceTrackingProjects: ['开展绩效跟踪的项目', '个'],
  performanceAverageScore: ['绩效自评平均分', '分'],
};

const STATS_LABELS: Partial<Record<StatsMoneyField, string>> = {
  receptionDomestic: '国内公务接待费（含外事接待）',
  receptionForeignAffairs: '其中：外事接待费',
  receptionOverseas: '国（境）外接待费',
  procurementSme: '授予中小企业合同金额',
  procurementMicro: '其中：授予小微企业合同金额',
  performanceFunds: '绩效自评项目涉及资金',
};

function Group({ title, children, note }: { title: string; children: ReactNode; note?: string }) {
  return (
    <fieldset className="input-group">
      <legend>{title}</legend>
      {note ? <div className="group-note">{note}</div> : null}
      <div className="input-grid">{children}</div>
    </fieldset>
  );
}

function counts(fields: readonly CountField[]) {
  return fields.map((f) => (
    <FactField key={f} fact={{ kind: 'count', field: f }} label={COUNT_LABELS[f][0]} valueType="count" countUnit={COUNT_LABELS[f][1]} required />
  ));
}

function stats(fields: readonly StatsMoneyField[]) {
  return fields.map((f) => <FactField key={f} fact={{ kind: 'stats', field: f }} label={STATS_LABELS[f] ?? f} />);
}

function OptionalText({ textKey, label, placeholder }: { textKey: string; label: string; placeholder: string }) {
  const value = useLoaded().report.texts[textKey] ?? '';
  return (
    <label className="text-field">
      <span className="fact-label">{label}</span>
      <CommitText value={value} multiline rows={2} placeholder={placeholder} onCommit={(v) => void actions().editText(textKey, v.trim(), label)} />
    </label>
  );
}

export function SectionInputs({ id }: { id: NarrativeId }) {
  const loaded = useLoaded();
  const tables = usePreviewTables();
  const year = loaded.report.year;
  const groups: ReactNode[] = [];

  const priorFields = PRIOR_BY_SECTION[id] ?? [];
  if (priorFields.length > 0 && !loaded.lastYear) {
    groups.push(
      <Group key="prior" title={`上年（${year - 1}年）数`} note="本文件中没有上年度报表，请按上年公开的决算填写，用于与上年比较的表述。">
        {priorFields.map((key) => (
          <FactField key={key} fact={{ kind: 'prior', key }} label={priorLabel(key)} required />
        ))}
      </Group>,
    );
  }
  if (id === 'n5') groups.push(<BudgetTable key="budget" tables={tables} />);
  if (id === 'n6') {
    groups.push(
      <Group key="n6" title="人员经费、公用经费的主要内容（可选）" note="留空时自动列出金额最大的经济分类类级科目。">
        <OptionalText textKey="n6.personnel" label="人员经费主要包括" placeholder="例如：基本工资、津贴补贴、奖金……" />
        <OptionalText textKey="n6.public" label="公用经费主要包括" placeholder="例如：办公费、印刷费、水电费……" />
      </Group>,
    );
  }
  if (id === 'n9') {
    groups.push(
      <Group key="abroad" title="因公出国（境）与公务用车">
        {counts(['abroadGroups', 'abroadPeople', 'vehiclesPurchased', 'vehiclesHeld'])}
      </Group>,
      <Group key="reception" title="公务接待">
        {counts(['receptionBatches', 'receptionPeople', 'domesticBatches', 'domesticPeople', 'foreignAffairsBatches', 'foreignAffairsPeople', 'overseasBatches', 'overseasPeople'])}
        {stats(['receptionDomestic', 'receptionForeignAffairs', 'receptionOverseas'])}
      </Group>,
    );
  }
  if (id === 'n10') {
    groups.push(
      <Group key="procurement" title="政府采购授予中小企业">
        {stats(['procurementSme', 'procurementMicro'])}
      </Group>,
      <Group key="performance" title="预算绩效">
        {counts(COUNT_FIELDS.filter((f) => f.startsWith('performance')))}
        {stats(['performanceFunds'])}
      </Group>,
      <Group key="texts" title="其他文字（可选）">
        <OptionalText textKey="n10.4.1" label="预算绩效管理工作开展情况（填写后替代自动生成的表述）" placeholder="留空则按自评个数、资金和等级自动生成" />
        <OptionalText textKey="n10.4.note" label="预算绩效附注" placeholder="" />
        <OptionalText textKey="n10.4.2" label="其他需要说明的事项" placeholder="留空则写“无。”" />
      </Group>,
    );
  }
  if (groups.length === 0) return null;
  return (
    <section className="section-inputs">
      <h3>本节需要填写的数据</h3>
      {loaded.lastYear && priorFields.length > 0 ? <div className="group-note">上年数取自本文件中的{year - 1}年度报表。</div> : null}
      {groups}
    </section>
  );
}
