/**
 * Text in the encodings a finance officer's tools produce, for tests of the UTF-8 reader: GBK (what
 * Chinese Windows, Notepad's “ANSI” and Excel write) and UTF-16 (Notepad's “Unicode”). Node only
 * encodes UTF-8 and UTF-16LE, so GBK is built by inverting Node's own GBK decoder.
 */

let gbkTable: Map<string, Buffer> | null = null;

function table(): Map<string, Buffer> {
  if (gbkTable) return gbkTable;
  gbkTable = new Map();
  const decoder = new TextDecoder('gbk', { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const bytes = Buffer.from([lead, trail]);
      try {
        const ch = decoder.decode(bytes);
        if (ch.length === 1 && !gbkTable.has(ch)) gbkTable.set(ch, bytes);
      } catch {
        // Not a GBK character.
      }
    }
  }
  return gbkTable;
}

/** `text` encoded as GBK; throws for a character GBK does not have. */
export function encodeGbk(text: string): Buffer {
  const parts: Buffer[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) {
      parts.push(Buffer.from([code]));
      continue;
    }
    const bytes = table().get(ch);
    if (!bytes) throw new Error(`GBK has no ${ch}`);
    parts.push(bytes);
  }
  return Buffer.concat(parts);
}

export function encodeUtf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from(`${bom ? '\ufeff' : ''}${text}`, 'utf16le');
  return order === 'le' ? le : le.swap16();
}
