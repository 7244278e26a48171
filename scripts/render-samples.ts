/**
 * Renders the two seed fixtures to look at: Word (and Excel, when the xlsx exporter is there)
 * → PDF with LibreOffice headless → one PNG per page, all in samples/ (git-ignored).
 *
 *   npx tsx scripts/render-samples.ts [--res 50]
 *
 * The Chinese fonts the documents name (宋体, 仿宋_GB2312, 楷体, 黑体, 方正小标宋简体) are not on
 * a Linux box; a private fontconfig file maps them to Noto Serif / Sans CJK so the pages look
 * like the real thing (serif for 宋体/仿宋/楷体, sans for 黑体/小标宋) instead of a Latin fallback.
 * Needs: libreoffice-writer-nogui (and -calc-nogui for xlsx), poppler-utils, fonts-noto-cjk.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { xlsxEvaluation } from '../electron/backend/app/exporting';
import { renderDocx } from '../electron/backend/export/docx';
import type { DerivedTables } from '../shared/domain/tables';
import { fixturePackage } from '../test/harness/fixturePackage';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, 'samples');
const FIXTURES = [
  { fixture: 'jincheng-2023.json', name: 'seed000-jincheng-2023' },
  { fixture: 'yangquan-2024.json', name: 'seed002-yangquan-2024' },
];

const SERIF = 'Noto Serif CJK SC';
const SANS = 'Noto Sans CJK SC';
const FONT_MAP: Record<string, string> = {
  宋体: SERIF,
  SimSun: SERIF,
  仿宋_GB2312: SERIF,
  仿宋: SERIF,
  楷体: SERIF,
  楷体_GB2312: SERIF,
  黑体: SANS,
  SimHei: SANS,
  方正小标宋简体: SERIF,
};

function fontconfig(dir: string): string {
  const aliases = Object.entries(FONT_MAP)
    .map(([from, to]) => `  <alias binding="same"><family>${from}</family><prefer><family>${to}</family></prefer></alias>`)
    .join('\n');
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n${aliases}\n</fontconfig>\n`,
  );
  return file;
}

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
  const env = { ...process.env, FONTCONFIG_FILE: fontconfig(work) };
  const renderXlsx = await loadXlsx();
  const written: string[] = [];
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
    rmSync(work, { recursive: true, force: true });
  }
  for (const file of written) console.log(file);
  if (!renderXlsx) console.log('(electron/backend/export/xlsx.ts not found: Excel not rendered)');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
