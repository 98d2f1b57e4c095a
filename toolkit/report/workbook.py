"""``workshop report``: the course's figures as a formatted workbook a school can send upward as is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from toolkit.atomic import write_atomic
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.localtime import local_zone
from toolkit.report.tables import build_report_tables
from toolkit.sheets import display_width, print_setup, write_sheet

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
REPORT_TITLE = "信息技术应用能力提升工程2.0 研修报告"


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
    now = dt.datetime.now(local_zone())
    printed = {"header_left": tables.schools_label, "header_right": now.strftime("%Y-%m-%d")}
    book = Workbook()
    book.remove(book.active)
    for name in SHEET_ORDER:
        sheet = book.create_sheet(name)
        title = f"{REPORT_TITLE} · {name}"
        if name in tables.sheets:
            write_sheet(sheet, tables.sheets[name], title=title, **printed)
        else:
            sheet["A1"] = notes[name]
            sheet["A1"].font = Font(italic=True, color="7F7F7F")
            sheet.column_dimensions["A"].width = display_width(notes[name]) + 2
            print_setup(
                sheet, title, left=printed["header_left"], right=printed["header_right"], title_rows=None
            )
    about = book.create_sheet("说明")
    about.append(["课程目录", str(Path(course_dir).resolve())])
    about.append(["学校", tables.schools_label])
    about.append(["规则方案", tables.scheme_name])
    about.append(["课程范围", tables.scope_label])
    about.append(["生成时间", now.strftime("%Y-%m-%d %H:%M")])
    about.append(["说明", "学时与考核两表与 workshop hours / workshop assess 对同一记录的计算结果一致。"])
    about.column_dimensions["A"].width = 12
    about.column_dimensions["B"].width = 80
    print_setup(
        about,
        f"{REPORT_TITLE} · 说明",
        left=printed["header_left"],
        right=printed["header_right"],
        title_rows=None,
    )
    write_atomic(target, lambda part: book.save(part))
    return target


def report_message(path: Path) -> str:
    return t("report.written", file=path, sheets="、".join((*SHEET_ORDER, "说明")))
