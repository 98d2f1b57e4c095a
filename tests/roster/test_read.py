"""Every roster format the contract names, and every kind of broken roster."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import xlwt

from tests.conftest import workshop
from toolkit.errors import InputError
from toolkit.roster import read_roster

HEADER_ZH = ["工号", "姓名", "学校", "学科", "学段", "教研组", "角色", "手机", "邮箱"]
HEADER_EN = ["teacher_id", "name", "school", "subject", "stage", "group", "role", "phone", "email"]
ROWS = [
    ["00123", "张伟", "城南中学", "数学", "初中", "初中数学组", "教师", "13800000001", ""],
    ["00124", "欧阳娜娜", "城南中学", "语文", "初中", "初中语文组", "坊主", "", "ouyang@example.cn"],
    ["01000", "李静", "阳光小学", "英语", "小学", "小学英语组", "", "", ""],
]


def write_csv(path: Path, rows: list[list[str]], encoding: str, delimiter: str = ",") -> Path:
    text = "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_xls(path: Path, rows: list[list[object]]) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("名单")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(path))
    return path


def check_three_teachers(path: Path) -> None:
    roster = read_roster(path)
    assert [t.teacher_id for t in roster.teachers] == ["00123", "00124", "01000"]
    assert roster.teachers[1].name == "欧阳娜娜"
    assert [t.role for t in roster.teachers] == ["teacher", "leader", "teacher"]
    assert roster.teachers[2].school == "阳光小学"
    assert roster.teachers[0].group == "初中数学组"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_in_every_encoding(tmp_path: Path, encoding: str) -> None:
    check_three_teachers(write_csv(tmp_path / "名单.csv", [HEADER_ZH, *ROWS], encoding))


def test_csv_with_english_headers_and_tabs(tmp_path: Path) -> None:
    check_three_teachers(write_csv(tmp_path / "r.csv", [HEADER_EN, *ROWS], "utf-8", "\t"))


def test_xlsx_keeps_leading_zeros_and_numeric_ids(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", [HEADER_ZH, *ROWS, [4567, "王芳", "阳光小学"]])
    book = openpyxl.load_workbook(path)
    book.active["A5"].number_format = "General"
    book.active.append([89, "赵敏", "阳光小学"])
    book.active["A6"].number_format = "000000"  # shown in Excel as 000089
    book.save(path)
    roster = read_roster(path)
    assert [t.teacher_id for t in roster.teachers] == ["00123", "00124", "01000", "4567", "000089"]


def test_legacy_xls(tmp_path: Path) -> None:
    check_three_teachers(write_xls(tmp_path / "r.xls", [HEADER_ZH, *ROWS]))


def test_white_space_full_width_included_is_trimmed_and_blank_rows_ignored(tmp_path: Path) -> None:
    rows = [
        ["\u3000工号 ", " 姓名\u3000", "学校"],
        ["", "", ""],
        [" 00123\u3000", "\u3000张伟\u3000", "\u00a0城南中学 "],
        [",,", "", ""],
        ["00124", "欧阳娜娜", "城南中学"],
    ]
    path = tmp_path / "r.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n\n", encoding="utf-8")
    roster = read_roster(path)
    assert [(t.teacher_id, t.name, t.school) for t in roster.teachers] == [
        ("00123", "张伟", "城南中学"),
        ("00124", "欧阳娜娜", "城南中学"),
    ]


def test_roster_check_counts_by_school_and_role(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", [HEADER_ZH, *ROWS])
    result = workshop("roster", "check", str(path))
    assert result.returncode == 0, result.stderr
    assert "共 3 名教师" in result.stdout
    assert "城南中学: 2" in result.stdout
    assert "阳光小学: 1" in result.stdout
    assert "教师: 2" in result.stdout and "坊主: 1" in result.stdout


def broken(tmp_path: Path, kind: str) -> tuple[Path, str]:
    """A broken roster of ``kind`` and the text its error message must contain."""
    if kind == "duplicate_id":
        rows = [HEADER_ZH, *ROWS, ["00124", "王芳"]]
        return write_csv(
            tmp_path / "r.csv", rows, "utf-8"
        ), "第 5 行，“工号 (A)”列：工号“00124”重复，第 3 行已经出现过"
    if kind == "missing_column":
        rows = [["工号", "学校"], ["00123", "城南中学"]]
        return write_csv(tmp_path / "r.csv", rows, "utf-8"), "第 1 行：缺少必需的列“姓名”"
    if kind == "blank_required":
        rows = [HEADER_ZH, ROWS[0], ["00125", "\u3000", "城南中学"]]
        return write_xlsx(tmp_path / "r.xlsx", rows), "第 3 行，“姓名 (B)”列：必填项为空"
    if kind == "unknown_role":
        rows = [HEADER_ZH, ROWS[0], ["00125", "王芳", "", "", "", "", "校长"]]
        return write_xls(tmp_path / "r.xls", rows), "第 3 行，“角色 (G)”列：未知角色“校长”"
    if kind == "unreadable":
        path = tmp_path / "r.xlsx"
        path.write_bytes(b"this is not a spreadsheet at all")
        return path, "无法读取文件"
    if kind == "empty":
        path = tmp_path / "r.csv"
        path.write_bytes(b"")
        return path, "文件是空的"
    if kind == "header_only":
        return write_csv(tmp_path / "r.csv", [HEADER_ZH, [""] * 9], "utf-8"), "没有任何数据行"
    if kind == "bad_encoding":
        path = tmp_path / "r.csv"
        path.write_bytes("工号,姓名\n1,张".encode() + b"\xff\xfe\xfa\n")
        return path, "无法识别文本编码"
    if kind == "missing_file":
        return tmp_path / "nowhere.csv", "找不到文件"
    raise AssertionError(kind)


BROKEN = [
    "duplicate_id",
    "missing_column",
    "blank_required",
    "unknown_role",
    "unreadable",
    "empty",
    "header_only",
    "bad_encoding",
    "missing_file",
]


@pytest.mark.parametrize("kind", BROKEN)
def test_broken_roster_raises_with_location(tmp_path: Path, kind: str) -> None:
    path, expected = broken(tmp_path, kind)
    with pytest.raises(InputError) as caught:
        read_roster(path)
    assert expected in str(caught.value)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("kind", BROKEN)
def test_roster_check_exits_2_with_a_message_and_no_traceback(tmp_path: Path, kind: str) -> None:
    path, expected = broken(tmp_path, kind)
    result = workshop("roster", "check", str(path))
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_broken_roster_message_in_english(tmp_path: Path) -> None:
    path, _ = broken(tmp_path, "duplicate_id")
    result = workshop("--lang", "en", "roster", "check", str(path))
    assert result.returncode == 2
    assert "row 5, column '工号 (A)': teacher ID '00124' is a duplicate of row 3" in result.stderr
