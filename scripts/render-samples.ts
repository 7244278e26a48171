/**
 * Renders the two seed fixtures to look at: Word (and Excel, when the xlsx exporter is there)
 * → PDF with LibreOffice headless → one PNG per page, and the PDF export itself (headless
 * Chromium) → one PNG per page (`…-pdf-NN.png`), all in samples/ (git-ignored).
 *
 *   npx tsx scripts/render-samples.ts [--res 50]
 *
 * The Chinese fonts the documents name (宋体, 仿宋_GB2312, 楷体, 黑体, 方正小标宋简体) are not on
 * a Linux box; the tests' pinned fontconfig file (test/harness/fontconfig.ts) maps them to Noto
 * Serif / Sans CJK so the pages look like the real thing (serif for 宋体/仿宋/楷体/小标宋, sans for
 * 黑体) and lay out as in the 目录 test, whatever other fonts are installed.
 * Needs: libreoffice-writer-nogui (and -calc-nogui for xlsx), poppler-utils, fonts-noto-cjk.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { xlsxEvaluation } from '../electron/backend/app/exportRender';
import { renderDocx } from '../electron/backend/export/docx';
import { renderPdf } from '../electron/backend/export/pdf';
import { openChromiumEngine } from '../electron/backend/export/pdf/chromium';
import type { DerivedTables } from '../shared/domain/tables';
import { fixturePackage } from '../test/harness/fixturePackage';
import { pinnedFontEnv } from '../test/harness/fontconfig';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, 'samples');
const FIXTURES = [
  { fixture: 'jincheng-2023.json', name: 'seed000-jincheng-2023' },
  { fixture: 'yangquan-2024.json', name: 'seed002-yangquan-2024' },
];

function run(command: string, args: string[], env: NodeJS.ProcessEnv, pkg: string, timeout = 180_000): void {
  const r = spawnSync(command, args, { encoding: 'utf8', env, timeout });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${command} is missing: install the Debian package ${pkg}`);
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
}

type RenderXlsx = (tables: DerivedTables, options?: ReturnType<typeof xlsxEvaluation>) => Promise<Buffer> | Buffer;

async function loadXlsx(): Promise<RenderXlsx | null> {
  const path = join(ROOT, 'electron/backend/export/xlsx.ts');
  if (!existsSync(path)) return null;
  const mod = (await import(pathToFileURL(path).href)) as { renderXlsx?: RenderXlsx };
  return typeof mod.renderXlsx === 'function' ? mod.renderXlsx : null;
}

async function main(): Promise<void> {
  const resArg = process.argv.indexOf('--res');
  const res = resArg > 0 ? Number(process.argv[resArg + 1]) || 50 : 50;
  mkdirSync(OUT, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'render-samples-'));
  const profile = join(work, 'lo-profile');
  const env = pinnedFontEnv(work);
  const renderXlsx = await loadXlsx();
  const written: string[] = [];
  const engine = await openChromiumEngine();
  try {
    for (const { fixture, name } of FIXTURES) {
      const { model } = fixturePackage(fixture);
      const files: string[] = [];
      const docx = join(OUT, `${name}.docx`);
      writeFileSync(docx, await renderDocx(model));
      files.push(docx);
      if (renderXlsx) {
        const xlsx = join(OUT, `${name}.xlsx`);
        writeFileSync(xlsx, await renderXlsx(model.tables, xlsxEvaluation(model)));
        files.push(xlsx);
      }
      // The PDF export itself (headless Chromium), beside LibreOffice's PDF of the Word file.
      const own = join(OUT, `${name}-pdf.pdf`);
      writeFileSync(own, (await renderPdf(model, engine)).pdf);
      written.push(own);
      for (const old of readdirSync(OUT)) if (old.startsWith(`${name}-pdf-`) && old.endsWith('.png')) rmSync(join(OUT, old));
      run('pdftoppm', ['-png', '-r', String(res), own, join(OUT, `${name}-pdf`)], env, 'poppler-utils');
      for (const png of readdirSync(OUT).filter((f) => f.startsWith(`${name}-pdf-`) && f.endsWith('.png')).sort()) written.push(join(OUT, png));
      for (const file of files) {
        written.push(file);
        const stem = basename(file).replace(/\.(docx|xlsx)$/, '');
        const kind = file.endsWith('.xlsx') ? 'xlsx' : 'docx';
        const pdfName = `${stem}-${kind}.pdf`;
        // Convert into the work dir (LibreOffice names the PDF after the input), then move.
        const conv = join(work, kind);
        mkdirSync(conv, { recursive: true });
        run('soffice', [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', conv, file], env, kind === 'xlsx' ? 'libreoffice-calc-nogui' : 'libreoffice-writer-nogui');
        const pdf = join(OUT, pdfName);
        run('mv', [join(conv, `${stem}.pdf`), pdf], env, 'coreutils');
        written.push(pdf);
        for (const old of readdirSync(OUT)) if (old.startsWith(`${stem}-${kind}-`) && old.endsWith('.png')) rmSync(join(OUT, old));
        run('pdftoppm', ['-png', '-r', String(res), pdf, join(OUT, `${stem}-${kind}`)], env, 'poppler-utils');
        for (const png of readdirSync(OUT).filter((f) => f.startsWith(`${stem}-${kind}-`) && f.endsWith('.png')).sort()) written.push(join(OUT, png));
      }
    }
  } finally {
    await engine.close();
    rmSync(work, { recursive: true, force: true });
  }
  for (const file of written) console.log(file);
  if (!renderXlsx) console.log('(electron/backend/export/xlsx.ts not found: Excel not rendered)');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
