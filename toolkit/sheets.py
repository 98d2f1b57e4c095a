"""Formatted worksheets people print and send upward: a coloured header, borders, widths that fit
Chinese text, a frozen header row; with a title, also the print setup (landscape A4, the width
of one page, the header row on every page, the title and page numbers in the margins)."""

from __future__ import annotations

import math
import unicodedata

import pandas as pd

_HEADER_FILL = "1F4E79"
_MAX_WIDTH = 48


def display_width(value: object) -> int:
    """Characters as a spreadsheet shows them: a Chinese character takes two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(value))


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") else value


def write_sheet(
    sheet: object,
    frame: pd.DataFrame,
    *,
    title: str | None = None,
    header_left: str = "",
    header_right: str = "",
) -> None:
    """``frame`` into an empty openpyxl worksheet; ``title`` also sets it up for printing, with
    ``header_left`` (the school, say) and ``header_right`` (the date) beside it in the page header."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.append([str(c) for c in frame.columns])  # type: ignore[attr-defined]
    for values in frame.itertuples(index=False):
        sheet.append([_cell(v) for v in values])  # type: ignore[attr-defined]
    for cell in sheet[1]:  # type: ignore[index]
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(frame.columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter  # type: ignore[attr-defined]
        is_rate = str(column).endswith("率")  # 合格率, not 合格率得分
        widths = [display_width(column)]
        for row in range(2, len(frame) + 2):
            cell = sheet.cell(row=row, column=index)  # type: ignore[attr-defined]
            cell.border = border
            if is_rate and isinstance(cell.value, float):
                cell.number_format = "0.0%"
            text = "" if cell.value is None else str(cell.value)
            if "\n" in text:
                cell.alignment = wrap
            widths.append(max((display_width(line) for line in text.split("\n")), default=0))
        sheet.column_dimensions[letter].width = min(_MAX_WIDTH, max(widths) + 2)  # type: ignore[attr-defined]
    sheet.freeze_panes = "A2"  # type: ignore[attr-defined]
    sheet.row_dimensions[1].height = 22  # type: ignore[attr-defined]
    if title is not None:
        print_setup(sheet, title, left=header_left, right=header_right)


def _header_text(text: str) -> str:
    return text.replace("&", "&&")  # a lone & starts a header code (&P, &D …)


def print_setup(
    sheet: object, title: str, *, left: str = "", right: str = "", title_rows: str = "1:1"
) -> None:
    """Landscape A4, one page wide, ``title_rows`` on every page, the title (with ``left`` and
    ``right`` beside it) in the page header and "第 N 页，共 M 页" in the footer."""
    setup = sheet.page_setup  # type: ignore[attr-defined]
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4  # type: ignore[attr-defined]
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[attr-defined]
    if title_rows is not None:
        sheet.print_title_rows = title_rows  # type: ignore[attr-defined]
    sheet.oddHeader.center.text = _header_text(title)  # type: ignore[attr-defined]
    if left:
        sheet.oddHeader.left.text = _header_text(left)  # type: ignore[attr-defined]
    if right:
        sheet.oddHeader.right.text = _header_text(right)  # type: ignore[attr-defined]
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"  # type: ignore[attr-defined]
