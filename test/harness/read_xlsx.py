"""Reads an .xlsx with openpyxl (Debian's python3-openpyxl) and prints what the tests check, as JSON.

Usage: /usr/bin/python3 read_xlsx.py FILE.xlsx

Output: {"properties": {...}, "sheets": [{"name", "cells": [[row, col, value, numFmt, fontName, bold,
horizontal, wrap]], "merged": ["A1:F1", ...], "freeze", "orientation", "paperSize", "fitToPage",
"fitToWidth", "fitToHeight", "print_title_rows", "horizontalCentered", "widths": {"A": 30.0},
"heights": {"1": 32.0}, "max_row", "max_column"}]}

Only cells with a value are listed. Exit 3 when openpyxl is missing (the test names the package).
"""
import json
import sys

try:
    import openpyxl
    from openpyxl.utils import get_column_letter
except ImportError as exc:  # pragma: no cover - reported by the test
    print(f"openpyxl missing: {exc}", file=sys.stderr)
    sys.exit(3)


def number(value):
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


def sheet_info(ws):
    cells = []
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            value = cell.value
            if not isinstance(value, (str, int, float, bool)):
                value = str(value)
            cells.append(
                [
                    cell.row,
                    cell.column,
                    value,
                    cell.number_format,
                    cell.font.name if cell.font else None,
                    bool(cell.font.b) if cell.font else False,
                    cell.alignment.horizontal if cell.alignment else None,
                    bool(cell.alignment.wrap_text) if cell.alignment else False,
                ]
            )
    setup = ws.page_setup
    props = ws.sheet_properties
    fit_to_page = bool(props.pageSetUpPr.fitToPage) if props.pageSetUpPr is not None else False
    widths = {}
    for dim in ws.column_dimensions.values():
        # One <col> element may cover several columns (min..max).
        if dim.min is None or dim.max is None or not dim.customWidth:
            continue
        for index in range(dim.min, min(dim.max, ws.max_column) + 1):
            widths[get_column_letter(index)] = dim.width
    heights = {str(r): d.height for r, d in ws.row_dimensions.items() if d.height is not None}
    return {
        "name": ws.title,
        "cells": cells,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "freeze": ws.freeze_panes,
        "orientation": setup.orientation,
        "paperSize": number(setup.paperSize),
        "fitToPage": fit_to_page,
        "fitToWidth": number(setup.fitToWidth),
        "fitToHeight": number(setup.fitToHeight),
        "print_title_rows": ws.print_title_rows,
        "horizontalCentered": bool(ws.print_options.horizontalCentered),
        "widths": widths,
        "heights": heights,
        "max_row": ws.max_row,
        "max_column": ws.max_column,
    }


def main():
    if len(sys.argv) != 2:
        print("usage: read_xlsx.py FILE.xlsx", file=sys.stderr)
        sys.exit(2)
    wb = openpyxl.load_workbook(sys.argv[1])
    props = wb.properties
    out = {
        "properties": {"creator": props.creator, "title": props.title, "keywords": props.keywords},
        "sheets": [sheet_info(ws) for ws in wb.worksheets],
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
