/**
 * 政府采购, 机关运行经费 and 国有资产占用情况 where the year's template prints no table for them
 * (上海: no 公开10表; its 情况说明 十一 drafts them): the same facts 山西's 公开10表 takes, typed
 * here, with the totals the drafting reads. Shown under the section the template names
 * (`statsPlace`); nothing elsewhere.
 */
import { InputGroup } from '../../ui/InputGroup';
import { type Fen, formatUnits, toPrintedUnits } from '../../../shared/domain/money';
import { VEHICLE_TYPE_NAMES, VEHICLE_TYPES, type StatsMoneyField } from '../../../shared/domain/model';
import { figuresOf } from '../../../shared/domain/templates/figuresOf';
import { requiredTableOfRole, statsPlace } from '../../../shared/domain/templates/roles';
import { tableShortName } from '../../../shared/domain/templates/tableSpecs';
import { tableIn } from '../../../shared/domain/tables/types';
import { useLoaded, usePreviewTables } from '../../store/useDerived';
import { FactField } from '../../ui/FactField';

const PROCUREMENT: readonly [StatsMoneyField, string][] = [
  ['procurementGoods', '政府采购货物支出'],
  ['procurementWorks', '政府采购工程支出'],
  ['procurementServices', '政府采购服务支出'],
];

const Group = InputGroup;

export function StatsInputs({ section }: { section: string }) {
  const loaded = useLoaded();
  const tables = usePreviewTables();
  const template = loaded.report.settings.template;
  const place = statsPlace(template);
  if (place.kind !== 'section' || place.id !== section) return null;
  const figures = figuresOf(tables);
  const economic = requiredTableOfRole(template, 'economic');
  const grouping = tableIn(tables, economic).grouping;
  const wan = (fen: Fen) => `${formatUnits(toPrintedUnits(fen), { grouping })}万元`;
  const { unitKind } = loaded.department;
  const hasOperatingCost = unitKind === '行政单位' || unitKind === '参公事业单位';
  const publicTotal = figures.economic.publicTotal.value;
  return (
    <section className="section-inputs" data-testid="stats-inputs">
      <h3>政府采购、机关运行经费和国有资产（本模板没有相关信息统计表，在此填写）</h3>
      <Group title="政府采购支出" note={`合计 ${wan(figures.procurement.total.value)}（货物、工程、服务之和）`}>
        {PROCUREMENT.map(([field, label]) => (
          <FactField key={field} fact={{ kind: 'stats', field }} label={label} />
        ))}
      </Group>
      {hasOperatingCost ? (
        <Group title="机关运行经费">
          <FactField
            fact={{ kind: 'operatingCost' }}
            label="机关运行经费"
            hint={`留空则按${tableShortName(economic)}公用经费合计 ${wan(publicTotal)}说明`}
          />
        </Group>
      ) : null}
      <Group title="国有资产占用情况" note={`车辆合计 ${figures.vehicles.total.value} 辆`}>
        {VEHICLE_TYPES.map((type) => (
          <FactField key={type} fact={{ kind: 'vehicle', type }} label={VEHICLE_TYPE_NAMES[type]} valueType="count" countUnit="辆" />
        ))}
        <FactField fact={{ kind: 'equipment' }} label="单价100万元（含）以上设备（不含车辆）" valueType="count" countUnit="台（套）" />
      </Group>
    </section>
  );
}
