/**
 * 第一部分 概况: the department (name, 单位性质), its 下属单位 (the 部门决算单位构成 table), 职责 one
 * per line (numbered （一）（二）… when printed) and 机构设置.
 */
import { chineseNumeral } from '../../../shared/domain/tables';
import { type UnitKind, UNIT_KINDS } from '../../../shared/domain/model';
import { useLoaded, usePackage } from '../../store/useDerived';
import { actions } from '../../store/useSession';
import { CommitText } from '../../ui/CommitText';
import { SubordinateUnitsEditor } from './SubordinateUnitsEditor';

function isUnitKind(value: string): value is UnitKind {
  return (UNIT_KINDS as readonly string[]).includes(value);
}

export function OverviewEditor() {
  const loaded = useLoaded();
  const { model } = usePackage();
  const { department, report } = loaded;
  const text = (key: string) => report.texts[key] ?? '';
  return (
    <div className="form-view">
      <h2 className="view-title">第一部分 概况</h2>
      <fieldset className="input-group">
        <legend>部门信息</legend>
        <div className="form-grid">
          <label className="text-field">
            <span className="fact-label">部门（单位）名称</span>
            <CommitText value={department.name} onCommit={(name) => name.trim() && void actions().updateDepartment({ ...department, name: name.trim() })} />
          </label>
          <label className="text-field">
            <span className="fact-label">单位性质</span>
            <select
              value={department.unitKind}
              onChange={(e) => isUnitKind(e.target.value) && void actions().updateDepartment({ ...department, unitKind: e.target.value })}
            >
              {UNIT_KINDS.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
        </div>
      </fieldset>
      <SubordinateUnitsEditor department={department} />
      <div className="two-col">
        <fieldset className="input-group">
          <legend>一、本部门（单位）职责（每行一条）</legend>
          <CommitText
            value={text('overview.duties')}
            multiline
            rows={12}
            placeholder={'每行填写一条职责，不必编号，例如：\n贯彻执行国家、省关于商务工作的方针政策……'}
            onCommit={(v) => void actions().editText('overview.duties', v, '概况 职责')}
          />
          <div className="group-note">Ctrl+回车 或点击别处保存。</div>
        </fieldset>
        <div className="doc preview">
          <h4 className="para-heading3">一、本部门（单位）职责</h4>
          {model.overview.duties.length === 0 ? <p className="para muted">（尚未填写）</p> : null}
          {model.overview.duties.map((d, k) => (
            <p key={k} className="para">
              （{chineseNumeral(k + 1)}）{d}
            </p>
          ))}
        </div>
      </div>
      <fieldset className="input-group">
        <legend>二、机构设置情况</legend>
        <CommitText
          value={text('overview.organisation')}
          multiline
          rows={6}
          placeholder="例如：本部门内设办公室、财务科……；下属单位……"
          onCommit={(v) => void actions().editText('overview.organisation', v, '概况 机构设置')}
        />
      </fieldset>
    </div>
  );
}
