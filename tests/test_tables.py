"""Rosters and ledgers as platforms and schools export them: title lines above a two-line header
with merged cells, a school merged down its teachers, a total row and notes under the data."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import xlwt

from tests.conftest import workshop
from toolkit.errors import InputError
from toolkit.ledger import count_hours, read_ledger
from toolkit.roster import read_roster
from toolkit.scheme import load_scheme

# A roster as the provincial platform exports it (layout of a real 参训名单 export).
ROSTER_LINES: list[list[object]] = [
    ["2021年合肥市蜀山区提升工程2.0参训教师名单", None, None, None, None, None, None, None],
    ["导出时间：2021-06-01 10:00", None, None, None, None, None, None, None],
    ["序号", "基本信息", None, None, "任教情况", None, None, "角色"],
    [None, "工号", "姓名", "学校", "学科", "学段", "教研组", None],
    [1, "00123", "张伟", "城南中学", "数学", "初中", "初中数学组", "教师"],
    [2, "00124", "欧阳娜娜", None, "语文", "初中", "初中语文组", "坊主"],  # school merged from above
    [3, "01000", "李静", "阳光小学", "英语", "小学", "小学英语组", "管理员"],
    ["合计", None, None, None, None, None, None, "3 人"],
    ["注：本表由平台导出，请勿修改表头。", None, None, None, None, None, None, None],
]
ROSTER_MERGES = ["A1:H1", "A2:H2", "A3:A4", "B3:D3", "E3:G3", "H3:H4", "D5:D6", "A8:G8", "A9:H9"]

# A ledger with the same shape: hours under a "完成情况" group, a total of the 学时 column.
LEDGER_LINES: list[list[object]] = [
    ["广东省提升工程2.0校本研修记录", None, None, None, None, None],
    ["学校：城南中学　　导出日期：2021-11-30", None, None, None, None, None],
    ["工号", "研修活动", None, "完成情况", None, None],
    [None, "活动编号", "类型", "学时", "佐证", "日期"],
    ["00123", "a1", "研修作业", None, None, "2021-10-08"],
    ["00123", "o1", "线下活动", 12, "活动照片.jpg", "2021-10-20"],
    ["00124", "o1", "线下活动", 6, None, "2021-10-20"],
    ["00124", "a3", "听课评课", None, None, "2021-11-02"],
    ["小计", None, None, 18, None, None],
    ["00125", "a1", "研修作业", None, None, "2021-10-09"],
    ["总计", None, None, 18, None, None],
    ["制表人：王老师", None, "审核人：李主任", None, None, None],
]
LEDGER_MERGES = ["A1:F1", "A2:F2", "A3:A4", "B3:C3", "D3:F3", "A9:C9", "A11:C11"]


def xlsx(path: Path, lines: list[list[object]], merges: list[str]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for line in lines:
        sheet.append(line)
    for merge in merges:
        sheet.merge_cells(merge)
    book.save(path)
    return path


def xls(path: Path, lines: list[list[object]], merges: list[str]) -> Path:
    """The same export as an old .xls, merges written the way xlwt (and Excel 2003) stores them."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    merged_away = set()
    for merge in merges:
        first, last = merge.split(":")
        c1, r1 = ord(first[0]) - 65, int(first[1:]) - 1
        c2, r2 = ord(last[0]) - 65, int(last[1:]) - 1
        sheet.write_merge(r1, r2, c1, c2, lines[r1][c1])
        merged_away |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    for r, line in enumerate(lines):
        for c, value in enumerate(line):
            if (r, c) not in merged_away and value is not None:
                sheet.write(r, c, value)
    book.save(str(path))
    return path


def csv(path: Path, lines: list[list[object]]) -> Path:
    """What Excel's "save as CSV" gives for the export: merged cells leave blanks."""
    text = "\r\n".join(",".join("" if v is None else str(v) for v in line) for line in lines)
    path.write_bytes((text + "\r\n").encode("gbk"))
    return path


