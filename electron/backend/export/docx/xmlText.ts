/**
 * XML text of an object in the form docx's components give their XML in
 * (`{ 'w:tc': [{ 'w:tcPr': [...] }, { 'w:p': [...] }] }`, what XmlComponent.prepForXml returns),
 * written as docx's Packer writes it without indentation, byte for byte: the tag is the object's
 * first key; its value is an array of children (objects; `{ _attr }` entries add attributes; a
 * string or number is the element's text), an object with `_attr` (and `_cdata`), or text.
 * Attribute values and text are escaped as docx escapes them (`&"'<>`, control characters dropped).
 *
 * docx first turns the whole document into a second tree of resolved elements and then joins
 * strings level by level; for the 100 forms of the bench that is about 140 MB held at once. This
 * writer walks the same objects once, into a list of short strings, one block at a time (see
 * textParts). test/unit/docx-xml-text.test.ts holds it to docx's own output.
 */
import type { IXmlableObject } from 'docx';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
const ESCAPED = /[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g;

const escapeChar = (c: string): string => ESCAPES[c] ?? '';

function escape(value: unknown): string {
  return typeof value === 'string' ? value.replace(ESCAPED, escapeChar) : String(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** ` key="value"` for each attribute of an `_attr` object. */
function attributeText(attr: unknown): string {
  if (!isObject(attr)) return '';
  let text = '';
  for (const key of Object.keys(attr)) text += ` ${key}="${escape(attr[key])}"`;
  return text;
}

/** Appends the XML text of `data` to `out`. */
export function writeXml(data: IXmlableObject, out: string[]): void {
  const name: string | undefined = Object.keys(data)[0];
  const values: unknown = name === undefined ? undefined : data[name];
  let attributes = '';
  // What docx puts between the tags, in its order: children (objects), text (strings), and the
  // empty strings that mark an element with children as not self-closing.
  const content: unknown[] = [];
  if (isObject(values)) {
    attributes += attributeText(values['_attr']);
    const cdata = values['_cdata'];
    if (typeof cdata === 'string' && cdata !== '') content.push(`<![CDATA[${cdata.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`);
    if (Array.isArray(values)) {
      let text = false;
      content.push('');
      for (const value of values as unknown[]) {
        if (typeof value === 'object') {
          if (isObject(value) && Object.keys(value)[0] === '_attr') attributes += attributeText(value['_attr']);
          else content.push(value);
        } else {
          // docx's quirk, kept: text replaces whatever was pushed last.
          content.pop();
          text = true;
          content.push(typeof value === 'string' ? escape(value) : value);
        }
      }
      if (!text) content.push('');
    }
  } else if (values !== null) {
    content.push(typeof values === 'string' ? escape(values) : values);
  }
  const open = `${name ? `<${name}` : ''}${attributes}`;
  if (content.length === 0) {
    out.push(`${open}/>`);
    return;
  }
  out.push(name ? `${open}>` : open);
  for (const child of content) {
    if (isObject(child)) writeXml(child, out);
    else if (child !== undefined && child !== '') out.push(String(child));
  }
  if (name) out.push(`</${name}>`);
}

/** The XML text of `data`. */
export function xmlText(data: IXmlableObject): string {
  const out: string[] = [];
  writeXml(data, out);
  return out.join('');
}
