/** The `disclosure` CLI: import → export-json round trips, show, and exit codes. */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USER, main } from '../../cli';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = (name: string) => join(ROOT, 'test/fixtures', name);

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

function tempFile(name = 'dept.jsgk'): string {
  return join(mkdtempSync(join(tmpdir(), 'disclosure-cli-')), name);
}

describe.each([
  ['jincheng-2023.json', 2023],
  ['yangquan-2024.json', 2024],
] as const)('%s', (fixture, year) => {
  it('import then export-json gives back the same facts', async () => {
    const file = tempFile();
    const imported = await cli(['import', FIXTURE(fixture), '--file', file]);
    expect(imported.code, imported.err).toBe(EXIT_OK);
    expect(imported.err).toContain('已导入');
    const exported = await cli(['export-json', '--file', file, '--year', String(year)]);
    expect(exported.code, exported.err).toBe(EXIT_OK);
    expect(JSON.parse(exported.out)).toEqual(JSON.parse(readFileSync(FIXTURE(fixture), 'utf8')));
  });
});

describe('show', () => {
  it('prints table 03 of seed 000 in the official row order with the printed figures', async () => {
    const file = tempFile();
    await cli(['import', FIXTURE('jincheng-2023.json'), '--file', file]);
    const shown = await cli(['show', '--file', file, '--year', '2023', '--table', '03']);
    expect(shown.code).toBe(EXIT_OK);
    const lines = shown.out.split('\n');
    expect(lines[0]).toBe('支出决算表');
    expect(lines[1]).toContain('公开03表');
    expect(lines[1]).toContain('部门名称：晋城市商务局');
    const row208 = lines.find((l) => l.startsWith('208 '));
    expect(row208?.split(/\s+/)).toEqual(['208', '社会保障和就业支出', '239.70', '230.84', '8.85']);
    const codes = lines.map((l) => /^(\d{3,7}) /.exec(l)?.[1]).filter((c): c is string => c !== undefined);
    expect(codes.slice(0, 4)).toEqual(['201', '20113', '2011301', '2011302']);
    expect(lines.find((l) => l.startsWith('合计'))?.split(/\s+/)).toEqual(['合计', '2,384.38', '1,107.36', '1,277.02']);
  });

  it('prints table 07 of seed 000 with its no-data note', async () => {
    const file = tempFile();
    await cli(['import', FIXTURE('jincheng-2023.json'), '--file', file]);
    const shown = await cli(['show', '--file', file, '--year', '2023', '--table', '7']);
    expect(shown.out).toContain('说明：本表无数据');
  });
});

