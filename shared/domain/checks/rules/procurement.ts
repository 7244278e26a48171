/**
 * R-PROCUREMENT-SME: 授予中小企业合同金额 within 政府采购支出合计, and its parts (小微企业; 上海's
 * 预留项目) within it. Reads 政府采购 by name, so it runs under every template: 山西 prints the total
 * on 表10 第1行, 上海 in no table (the typed 货物 + 工程 + 服务).
 */
import { toPrintedUnits } from '../../money';
import { tableIdOfCell } from '../../tables/types';
import { otherMattersSection } from '../../templates/conventions';
import { figuresOf } from '../../templates/figuresOf';
import { finding, formatFen, formatPrinted } from '../printed';
import type { Finding, Rule } from '../types';
import { rule } from './common';

export const procurementSmeRule: Rule = rule(
  'R-PROCUREMENT-SME',
  '错误',
  '授予中小企业合同金额不超过政府采购总额',
  '授予中小企业合同金额 ≤ 政府采购支出合计（山西模板：表10 第1行）；其中授予小微企业合同金额、预留项目授予中小企业合同金额（上海模板）各 ≤ 授予中小企业合同金额。按打印数超出为错误（情况说明不印超过100%的占比）；打印数相同而录入数超出为警告。',
  (ctx, m) => {
    const { procurementSme, procurementMicro, procurementSmeReserved } = ctx.report.stats;
    // 政府采购支出合计: a cell of 表10 (山西), or the typed amounts (上海 prints it in no table).
    const total = figuresOf(ctx.tables).procurement.total;
    const cells = [...total.cells];
    const table = cells[0] === undefined ? undefined : tableIdOfCell(cells[0]);
    const section = otherMattersSection(ctx.report.settings.template);
    const out: Finding[] = [];
    const check = (part: number, partName: string, whole: number, wholeName: string) => {
      if (part <= whole) return;
      const [p, w] = [toPrintedUnits(part), toPrintedUnits(whole)];
      const text = `${partName} ${formatPrinted(p, false)} 万元超过${wholeName} ${formatPrinted(w, false)} 万元`;
      const f = p > w ? finding(m, text, cells, table) : finding(m, `${text}（按打印数相同，录入数据相差 ${formatFen(part - whole)}），请核对录入数`, cells, table, '警告');
      out.push({ ...f, section });
    };
    check(procurementSme, '授予中小企业合同金额', total.value, '政府采购支出合计');
    check(procurementMicro, '授予小微企业合同金额', procurementSme, '授予中小企业合同金额');
    check(procurementSmeReserved, '预留项目授予中小企业合同金额', procurementSme, '授予中小企业合同金额');
    return out;
  },
);
