/**
 * Body children written as XML text (xmlText) instead of through docx's writer, and spliced into
 * the packed file: `parts.asText(child)` is a body child that docx writes as a marker element
 * (`<disclosure:text n="3"/>`); when docx reaches it, the child's XML is made (with docx's context,
 * so a docx Table still writes its own properties) and written as UTF-8 text, kept here; `splice`
 * then puts each text in the place of its marker in word/document.xml. The file is the same byte
 * for byte inside word/document.xml as if docx had written the children, at a fraction of the
 * memory: docx holds a resolved copy of the whole body while it writes it (see xmlText), and the
 * 自评表 of 第五部分 are most of the body.
 *
 * A marker cannot clash with the document's own content: docx escapes every `<` of text and
 * attribute values.
 */
import { FileChild, type IContext, type IXmlableObject } from 'docx';
import JSZip from 'jszip';
import { writeXml } from './xmlText';

const DOCUMENT_PART = 'word/document.xml';
const MARKER_NAME = 'disclosure:text';
const MARKER = /<disclosure:text n="(\d+)"\/>/g;

class TextPart extends FileChild {
  constructor(
    private readonly child: FileChild,
    private readonly index: number,
    private readonly keep: (index: number, text: Buffer | null) => void,
  ) {
    super(MARKER_NAME);
  }

  override prepForXml(context: IContext): IXmlableObject | undefined {
    const xml = this.child.prepForXml(context);
    if (xml === undefined) {
      // Written, as nothing (docx leaves such a child out).
      this.keep(this.index, null);
      return undefined;
    }
    const out: string[] = [];
    writeXml(xml, out);
    this.keep(this.index, Buffer.from(out.join(''), 'utf8'));
    return { [MARKER_NAME]: { _attr: { n: this.index } } };
  }
}

/** What the parts of the body take to have a child written as text (TextParts; in tests, also the child as it is). */
export interface AsText {
  asText(child: FileChild): FileChild;
}

/** One export's text parts: `splice` once, after docx packed the Document they are in. */
export class TextParts implements AsText {
  /** Each part's text once docx has written it; null for a part that wrote nothing. */
  private readonly texts: (Buffer | null | undefined)[] = [];
  private count = 0;

  /** `child`, written as text when docx writes the body, and spliced into the file by `splice`. */
  asText(child: FileChild): FileChild {
    return new TextPart(child, this.count++, (index, text) => {
      this.texts[index] = text;
    });
  }

  /** The packed file with every marker of word/document.xml replaced by its child's text. */
  async splice(file: Buffer): Promise<Buffer> {
    if (this.count === 0) return file;
    const zip = await JSZip.loadAsync(file);
    const entry = zip.file(DOCUMENT_PART);
    if (!entry) throw new Error(`docx wrote no ${DOCUMENT_PART}`);
    const xml = await entry.async('string');
    const pieces: Buffer[] = [];
    const seen = new Set<number>();
    let from = 0;
    for (const m of xml.matchAll(MARKER)) {
      const index = Number(m[1]);
      const text = this.texts[index];
      if (!text || seen.has(index)) throw new Error(`${DOCUMENT_PART}: unexpected text part ${String(index)}`);
      seen.add(index);
      pieces.push(Buffer.from(xml.slice(from, m.index), 'utf8'), text);
      from = m.index + m[0].length;
    }
    pieces.push(Buffer.from(xml.slice(from), 'utf8'));
    let missing = 0;
    for (let index = 0; index < this.count; index++) if (this.texts[index] !== null && !seen.has(index)) missing += 1;
    if (missing > 0) throw new Error(`${DOCUMENT_PART}: ${String(missing)} text parts were not written`);
    zip.file(DOCUMENT_PART, Buffer.concat(pieces), { createFolders: false });
    pieces.length = 0;
    this.texts.length = 0;
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  }
}
