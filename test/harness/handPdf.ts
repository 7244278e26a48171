/**
 * Test helper: a small PDF written by hand, for the PDF reader and update tests — page tree with
 * inherited sizes and a rotated page, named destinations in both forms, an outline, a stream.
 */

const utf16 = (text: string) => `<FEFF${[...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('').toUpperCase()}>`;

/** A PDF from object bodies (object n is objects[n - 1]), with or without an xref table. */
export function pdf(objects: string[], withXref: boolean): Uint8Array {
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, k) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${k + 1} 0 obj\n${body}\nendobj\n`;
  });
  if (withXref) {
    const xref = Buffer.byteLength(out, 'latin1');
    out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
    out += `trailer\n<</Size ${objects.length + 1} /Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  } else out += '%%EOF\n';
  return Buffer.from(out, 'latin1');
}

export const OBJECTS = [
  /* 1 */ '<</Type /Catalog /Pages 2 0 R /Dests 9 0 R /Names <</Dests 10 0 R>> /Outlines 12 0 R>>',
  /* 2 */ '<</Type /Pages /Kids [3 0 R 4 0 R] /Count 3 /MediaBox [0 0 595.28 841.89]>>',
  /* 3 */ '<</Type /Page /Parent 2 0 R /Contents 8 0 R>>',
  /* 4 */ '<</Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2>>',
  /* 5 */ '<</Type /Page /Parent 4 0 R /MediaBox [0 0 841.89 595.28]>>',
  /* 6 */ '<</Type /Page /Parent 4 0 R /Rotate 90>>',
  /* 7 */ '[5 0 R /XYZ 0 500 0]',
  /* 8 */ '<</Length 44>>\nstream\nBT /F1 12 Tf (7 0 obj not an object) Tj ET\nendstream',
  /* 9 */ '<</h1 [3 0 R /XYZ 0 800 0] /h2 7 0 R /h#233 <</D [6 0 R /Fit]>>>>',
  /* 10 */ '<</Kids [11 0 R]>>',
  /* 11 */ '<</Limits [(n1) (n2)] /Names [(n1) [6 0 R /XYZ 0 0 0] (n2) [3 0 R /Fit]]>>',
  /* 12 */ '<</Type /Outlines /First 13 0 R /Last 14 0 R /Count 3>>',
  /* 13 */ `<</Title ${utf16('第一部分 概况')} /Dest [3 0 R /XYZ 0 800 0] /Parent 12 0 R /Next 14 0 R /First 15 0 R /Last 15 0 R>>`,
  /* 14 */ '<</Title (Tables \\(a\\) \\\\ b\\101) /Dest (n1) /Parent 12 0 R /Prev 13 0 R>>',
  /* 15 */ `<</Title ${utf16('一、收入支出决算总表')} /A <</S /GoTo /D /h2>> /Parent 13 0 R>>`,
];

