/**
 * A workbook the officer picked with <input type="file">, read in the page and sent as base64:
 * the renderer never sends a path (README, 浏览器模式).
 */
import { LIMITS } from '../../../shared/contract/validate';

/** Bytes as standard base64, in chunks (String.fromCharCode takes a bounded argument list). */
export function bytesToBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  let binary = '';
  for (let k = 0; k < bytes.length; k += CHUNK) binary += String.fromCharCode(...bytes.subarray(k, k + CHUNK));
  return btoa(binary);
}

/** A refusal in Chinese for a file the backend would refuse anyway, or null. */
export function uploadProblem(file: { name: string; size: number }): string | null {
  if (file.size === 0) return `“${file.name}”是空文件。`;
  if (file.size > LIMITS.workbookBytes) return `“${file.name}”超过 ${LIMITS.workbookBytes / 1024 / 1024} MB，无法导入。`;
  if (/\.xls$/iu.test(file.name)) return `“${file.name}”是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 工作簿后再导入。`;
  return null;
}
