/**
 * 五（三）: 年初预算 per 类 (or per 项, by the report's setting) next to the 决算数 of the year's
 * 一般公共预算财政拨款支出决算表 (山西 公开05表, 上海 表5);
 * 全年预算 where 年初预算 is 0; last year's 决算 when the file has no report for last year.
 */
import { tableIn, tableShortName, type DerivedTables } from '../../../shared/domain/tables';
import { requiredTableOfRole } from '../../../shared/domain/templates/roles';
import { useLoaded } from '../../store/useDerived';
import { actions } from '../../store/useSession';
import { FactField } from '../../ui/FactField';

export function BudgetTable({ tables }: { tables: DerivedTables }) {
  const loaded = useLoaded();
  const { settings, initialBudget } = loaded.report;
  const level = settings.narrativeDetail === '项' ? 3 : 1;
  const general = requiredTableOfRole(settings.template, 'general');
  const rows = tableIn(tables, general).rows.filter((r) => r.level === level);
  const typedPrior = !loaded.lastYear;
  return (
    <fieldset className="input-group">
      <legend>一般公共预算财政拨款：年初预算与决算（按{settings.narrativeDetail}）</legend>
      <div className="group-options">
        <label>
          说明口径：
          <select value={settings.narrativeDetail} onChange={(e) => void actions().updateSettings({ narrativeDetail: e.target.value === '项' ? '项' : '类' })}>
            <option value="类">按类说明（晋城、阳泉样式）</option>
            <option value="项">按项说明（类、款、项全称）</option>
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={settings.budgetVarianceReason}
            onChange={(e) => void actions().updateSettings({ budgetVarianceReason: e.target.checked })}
          />
          决算与预算不一致时说明原因
        </label>
      </div>
      {rows.length === 0 ? (
        <div className="group-note">{tableShortName(general)} 尚无数据。</div>
      ) : (
        <table className="budget-table">
          <thead>
            <tr>
              <th>科目</th>
              <th>决算数（万元）</th>
              <th>年初预算</th>
              <th>全年预算（年初预算为0时）</th>
              {typedPrior ? <th>上年决算数</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const code = row.key;
              const name = row.cells[1]?.text ?? '';
              const initial = initialBudget[code];
              return (
                <tr key={code}>
                  <td>
                    {code} {name}
                  </td>
                  <td className="num">{row.cells[2]?.text || '0.00'}</td>
                  <td>
                    <FactField fact={{ kind: 'initialBudget', code }} label={`${name}年初预算`} required inline />
                  </td>
                  <td>
                    {initial === 0 ? (
                      <FactField fact={{ kind: 'adjustedBudget', code }} label={`${name}全年预算`} required inline />
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  {typedPrior ? (
                    <td>
                      <FactField fact={{ kind: 'prior', key: `general/${code}` }} label={`${name}上年决算数`} required inline />
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}
