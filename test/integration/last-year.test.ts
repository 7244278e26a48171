/**
 * Last year brought in: a file with only 2024 (seed 002, 上年数 typed) gets 2023 from this app's
 * interchange JSON through `disclosure import` (the Excel `import-tables` of another issue writes
 * the same year the same way). From then on the 情况说明's year-over-year figures and the
 * comparison read "2023 in the file", whatever imported it; a figure the imported year lacks
 * keeps its typed value; and every typed figure that disagrees with the file is reported.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_OK, main } from '../../cli';
import { closeDisclosureFile, DisclosureRepository, openDisclosureFile } from '../../electron/backend/db';
import { importReport } from '../../electron/backend/services/reports';
import type { Comparison } from '../../shared/domain/compare';
import type { Finding } from '../../shared/domain/checks';
import { toInterchange } from '../../shared/domain/interchange';
import { twoYears } from '../harness/twoYears';
import { tempFolder } from './app-helpers';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('last year brought in', () => {
  it('the narrative, the comparison and the checks use the imported 2023; typed 上年数 fill what it lacks and never disagree silently', async () => {
    const folder = tempFolder();
    const { pkg, prior } = twoYears();
    // 2024 as the officer has it: 上年数 typed (seed 002 typed 1,710.18 万元 as 收入总计), plus 0.20 万元
    // of 公务接待费 last year.
    pkg.report.prior['threePublic.reception'] = 200_000;
    pkg.report.prior.threePublicTotal = 200_000;
    const path = join(folder, '阳泉.jsgk');
    const file = openDisclosureFile(path, { create: true });
    try {
      importReport(file, pkg, { replace: false });
    } finally {
      closeDisclosureFile(file);
    }
    const before = await cli(['narrative', '--file', path, '--year', '2024']);
    expect(before.out).toContain('收入总计增加10657.25万元，增长623.17%'); // against the typed 1,710.18

    // Last year's interchange JSON, brought in: another 单位性质 and 下属单位 in it do not replace this year's.
    const json = join(folder, '2023.json');
    const lastYear = { ...pkg, department: { ...pkg.department, subordinateUnits: [{ name: '已撤并的中心', note: '' }] }, report: prior };
    writeFileSync(json, JSON.stringify(toInterchange(lastYear)));
    const imported = await cli(['import', json, '--file', path]);
    expect(imported.code, imported.err).toBe(EXIT_OK);
    const check = openDisclosureFile(path, { create: false });
    try {
      expect(new DisclosureRepository(check.db).getDepartment()).toEqual(pkg.department);
    } finally {
      closeDisclosureFile(check);
    }

    const after = await cli(['narrative', '--file', path, '--year', '2024']);
    expect(after.out).toContain('收入总计增加7744.82万元，增长167.54%'); // against 2023 in the file: 4,622.61
    // 2023 has no 公务接待费 (zero): the typed 0.20 stays in use.
    expect(after.out).toContain('公务接待费支出0.26万元，完成全年预算的100.00%，比上年度增加0.06万元，增长30.00%');

    const validate = await cli(['validate', '--file', path, '--year', '2024', '--json']);
    const findings = (JSON.parse(validate.out) as Finding[]).filter((f) => f.ruleId === 'R-PRIOR-TYPED');
    const messages = findings.map((f) => f.message);
    expect(messages).toContainEqual(
      '填写的上年数“收入总计”为 1,710.18 万元，文件中2023年度报表为 4,622.61 万元（表01 第31行 总计）。情况说明按2023年度报表计，未使用填写的数。请核对后修改或清除填写的上年数。',
    );
    expect(messages.some((m) => m.startsWith('填写的上年数“公务接待费”为 0.20 万元，文件中2023年度报表为 0.00 万元') && m.includes('情况说明按填写的上年数计'))).toBe(true);
    expect(findings.every((f) => f.severity === '警告')).toBe(true);

    const compared = JSON.parse((await cli(['compare', '--file', path, '--year', '2024', '--with', '2023', '--json'])).out) as Comparison;
    expect(compared.narrative.find((f) => f.key === 'incomeTotal')).toMatchObject({ prior: 462261, priorSource: 'report' });
    expect(compared.narrative.find((f) => f.key === 'threePublic.reception')).toMatchObject({ current: 26, prior: 20, diff: 6, rate: 3000, priorSource: 'typed' });
  });
});
