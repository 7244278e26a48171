/**
 * The app's PDF, 审核报告 and 发布包 channels (export.pdf, export.audit, export.bundle) over the
 * backend with a scripted host: files in the folder the host chose, the 审核报告 read back by
 * openpyxl and poppler, the bundle refused with 错误 unless forced, a missing browser reported.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { releaseAllLocks } from '../../electron/backend/app/lock';
import { PdfEngineUnavailable } from '../../electron/backend/export/pdf/engine';
import type { BundleManifest } from '../../electron/backend/app/bundle';
import { requireChromium, requirePythonModule } from '../e2e/browser';
import { ScriptedHost, tempFolder, testBackend, valueOf } from './app-helpers';
import { closeDisclosureFile, openDisclosureFile } from '../../electron/backend/db';
import { importReport, parseReportJson } from '../../electron/backend/services/reports';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TITLE = '晋城市商务局2023年度部门决算公开';

beforeAll(() => {
  requireChromium();
  requirePythonModule('openpyxl');
});
afterEach(() => releaseAllLocks());

/** 晋城市商务局 2023 without its 附件 (the seed's own 自评表 contradict themselves): a year with no 错误. */
async function demo() {
  const folder = tempFolder();
  const host = new ScriptedHost(folder);
  const { backend } = testBackend(host);
  const { evaluation: _forms, ...tables } = JSON.parse(readFileSync(join(ROOT, 'assets/demo/jincheng-2023.json'), 'utf8')) as Record<string, unknown>;
  void _forms;
  const file = join(folder, '晋城.jsgk');
  const db = openDisclosureFile(file, { create: true });
  try {
    importReport(db, parseReportJson(JSON.stringify(tables), 'fixture'), { replace: false });
  } finally {
    closeDisclosureFile(db);
  }
  writeFileSync(join(folder, 'report.json'), JSON.stringify(tables));
  backend.openPath(file);
  return { folder, host, backend };
}

