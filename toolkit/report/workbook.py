"""``workshop report``: the course's figures as a formatted workbook a school can send upward as is."""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from pathlib import Path

import pandas as pd

from toolkit.atomic import write_atomic
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.report.tables import build_report_tables

add_messages(
    {
        "report.suffix": {
            "zh": "报告文件应以 .xlsx 结尾，这里是“{suffix}”",
            "en": "the report must be an .xlsx file, not '{suffix}'",
        },
        "report.written": {
            "zh": "已写入 {file}：{sheets}",
            "en": "Wrote {file}: {sheets}",
        },
        "report.no_hours": {
            "zh": "本课程的规则方案“{scheme}”没有学时规则，本表不适用。",
            "en": "The course's scheme '{scheme}' has no hours rule.",
        },
        "report.no_scores": {
            "zh": "本课程的规则方案“{scheme}”没有角色考核项目，本表不适用。",
            "en": "The course's scheme '{scheme}' scores no roles.",
        },
    }
)

SHEET_ORDER = ("教师", "教研组", "学校", "能力点", "学时", "考核")
_HEADER_FILL = "1F4E79"
_MAX_WIDTH = 48


def _display_width(value: object) -> int:
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


def _write_sheet(sheet: object, frame: pd.DataFrame) -> None:
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
    for index, column in enumerate(frame.columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter  # type: ignore[attr-defined]
        is_rate = "率" in str(column)
        widths = [_display_width(column)]
        for row in range(2, len(frame) + 2):
            cell = sheet.cell(row=row, column=index)  # type: ignore[attr-defined]
            cell.border = border
            if is_rate and isinstance(cell.value, float):
                cell.number_format = "0.0%"
            widths.append(_display_width(cell.value if cell.value is not None else ""))
        sheet.column_dimensions[letter].width = min(_MAX_WIDTH, max(widths) + 2)  # type: ignore[attr-defined]
    sheet.freeze_panes = "A2"  # type: ignore[attr-defined]
    sheet.row_dimensions[1].height = 22  # type: ignore[attr-defined]


def write_report(course_dir: str | Path, *, out: str | Path) -> Path:
    """Write the report workbook whole (or not at all) and return its path."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    target = Path(out)
    if target.suffix.lower() != ".xlsx":
        raise InputError(t("report.suffix", suffix=target.suffix or "-"), file=target)
    tables = build_report_tables(course_dir)
    notes = {
        "学时": t("report.no_hours", scheme=tables.scheme_name),
        "考核": t("report.no_scores", scheme=tables.scheme_name),
    }
    book = Workbook()
    book.remove(book.active)
    for name in SHEET_ORDER:
        sheet = book.create_sheet(name)
        if name in tables.sheets:
            _write_sheet(sheet, tables.sheets[name])
        else:
            sheet["A1"] = notes[name]
            sheet["A1"].font = Font(italic=True, color="7F7F7F")
            sheet.column_dimensions["A"].width = _display_width(notes[name]) + 2
    about = book.create_sheet("说明")
    about.append(["课程目录", str(Path(course_dir).resolve())])
    about.append(["规则方案", tables.scheme_name])
    about.append(["生成时间", dt.datetime.now().strftime("%Y-%m-%d %H:%M")])
    about.append(["说明", "学时与考核两表与 workshop hours / workshop assess 对同一记录的计算结果一致。"])
    about.column_dimensions["A"].width = 12
    about.column_dimensions["B"].width = 80
    write_atomic(target, lambda part: book.save(part))
    return target


def report_message(path: Path) -> str:
    return t("report.written", file=path, sheets="、".join((*SHEET_ORDER, "说明")))
