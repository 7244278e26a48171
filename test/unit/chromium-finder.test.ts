/** Where the CLI and browser mode look for a browser to print PDF with, and what they say when there is none. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chromiumCandidates, findChromium } from '../../electron/backend/export/pdf/chromium';
import { PdfEngineUnavailable } from '../../electron/backend/export/pdf/engine';

describe('findChromium', () => {
  it('uses DISCLOSURE_CHROMIUM when set, and says so when it does not exist', () => {
    expect(chromiumCandidates({ DISCLOSURE_CHROMIUM: '/opt/chrome/chrome' }, 'linux')).toEqual(['/opt/chrome/chrome']);
    expect(() => findChromium({ DISCLOSURE_CHROMIUM: '/nonexistent/chrome' }, 'linux')).toThrow(/^环境变量 DISCLOSURE_CHROMIUM 指定的浏览器程序“\/nonexistent\/chrome”不存在/);
  });

  it('looks where Windows installs Edge and Chrome', () => {
    const list = chromiumCandidates({ PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' }, 'win32');
    expect(list).toContain('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(list).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
  });

  it('finds Debian’s headless shell here (before its full Chromium), and names what to install where nothing is found', () => {
    // scripts/setup.sh installs the headless shell where the distribution has it.
    expect(findChromium({}, 'linux')).toBe(existsSync('/usr/bin/chromium-headless-shell') ? '/usr/bin/chromium-headless-shell' : '/usr/bin/chromium');
    expect(chromiumCandidates({}, 'linux').slice(0, 2)).toEqual(['/usr/bin/chromium-headless-shell', '/usr/bin/chromium']);
    expect(() => findChromium({}, 'darwin')).toThrow(PdfEngineUnavailable);
    expect(() => findChromium({}, 'darwin')).toThrow(/^未找到可用于生成 PDF 的浏览器.*请安装 Google Chrome 或 Chromium.*Word 和 Excel 导出不受影响。$/);
  });
});
