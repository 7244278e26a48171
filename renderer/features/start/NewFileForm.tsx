/** 新建部门文件: department name, 单位性质 and the first year. */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { type UnitKind, UNIT_KINDS } from '../../../shared/domain/model';
import { useIme } from '../../ui/useIme';

export interface NewFileFormProps {
  busy: boolean;
  /** Bumped by the menu's 新建: focus the name field. */
  focusSignal: number;
  onCreate: (departmentName: string, unitKind: UnitKind, year: number) => void;
}

const THIS_YEAR = new Date().getFullYear();

export function NewFileForm({ busy, focusSignal, onCreate }: NewFileFormProps) {
  const [name, setName] = useState('');
  const [unitKind, setUnitKind] = useState<UnitKind>('行政单位');
  const [year, setYear] = useState(THIS_YEAR - 1);
  const [problem, setProblem] = useState<string | null>(null);
  const ime = useIme();
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusSignal > 0) nameRef.current?.focus();
  }, [focusSignal]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') {
      setProblem('请填写部门（单位）名称');
      return;
    }
    setProblem(null);
    onCreate(trimmed, unitKind, year);
  };

  return (
    <form className="new-file" onSubmit={submit}>
      <label className="text-field">
        <span className="fact-label">部门（单位）名称</span>
        <input ref={nameRef} type="text" value={name} placeholder="例如：晋城市商务局" onChange={(e) => setName(e.target.value)} {...ime.handlers} />
      </label>
      <fieldset className="choices">
        <legend className="fact-label">单位性质</legend>
        {UNIT_KINDS.map((k) => (
          <label key={k} className="choice">
            <input type="radio" name="unitKind" checked={unitKind === k} onChange={() => setUnitKind(k)} />
            {k}
          </label>
        ))}
      </fieldset>
      <label className="text-field narrow">
        <span className="fact-label">决算年度</span>
        <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {Array.from({ length: 6 }, (_, k) => THIS_YEAR - k).map((y) => (
            <option key={y} value={y}>
              {y}年度
            </option>
          ))}
        </select>
      </label>
      {problem ? <div className="field-error">{problem}</div> : null}
      <button type="submit" className="primary" disabled={busy}>
        新建部门文件
      </button>
    </form>
  );
}