describe('exit codes and messages', () => {
  it('refuses invalid JSON with a path, writes nothing and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'disclosure-cli-'));
    const bad = join(dir, 'bad.json');
    const doc = JSON.parse(readFileSync(FIXTURE('jincheng-2023.json'), 'utf8')) as { items: { expenditure: Record<string, unknown> }[] };
    const first = doc.items[0];
    if (first) first.expenditure.basic = 'abc';
    writeFileSync(bad, JSON.stringify(doc));
    const file = join(dir, 'dept.jsgk');
    const result = await cli(['import', bad, '--file', file]);
    expect(result.code).toBe(EXIT_USER);
    expect(result.err).toContain('$.items[0].expenditure.basic');
    expect(result.err).toContain('未导入任何内容');
    expect(() => statSync(file)).toThrow();
  });

  it('refuses to overwrite a year without --replace, and replaces with it', async () => {
    const file = tempFile();
    expect((await cli(['import', FIXTURE('jincheng-2023.json'), '--file', file])).code).toBe(EXIT_OK);
    const again = await cli(['import', FIXTURE('jincheng-2023.json'), '--file', file]);
    expect(again.code).toBe(EXIT_USER);
    expect(again.err).toContain('--replace');
    expect((await cli(['import', FIXTURE('jincheng-2023.json'), '--file', file, '--replace'])).code).toBe(EXIT_OK);
  });

  it('refuses a report of another department', async () => {
    const file = tempFile();
    await cli(['import', FIXTURE('jincheng-2023.json'), '--file', file]);
    const other = await cli(['import', FIXTURE('yangquan-2024.json'), '--file', file]);
    expect(other.code).toBe(EXIT_USER);
    expect(other.err).toContain('晋城市商务局');
  });

  it.each([
    [['show', '--file', '/nonexistent/x.jsgk', '--year', '2023', '--table', '01'], '找不到文件'],
    [['show', '--year', '2023', '--table', '01'], '缺少参数 --file'],
    [['show', '--file', 'x', '--year', '23', '--table', '01'], '年度应为四位数字'],
    [['show', '--file', 'x', '--year', '2023', '--table', '11'], '表号应为 01 至 10'],
    [['frobnicate'], '未知命令'],
    [['import', '/nonexistent.json', '--file', 'x'], '找不到文件'],
  ])('%j exits 1 with a Chinese message', async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(EXIT_USER);
    expect(result.err).toContain(message);
  });

  it('a year that is not in the file exits 1', async () => {
    const file = tempFile();
    await cli(['import', FIXTURE('jincheng-2023.json'), '--file', file]);
    const result = await cli(['export-json', '--file', file, '--year', '2022']);
    expect(result.code).toBe(EXIT_USER);
    expect(result.err).toContain('2022');
  });

  it('a file that is not ours exits 1 and is left unchanged', async () => {
    const file = tempFile('notes.txt');
    writeFileSync(file, '这是一个文本文件\n');
    const result = await cli(['show', '--file', file, '--year', '2023', '--table', '01']);
    expect(result.code).toBe(EXIT_USER);
    expect(readFileSync(file, 'utf8')).toBe('这是一个文本文件\n');
  });

  it('an unexpected failure exits 2', async () => {
    const result = await main(['help'], {
      stdout: () => {
        throw new Error('stdout closed');
      },
      stderr: () => undefined,
    });
    expect(result).toBe(EXIT_INTERNAL);
  });
});

describe('the installed bin', () => {
  it('runs as `npx disclosure` with exit code and stderr', () => {
    const ok = execFileSync('node', [join(ROOT, 'bin/disclosure.mjs'), 'help'], { encoding: 'utf8' });
    expect(ok).toContain('disclosure import');
    const bad = spawnSync('node', [join(ROOT, 'bin/disclosure.mjs'), 'show', '--year', '2023'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('缺少参数');
  });
});

describe('validate', () => {
  it('seed 000: the tables and narrative have no 错误, the 尾数误差 listed as 提示; the 错误 are the seed’s own 自评表', async () => {
    const file = tempFile();
    await cli(['import', FIXTURE('jincheng-2023.json'), '--file', file]);
    const result = await cli(['validate', '--file', file, '--year', '2023']);
    // Seed 000 prints three forms that contradict themselves (see test/unit/seed-forms.test.ts).
    expect(result.code).toBe(3);
    expect(result.out.split('\n')[0]).toBe('审核结果：错误 11 项，警告 11 项，提示 17 项');
    const json = await cli(['validate', '--file', file, '--year', '2023', '--json']);
    const findings = JSON.parse(json.out) as { ruleId: string; severity: string; message: string }[];
    const tables = findings.filter((f) => !f.ruleId.startsWith('SE-'));
    expect(tables).toHaveLength(16);
    expect(tables.every((f) => f.severity === '提示')).toBe(true);
    const forms = new Set(findings.filter((f) => f.severity === '错误').map((f) => /自评表“(.+?)”/u.exec(f.message)?.[1]));
    expect([...forms]).toEqual(['晋城市冷冻冷藏肉品总仓委托运营管理综合服务费', '品鉴晋城美食晋享晋城味道', '出口信用保险']);
  });

  it('exits 3 when a finding is an 错误 (an unfilled reason)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'disclosure-cli-'));
    const doc = JSON.parse(readFileSync(FIXTURE('jincheng-2023.json'), 'utf8')) as { texts: Record<string, string>; evaluation?: unknown };
    delete doc.texts['n1.reason'];
    delete doc.evaluation; // the seed's own 自评表 contradictions are counted in the test above
    const source = join(dir, 'r.json');
    writeFileSync(source, JSON.stringify(doc));
    const file = join(dir, 'd.jsgk');
    await cli(['import', source, '--file', file]);
    const result = await cli(['validate', '--file', file, '--year', '2023']);
    expect(result.code).toBe(3);
    expect(result.out).toContain('审核结果：错误 1 项');
    expect(result.out).toContain('[N-REQUIRED]');
  });
});

describe('narrative', () => {
  it('prints the drafted 第三部分 with nothing left to fill for seed 002', async () => {
    const file = tempFile();
    await cli(['import', FIXTURE('yangquan-2024.json'), '--file', file]);
    const result = await cli(['narrative', '--file', file, '--year', '2024']);
    expect(result.code).toBe(EXIT_OK);
    expect(result.out).toContain('2024年度收入总计12367.43万元，支出总计12367.43万元。');
    expect(result.out).not.toContain('尚未填写');
  });
});

describe('add-code', () => {
  it('adds a 项 missing from the catalogue; its level comes from its length; import then accepts it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'disclosure-cli-'));
    const file = join(dir, 'd.jsgk');
    await cli(['import', FIXTURE('jincheng-2023.json'), '--file', file]);
    const added = await cli(['add-code', '--file', file, '--catalogue', 'functional', '--code', '2011397', '--name', '自定义商贸事务']);
    expect(added.code, added.err).toBe(EXIT_OK);
    expect(added.err).toContain('已添加项级科目 2011397 自定义商贸事务');
    const bad = await cli(['add-code', '--file', file, '--catalogue', 'functional', '--code', '20113971', '--name', 'x']);
    expect(bad.code).toBe(EXIT_USER);
    expect(bad.err).toContain('3、5或7位数字');
    const exported = JSON.parse((await cli(['export-json', '--file', file, '--year', '2023'])).out) as { customCodes: unknown[] };
    expect(exported.customCodes).toEqual([{ catalogue: 'functional', code: '2011397', name: '自定义商贸事务' }]);
  });
});

