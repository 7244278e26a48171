/**
 * 第四部分 名词解释: the twelve standard terms of the report's edition; a definition may be
 * reworded (stored as `glossary.N`, cleared when it equals the standard text), plus free text.
 */
import { standardGlossary } from '../../../shared/domain/narrative';
import { useLoaded } from '../../store/useDerived';
import { actions } from '../../store/useSession';
import { CommitText } from '../../ui/CommitText';

export function GlossaryEditor() {
  const report = useLoaded().report;
  const terms = standardGlossary(report.edition);
  return (
    <div className="form-view">
      <h2 className="view-title">第四部分 名词解释</h2>
      <div className="group-note">以下为{report.edition >= 2024 ? '2024年起' : '2023年'}的标准释义，可按本部门情况修改；改回标准文字即恢复默认。</div>
      <ol className="glossary">
        {terms.map((t, k) => {
          const key = `glossary.${k + 1}`;
          const override = (report.texts[key] ?? '').trim();
          return (
            <li key={key}>
              <div className="term">
                {k + 1}. {t.term}
                {override ? (
                  <button type="button" className="link" onClick={() => void actions().editText(key, '', `名词解释 ${t.term}`)}>
                    恢复标准释义
                  </button>
                ) : null}
              </div>
              <CommitText
                value={override || t.definition}
                multiline
                rows={Math.min(6, Math.max(1, Math.ceil((override || t.definition).length / 64)))}
                className={override ? 'overridden' : undefined}
                onCommit={(v) => void actions().editText(key, v.trim() === t.definition ? '' : v.trim(), `名词解释 ${t.term}`)}
              />
            </li>
          );
        })}
      </ol>
      <fieldset className="input-group">
        <legend>其他名词解释（可选）</legend>
        <CommitText
          value={report.texts['glossary.extra'] ?? ''}
          multiline
          rows={4}
          placeholder="需要补充的名词及其解释"
          onCommit={(v) => void actions().editText('glossary.extra', v, '名词解释 其他')}
        />
      </fieldset>
    </div>
  );
}
