/** Deleting a 项 removes its figures from every table: ask first when it has any. */
import { getItemField, type ItemFacts, ITEM_FIELDS } from '../../../shared/domain/model';
import { tableShortName } from '../../../shared/domain/tables';
import type { TemplateId } from '../../../shared/domain/templates/ids';
import { requiredTableOfRole, type TableRole } from '../../../shared/domain/templates/roles';
import { useLoaded } from '../../store/useDerived';
import { Confirm } from '../../ui/Modal';

/** What of a 项 holds figures, each with the table of the year's template that prints it (`支出（表03）`). */
function tablesWithData(item: ItemFacts, template: TemplateId): string[] {
  const has = (prefix: string) => ITEM_FIELDS.some((f) => f.startsWith(prefix) && getItemField(item, f) !== 0);
  const where = (role: Exclude<TableRole, 'stats'>) => tableShortName(requiredTableOfRole(template, role));
  const out: string[] = [];
  if (has('income.')) out.push(`收入（${where('income')}）`);
  if (has('expenditure.')) out.push(`支出（${where('expenditure')}）`);
  if (has('fiscal.general')) out.push(`一般公共预算财政拨款支出（${where('general')}）`);
  if (has('fiscal.govFund') || has('govFund')) out.push(`政府性基金（${where('govFund')}）`);
  if (has('fiscal.stateCapital') || has('stateCapitalItem')) out.push(`国有资本经营预算（${where('stateCapital')}）`);
  return out;
}

export interface DeleteItemConfirmProps {
  item: ItemFacts;
  name: string;
  onConfirm: () => void;
  onCancel: () => void;
}

export function DeleteItemConfirm({ item, name, onConfirm, onCancel }: DeleteItemConfirmProps) {
  const where = tablesWithData(item, useLoaded().report.settings.template);
  return (
    <Confirm title="删除科目" confirmText="删除" danger onConfirm={onConfirm} onCancel={onCancel}>
      <p>
        确定删除科目 <b>{item.code} {name}</b> 吗？
      </p>
      <p>该科目在以下方面有数据，删除后将一并清除，且不能撤销：{where.join('、')}。</p>
    </Confirm>
  );
}
