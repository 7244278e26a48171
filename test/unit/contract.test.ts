/** The Api contract's runtime validation: every channel accepts a valid request and refuses malformed ones. */
import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../shared/contract/api';
import { LIMITS, validateFor, validateRequest } from '../../shared/contract/validate';
import { DEFAULT_SETTINGS, SUBORDINATE_UNIT_LIMITS } from '../../shared/domain/model';
import { MAX_AMOUNT_FEN } from '../../shared/domain/money';
import { DEFAULT_EVALUATION_SETTINGS, emptyForm, emptyFunds, emptyKeyIndicator, emptyKeyReport } from '../../shared/domain/selfEvaluation';

const settings = { ...DEFAULT_SETTINGS };
const FORM = { ...emptyForm('f1', '测试项目'), funds: { ...emptyFunds(), city: { declared: 0, initial: 100, budget: 100, spent: 50 } } };
const EVALUATION_SETTINGS = DEFAULT_EVALUATION_SETTINGS;
const KEY_REPORT = { ...emptyKeyReport('k1', '2024年度专项资金重点评价报告'), indicators: [{ ...emptyKeyIndicator(), level1: 'A 决策', level3: 'A101 立项依据', weight: 5000, score: 4500 }] };
/** A batch writing one 附件 (a form or report whole, or null to delete it). */
const withAttachment = (attachment: unknown) => ({ year: 2024, facts: [], texts: [], addItems: [], customCodes: [], action: '自评表“测试项目”：修改项目负责人', attachments: [attachment] });

