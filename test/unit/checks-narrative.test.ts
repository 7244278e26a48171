/** 情况说明 rules (N-…): each one broken in a copy of a seed, and both seeds clean. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getCatalogue } from '../../shared/domain/catalogue';
import { type CheckContext, NARRATIVE_RULES_IDS, runChecks } from '../../shared/domain/checks';
import { parseInterchangeText } from '../../shared/domain/interchange';
import { buildPackage, paragraphText, priorFromTyped, type Section } from '../../shared/domain/narrative';
import { deriveTables } from '../../shared/domain/tables';

function context(fixture: string, edit: (texts: Record<string, string>) => void = () => {}): CheckContext {
  const parsed = parseInterchangeText(readFileSync(new URL(`../fixtures/${fixture}`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error('fixture');
  const { department, report } = parsed.value;
  edit(report.texts);
  const catalogue = getCatalogue(report.edition);
  const tables = deriveTables(department, report, catalogue);
  const { model } = buildPackage({ department, report, catalogue, tables, prior: priorFromTyped(report) });
  return { department, report, tables, narrative: model.narrative };
}

const narrativeFindings = (ctx: CheckContext) => runChecks(ctx).filter((f) => f.ruleId.startsWith('N-'));

function section(ctx: CheckContext, id: string): Section {
  const s = ctx.narrative?.find((x) => x.id === id);
  if (!s) throw new Error(id);
  return s;
}

describe('情况说明 rules', () => {
  it.each(['jincheng-2023.json', 'yangquan-2024.json'])('%s: the drafted narrative passes every N- rule', (fixture) => {
    expect(narrativeFindings(context(fixture))).toEqual([]);
    expect(NARRATIVE_RULES_IDS).toEqual(['N-FIGURE-SOURCE', 'N-REQUIRED', 'N-LINT', 'N-SHARES']);
  });

  it('N-FIGURE-SOURCE: a figure that differs from its source cell', () => {
    const ctx = context('jincheng-2023.json');
    const run = section(ctx, 'n1').paragraphs[0]?.runs.find((r) => r.kind === 'figure' && r.source?.kind === 'cell' && r.source.id === '01.L31.amount');
    if (run?.kind !== 'figure') throw new Error('no figure');
    run.text = '2,384.39';
    const findings = narrativeFindings(ctx);
    expect(findings.map((f) => [f.ruleId, f.severity, f.cells, f.section])).toEqual([['N-FIGURE-SOURCE', '错误', ['01.L31.amount'], 'n1']]);
    expect(findings[0]?.message).toContain('2,384.39 与来源单元格 01.L31.amount 的 2,384.38 不一致');
  });

  it('N-REQUIRED: an empty reason where the figure changed', () => {
    const findings = narrativeFindings(context('jincheng-2023.json', (t) => delete t['n5.3.208.reason']));
    expect(findings.map((f) => [f.ruleId, f.severity, f.section, f.field])).toEqual([['N-REQUIRED', '错误', 'n5', 'n5.3.208.reason']]);
  });

  it('N-LINT: a placeholder is an error, a doubled word a warning', () => {
    const ctx = context('jincheng-2023.json', (t) => {
      t['n1.reason'] = 'XX原因';
      t['n5.3.210.use'] = '用于医保缴纳';
    });
    expect(narrativeFindings(ctx).map((f) => [f.ruleId, f.severity, f.section])).toEqual([
      ['N-LINT', '错误', 'n1'],
      ['N-LINT', '警告', 'n5'],
    ]);
  });

  it('N-SHARES: with largest-remainder shares, a list that does not sum to 100.00%', () => {
    const ctx = context('jincheng-2023.json');
    ctx.report.settings.shareRounding = 'largestRemainder';
    const runs = section(ctx, 'n3').paragraphs.flatMap((p) => p.runs);
    const share = runs.find((r) => r.kind === 'figure' && r.text === '46.44%');
    if (share?.kind !== 'figure') throw new Error('no share');
    share.text = '46.45%';
    const findings = narrativeFindings(ctx);
    // The share no longer equals its recomputation (N-FIGURE-SOURCE), and the list sums to 100.01%.
    expect(findings.map((f) => [f.ruleId, f.severity, f.section])).toEqual([
      ['N-FIGURE-SOURCE', '错误', 'n3'],
      ['N-SHARES', '错误', 'n3'],
    ]);
    expect(findings[1]?.message).toContain('100.01%');
  });

  it('N-FIGURE-SOURCE: a share (default rounding) that is not part ÷ total rounded half up', () => {
    const ctx = context('jincheng-2023.json');
    const runs = section(ctx, 'n3').paragraphs.flatMap((p) => p.runs);
    const share = runs.find((r) => r.kind === 'figure' && r.text === '46.44%');
    if (share?.kind !== 'figure') throw new Error('no share');
    expect(share.source).toEqual({ kind: 'share', of: [{ kind: 'cell', id: '03.total.basic' }, { kind: 'cell', id: '01.L58.amount' }] });
    share.text = '46.45%';
    const findings = narrativeFindings(ctx);
    expect(findings.map((f) => [f.ruleId, f.severity, f.section, f.cells])).toEqual([['N-FIGURE-SOURCE', '错误', 'n3', ['03.total.basic', '01.L58.amount']]]);
    expect(findings[0]?.message).toContain('文中数字 46.45% 与按 03.total.basic、01.L58.amount 重新计算的 46.44% 不一致');
  });

  it('N-FIGURE-SOURCE sees the figures printed from typed facts (三公 counts) and 机关运行经费', () => {
    const ctx = context('jincheng-2023.json');
    const figures = (id: string) => section(ctx, id).paragraphs.flatMap((p) => p.runs).filter((r) => r.kind === 'figure');
    // 4、公务接待费支出0.24万元，共接待2批次，10人次 — the 2 is counts/receptionBatches.
    const batches = figures('n9').find((r) => r.kind === 'figure' && r.source?.kind === 'fact' && r.source.fact.kind === 'count' && r.source.fact.field === 'receptionBatches');
    if (batches?.kind !== 'figure') throw new Error('no count');
    expect(batches.text).toBe('2');
    batches.text = '3';
    // 2023年机关运行经费支出122.06万元 — table 10 line 5 (a 行政单位).
    const operating = figures('n10')[0];
    if (operating?.kind !== 'figure') throw new Error('no figure');
    expect(operating.source).toEqual({ kind: 'sum', of: [{ kind: 'cell', id: '10.L5.value' }] });
    operating.text = '122.07';
    // (Findings with a table come first: the 机关运行经费 one names table 10.)
    expect(narrativeFindings(ctx).map((f) => [f.ruleId, f.section, f.cells, f.message.replace(/^[^：]*：/, '')])).toEqual([
      ['N-FIGURE-SOURCE', 'n10', ['10.L5.value'], '文中数字 122.07 与按 10.L5.value 重新计算的 122.06 不一致'],
      ['N-FIGURE-SOURCE', 'n9', [], '文中数字 3 与填报数 counts/receptionBatches 的 2 不一致'],
    ]);
  });

  it.each(['jincheng-2023.json', 'yangquan-2024.json'])('%s: every printed figure has a source; one without is an error', (fixture) => {
    const ctx = context(fixture);
    const runs = (ctx.narrative ?? []).flatMap((s) => s.paragraphs.flatMap((p) => p.runs)).filter((r) => r.kind === 'figure');
    expect(runs.length).toBeGreaterThan(60);
    expect(runs.filter((r) => r.kind === 'figure' && !r.source && !r.missing)).toEqual([]);
    const first = runs[0];
    if (first?.kind !== 'figure') throw new Error('no figure');
    delete first.source;
    expect(narrativeFindings(ctx).map((f) => [f.ruleId, f.message.replace(/^[^：]*：/, '')])).toEqual([['N-FIGURE-SOURCE', `文中数字 ${first.text} 没有来源，无法核对`]]);
  });

  it('N-FIGURE-SOURCE: a source cell that does not exist is reported, never read as 0', () => {
    const ctx = context('jincheng-2023.json');
    const run = section(ctx, 'n1').paragraphs[0]?.runs.find((r) => r.kind === 'figure');
    if (run?.kind !== 'figure') throw new Error('no figure');
    run.source = { kind: 'cell', id: '01.L99.amount' };
    expect(narrativeFindings(ctx).map((f) => [f.ruleId, f.message.replace(/^[^：]*：/, '')])).toEqual([
      ['N-FIGURE-SOURCE', `文中数字 ${run.text} 的来源无法核对（表格中没有单元格 01.L99.amount）`],
    ]);
  });

  it('N-SHARES: 授予中小企业 twice the procurement total prints no share and is an error (issue 12)', () => {
    // Seed 002 with 授予中小企业合同金额 20.52 万元 against a 政府采购支出总额 of 10.26 万元.
    const parsed = parseInterchangeText(readFileSync(new URL('../fixtures/yangquan-2024.json', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error('fixture');
    const { department, report } = parsed.value;
    report.stats.procurementSme = 2 * report.stats.procurementSme;
    const catalogue = getCatalogue(report.edition);
    const tables = deriveTables(department, report, catalogue);
    const { model } = buildPackage({ department, report, catalogue, tables, prior: priorFromTyped(report) });
    const ctx: CheckContext = { department, report, tables, narrative: model.narrative };
    const text = section(ctx, 'n10').paragraphs.map(paragraphText).find((t) => t.includes('授予中小企业'));
    expect(text).toBe(
      '2024年度政府采购支出总额10.26万元，其中：政府采购货物支出9.46万元、政府采购工程支出0万元、政府采购服务支出0.80万元。' +
        '政府采购授予中小企业合同金额20.52万元。其中：授予小微企业合同金额10.26万元，占政府采购支出总额的100.00%。',
    );
    expect(text).not.toContain('200.00%');
    const findings = runChecks(ctx).filter((f) => f.severity === '错误');
    expect(findings.map((f) => [f.ruleId, f.section, f.message])).toEqual([
      ['R-PROCUREMENT-SME', 'n10', '授予中小企业合同金额 20.52 万元超过政府采购支出合计 10.26 万元'],
      [
        'N-SHARES',
        'n10',
        '十、其他重要事项情况说明：授予中小企业合同金额占政府采购支出总额的比例超过100%（20.52 ÷ 10.26），数据有误，未印占比',
      ],
    ]);
  });

  it('without a narrative in the context, no N- rule finds anything', () => {
    const ctx = context('jincheng-2023.json', (t) => delete t['n1.reason']);
    expect(narrativeFindings({ ...ctx, narrative: undefined })).toEqual([]);
  });
});
