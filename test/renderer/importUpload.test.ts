/** 导入Excel表格 in the page: the chosen file's bytes as base64, and files refused before upload. */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/contract/validate';
import { bytesToBase64, uploadProblem } from '../../renderer/features/import/upload';

describe('bytesToBase64', () => {
  it('encodes any bytes as Node does, across its chunk boundary', () => {
    const bytes = new Uint8Array(0x8000 * 2 + 7).map((_, k) => (k * 31 + 7) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(bytesToBase64(new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBe('UEsDBA==');
  });
});

describe('uploadProblem', () => {
  it('refuses empty, too large and .xls files with a Chinese message; accepts an .xlsx', () => {
    expect(uploadProblem({ name: 'a.xlsx', size: 0 })).toBe('“a.xlsx”是空文件。');
    expect(uploadProblem({ name: 'a.xlsx', size: LIMITS.workbookBytes + 1 })).toMatch(/超过 20 MB/);
    expect(uploadProblem({ name: '决算.xls', size: 100 })).toMatch(/旧版 Excel（\.xls）/);
    expect(uploadProblem({ name: '决算.xlsx', size: 100 })).toBeNull();
  });
});