describe('export', () => {
  it('writes the .docx and .xlsx of seed 000, which independent readers open, with progress on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'disclosure-cli-'));
    const file = join(dir, 'd.jsgk');
    await cli(['import', FIXTURE('jincheng-2023.json'), '--file', file]);
    const docx = join(dir, 'out.docx');
    const xlsx = join(dir, 'out.xlsx');
    const result = await cli(['export', '--file', file, '--year', '2023', '--docx', docx, '--xlsx', xlsx]);
    expect(result.code, result.err).toBe(EXIT_OK);
    expect(result.err).toContain('生成 Word');
    // Seed 000 lists 3 下属单位: the 部门决算单位构成 sheet comes first.
    expect(result.err).toContain('生成 Excel 11/11');
    expect(result.err).toContain(`已导出：${docx}`);
    const python = '/usr/bin/python3';
    const read = spawnSync(
      python,
      ['-c', 'import sys, docx, openpyxl; d = docx.Document(sys.argv[1]); w = openpyxl.load_workbook(sys.argv[2]); print(len(d.tables), ",".join(w.sheetnames))', docx, xlsx],
      { encoding: 'utf8' },
    );
    expect(read.status, `${python} with python3-docx and python3-openpyxl (Debian packages) is needed: ${read.stderr}`).toBe(0);
    const [tableCount, sheets] = read.stdout.trim().split(' ');
    expect(Number(tableCount)).toBeGreaterThanOrEqual(11);
    // 部门决算单位构成, the ten tables, then 第五部分 附件: 自评汇总 and the 24 自评表 of seed 000.
    expect(sheets).toBe(
      [
        '部门决算单位构成',
        ...['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'].map((n) => `公开${n}表`),
        '自评汇总',
        ...Array.from({ length: 24 }, (_, k) => `自评表${String(k + 1).padStart(2, '0')}`),
      ].join(','),
    );
  });

  it('writes the PDF with --pdf (printed by the system Chromium), which poppler reads, with progress on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'disclosure-cli-'));
    const file = join(dir, 'd.jsgk');
    await cli(['import', FIXTURE('yangquan-2024.json'), '--file', file]);
    const pdf = join(dir, 'out.pdf');
    const result = await cli(['export', '--file', file, '--year', '2024', '--pdf', pdf]);
    expect(result.code, result.err).toBe(EXIT_OK);
    expect(result.err).toContain('生成 PDF 1/3');
    expect(result.err).toContain('生成 PDF 3/3');
    expect(result.err).toContain(`已导出：${pdf}`);
    expect(result.err).not.toContain('生成 Word');
    const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout.replace(/\s+/g, '');
    expect(text).toContain('阳泉市商务局2024年度单位决算公开');
    expect(text).toContain('2024年度收入总计12367.43万元');
  }, 120_000);

  it('a target that cannot be written gives a Chinese message, exit 1, and leaves the earlier file intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'disclosure-cli-'));
    const file = join(dir, 'd.jsgk');
    await cli(['import', FIXTURE('jincheng-2023.json'), '--file', file]);
    const out = join(dir, 'ro');
    mkdirSync(out);
    const xlsx = join(out, 'old.xlsx');
    writeFileSync(xlsx, 'earlier export');
    chmodSync(out, 0o500);
    try {
      const result = await cli(['export', '--file', file, '--year', '2023', '--xlsx', xlsx]);
      if (process.getuid?.() === 0) {
        // root ignores directory permissions: the export then simply succeeds.
        expect(result.code).toBe(EXIT_OK);
      } else {
        expect(result.code).toBe(EXIT_USER);
        expect(result.err).toContain('原有文件未被修改');
        expect(readFileSync(xlsx, 'utf8')).toBe('earlier export');
      }
    } finally {
      chmodSync(out, 0o700);
    }
  });
});

