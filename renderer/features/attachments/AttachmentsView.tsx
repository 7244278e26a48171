/** 第五部分 附件: titles of the attached documents (the self-evaluation forms come later). */
import { useLoaded } from '../../store/useDerived';
import { actions } from '../../store/useSession';
import { CommitText } from '../../ui/CommitText';

export function AttachmentsView() {
  const report = useLoaded().report;
  return (
    <div className="form-view">
      <h2 className="view-title">第五部分 附件</h2>
      <fieldset className="input-group">
        <legend>附件名称（每行一个）</legend>
        <CommitText
          value={report.texts['attachments'] ?? ''}
          multiline
          rows={8}
          placeholder={'例如：\n1. 项目支出绩效自评表\n2. 重点项目绩效评价报告'}
          onCommit={(v) => void actions().editText('attachments', v, '附件')}
        />
        <div className="group-note">项目支出绩效自评表的逐项填写将在后续版本提供；目前请在此列出附件名称，导出时列入目录。</div>
      </fieldset>
    </div>
  );
}
