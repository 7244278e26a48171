#!/usr/bin/python3
"""Independent reader for the exported .docx (python-docx, Debian package python3-docx).

Usage: /usr/bin/python3 read_docx.py FILE.docx  → JSON on stdout:

  tables:   every top-level table in document order: the section it is in, and per row the
            cell texts as python-docx sees them (a merged cell's text repeated over its grid
            span, horizontally and vertically), a per-row list of cell identities (same number =
            same merged cell), and whether the row repeats as a header row (w:tblHeader)
  sections: orientation, page size, whether the section has its own footer and whether that
            footer holds a PAGE field, and the page-number format/start
  toc:      whether a TOC field is present (w:fldSimple or w:instrText containing TOC), its
            instruction, w:updateFields in the settings, and the entries of its current result
  runs:     every run with CJK text (body, tables, TOC, footers): how many there are, those with
            no explicit w:eastAsia font, those with no effective one (run → paragraph style chain
            → document defaults), and a count per east-Asian font name
  paragraphs: the text of the body paragraphs outside tables, with their style id
"""
import json
import re
import sys

try:
    import docx  # noqa: F401
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
except ImportError as e:  # pragma: no cover
    sys.stderr.write("python-docx is missing: install the Debian package python3-docx (%s)\n" % e)
    sys.exit(3)

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def style_fonts(document):
    """style id → (east-Asian font or None, basedOn id or None); plus the document default."""
    styles_el = document.styles.element
    table = {}
    for st in styles_el.findall(qn("w:style")):
        sid = st.get(qn("w:styleId"))
        rfonts = st.find("%s/%s" % (qn("w:rPr"), qn("w:rFonts")))
        ea = rfonts.get(qn("w:eastAsia")) if rfonts is not None else None
        based = st.find(qn("w:basedOn"))
        table[sid] = (ea, based.get(qn("w:val")) if based is not None else None)
    default = None
    rpr_default = styles_el.find("%s/%s/%s/%s" % (qn("w:docDefaults"), qn("w:rPrDefault"), qn("w:rPr"), qn("w:rFonts")))
    if rpr_default is not None:
        default = rpr_default.get(qn("w:eastAsia"))
    default_para = None
    for st in styles_el.findall(qn("w:style")):
        if st.get(qn("w:type")) == "paragraph" and st.get(qn("w:default")) in ("1", "true"):
            default_para = st.get(qn("w:styleId"))
    return table, default, default_para


def style_east_asia(table, sid):
    seen = set()
    while sid and sid not in seen:
        seen.add(sid)
        ea, based = table.get(sid, (None, None))
        if ea:
            return ea
        sid = based
    return None


def run_text(r):
    return "".join(t.text or "" for t in r.iter(qn("w:t")))


def check_runs(root, styles, where, out):
    table, default, default_para = styles
    for p in root.iter(qn("w:p")):
        ppr = p.find(qn("w:pPr"))
        pstyle = None
        if ppr is not None:
            ps = ppr.find(qn("w:pStyle"))
            if ps is not None:
                pstyle = ps.get(qn("w:val"))
        para_ea = style_east_asia(table, pstyle or default_para)
        for r in p.iter(qn("w:r")):
            text = run_text(r)
            if not CJK.search(text):
                continue
            out["cjk"] += 1
            rfonts = r.find("%s/%s" % (qn("w:rPr"), qn("w:rFonts")))
            explicit = rfonts.get(qn("w:eastAsia")) if rfonts is not None else None
            rstyle = r.find("%s/%s" % (qn("w:rPr"), qn("w:rStyle")))
            run_style_ea = style_east_asia(table, rstyle.get(qn("w:val"))) if rstyle is not None else None
            effective = explicit or run_style_ea or para_ea or default
            in_toc = any(
                a.tag == qn("w:sdt") for a in r.iterancestors()
            )
            if explicit is None:
                out["missingExplicit"].append({"text": text[:40], "where": where, "inToc": in_toc, "style": pstyle})
            if effective is None:
                out["missingEffective"].append({"text": text[:40], "where": where, "inToc": in_toc, "style": pstyle})
            out["fonts"][effective or ""] = out["fonts"].get(effective or "", 0) + 1


def has_field(root, name):
    for f in root.iter(qn("w:fldSimple")):
        if name in (f.get(qn("w:instr")) or ""):
            return True
    for t in root.iter(qn("w:instrText")):
        if name in (t.text or ""):
            return True
    return False