/** For each channel: one valid request and several invalid ones. */
const CASES: { [C in Channel]: { valid: unknown[]; invalid: unknown[] } } = {
  'app.info': { valid: [{}], invalid: [null, undefined, [], 'x', { extra: 1 }] },
  'file.recent': { valid: [{}], invalid: [null, { id: 'a' }, 5] },
  'file.list': { valid: [{}], invalid: [undefined, { path: '/etc/passwd' }] },
  'file.open': {
    valid: [{}, { id: 'Ab3_-x' }],
    invalid: [{ id: '' }, { id: '/etc/passwd' }, { id: '../x' }, { id: 5 }, { id: 'a'.repeat(101) }, { path: '/tmp/a.jsgk' }, null],
  },
  'file.openDemo': { valid: [{}], invalid: [{ id: 'x' }, 'demo'] },
  'file.create': {
    valid: [{ departmentName: '晋城市商务局', unitKind: '行政单位', year: 2024 }],
    invalid: [
      { departmentName: '', unitKind: '行政单位', year: 2024 },
      { departmentName: '   ', unitKind: '行政单位', year: 2024 },
      { departmentName: '某局', unitKind: '企业', year: 2024 },
      { departmentName: '某局', unitKind: '行政单位', year: 2024.5 },
      { departmentName: '某局', unitKind: '行政单位', year: 1899 },
      { departmentName: '某局', unitKind: '行政单位', year: '2024' },
      { departmentName: '某局\n', unitKind: '行政单位', year: 2024 },
      { departmentName: '某'.repeat(LIMITS.nameLength + 1), unitKind: '行政单位', year: 2024 },
      { departmentName: '某局', unitKind: '行政单位' },
      { departmentName: '某局', unitKind: '行政单位', year: 2024, path: '/tmp' },
    ],
  },
  'file.saveAs': { valid: [{}], invalid: [{ path: '/tmp/x.jsgk' }] },
  'file.current': { valid: [{}], invalid: [[]] },
  'file.close': { valid: [{}], invalid: [true] },
  'report.load': { valid: [{ year: 2023 }, { year: 1900 }, { year: 2999 }], invalid: [{}, { year: 3000 }, { year: NaN }, { year: '2023' }, { year: 2023, x: 1 }] },
  'report.writeFact': {
    valid: [
      { year: 2023, ref: { kind: 'item', code: '2011301', field: 'expenditure.basic' }, value: 100 },
      { year: 2023, ref: { kind: 'economic', code: '30101' }, value: -5 },
      { year: 2023, ref: { kind: 'item', code: '2011301', field: 'income.other' }, value: -MAX_AMOUNT_FEN },
      { year: 2023, ref: { kind: 'summary', field: 'openingBalance' }, value: 0 },
      { year: 2023, ref: { kind: 'fiscalCarry', field: 'generalClosing' }, value: 1 },
      { year: 2023, ref: { kind: 'threePublic', side: 'budget', item: 'reception' }, value: 1 },
      { year: 2023, ref: { kind: 'stats', field: 'procurementGoods' }, value: 1 },
      { year: 2023, ref: { kind: 'operatingCost' }, value: null },
      { year: 2023, ref: { kind: 'vehicle', type: 'enforcement' }, value: 3 },
      { year: 2023, ref: { kind: 'equipment' }, value: 2 },
      { year: 2023, ref: { kind: 'count', field: 'abroadGroups' }, value: 2 },
      { year: 2023, ref: { kind: 'initialBudget', code: '201' }, value: 100 },
      { year: 2023, ref: { kind: 'adjustedBudget', code: '2011301' }, value: null },
      { year: 2023, ref: { kind: 'prior', key: 'incomeTotal' }, value: 1 },
      { year: 2023, ref: { kind: 'prior', key: 'general/20113' }, value: 1 },
    ],
    invalid: [
      { year: 2023, ref: { kind: 'item', code: '2011301', field: 'expenditure.basic' } },
      { year: 2023, ref: { kind: 'item', code: '2011301', field: 'expenditure.basic' }, value: 1.5 },
      { year: 2023, ref: { kind: 'item', code: '2011301', field: 'expenditure.basic' }, value: '100' },
      { year: 2023, ref: { kind: 'item', code: '2011301', field: 'expenditure.basic' }, value: 2 ** 60 },
      { year: 2023, ref: { kind: 'item', code: '2011301', field: 'expenditure.basic' }, value: MAX_AMOUNT_FEN + 1 },
      { year: 2023, ref: { kind: 'item', code: '201130', field: 'expenditure.basic' }, value: 1 },
      { year: 2023, ref: { kind: 'item', code: '20113a1', field: 'expenditure.basic' }, value: 1 },
      { year: 2023, ref: { kind: 'item', code: '2011301', field: 'expenditure.toString' }, value: 1 },
      { year: 2023, ref: { kind: 'item', code: '2011301', field: 'expenditure.basic', extra: 1 }, value: 1 },
      { year: 2023, ref: { kind: 'economic', code: '301' }, value: 1 },
      { year: 2023, ref: { kind: 'summary', field: 'nope' }, value: 1 },
      { year: 2023, ref: { kind: 'threePublic', side: 'plan', item: 'reception' }, value: 1 },
      { year: 2023, ref: { kind: 'operatingCost', code: '1' }, value: 1 },
      { year: 2023, ref: { kind: 'vehicle', type: 'tank' }, value: 1 },
      { year: 2023, ref: { kind: 'prior', key: 'general/abc' }, value: 1 },
      { year: 2023, ref: { kind: '__proto__' }, value: 1 },
      { year: 2023, ref: 'item/2011301/expenditure.basic', value: 1 },
      { year: 2023, ref: null, value: 1 },
    ],
  },
  'report.writeText': {
    valid: [{ year: 2023, key: 'n1.reason', value: '' }, { year: 2023, key: 'overview.duties', value: '职责\n第二行' }],
    invalid: [
      { year: 2023, key: '', value: 'x' },
      { year: 2023, key: 'a', value: 'x'.repeat(LIMITS.textLength + 1) },
      { year: 2023, key: 'a', value: 5 },
      { year: 2023, key: 'a', value: 'bad\u0000' },
      { year: 2023, key: 'k'.repeat(LIMITS.textKeyLength + 1), value: 'x' },
    ],
  },
  'report.writeBatch': {
    valid: [
      { year: 2023, facts: [], texts: [], addItems: [], customCodes: [] },
      { year: 2023, facts: [], texts: [], addItems: [], customCodes: [], action: '粘贴 3 行到公开03表' },
      {
        year: 2023,
        facts: [
          { ref: { kind: 'item', code: '2011301', field: 'expenditure.basic' }, value: 100 },
          { ref: { kind: 'operatingCost' }, value: null },
        ],
        texts: [{ key: 'n1.reason', value: '原因' }],
        addItems: ['2011301'],
        customCodes: [{ catalogue: 'functional', code: '2011399', name: '其他' }],
      },
      withAttachment({ kind: 'form', id: 'f1', form: FORM, position: 0 }),
      withAttachment({ kind: 'form', id: 'f1', form: null, position: 3 }),
      withAttachment({ kind: 'keyReport', id: 'k1', report: KEY_REPORT, position: 0 }),
      withAttachment({ kind: 'keyReport', id: 'k1', report: null, position: 0 }),
    ],
    invalid: [
      withAttachment({ kind: 'form', id: 'f1', form: { ...FORM, funds: { city: { spent: 1.5 } } }, position: 0 }),
      withAttachment({ kind: 'form', id: 'f1', form: { ...FORM, name: '' }, position: 0 }),
      withAttachment({ kind: 'form', id: '../x', form: { ...FORM, id: '../x' }, position: 0 }),
      withAttachment({ kind: 'form', id: 'f1', form: { ...FORM, extra: 1 }, position: 0 }),
      withAttachment({ kind: 'form', id: 'f1', form: FORM, position: -1 }),
      withAttachment({ kind: 'form', id: 'f1', form: FORM }),
      withAttachment({ kind: 'form', id: 'f2', form: FORM, position: 0 }),
      withAttachment({ kind: 'form', id: 'f1', position: 0 }),
      withAttachment({ kind: 'form', id: 'f1', report: KEY_REPORT, position: 0 }),
      withAttachment({ kind: 'keyReport', id: 'k1', report: { ...KEY_REPORT, title: '' }, position: 0 }),
      withAttachment({ kind: 'keyReport', id: 'k1', report: { ...KEY_REPORT, sections: [{ heading: '一、基本情况', level: 4, text: '' }] }, position: 0 }),
      withAttachment({ kind: 'table', id: 'k1', report: null, position: 0 }),
      { year: 2023, facts: [], texts: [], addItems: [], customCodes: [], attachments: {} },
      { year: 2023, facts: [], texts: [], addItems: [] },
      { year: 2023, facts: [], texts: [], addItems: [], customCodes: [], action: '' },
      { year: 2023, facts: [], texts: [], addItems: [], customCodes: [], action: '粘贴\n' },
      { year: 2023, facts: [], texts: [], addItems: [], customCodes: [], action: 'x'.repeat(LIMITS.actionLength + 1) },
      { year: 2023, facts: {}, texts: [], addItems: [], customCodes: [] },
      { year: 2023, facts: [{ ref: { kind: 'item', code: '2011301', field: 'expenditure.basic' } }], texts: [], addItems: [], customCodes: [] },
      { year: 2023, facts: [{ ref: { kind: 'item', code: '2011301', field: 'expenditure.basic' }, value: 1.5 }], texts: [], addItems: [], customCodes: [] },
      { year: 2023, facts: [], texts: [{ key: '', value: 'x' }], addItems: [], customCodes: [] },
      { year: 2023, facts: [], texts: [], addItems: ['201'], customCodes: [] },
      { year: 2023, facts: [], texts: [], addItems: [], customCodes: [{ catalogue: 'functional', code: '2011399', name: '' }] },
      { year: 2023, facts: Array.from({ length: LIMITS.batchSize + 1 }, () => ({ ref: { kind: 'equipment' }, value: 1 })), texts: [], addItems: [], customCodes: [] },
    ],
  },
  'report.updateSettings': {
    valid: [{ year: 2023, settings }],
    invalid: [
      { year: 2023, settings: { ...settings, packageKind: '公司' } },
      { year: 2023, settings: { ...settings, tableGrouping: 'yes' } },
      { year: 2023, settings: { ...settings, unknown: true } },
      { year: 2023, settings: { packageKind: '部门' } },
      { year: 2023, settings: [] },
    ],
  },
  'report.addItem': { valid: [{ year: 2023, code: '2011301' }], invalid: [{ year: 2023, code: '201' }, { year: 2023, code: 2011301 }, { code: '2011301' }] },
  'report.deleteItem': { valid: [{ year: 2023, code: '2011301' }], invalid: [{ year: 2023, code: '20113011' }, { year: 2023 }] },
  'report.createYear': { valid: [{ fromYear: 2023 }], invalid: [{ fromYear: 2999 }, { year: 2023 }, { fromYear: '2023' }] },
  'report.publish': { valid: [{ year: 2024 }], invalid: [{}, { year: '2024' }, { year: 2024, by: '张三' }] },
  'report.unpublish': {
    valid: [{ year: 2024, reason: '更正表06的经济分类' }],
    invalid: [{ year: 2024 }, { year: 2024, reason: '' }, { year: 2024, reason: '   ' }, { year: 2024, reason: 'x'.repeat(LIMITS.reasonLength + 1) }],
  },
  'report.changes': {
    valid: [{ year: 2024 }, { year: 2024, target: 'item/2011301/expenditure.basic' }],
    invalid: [{ year: 2024, target: '' }, { year: 2024, target: 5 }, { target: 'x' }],
  },
  'department.update': {
    valid: [
      { department: { name: '晋城市商务局', unitKind: '事业单位', subordinateUnits: [] } },
      { department: { name: '晋城市商务局', unitKind: '行政单位', subordinateUnits: [{ name: '晋城市口岸服务中心', note: '预算不单列，并入本级' }] } },
    ],
    invalid: [
      { department: { name: '', unitKind: '事业单位', subordinateUnits: [] } },
      { department: { name: '某局', unitKind: '事业单位' } },
      // The free text of before: a list now.
      { department: { name: '某局', unitKind: '事业单位', subordinateUnits: '某中心' } },
      { department: { name: '某局', unitKind: '事业单位', subordinateUnits: [{ name: '', note: '' }] } },
      { department: { name: '某局', unitKind: '事业单位', subordinateUnits: [{ name: '某中心' }] } },
      { department: { name: '某局', unitKind: '事业单位', subordinateUnits: [{ name: 'x'.repeat(SUBORDINATE_UNIT_LIMITS.nameLength + 1), note: '' }] } },
      { department: { name: '某局', unitKind: '事业单位', subordinateUnits: Array.from({ length: SUBORDINATE_UNIT_LIMITS.count + 1 }, (_, k) => ({ name: `单位${k}`, note: '' })) } },
      { department: '某局' },
    ],
  },
  'catalogue.addCode': {
    valid: [{ code: { catalogue: 'functional', code: '2159802', name: '制造业' } }, { code: { catalogue: 'economic', code: '31206', name: '其他资本性补助' } }],
    invalid: [
      { code: { catalogue: 'economic', code: '2159802', name: '制造业' } },
      { code: { catalogue: 'functional', code: '2159', name: '制造业' } },
      { code: { catalogue: 'functional', code: '2159802', name: '' } },
      { code: { catalogue: 'other', code: '2159802', name: '制造业' } },
    ],
  },
  'export.run': {
    valid: [{ year: 2023, docx: true, xlsx: false }],
    invalid: [{ year: 2023, docx: 'yes', xlsx: false }, { year: 2023, docx: true }, { year: 2023, docx: true, xlsx: true, folder: '/tmp' }],
  },
  'export.pdf': { valid: [{ year: 2023 }], invalid: [{}, { year: '2023' }, { year: 2023, folder: '/tmp' }] },
  'export.audit': { valid: [{ year: 2023 }], invalid: [{ year: 1800 }, { year: 2023, pdf: true }] },
  'export.bundle': {
    valid: [{ year: 2023, force: false }, { year: 2023, force: true }],
    invalid: [{ year: 2023 }, { year: 2023, force: 'yes' }, { year: 2023, force: true, out: '/tmp/x.zip' }],
  },
  'export.openFolder': { valid: [{}], invalid: [{ path: '/tmp' }] },
  'evaluation.saveSettings': {
    valid: [{ year: 2024, settings: EVALUATION_SETTINGS }, { year: 2024, settings: { ...EVALUATION_SETTINGS, layout: '阳泉' } }],
    invalid: [{ year: 2024, settings: { layout: '太原' } }, { year: 2024, settings: { grades: { excellent: 1, good: 2, fair: 3 } } }, { year: 2024 }],
  },
  'evaluation.importWorkbook': {
    valid: [{ year: 2024, fileName: '自评表.xlsx', data: 'UEsDBA==' }],
    invalid: [{ year: 2024, fileName: '', data: 'UEsDBA==' }, { year: 2024, fileName: 'a.xlsx', data: '<not base64>' }, { year: 2024, fileName: 'a.xlsx' }],
  },
  'import.tablesPreview': {
    valid: [{ year: 2023, fileName: '公开表.xlsx', data: 'UEsDBA==' }],
    invalid: [
      { year: 2023, fileName: '公开表.xlsx', path: '/tmp/a.xlsx' },
      { year: 2023, fileName: '公开表.xlsx', data: 'UEsDBA=' },
      { year: 2023, fileName: '公开表.xlsx', data: '不是base64' },
      { year: 2023, fileName: '公开表.xlsx', data: '' },
      { year: 2023, fileName: '', data: 'UEsDBA==' },
      { year: 2023, fileName: 'a\nb.xlsx', data: 'UEsDBA==' },
      { year: 2023, fileName: '公开表.xlsx', data: 'A'.repeat(Math.ceil(LIMITS.workbookBytes / 3) * 4 + 4) },
      { year: '2023', fileName: '公开表.xlsx', data: 'UEsDBA==' },
    ],
  },
  'import.tablesApply': {
    valid: [{ year: 2024, fileName: 'x.xlsx', data: 'UEsDBAo=' }],
    invalid: [{ year: 2024, fileName: 'x.xlsx' }, { year: 2024, fileName: 'x.xlsx', data: 5 }, null],
  },
  'export.compare': { valid: [{ year: 2024, withYear: 2023 }], invalid: [{ year: 2024 }, { year: 2024, withYear: '2023' }, { year: 2024, withYear: 2023, folder: '/tmp' }] },
  'export.changes': { valid: [{ year: 2024 }], invalid: [{}, { year: 2024, path: '/tmp' }] },
};

