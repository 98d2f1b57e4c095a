"""report.xlsx as a school prints it: converted to PDF by LibreOffice (Debian's libreoffice-calc,
headless), every sheet one A4 landscape page wide, the header row on every page, the sheet's title,
school and date in the page header and page numbers in the footer."""

from __future__ import annotations

import datetime as dt
import math
import re
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.conftest import roster, workshop
from toolkit.course import init_course
from toolkit.localtime import local_zone

# LibreOffice converts a whole workbook to PDF.
pytestmark = pytest.mark.slow

SHEETS = ["教师", "教研组", "学校", "能力点", "学时", "考核", "说明"]
TEACHERS = 90  # enough for the 教师 and 考核 sheets to run over several pages
A4_LANDSCAPE = (842, 595)  # points, rounded


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    base = tmp_path_factory.mktemp("print")
    people = [f"P{n:03d},教师{n:03d},城南中学,数学,教师" for n in range(1, TEACHERS + 1)]
    course = base / "course"
    init_course(course, roster=roster(base / "名单.csv", people), scheme="hefei-2021")
    report = base / "report.xlsx"
    assert workshop("report", str(course), "--out", str(report)).returncode == 0
    # A profile of its own, so that parallel workers (and a desktop LibreOffice) never share one.
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{base / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(base), str(report)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pages = [page.extract_text() for page in PdfReader(base / "report.pdf").pages]
    return report, pages


def _sheet_of(page: str) -> str:
    found = re.search(r"研修报告 · (\S+)", page)
    assert found, page[:200]
    return found[1]


def test_every_sheet_is_set_up_for_a4_landscape_at_page_width_with_the_header_repeated(
    printed: tuple[Path, list[str]],
) -> None:
    report, _ = printed
    book = load_workbook(report)
    assert book.sheetnames == SHEETS
    today = dt.datetime.now(local_zone()).strftime("%Y-%m-%d")
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (int(sheet.page_setup.fitToWidth), int(sheet.page_setup.fitToHeight)) == (1, 0)
        assert sheet.oddHeader.center.text == f"信息技术应用能力提升工程2.0 研修报告 · {sheet.title}"
        assert sheet.oddHeader.left.text == "城南中学"
        assert sheet.oddHeader.right.text == today
        assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页"
        # A sheet with a table repeats its header row; the notes on 说明 have none.
        assert sheet.print_title_rows == ("$1:$1" if sheet.title != "说明" else None)


def test_the_pdf_prints_each_sheet_at_page_width_with_the_header_on_every_page(
    printed: tuple[Path, list[str]],
) -> None:
    _, pages = printed
    per_sheet: dict[str, list[str]] = {}
    for page in pages:
        per_sheet.setdefault(_sheet_of(page), []).append(page)
    assert list(per_sheet) == SHEETS  # each sheet on pages of its own, in workbook order

    teacher_pages = per_sheet["教师"]
    assert len(teacher_pages) > 1
    # Page count: every page holds as many rows as the first, so the 90 teachers need exactly this many.
    rows_per_page = len(re.findall(r"\bP\d{3}\b", teacher_pages[0]))
    assert len(teacher_pages) == math.ceil(TEACHERS / rows_per_page)
    seen = []
    for page in teacher_pages:
        # The header row on every page, and the last column too: nothing spills onto a second page.
        assert "工号" in page and "姓名" in page and "考核合格" in page
        seen += re.findall(r"\bP\d{3}\b", page)
    assert seen == [f"P{n:03d}" for n in range(1, TEACHERS + 1)]
    for page in per_sheet["考核"]:
        assert "工号" in page and "考核得分" in page
    # Numbered through the whole printout, as LibreOffice numbers an exported workbook.
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"第 {number} 页，共 {total} 页" in page


def test_every_pdf_page_is_a4_landscape(tmp_path: Path, printed: tuple[Path, list[str]]) -> None:
    report, _ = printed
    pdf = report.with_suffix(".pdf")
    for page in PdfReader(pdf).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4_LANDSCAPE
