/**
 * File names that work on every computer a disclosure file may travel to — above all Windows,
 * where finance offices work and share folders: no `\ / : * ? " < > |` or control characters, no
 * trailing dot or space, and none of the reserved device names (CON, PRN, AUX, NUL, COM1–9,
 * LPT1–9), which Windows refuses with any extension (`CON.jsgk`, `nul.备份.docx`).
 */

/** Characters Windows does not allow in file names, and control characters. */
const UNSAFE_IN_NAME = /[\\/:*?"<>|\u0000-\u001f\u007f]/gu;
const HAS_UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/u;

/** Reserved device names; the part before the first dot counts, in any case, trailing spaces ignored. */
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/iu;

/** Longest name part kept (characters), well inside every file system's 255. */
export const MAX_NAME_LENGTH = 120;

function isReserved(name: string): boolean {
  return RESERVED.test((name.split('.')[0] ?? '').trimEnd());
}

/** A name made safe: unsafe characters become `_`, a reserved name gets a `_` in front, long names are cut. */
export function safeFileName(name: string): string {
  let cleaned = name.replace(UNSAFE_IN_NAME, '_').trim();
  cleaned = Array.from(cleaned).slice(0, MAX_NAME_LENGTH).join('');
  cleaned = cleaned.replace(/[. ]+$/u, '');
  if (cleaned === '') return '未命名';
  return isReserved(cleaned) ? `_${cleaned}` : cleaned;
}

/** Why a new file may not have this name (the last part of its path), in Chinese; null when it may. */
export function fileNameProblem(fileName: string): string | null {
  const shown = `“${fileName}”`;
  if (isReserved(fileName)) return `${shown}在 Windows 中是保留的设备名，不能用作文件名，请换一个名字（例如“${safeFileName(fileName)}”）。`;
  if (HAS_UNSAFE.test(fileName)) {
    return `${shown}含有 Windows 文件名中不能使用的字符（\\ / : * ? " < > | 或控制字符），请换一个名字（例如“${safeFileName(fileName)}”）。`;
  }
  if (/[. ]$/u.test(fileName)) return `${shown}以句点或空格结尾，Windows 中无法使用，请换一个名字。`;
  if (Array.from(fileName).length > MAX_NAME_LENGTH + 10) return `${shown}太长，请换一个短一些的名字。`;
  return null;
}