def main(path):
    document = Document(path)
    body = document.element.body

    # Which section each top-level table is in: a paragraph carrying w:sectPr ends a section.
    table_sections = []
    section_index = 0
    paragraphs = []
    for child in body.iterchildren():
        if child.tag == qn("w:tbl"):
            table_sections.append(section_index)
        elif child.tag == qn("w:p"):
            ppr = child.find(qn("w:pPr"))
            text = run_text(child)
            if text.strip():
                style = None
                if ppr is not None and ppr.find(qn("w:pStyle")) is not None:
                    style = ppr.find(qn("w:pStyle")).get(qn("w:val"))
                paragraphs.append({"section": section_index, "style": style, "text": text})
            if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
                section_index += 1

    tables = []
    for i, t in enumerate(document.tables):
        rows = []
        # Identity of a cell = its w:tc element. The proxies are kept alive in `all_tcs`, so lxml
        # hands out the same proxy for the same element and id() is stable.
        all_tcs = list(t._tbl.iter(qn("w:tc")))
        tc_index = {id(tc): n for n, tc in enumerate(all_tcs)}
        for row in t.rows:
            cells = row.cells
            ident = [tc_index[id(c._tc)] for c in cells]
            trpr = row._tr.find(qn("w:trPr"))
            header = trpr is not None and trpr.find(qn("w:tblHeader")) is not None
            rows.append({"texts": [c.text for c in cells], "ids": ident, "header": header})
        tables.append({"section": table_sections[i] if i < len(table_sections) else None, "rows": rows})

    sections = []
    for s in document.sections:
        sectpr = s._sectPr
        pg = sectpr.find(qn("w:pgNumType"))
        own_footer = sectpr.find(qn("w:footerReference")) is not None
        footer_page = None
        if own_footer:
            footer_page = has_field(s.footer._element, "PAGE")
        sections.append(
            {
                "orientation": "landscape" if s.orientation == WD_ORIENT.LANDSCAPE else "portrait",
                "width": s.page_width.twips if s.page_width is not None else None,
                "height": s.page_height.twips if s.page_height is not None else None,
                "ownFooter": own_footer,
                "footerHasPage": footer_page,
                "pageNumberFormat": pg.get(qn("w:fmt")) if pg is not None else None,
                "pageNumberStart": pg.get(qn("w:start")) if pg is not None else None,
            }
        )

    toc_instr = None
    for f in body.iter(qn("w:fldSimple")):
        if "TOC" in (f.get(qn("w:instr")) or ""):
            toc_instr = f.get(qn("w:instr"))
    for t in body.iter(qn("w:instrText")):
        if (t.text or "").strip().startswith("TOC"):
            toc_instr = t.text

    update_fields = document.settings.element.find(qn("w:updateFields")) is not None

    # The TOC field's current result: its entry paragraphs (text, then the page number after the tab).
    toc_entries = []
    for sdt in body.iter(qn("w:sdt")):
        if not any("TOC" in (t.text or "") for t in sdt.iter(qn("w:instrText"))):
            continue
        for p in sdt.iter(qn("w:p")):
            parts = []
            for el in p.iter():
                if el.tag == qn("w:t"):
                    parts.append(el.text or "")
                elif el.tag == qn("w:tab") and el.getparent().tag == qn("w:r"):
                    parts.append("\t")
            text = "".join(parts)
            if text.strip():
                ps = p.find("%s/%s" % (qn("w:pPr"), qn("w:pStyle")))
                toc_entries.append({"style": ps.get(qn("w:val")) if ps is not None else None, "text": text})

    styles = style_fonts(document)
    runs = {"cjk": 0, "missingExplicit": [], "missingEffective": [], "fonts": {}}
    check_runs(body, styles, "body", runs)
    for n, s in enumerate(document.sections):
        if s._sectPr.find(qn("w:footerReference")) is not None:
            check_runs(s.footer._element, styles, "footer%d" % n, runs)

    json.dump(
        {
            "tables": tables,
            "sections": sections,
            "toc": {"present": toc_instr is not None, "instr": toc_instr, "updateFields": update_fields, "entries": toc_entries},
            "runs": runs,
            "paragraphs": paragraphs,
        },
        sys.stdout,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    main(sys.argv[1])
