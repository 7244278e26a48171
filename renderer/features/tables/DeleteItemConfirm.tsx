/** Deleting a 项 removes its figures from every table: ask first when it has any. */
import { getItemField, type ItemFacts, ITEM_FIELDS } from '../../../shared/domain/model';
import { Confirm } from '../../ui/Modal';

function tablesWithData(item: ItemFacts): string[] {
  const has = (prefix: string) => ITEM_FIELDS.some((f) => f.startsWith(prefix) && getItemField(item, f) !== 0);
  const out: string[] = [];
  if (has('income.')) out.push('收入（表02）');
  if (has('expenditure.')) out.push('支出（表03）');
  if (has('fiscal.general')) out.push('一般公共预算财政拨款支出（表05）');
  if (has('fiscal.govFund') || has('govFund')) out.push('政府性基金（表07）');
  if (has('fiscal.stateCapital')) out.push('国有资本经营预算（表08）');
  return out;
}

export interface DeleteItemConfirmProps {
  item: ItemFacts;
  name: string;
  onConfirm: () => void;
  onCancel: () => void;
}

export function DeleteItemConfirm({ item, name, onConfirm, onCancel }: DeleteItemConfirmProps) {
  const where = tablesWithData(item);
  return (
    <Confirm title="删除科目" confirmText="删除" danger onConfirm={onConfirm} onCancel={onCancel}>
      <p>
        确定删除科目 <b>{item.code} {name}</b> 吗？
      </p>
      <p>该科目在以下方面有数据，删除后将一并清除，且不能撤销：{where.join('、')}。</p>
    </Confirm>
  );
}
