/**
 * The typed figures a section of 情况说明 needs beyond the tables, by the section ids of the year's
 * template: last year's figures (when the file has no report for last year), 年初/全年预算 (上海:
 * 年初预算 per 项), “三公” counts, the reception split, the procurement amounts granted to SMEs
 * (上海: with the 预留项目 amount), 绩效 counts, funds and 平均分, and optional free text.
 */
import { InputGroup } from '../../ui/InputGroup';
import { type ReactNode, useState } from 'react';
import {
  COUNT_FIELDS,
  type CountField,
  parseScore,
  type PriorField,
  scoreText,
  type StatsMoneyField,
} from '../../../shared/domain/model';
import { formatWanCell } from '../../../shared/domain/money';
import type { TemplateId } from '../../../shared/domain/templates/ids';
import { figuresOf } from '../../../shared/domain/templates/figuresOf';
import type { NarrativeId } from '../../store/view';
import { useCatalogue, useLoaded, usePreviewTables } from '../../store/useDerived';
import { actions } from '../../store/useSession';
import { CommitText } from '../../ui/CommitText';
import { FactField } from '../../ui/FactField';
import { priorLabel } from '../../../shared/domain/narrative';
import { BudgetTable } from './BudgetTable';

const THREE_PUBLIC_PRIOR: PriorField[] = ['threePublicTotal', 'threePublic.abroad', 'threePublic.vehiclePurchase', 'threePublic.vehicleOperation', 'threePublic.reception'];

