/**
 * 报表设置 through the batch write (what the screen sends for a change of 模板 and its undo): the
 * settings and the batch's other writes in one transaction, one change-log record of the settings
 * under the batch's action, read back in words; bad settings refuse the whole batch.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { valueText } from '../../shared/domain/changeLog';
import { settingsText } from '../../shared/domain/settingsText';
import { readFact } from '../../shared/domain/model';
import { releaseAllLocks } from '../../electron/backend/app/lock';
import { ScriptedHost, tempFolder, testBackend, valueOf } from './app-helpers';

afterEach(() => releaseAllLocks());

const PROJECT = { kind: 'item', code: '2011301', field: 'expenditure.project' } as const;

async function opened() {
  const t = testBackend(new ScriptedHost(tempFolder()));
  valueOf(await t.backend.api.invoke('file.openDemo', {}));
  return t;
}

describe('settings in a batch write', () => {
  it('stores the settings with the batch’s facts and logs them once under its action', async () => {
    const { backend } = await opened();
    const loaded = valueOf(await backend.api.invoke('report.load', { year: 2023 }));
    const before = loaded.report.settings;
    expect(before.template).toBe('山西');
    const action = '报表设置：模板 山西（十张表）→上海（九张表）';
    valueOf(
      await backend.api.invoke('report.writeBatch', {
        year: 2023,
        facts: [{ ref: PROJECT, value: 1_250_000 }],
        texts: [],
        addItems: [],
        customCodes: [],
        settings: { ...before, template: '上海' },
        action,
      }),
    );
    const after = valueOf(await backend.api.invoke('report.load', { year: 2023 }));
    expect(after.report.settings).toEqual({ ...before, template: '上海' });
    expect(readFact(after.report, PROJECT)).toBe(1_250_000);

    const log = valueOf(await backend.api.invoke('report.changes', { year: 2023, target: 'settings' }));
    const last = log[log.length - 1]!;
    expect(last.action).toBe(action);
    expect(valueText(last.target, last.before)).toContain('模板：山西（十张表）');
    expect(valueText(last.target, last.after)).toBe(settingsText({ ...before, template: '上海' }));
    expect(valueText(last.target, last.after)).toMatch(/^模板：上海（九张表）；录入单位：万元；/u);

    // The same settings again: stored, nothing logged.
    const count = log.length;
    valueOf(await backend.api.invoke('report.writeBatch', { year: 2023, facts: [], texts: [], addItems: [], customCodes: [], settings: after.report.settings }));
    expect(valueOf(await backend.api.invoke('report.changes', { year: 2023, target: 'settings' }))).toHaveLength(count);
  });

  it('refuses the whole batch when the settings are invalid', async () => {
    const { backend } = await opened();
    const loaded = valueOf(await backend.api.invoke('report.load', { year: 2023 }));
    const bad = JSON.parse(JSON.stringify({ ...loaded.report.settings, template: '北京' })) as typeof loaded.report.settings;
    const result = await backend.api.invoke('report.writeBatch', { year: 2023, facts: [{ ref: PROJECT, value: 5 }], texts: [], addItems: [], customCodes: [], settings: bad });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    if (!result.ok) expect(result.error.message).toContain('模板');
    const after = valueOf(await backend.api.invoke('report.load', { year: 2023 }));
    expect(after.report.settings.template).toBe('山西');
    expect(readFact(after.report, PROJECT)).toBe(readFact(loaded.report, PROJECT));
  });
});