@pytest.fixture(params=["xlsx", "xls", "csv"])
def roster_export(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    kind = request.param
    if kind == "xlsx":
        return xlsx(tmp_path / "名单.xlsx", ROSTER_LINES, ROSTER_MERGES)
    if kind == "xls":
        return xls(tmp_path / "名单.xls", ROSTER_LINES, ROSTER_MERGES)
    # A CSV has no merges: the school of 欧阳娜娜 is written out, as Excel does not repeat it.
    lines = [list(line) for line in ROSTER_LINES]
    lines[5][3] = "城南中学"
    return csv(tmp_path / "名单.csv", lines)


def test_a_roster_under_two_title_lines_with_a_merged_two_line_header_and_a_total_row(
    roster_export: Path,
) -> None:
    roster = read_roster(roster_export)
    assert [(t.teacher_id, t.name, t.school, t.role) for t in roster.teachers] == [
        ("00123", "张伟", "城南中学", "teacher"),
        ("00124", "欧阳娜娜", "城南中学", "leader"),
        ("01000", "李静", "阳光小学", "admin"),
    ]
    assert [t.group for t in roster.teachers] == ["初中数学组", "初中语文组", "小学英语组"]


@pytest.fixture(params=["xlsx", "xls", "csv"])
def ledger_export(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    kind = request.param
    if kind == "xlsx":
        return xlsx(tmp_path / "研修记录.xlsx", LEDGER_LINES, LEDGER_MERGES)
    if kind == "xls":
        return xls(tmp_path / "研修记录.xls", LEDGER_LINES, LEDGER_MERGES)
    return csv(tmp_path / "研修记录.csv", LEDGER_LINES)


def test_a_ledger_export_reads_with_the_rows_a_spreadsheet_shows(ledger_export: Path) -> None:
    ledger = read_ledger(ledger_export, load_scheme("guangdong-2021"))
    assert [(row.row, row.teacher_id, row.activity_id) for row in ledger.rows] == [
        (5, "00123", "a1"),
        (6, "00123", "o1"),
        (7, "00124", "o1"),
        (8, "00124", "a3"),
        (10, "00125", "a1"),
    ]
    # By hand: 00123 研修作业 5 + 线下活动 12 capped at 10 = 15; 00124 线下活动 without 佐证 0 +
    # 听课评课 5 = 5; 00125 研修作业 5. The 小计 and 总计 rows are not people.
    frame = count_hours(ledger)
    assert dict(zip(frame["teacher_id"], frame["counted_hours"], strict=True)) == {
        "00123": 15.0,
        "00124": 5.0,
        "00125": 5.0,
    }


def test_an_error_in_an_export_names_the_row_a_spreadsheet_shows(tmp_path: Path) -> None:
    lines = [list(line) for line in LEDGER_LINES]
    lines[6][2] = "茶话会"
    path = xlsx(tmp_path / "研修记录.xlsx", lines, LEDGER_MERGES)
    with pytest.raises(InputError) as caught:
        read_ledger(path, load_scheme("guangdong-2021"))
    assert caught.value.row == 7
    assert caught.value.column == "类型 (C)"


def test_a_header_repeated_on_every_printed_page_is_not_a_row(tmp_path: Path) -> None:
    lines = [["工号", "姓名"], ["00123", "张伟"], ["工号", "姓名"], ["00124", "王芳"]]
    roster = read_roster(csv(tmp_path / "名单.csv", lines))
    assert [t.teacher_id for t in roster.teachers] == ["00123", "00124"]


def test_a_title_line_alone_is_not_mistaken_for_the_header(tmp_path: Path) -> None:
    lines = [["教师名单", None], ["编号", "名字"], ["00123", "张伟"]]
    with pytest.raises(InputError) as caught:
        read_roster(xlsx(tmp_path / "名单.xlsx", lines, []))
    assert "工号" in caught.value.message
    assert "编号、名字" in caught.value.message  # the columns found, on the line that looked like a header


def test_workshop_hours_reads_the_export_and_prints_the_hand_computed_hours(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "研修记录.xlsx", LEDGER_LINES, LEDGER_MERGES)
    result = workshop("hours", str(path), "--scheme", "guangdong-2021")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "teacher_id,counted_hours,complete",
        "00123,15.0,False",
        "00124,5.0,False",
        "00125,5.0,False",
    ]
