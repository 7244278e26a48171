/**
 * 导出: Word, Excel, PDF, the 审核报告 and the 发布包 (all of them and a manifest in one .zip), one
 * call per format (so progress shows 1/3, 2/3 …). With 错误 findings the officer confirms first,
 * seeing them listed; the 发布包 is then made with `force` (its manifest records it). The result
 * names the folder and files, with 打开文件夹.
 */
import { useState } from 'react';
import type { ExportResult } from '../../../shared/contract/api';
import { factsHash } from '../../../shared/domain/factsHash';
import { getApi } from '../../api/client';
import { useFindings, useLoaded } from '../../store/useDerived';
import { actions } from '../../store/useSession';
import { Modal } from '../../ui/Modal';

export type ExportFormat = 'docx' | 'xlsx' | 'pdf' | 'audit' | 'bundle';
const FORMATS: readonly ExportFormat[] = ['docx', 'xlsx', 'pdf', 'audit', 'bundle'];
const FORMAT_NAMES: Record<ExportFormat, string> = {
  docx: 'Word 文档（.docx）',
  xlsx: 'Excel 工作簿（.xlsx）',
  pdf: 'PDF 文档（.pdf）',
  audit: '审核报告（PDF 和 Excel）',
  bundle: '发布包（.zip）',
};
const FORMAT_NOTES: Record<ExportFormat, string> = {
  docx: '完整公开文本：封面、目录、概况、十张表、情况说明、名词解释、附件',
  xlsx: '十张表，每表一个工作表',
  pdf: '完整公开文本，可直接在网站公开；目录页码按实际排版生成',
  audit: '勾稽审核的全部发现：规则、级别、涉及的表和单元格、两侧数字及差额',
  bundle: 'PDF、Word、Excel、审核报告和清单（数据指纹、各文件校验值）打包为一个文件',
};

/** One format's call: the Api channel that writes it. */
function exportCall(format: ExportFormat, year: number, confirmedErrors: boolean) {
  const api = getApi();
  switch (format) {
    case 'docx':
    case 'xlsx':
      return api.invoke('export.run', { year, docx: format === 'docx', xlsx: format === 'xlsx' });
    case 'pdf':
      return api.invoke('export.pdf', { year });
    case 'audit':
      return api.invoke('export.audit', { year });
    case 'bundle':
      return api.invoke('export.bundle', { year, force: confirmedErrors });
  }
}

/** The written files grouped by folder (both formats usually go to the same one). */
function foldersOf(results: readonly ExportResult[]): [string, string[]][] {
  const byFolder = new Map<string, string[]>();
  for (const r of results) byFolder.set(r.folder, [...(byFolder.get(r.folder) ?? []), ...r.files]);
  return [...byFolder.entries()];
}

/**
 * The content hash of the facts the files are (or will be) made from: recorded in the files'
 * properties and in the change log, so a document can be matched with the data later.
 */
function FactsHash({ hash, published, exported }: { hash: string; published: boolean; exported?: boolean }) {
  return (
    <div className="facts-hash" data-testid="facts-hash">
      {exported ? '导出文件的' : '当前数据的'}内容校验码（SHA-256）：<code>{hash}</code>
      <div className="muted">
        {exported
          ? '已写入导出的文件（Word、Excel、PDF 的文件属性“关键词”，审核报告的正文）并记入修改记录。'
          : '导出时写入文件属性（关键词）并记入修改记录；日后数据如有改动，校验码随之改变，可据此判断文档是否与数据一致。'}
        {published ? '本年度已定稿。' : ''}
      </div>
    </div>
  );
}

type Phase =
  | { kind: 'choose' }
  | { kind: 'confirm' }
  | { kind: 'running'; index: number; total: number; format: ExportFormat }
  | { kind: 'done'; results: ExportResult[] }
  | { kind: 'failed'; message: string; results: ExportResult[] };