/** Last year's figures each section compares with (上海's 七 compares with 年初预算 only). */
const PRIOR_BY_SECTION: Record<TemplateId, Partial<Record<NarrativeId, PriorField[]>>> = {
  山西: {
    n1: ['incomeTotal', 'expenditureTotal'],
    n4: ['fiscalIncomeTotal', 'fiscalExpenditureTotal'],
    n5: ['generalExpenditure'],
    n7: ['govFundIncomeTotal', 'govFundExpenditureTotal'],
    n8: ['stateCapitalExpenditure'],
    n9: THREE_PUBLIC_PRIOR,
    n10: ['operatingCost'],
  },
  上海: {
    n1: ['incomeTotal', 'expenditureTotal'],
    n4: ['fiscalIncomeTotal', 'fiscalExpenditureTotal'],
    n5: ['generalExpenditure'],
    n7: ['govFundIncomeTotal', 'govFundExpenditureTotal'],
    n8: ['stateCapitalExpenditure'],
    other: ['operatingCost'],
  },
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

/** The 绩效自评 count per grade of 上海's 十 when the file has no 自评表. */
const SHANGHAI_GRADE_COUNTS: readonly CountField[] = [
  'performanceExcellent',
  'performanceGood',
  'performanceFair',
  'performancePoor',
];

const STATS_LABELS: Partial<Record<StatsMoneyField, string>> = {
  receptionDomestic: '国内公务接待费（含外事接待）',
  receptionForeignAffairs: '其中：外事接待费',
  receptionOverseas: '国（境）外接待费',
  procurementGoods: '政府采购货物支出',
  procurementWorks: '政府采购工程支出',
  procurementServices: '政府采购服务支出',
  procurementSme: '授予中小企业合同金额',
  procurementMicro: '其中：授予小微企业合同金额',
  procurementSmeReserved: '其中：预留项目授予中小企业合同金额',
  performanceFunds: '绩效自评项目涉及资金',
  performanceTargetFunds: '设定绩效目标的项目涉及资金',
  performanceTrackingFunds: '开展绩效跟踪的项目涉及资金',
};

const Group = InputGroup;

/** Count inputs; `required` marks one not typed as 待填写 (not for grades: an absent grade is none). */
function counts(fields: readonly CountField[], required = true) {
  return fields.map((f) => (
    <FactField key={f} fact={{ kind: 'count', field: f }} label={COUNT_LABELS[f][0]} valueType="count" countUnit={COUNT_LABELS[f][1]} required={required} />
  ));
}

function stats(fields: readonly StatsMoneyField[]) {
  return fields.map((f) => <FactField key={f} fact={{ kind: 'stats', field: f }} label={STATS_LABELS[f] ?? f} />);
}

/**
 * 平均分, typed with two decimals (stored in hundredths of a point). A bad entry is refused in
 * place, as FactField refuses one: the message stays, the input goes back to the stored score.
 */
function ScoreField({ field, label }: { field: CountField; label: string }) {
  const stored = useLoaded().report.stats.counts[field];
  const [refusal, setRefusal] = useState<string | null>(null);
  // A new key remounts the input on a refusal, so it shows the stored score again.
  const [attempt, setAttempt] = useState(0);
  const commit = (text: string) => {
    const parsed = parseScore(text);
    if (!parsed.ok) {
      setRefusal(parsed.message);
      setAttempt((n) => n + 1);
      return;
    }
    setRefusal(null);
    if (parsed.value !== (stored ?? null)) void actions().editFacts([{ ref: { kind: 'count', field }, value: parsed.value }], label);
  };
  return (
    <label className={`fact-field${stored === undefined ? ' missing' : ''}`}>
      <span className="fact-label">{label}</span>
      <span className="fact-input">
        <CommitText key={attempt} value={stored === undefined ? '' : scoreText(stored)} placeholder="待填写" invalid={refusal !== null} ariaLabel={label} onCommit={commit} />
        <span className="fact-unit">分</span>
      </span>
      {refusal ? <span className="field-error">{refusal}</span> : null}
    </label>
  );
}

/** 上海's 五（三）: 年初预算 per 项 of 表5, next to its 决算数 (no 全年预算: 上海 compares with 年初预算 only). */
function ItemBudgets() {
  const tables = usePreviewTables();
  const catalogue = useCatalogue();
  const rows = figuresOf(tables).general.rows.filter((r) => r.level === 3);
  return (
    <Group title="一般公共预算财政拨款：各项年初预算" note="上海模板按项说明，每项“年初预算为…，支出决算为…，完成年初预算的…%”。">
      {rows.length === 0 ? <div className="group-note">表5 尚无数据。</div> : null}
      {rows.map((r) => {
        const name = `${r.code} ${catalogue.functionalName(r.code) ?? ''}`.trim();
        return <FactField key={r.code} fact={{ kind: 'initialBudget', code: r.code }} label={`${name}年初预算`} hint={`决算数 ${formatWanCell(r.subtotal.value, { grouping: false }) || '0.00'} 万元`} required />;
      })}
    </Group>
  );
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
  const template = loaded.report.settings.template;
  const shanghai = template === '上海';
  const hasForms = (loaded.evaluation?.forms.length ?? 0) > 0;
  const groups: ReactNode[] = [];

  const priorFields = PRIOR_BY_SECTION[template][id] ?? [];
  if (priorFields.length > 0 && !loaded.lastYear) {
    groups.push(
      <Group key="prior" title={`上年（${year - 1}年）数`} note="本文件中没有上年度报表，请按上年公开的决算填写，用于与上年比较的表述。">
        {priorFields.map((key) => (
          <FactField key={key} fact={{ kind: 'prior', key }} label={priorLabel(key)} required />
        ))}
      </Group>,
    );
  }
  if (id === 'n5') groups.push(shanghai ? <ItemBudgets key="budget" /> : <BudgetTable key="budget" tables={tables} />);
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
  if (shanghai && id === 'performance') {
    groups.push(
      <Group key="targets" title="绩效目标与绩效跟踪">
        {counts(['performanceTargetProjects', 'performanceTrackingProjects'])}
        {stats(['performanceTargetFunds', 'performanceTrackingFunds'])}
      </Group>,
      hasForms ? (
        <Group key="evaluation" title="绩效自评" note="本文件有项目支出绩效自评表：绩效自评的个数、涉及资金、平均分和各等级个数按自评表计算（第五部分 附件）。">
          {null}
        </Group>
      ) : (
        <Group key="evaluation" title="绩效自评" note="文件中没有自评表时在此填写；平均分保留两位小数。">
          {counts(['performanceProjects'])}
          {counts(SHANGHAI_GRADE_COUNTS, false)}
          {stats(['performanceFunds'])}
          <ScoreField field="performanceAverageScore" label="绩效自评平均分" />
        </Group>
      ),
      <Group key="texts" title="其他文字">
        <OptionalText textKey="performance.problems" label="绩效评价发现的问题及整改情况（有“中”“差”等级时必填）" placeholder="例如：个别项目执行进度偏慢，已督促……" />
        <OptionalText textKey="n10.4.1" label="预算绩效管理情况（填写后替代自动生成的表述）" placeholder="留空则按绩效目标、绩效跟踪、绩效自评的个数和资金自动生成" />
        <OptionalText textKey="n10.4.note" label="预算绩效附注" placeholder="" />
      </Group>,
    );
  }
  if (shanghai && id === 'other') {
    // 政府采购 by kind, 机关运行经费 and 国有资产 are typed in StatsInputs (the facts of 山西's 公开10表).
    groups.push(
      <Group key="procurement" title="政府采购授予中小企业" note="非预留项目的金额 = 授予中小企业合同金额 − 预留项目的金额，由软件计算。">
        {stats(['procurementSme', 'procurementSmeReserved', 'procurementMicro'])}
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