describe('validateRequest', () => {
  it('has cases for every channel', () => {
    expect(Object.keys(CASES).sort()).toEqual([...CHANNELS].sort());
  });

  for (const channel of CHANNELS) {
    const { valid, invalid } = CASES[channel];
    it(`${channel}: accepts valid requests`, () => {
      for (const request of valid) {
        const result = validateRequest(channel, request);
        expect(result, JSON.stringify(request)).toMatchObject({ ok: true, channel });
        if (result.ok) expect(result.request).toEqual(request);
      }
    });
    it(`${channel}: refuses invalid requests with INVALID_REQUEST and a Chinese message`, () => {
      for (const request of invalid) {
        const result = validateRequest(channel, request);
        expect(result.ok, JSON.stringify(request) ?? 'undefined').toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('INVALID_REQUEST');
          expect(result.error.message).toMatch(/^请求无效（/u);
        }
      }
    });
  }

  it('refuses unknown channels', () => {
    for (const channel of ['file.delete', '', 5, null, '__proto__', 'constructor']) {
      const result = validateRequest(channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
  });

  it('refuses an own __proto__ key and returns a fresh object for valid requests', () => {
    const polluted = JSON.parse('{"year":2023,"ref":{"kind":"equipment"},"value":1,"__proto__":{"polluted":true}}');
    expect(validateRequest('report.writeFact', polluted)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    const request = { year: 2023, ref: { kind: 'equipment' }, value: 1 };
    const result = validateRequest('report.writeFact', request);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.request).not.toBe(request);
      expect(result.request).toEqual(request);
    }
  });

  it('names the offending field in the message', () => {
    const result = validateFor('report.load', { year: 3000 });
    expect(result).toEqual({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: '请求无效（report.load）：请求.year应为1900至2999之间的整数年份，收到数字 3000。' },
    });
  });
});