export function ExportDialog({ initial, onClose }: { initial: ReadonlySet<ExportFormat>; onClose: () => void }) {
  const loaded = useLoaded();
  const errors = useFindings().filter((f) => f.severity === '错误');
  const [formats, setFormats] = useState<Set<ExportFormat>>(new Set(initial));
  const [phase, setPhase] = useState<Phase>({ kind: 'choose' });
  const year = loaded.report.year;
  const hash = factsHash(loaded.report);

  const run = async () => {
    if (!actions().flushEdits()) return;
    await actions().settled();
    const list = FORMATS.filter((f) => formats.has(f));
    const results: ExportResult[] = [];
    for (let k = 0; k < list.length; k++) {
      const format = list[k]!;
      setPhase({ kind: 'running', index: k + 1, total: list.length, format });
      const result = await exportCall(format, year, errors.length > 0);
      if (!result.ok) {
        setPhase({ kind: 'failed', message: result.error.message, results });
        return;
      }
      if (result.value === null) {
        setPhase(results.length > 0 ? { kind: 'done', results } : { kind: 'choose' });
        return;
      }
      results.push(result.value);
    }
    setPhase({ kind: 'done', results });
  };

  const start = () => (errors.length > 0 && phase.kind === 'choose' ? setPhase({ kind: 'confirm' }) : void run());

  const openFolder = async () => {
    const result = await getApi().invoke('export.openFolder', {});
    if (!result.ok) actions().notify('error', result.error.message);
  };

  const toggle = (f: ExportFormat) => {
    const next = new Set(formats);
    if (next.has(f)) next.delete(f);
    else next.add(f);
    setFormats(next);
  };

  const busy = phase.kind === 'running';
  const footer =
    phase.kind === 'choose' ? (
      <>
        <button type="button" onClick={onClose}>
          取消
        </button>
        <button type="button" className="primary" disabled={formats.size === 0} onClick={start}>
          导出
        </button>
      </>
    ) : phase.kind === 'confirm' ? (
      <>
        <button type="button" onClick={() => setPhase({ kind: 'choose' })}>
          返回修改
        </button>
        <button type="button" className="danger" onClick={() => void run()}>
          仍然导出
        </button>
      </>
    ) : phase.kind === 'done' || phase.kind === 'failed' ? (
      <>
        {phase.results.length > 0 ? (
          <button type="button" onClick={() => void openFolder()}>
            打开文件夹
          </button>
        ) : null}
        <button type="button" className="primary" onClick={onClose}>
          完成
        </button>
      </>
    ) : null;

  return (
    <Modal title={`导出 ${year}年度决算公开`} onClose={busy ? () => {} : onClose} footer={footer}>
      {phase.kind === 'choose' ? (
        <div className="choices vertical">
          {FORMATS.map((f) => (
            <label key={f} className="choice">
              <input type="checkbox" checked={formats.has(f)} onChange={() => toggle(f)} />
              {FORMAT_NAMES[f]}
              <span className="muted">{FORMAT_NOTES[f]}</span>
            </label>
          ))}
          <FactsHash hash={hash} published={Boolean(loaded.publication)} />
        </div>
      ) : null}
      {phase.kind === 'confirm' ? (
        <div>
          <p className="warn-text">
            审核发现 {errors.length} 个错误，公开前应予修正。确定仍要导出吗？{formats.has('bundle') ? '发布包的清单中会注明仍有错误。' : ''}
          </p>
          <ul className="finding-list compact">
            {errors.slice(0, 12).map((f, k) => (
              <li key={k}>
                <span className="sev 错误">错误</span> {f.message}
              </li>
            ))}
            {errors.length > 12 ? <li className="muted">……另有 {errors.length - 12} 个</li> : null}
          </ul>
        </div>
      ) : null}
      {phase.kind === 'running' ? (
        <div className="progress">
          <div>
            正在导出 {phase.index}/{phase.total}：{FORMAT_NAMES[phase.format]}……
          </div>
          <div className="bar">
            <div style={{ width: `${((phase.index - 0.5) / phase.total) * 100}%` }} />
          </div>
        </div>
      ) : null}
      {phase.kind === 'done' || phase.kind === 'failed' ? (
        <div>
          {phase.kind === 'failed' ? <p className="error-text">导出失败：{phase.message}</p> : <p className="ok-summary">导出完成。</p>}
          {phase.results[0] ? <FactsHash hash={phase.results[0].factsHash} published={Boolean(loaded.publication)} exported /> : null}
          {foldersOf(phase.results).map(([folder, files]) => (
            <div key={folder} className="export-result">
              <div>
                文件夹：<code>{folder}</code>
              </div>
              <ul>
                {files.map((f) => (
                  <li key={f}>
                    <code>{f}</code>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      ) : null}
    </Modal>
  );
}
