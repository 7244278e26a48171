import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fillSteps } from '../../renderer/features/guide/fillSteps';
import { isFreshYear, openingView } from '../../renderer/store/view';
import { parseInterchangeText } from '../../shared/domain/interchange';
import { emptyItem, emptyReport } from '../../shared/domain/model';

describe('填报向导', () => {
  it('a new year opens on the guide, with every step not started', () => {
    const report = emptyReport(2024);
    report.items = [emptyItem('2010301')];
    expect(isFreshYear(report)).toBe(true);
    expect(openingView(report)).toEqual({ kind: 'guide' });
    const steps = fillSteps(report, [], 0, 0);
    expect(steps.map((s) => s.key)).toEqual(['overview', 't03', 't02', 't05', 't06', 't09', 't10', 'narrative', 'attachments']);
    expect(steps.find((s) => s.key === 't03')).toMatchObject({ status: '未开始', progress: '1个科目中已填0个' });
  });

  it('counts progress on seed 002: every 科目 of 03/02 typed, every 财政拨款 split typed', () => {
    const parsed = parseInterchangeText(readFileSync(new URL('../fixtures/yangquan-2024.json', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error('fixture');
    const report = parsed.value.report;
    expect(openingView(report)).toEqual({ kind: 'table', id: '01' });
    const steps = fillSteps(report, [{ ruleId: 'X', severity: '错误', title: '', message: '', cells: [], table: '06' }], 3, 0);
    const by = (key: string) => steps.find((s) => s.key === key)!;
    expect(by('t03')).toMatchObject({ status: '已完成', progress: `${report.items.length}个科目中已填${report.items.length}个` });
    expect(by('t05').status).toBe('已完成');
    expect(by('t06').status).toBe('有错误');
    expect(by('narrative')).toMatchObject({ status: '填写中', progress: '待填写3处' });
  });
});
