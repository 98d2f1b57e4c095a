"""report.xlsx reopened with openpyxl holds the same figures as workshop hours / workshop assess."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook

from tests.assess.test_assess import HEADER as ASSESS_HEADER
from tests.assess.test_assess import PEOPLE, ROWS
from tests.conftest import roster, workshop
from toolkit.course import init_course

YES_NO = {"是": True, "否": False}


def _sheet_rows(path: Path, name: str) -> list[dict[str, object]]:
    sheet = load_workbook(path)[name]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_hefei_report_matches_workshop_assess(tmp_path: Path) -> None:
    members = roster(tmp_path / "roster.csv", PEOPLE)
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(ASSESS_HEADER + "".join(r + "\n" for r in ROWS), encoding="utf-8")
    course = tmp_path / "course"
    init_course(course, roster=members, scheme="hefei-2021")
    assert workshop("ledger", "import", str(course), str(ledger)).returncode == 0
    report = tmp_path / "report.xlsx"
    result = workshop("report", str(course), "--out", str(report))
    assert result.returncode == 0, result.stderr
    people, schools = tmp_path / "people.csv", tmp_path / "schools.csv"
    assessed = workshop(
        "assess", str(ledger), "--scheme", "hefei-2021", "--roster", str(members),
        "--out", str(people), "--school-out", str(schools),
    )  # fmt: skip
    assert assessed.returncode == 0, assessed.stderr

    book = load_workbook(report)
    assert book.sheetnames == ["教师", "教研组", "学校", "能力点", "学时", "考核", "说明"]
    expected = {row["person_id"]: row for row in _csv(people)}
    sheet = _sheet_rows(report, "考核")
    assert len(sheet) == len(expected) == 9
    for row in sheet:
        cli = expected[str(row["工号"])]
        assert float(row["考核得分"]) == float(cli["score"])  # type: ignore[arg-type]
        assert float(row["满分"]) == float(cli["max_score"])  # type: ignore[arg-type]
        assert YES_NO[row["考核合格"]] == (cli["passed"] == "True")  # type: ignore[index]
        assert float(row["观看网络课程"] or 0) == float(cli["online_study"] or 0)  # type: ignore[arg-type]
    (school,) = _sheet_rows(report, "学校")
    (cli_school,) = _csv(schools)
    assert school["参训学员"] == int(cli_school["participants"]) == 6
    assert school["合格人数"] == int(cli_school["passed"]) == 3
    assert school["合格率"] == float(cli_school["pass_rate"]) and school["合格率得分"] == 4
    hours = workshop("hours", str(ledger), "--scheme", "hefei-2021", "--out", str(tmp_path / "hours.csv"))
    assert hours.returncode == 0, hours.stderr
    by_cli = {row["teacher_id"]: row for row in _csv(tmp_path / "hours.csv")}
    sheet_hours = _sheet_rows(report, "学时")
    assert list(sheet_hours[0]) == ["工号", "计入学时", "学时达标", "网络研修学时", "校本研修学时"]
    for row in sheet_hours:
        cli_row = by_cli.get(str(row["工号"]))
        if cli_row is None:  # in the course without a ledger row: nothing counted
            assert row["计入学时"] == 0 and row["学时达标"] == "否"
            continue
        assert row["计入学时"] == float(cli_row["counted_hours"])
        assert row["网络研修学时"] == float(cli_row["hours_online"])
        assert row["校本研修学时"] == float(cli_row["hours_practice"])
    teachers = {row["工号"]: row for row in _sheet_rows(report, "教师")}
    assert teachers["T4"]["考核得分"] == 42 and teachers["T4"]["角色"] == "教师"


def test_guangdong_report_matches_workshop_hours_and_is_formatted(tmp_path: Path) -> None:
    members = roster(
        tmp_path / "roster.csv", ["g1,甲,一中,数学,教师", "g2,乙,一中,语文,教师", "g3,丙,二中,数学,教师"]
    )
    ledger = tmp_path / "ledger.csv"
    rows = [
        "g1,a1,研修作业,,",
        "g1,a2,研修作业,,",
        "g1,a3,听课评课,,",
        "g1,o1,线下活动,10,照片",
        "g2,o1,线下活动,3.5,照片",
    ]
    ledger.write_text("工号,活动编号,类型,学时,佐证\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    course = tmp_path / "course"
    init_course(course, roster=members, scheme="guangdong-2021")
    assert workshop("ledger", "import", str(course), str(ledger)).returncode == 0
    report = tmp_path / "report.xlsx"
    assert workshop("report", str(course), "--out", str(report)).returncode == 0
    hours = tmp_path / "hours.csv"
    assert workshop("hours", str(ledger), "--scheme", "guangdong-2021", "--out", str(hours)).returncode == 0

    from_report = {
        row["工号"]: (row["计入学时"], YES_NO[row["学时达标"]]) for row in _sheet_rows(report, "学时")
    }  # type: ignore[index]
    from_cli = {
        row["teacher_id"]: (float(row["counted_hours"]), row["complete"] == "True") for row in _csv(hours)
    }
    # g3 has no ledger rows: the report lists every course member, with zero.
    assert from_report == {**from_cli, "g3": (0, False)} and from_cli["g1"] == (25.0, True)

    book = load_workbook(report)
    sheet = book["教师"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold and sheet["A1"].fill.fgColor.rgb.endswith("1F4E79")
    widths = {cell.value: sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]}
    assert widths["姓名"] >= 6 and widths["学时达标"] >= 10
    schools = {row["学校"]: row for row in _sheet_rows(report, "学校")}
    assert schools["一中"]["学时达标人数"] == 1 and schools["二中"]["人数"] == 1
    points = _sheet_rows(report, "能力点")
    assert len(points) == 30 and points[0]["能力点"] == "A1"
    assert "没有角色考核项目" in book["考核"]["A1"].value


def test_report_needs_an_xlsx_name_and_writes_nothing_else(tmp_path: Path) -> None:
    result = workshop("report", str(tmp_path), "--out", str(tmp_path / "r.pdf"))
    assert result.returncode == 2 and ".xlsx" in result.stderr
    assert list(tmp_path.iterdir()) == []
