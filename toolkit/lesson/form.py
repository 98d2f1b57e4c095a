"""What raters without an account fill in: a printable Word form per party (parents take it home),
and the spreadsheet the school types the answers into (or exports an online form into)."""

from __future__ import annotations

from pathlib import Path

from toolkit.atomic import write_atomic
from toolkit.lesson.standard import LessonStandard

ENTRY_HEADER = ("课例", "执教教师", "评价方", "评价人")
EMPTY_BOX = "☐"


def write_form(standard: LessonStandard, *, lesson: str, teacher: str, party: str, out: Path) -> Path:
    """A one-page form: the lesson, the teacher, and one row per criterion this party rates, with
    a box for each score of the scale."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    rater = standard.parties[party]
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.8))
    document.add_heading(f"《{lesson}》课堂评价表（{rater.name}）", level=1)
    document.add_paragraph(
        f"执教教师：{teacher}　　评价标准：{standard.name}　　评价日期：________　　评价人：________"
    )
    scale = range(standard.low, standard.high + 1)
    legend = "；".join(f"{score} = {standard.labels.get(score, '')}" for score in scale)
    document.add_paragraph(f"请在每一行选一个分数，在方框里打 √。{legend}。")
    criteria = standard.rated_by(party)
    table = document.add_table(rows=1 + len(criteria), cols=2 + len(scale))
    table.style = "Table Grid"
    header = table.rows[0].cells
    header[0].text, header[1].text = "指标", "说明"
    for column, score in enumerate(scale, start=2):
        header[column].text = f"{score} {standard.labels.get(score, '')}".strip()
    for row, criterion in enumerate(criteria, start=1):
        cells = table.rows[row].cells
        cells[0].text, cells[1].text = criterion.name, criterion.wording(party)
        for column in range(2, 2 + len(scale)):
            cells[column].text = EMPTY_BOX
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(11)
    document.add_paragraph("")
    document.add_paragraph("其他意见或建议：" + "_" * 60)
    document.add_paragraph(
        "填好后请交回学校。学校把分数录入《课堂评价录入表》，用 workshop lesson import 导入后，"
        "与教师自评、同伴和学生的评价一起计算。"
    )
    write_atomic(out, lambda part: document.save(str(part)))
    return out


def write_entry_sheet(standard: LessonStandard, *, lesson: str, teacher: str, out: Path) -> Path:
    """The entry spreadsheet: a title line, then 课例, 执教教师, 评价方, 评价人 and one column per
    criterion; a cell a party does not rate is greyed."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "课堂评价录入"
    sheet.append(
        [f"《{lesson}》课堂评价录入表（{standard.name}，每格填 {standard.low}–{standard.high} 的整数）"]
    )
    sheet["A1"].font = Font(bold=True)
    sheet.append([*ENTRY_HEADER, *(c.name for c in standard.criteria)])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    grey = PatternFill("solid", fgColor="D9D9D9")
    parties = list(standard.parties.values())
    for party in parties:
        sheet.append([lesson, teacher, party.name, ""])
        for column, criterion in enumerate(standard.criteria, start=len(ENTRY_HEADER) + 1):
            if party.id not in criterion.parties:
                sheet.cell(row=sheet.max_row, column=column).fill = grey
    choices = DataValidation(
        type="list", formula1='"' + ",".join(p.name for p in parties) + '"', allow_blank=False
    )
    sheet.add_data_validation(choices)
    choices.add(f"C3:C{max(sheet.max_row, 2) + 200}")
    for column in "ABCD":
        sheet.column_dimensions[column].width = 14
    write_atomic(out, lambda part: book.save(part))
    return out