describe('export.pdf and export.audit', () => {
  it('writes the PDF and the 审核报告 (PDF and Excel) into the chosen folder, and honours cancel', async () => {
    const { folder, host, backend } = await demo();
    expect(valueOf(await backend.api.invoke('export.pdf', { year: 2023 }))).toBeNull();
    expect(await backend.api.invoke('export.pdf', { year: 2019 })).toMatchObject({ ok: false, error: { code: 'USER' } });

    const out = join(folder, 'out');
    host.exportAnswers.push(out, out);
    const pdf = valueOf(await backend.api.invoke('export.pdf', { year: 2023 }));
    expect(pdf).toEqual({ folder: out, files: [`${TITLE}.pdf`], factsHash: expect.stringMatching(/^[0-9a-f]{64}$/u) });
    expect(readFileSync(join(out, `${TITLE}.pdf`)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The content hash in the PDF's properties, as in the Word and Excel files' (poppler's pdfinfo reads it).
    const info = spawnSync('pdfinfo', [join(out, `${TITLE}.pdf`)], { encoding: 'utf8' });
    expect(info.stdout).toMatch(new RegExp(`^Keywords:\\s+内容校验码 sha256:${pdf!.factsHash}$`, 'm'));
    expect(info.stdout).toMatch(/^Title:\s+\S/m);
    expect(valueOf(await backend.api.invoke('export.audit', { year: 2023 }))).toEqual({
      folder: out,
      files: [`${TITLE}审核报告.pdf`, `${TITLE}审核报告.xlsx`],
      factsHash: expect.stringMatching(/^[0-9a-f]{64}$/u),
    });

    // The findings the CLI's validate lists are the 审核报告's rows.
    const validate = spawnSync(process.execPath, [join(ROOT, 'bin/disclosure.mjs'), 'import', join(folder, 'report.json'), '--file', join(folder, 'v.jsgk')], { encoding: 'utf8' });
    expect(validate.status, validate.stderr).toBe(0);
    const json = spawnSync(process.execPath, [join(ROOT, 'bin/disclosure.mjs'), 'validate', '--file', join(folder, 'v.jsgk'), '--year', '2023', '--json'], { encoding: 'utf8' });
    const findings: { ruleId: string; severity: string; left?: number; right?: number; difference?: number }[] = JSON.parse(json.stdout);
    expect(findings.length).toBeGreaterThan(5);

    const read = spawnSync('/usr/bin/python3', [join(ROOT, 'test/harness/read_xlsx.py'), join(out, `${TITLE}审核报告.xlsx`)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(read.status, read.stderr).toBe(0);
    const sheet: { name: string; cells: [number, number, string | number, string][]; orientation: string; print_title_rows: string | null } = JSON.parse(read.stdout).sheets[0];
    expect(sheet.name).toBe('审核报告');
    expect(sheet.orientation).toBe('landscape');
    expect(sheet.print_title_rows).toContain('5');
    const cell = (row: number, col: number) => sheet.cells.find((c) => c[0] === row && c[1] === col)?.[2];
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((c) => cell(5, c))).toEqual(['序号', '级别', '规则编号', '规则', '位置', '涉及单元格', '左侧数', '右侧数', '差额', '单位', '说明']);
    findings.forEach((f, k) => {
      const row = 6 + k;
      expect([cell(row, 1), cell(row, 2), cell(row, 3)], `row ${row}`).toEqual([k + 1, f.severity, f.ruleId]);
      // Figures as numbers: the findings' printed 分 as 万元.
      if (f.left !== undefined) expect(cell(row, 7)).toBeCloseTo(f.left / 1_000_000, 6);
      if (f.difference !== undefined) expect(cell(row, 9)).toBeCloseTo(f.difference / 1_000_000, 6);
    });
    expect(cell(6 + findings.length, 1)).toBeUndefined();
    expect(String(cell(4, 1))).toContain(`提示 ${findings.filter((f) => f.severity === '提示').length} 项`);

    const text = spawnSync('pdftotext', ['-layout', join(out, `${TITLE}审核报告.pdf`), '-'], { encoding: 'utf8' }).stdout;
    expect(text.replace(/\s+/g, '')).toContain(`${TITLE}审核报告`);
    for (const f of findings) expect(text).toContain(f.ruleId);
  }, 120_000);

  it('reports a missing browser in Chinese and writes nothing', async () => {
    const { folder, host, backend } = await demo();
    host.openPdfEngine = async () => {
      throw new PdfEngineUnavailable('未找到可用于生成 PDF 的浏览器（Chromium、Chrome 或 Edge）。');
    };
    const out = join(folder, 'out');
    host.exportAnswers.push(out);
    const result = await backend.api.invoke('export.pdf', { year: 2023 });
    expect(result).toMatchObject({ ok: false, error: { code: 'EXPORT_FAILED' } });
    expect(result.ok ? '' : result.error.message).toMatch(/^未找到可用于生成 PDF 的浏览器.*未写入任何文件。$/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('export.bundle', () => {
  it('is refused while 错误 remain, and made as one .zip once the officer confirms', async () => {
    const { folder, host, backend } = await demo();
    const loaded = valueOf(await backend.api.invoke('report.load', { year: 2023 }));
    const item = loaded.report.items.find((i) => i.expenditure.basic > 0)!;
    valueOf(await backend.api.invoke('report.writeFact', { year: 2023, ref: { kind: 'item', code: item.code, field: 'expenditure.basic' }, value: item.expenditure.basic + 100_000 }));

    const out = join(folder, 'out');
    host.exportAnswers.push(out, out);
    const refused = await backend.api.invoke('export.bundle', { year: 2023, force: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'USER' } });
    expect(refused.ok ? '' : refused.error.message).toContain('审核发现 1 个“错误”，发布包未生成');
    expect(valueOf(await backend.api.invoke('export.bundle', { year: 2023, force: true }))).toEqual({ folder: out, files: [`${TITLE}发布包.zip`], factsHash: expect.stringMatching(/^[0-9a-f]{64}$/u) });
    const list = spawnSync('/usr/bin/python3', ['-c', 'import json,sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(json.dumps({"names": z.namelist(), "manifest": json.loads(z.read("manifest.json"))}))', join(out, `${TITLE}发布包.zip`)], { encoding: 'utf8' });
    expect(list.status, list.stderr).toBe(0);
    const back: { names: string[]; manifest: BundleManifest } = JSON.parse(list.stdout);
    expect(back.names).toHaveLength(6);
    expect(back.manifest).toMatchObject({ appVersion: '0.0.0-test', confirmedWithErrors: true, findings: { 错误: 1 } });
  }, 120_000);
});