describe('forms', () => {
  it.each([
    ['jincheng-2023.json', '2023', 24, '合计：24张，全年预算3,424.01万元，全年执行3,424.01万元；优17个，良5个，中1个，差1个'],
    ['yangquan-2024.json', '2024', 11, '合计：11张，全年预算996.47万元，全年执行966.89万元；优10个，良1个，中0个，差0个'],
  ])('%s: lists every form with its figures; --json gives name, budget, spent, rate, score, grade', async (fixture, year, count, total) => {
    const file = tempFile();
    await cli(['import', FIXTURE(fixture), '--file', file]);
    const text = await cli(['forms', '--file', file, '--year', year]);
    expect(text.code).toBe(EXIT_OK);
    expect(text.out).toContain(total);
    const json = JSON.parse((await cli(['forms', '--file', file, '--year', year, '--json'])).out) as Record<string, unknown>[];
    expect(json).toHaveLength(count);
    if (year === '2024') {
      expect(json[0]).toMatchObject({ name: '2024年内外贸发展-展会及会议经费', budget: 300000, spent: 175100, rate: 58.37, score: 95.84, grade: '优' });
      expect(json[0]?.findings).toEqual({ 错误: 1, 警告: 0, 提示: 0 });
    } else expect(json[6]).toMatchObject({ name: '晋城市冷冻冷藏肉品总仓委托运营管理综合服务费', budget: 0, spent: 0, rate: null, score: 0, grade: '差' });
  });

  it('prints 十（四） drafted from the forms: seed 002 11 个, 966.89万元, 10 优 / 1 良', async () => {
    const file = tempFile();
    await cli(['import', FIXTURE('yangquan-2024.json'), '--file', file]);
    const result = await cli(['narrative', '--file', file, '--year', '2024']);
    expect(result.out).toContain('2024年二级项目绩效自评个数11个，涉及资金966.89万元：10个项目自评等级为“优”，1个项目自评等级为“良”。');
  });

  it('prints 十（四） drafted from the forms: seed 000 24 个, 4,217.39万元, 17 优 / 5 良 / 1 中 / 1 差', async () => {
    const file = tempFile();
    await cli(['import', FIXTURE('jincheng-2023.json'), '--file', file]);
    const result = await cli(['narrative', '--file', file, '--year', '2023']);
    expect(result.out).toContain('涉及二级项目24个，资金4,217.39万元');
    expect(result.out).toContain('自评结果为：17个项目自评等级为“优”，5个项目自评等级为“良”，1个项目自评等级为“中”，1个项目自评等级为“差”。');
  });
});
