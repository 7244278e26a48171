/**
 * 下属单位: the units whose accounts the 部门决算 includes, one row each (单位名称, 备注 such as
 * 预算不单列，并入本级), printed in 概况 as the 部门决算单位构成 table (本级 first).
 */
import type { Department, SubordinateUnit } from '../../../shared/domain/model';
import { actions } from '../../store/useSession';
import { CommitText } from '../../ui/CommitText';

function save(department: Department, units: SubordinateUnit[]): void {
  void actions().updateDepartment({ ...department, subordinateUnits: units });
}

export function SubordinateUnitsEditor({ department }: { department: Department }) {
  const units = department.subordinateUnits;
  const replace = (k: number, unit: SubordinateUnit | null) =>
    save(
      department,
      units.flatMap((u, i) => (i !== k ? [u] : unit ? [unit] : [])),
    );
  return (
    <fieldset className="input-group">
      <legend>下属单位（部门决算单位构成）</legend>
      <table className="budget-table units-table">
        <thead>
          <tr>
            <th>序号</th>
            <th>单位名称</th>
            <th>备注</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {units.map((u, k) => (
            <tr key={`${k}:${u.name}`}>
              <td>{k + 1}</td>
              <td>
                <CommitText value={u.name} ariaLabel={`第${k + 1}个下属单位名称`} onCommit={(v) => replace(k, v.trim() === '' ? null : { ...u, name: v.trim() })} />
              </td>
              <td>
                <CommitText value={u.note} ariaLabel={`第${k + 1}个下属单位备注`} placeholder="例如：预算不单列，并入本级" onCommit={(v) => replace(k, { ...u, note: v.trim() })} />
              </td>
              <td>
                <button type="button" className="link" onClick={() => replace(k, null)}>
                  删除
                </button>
              </td>
            </tr>
          ))}
          <tr>
            <td>{units.length + 1}</td>
            <td colSpan={3}>
              <CommitText
                key={units.length}
                value=""
                ariaLabel="新增下属单位名称"
                placeholder="输入单位名称后回车添加；无下属单位可不填"
                onCommit={(v) => v.trim() !== '' && save(department, [...units, { name: v.trim(), note: '' }])}
              />
            </td>
          </tr>
        </tbody>
      </table>
      <div className="group-note">
        {units.length === 0
          ? '没有下属单位时，概况不列单位构成表。'
          : `概况“二、机构设置情况”后列“部门决算单位构成”表（Word 和 Excel 都有）：先列${department.name}（本级），再列以上各单位。清空名称即删除该单位。`}
      </div>
    </fieldset>
  );
}
