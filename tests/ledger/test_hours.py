"""Hours under the Guangdong and national schemes, on cases worked out by hand from DOMAIN.md §3–4."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import workshop
from toolkit.errors import InputError
from toolkit.ledger import count_hours, read_ledger
from toolkit.scheme import load_scheme

GUANGDONG = load_scheme("guangdong-2021")
NATIONAL = load_scheme("national")
HEADER = "工号,活动编号,类型,学时,佐证\n"


def ledger(tmp_path: Path, rows: list[str], *, header: str = HEADER, name: str = "ledger.csv") -> Path:
    path = tmp_path / name
    path.write_text(header + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def hours(path: Path, scheme: object = GUANGDONG) -> dict[str, tuple[float, bool]]:
    frame = count_hours(read_ledger(path, scheme))  # type: ignore[arg-type]
    assert list(frame.columns) == ["teacher_id", "counted_hours", "complete"]
    return {row.teacher_id: (row.counted_hours, row.complete) for row in frame.itertuples()}


def test_fixed_hours_are_credited_whatever_the_ledger_says(tmp_path: Path) -> None:
    # 教学研讨 2 + 研修作业 5 + 听课评课 5 = 12, the 学时 column ignored for fixed kinds.
    path = ledger(tmp_path, ["t1,a1,教学研讨,9,", "t1,a2,研修作业,,", "t1,a3,听课评课,1,"])
    assert hours(path) == {"t1": (12.0, False)}


def test_english_kind_aliases_count_like_the_chinese_names(tmp_path: Path) -> None:
    path = ledger(tmp_path, ["t1,a1,Seminar,,", "t1,a2,lesson observation,,", "t1,a3,OFFLINE,4,photo"])
    assert hours(path) == {"t1": (11.0, False)}


def test_offline_hours_are_capped_at_10_and_need_evidence(tmp_path: Path) -> None:
    path = ledger(
        tmp_path,
        [
            "t1,o1,线下活动,12,照片",  # capped at 10
            "t1,o2,线下活动,3,",  # no evidence uploaded yet: 0
            "t2,o3,线下活动,10,记录",
        ],
    )
    assert hours(path) == {"t1": (10.0, False), "t2": (10.0, False)}


def test_exactly_25_completes_and_hours_above_25_are_not_counted(tmp_path: Path) -> None:
    rows = ["t1,a1,研修作业,,", "t1,a2,研修作业,,", "t1,a3,听课评课,,", "t1,o1,线下活动,10,照片"]
    rows += ["t2,a1,研修作业,,", "t2,a2,研修作业,,", "t2,a3,听课评课,,", "t2,o1,线下活动,10,照片"]
    rows += ["t2,a4,听课评课,,", "t2,a5,教学研讨,,"]  # 32 earned, 25 counted
    rows += ["t3,a1,研修作业,,", "t3,a2,研修作业,,", "t3,a3,听课评课,,", "t3,o1,线下活动,9.5,照片"]
    assert hours(ledger(tmp_path, rows)) == {"t1": (25.0, True), "t2": (25.0, True), "t3": (24.5, False)}


def test_fractional_hours_add_up_without_float_surprises(tmp_path: Path) -> None:
    # 0.1 + 0.2 is 0.30000000000000004 in floating point; 15 + 9.7 + 0.1 + 0.2 must still reach 25.
    rows = ["t1,a1,研修作业,,", "t1,a2,研修作业,,", "t1,a3,听课评课,,"]
    rows += ["t1,o1,线下活动,9.7,照片", "t1,o2,线下活动,0.1,照片", "t1,o3,线下活动,0.2,照片"]
    assert hours(ledger(tmp_path, rows)) == {"t1": (25.0, True)}


def test_the_same_activity_recorded_twice_counts_once(tmp_path: Path) -> None:
    path = ledger(
        tmp_path, ["t1,a1,研修作业,,", "t1,a1,研修作业,,", "t1,o1,线下活动,4,照片", "t1,o1,线下活动,4,照片"]
    )
    assert hours(path) == {"t1": (9.0, False)}
    assert read_ledger(path, GUANGDONG).duplicates == ((3, 2), (5, 4))


def test_the_same_activity_recorded_twice_with_different_hours_is_refused_naming_both_rows(
    tmp_path: Path,
) -> None:
    path = ledger(tmp_path, ["t1,o1,线下活动,4,照片", "t2,o1,线下活动,6,照片", "t1,o1,线下活动,6,照片"])
    with pytest.raises(InputError) as caught:
        read_ledger(path, GUANGDONG)
    error = caught.value
    assert error.row == 4 and error.column == "活动编号 (B)" and "第 2 行" in error.message


def test_the_national_rule_needs_50_hours_half_of_them_practice(tmp_path: Path) -> None:
    rows = ["n1,on1,网络研修,25,", "n1,pr1,校本实践,25,"]  # exactly 50, exactly half practice
    rows += ["n2,on1,网络研修,30,", "n2,pr1,校本实践,24.5,"]  # 54.5, practice below half
    rows += ["n3,on1,online,20,", "n3,pr1,practice,29.5,"]  # 49.5: short of 50
    assert hours(ledger(tmp_path, rows), NATIONAL) == {
        "n1": (50.0, True),
        "n2": (54.5, False),
        "n3": (49.5, False),
    }


def test_members_given_without_rows_appear_with_zero(tmp_path: Path) -> None:
    path = ledger(tmp_path, ["t1,a1,研修作业,,"])
    frame = count_hours(read_ledger(path, GUANGDONG), people=["t0", "t1"])
    assert frame.to_dict("records") == [
        {"teacher_id": "t0", "counted_hours": 0.0, "complete": False},
        {"teacher_id": "t1", "counted_hours": 5.0, "complete": False},
    ]


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        ("t1,o1,线下活动,,照片", "学时 (D)", "“线下活动”的学时由记录填写"),
        ("t1,x1,茶话会,2,", "类型 (C)", "类型“茶话会”不是方案“guangdong-2021”中的活动"),
        ("t1,o1,线下活动,-2,照片", "学时 (D)", "不能为负数：-2"),
        ("t1,o1,线下活动,两小时,照片", "学时 (D)", "“两小时”不是数字"),
        (",o1,线下活动,2,照片", "工号 (A)", ""),
        ("t 1,o1,线下活动,2,照片", "工号 (A)", "工号“t 1”"),
    ],
)
def test_a_bad_row_names_its_row_and_column(tmp_path: Path, row: str, column: str, words: str) -> None:
    path = ledger(tmp_path, ["t0,a1,研修作业,,", row])
    with pytest.raises(InputError) as caught:
        read_ledger(path, GUANGDONG)
    assert caught.value.file == str(path) and caught.value.row == 3 and caught.value.column == column
    assert words in caught.value.message


def test_gbk_csv_and_xlsx_ledgers_read_the_same(tmp_path: Path) -> None:
    rows = ["t1,a1,研修作业,,", "t1,o1,线下活动,2.5,照片"]
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes((HEADER + "".join(r + "\n" for r in rows)).encode("gbk"))
    workbook = tmp_path / "ledger.xlsx"
    pd.DataFrame(
        [["t1", "a1", "研修作业", None, None], ["t1", "o1", "线下活动", 2.5, "照片"]],
        columns=["工号", "活动编号", "类型", "学时", "佐证"],
    ).to_excel(workbook, index=False)
    assert hours(gbk) == hours(workbook) == {"t1": (7.5, False)}


def test_workshop_hours_writes_the_contract_columns(tmp_path: Path) -> None:
    path = ledger(tmp_path, ["t1,a1,研修作业,,", "t1,a1,研修作业,,", "t2,o1,线下活动,10,照片"])
    out = tmp_path / "hours.csv"
    result = workshop("hours", str(path), "--scheme", "guangdong-2021", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "2 人" in result.stdout and "只计一次" in result.stderr
    assert out.read_text(encoding="utf-8-sig").splitlines() == [
        "teacher_id,counted_hours,complete",
        "t1,5.0,False",
        "t2,10.0,False",
    ]


@pytest.mark.parametrize(
    "rows",
    [
        ["t1,o1,线下活动,,照片"],  # offline activity without hours
        ["t1,x1,茶话会,2,"],  # unknown kind
        ["t1,o1,线下活动,-1,照片"],  # negative hours
        [",o1,线下活动,2,照片"],  # missing teacher ID
    ],
)
def test_workshop_hours_exits_2_on_a_bad_ledger_and_writes_nothing(tmp_path: Path, rows: list[str]) -> None:
    out = tmp_path / "hours.xlsx"
    result = workshop(
        "hours",
        str(ledger(tmp_path, ["t0,a1,研修作业,,", *rows])),
        "--scheme",
        "guangdong-2021",
        "--out",
        str(out),
    )
    assert result.returncode == 2 and "第 3 行" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.glob("hours.xlsx*")) == []


def test_a_scheme_without_an_hours_rule_is_refused(tmp_path: Path) -> None:
    scheme = tmp_path / "roles-only.yaml"
    scheme.write_text(
        "schema_version: 1\nkind: scheme\nid: roles-only\nactivities:\n  - {id: self_test, name: 自测诊断}\n",
        encoding="utf-8",
    )
    result = workshop("hours", str(ledger(tmp_path, ["t1,a1,自测诊断,,"])), "--scheme", str(scheme))
    assert result.returncode == 2 and "没有学时规则" in result.stderr and "guangdong-2021" in result.stderr


HEFEI = load_scheme("hefei-2021")
HEFEI_HEADER = "工号,活动编号,类型,学时,分钟\n"


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # 1327.5 minutes / 45 = 29.5 online + 20 + 10.5 practice = 60 in all, but online is short of 30.
        (
            ["h,c1,网络课程学习,,1327.5", "h,r1,校本教研,20,", "h,r2,校本教研,10.5,"],
            (60.0, False, 29.5, 30.5),
        ),
        # 1350 / 45 = 30 online and 30 practice: both minimums met exactly.
        (["h,c1,网络课程学习,,1350", "h,r1,校本教研,30,"], (60.0, True, 30.0, 30.0)),
        # 2025 / 45 = 45 online gives 74.5 in all, yet 29.5 practice is short of 30.
        (["h,c1,网络课程学习,,2025", "h,r1,校本教研,29.5,"], (74.5, False, 45.0, 29.5)),
        # Minutes from two courses add up: 900 + 450 = 1350 = 30 学时.
        (["h,c1,网络课程学习,,900", "h,c2,网络课程学习,,450", "h,r1,校本教研,30,"], (60.0, True, 30.0, 30.0)),
        # A discussion and the self-test earn no hours.
        (["h,d1,线上讨论,,", "h,s1,自测诊断,,", "h,c1,网络课程学习,,1350"], (30.0, False, 30.0, 0.0)),
    ],
)
def test_hefei_60_hours_need_30_online_and_30_school_based_each(
    tmp_path: Path, rows: list[str], expected: tuple[float, bool, float, float]
) -> None:
    frame = count_hours(read_ledger(ledger(tmp_path, rows, header=HEFEI_HEADER), HEFEI))
    assert list(frame.columns) == [
        "teacher_id",
        "counted_hours",
        "complete",
        "hours_online",
        "hours_practice",
    ]
    (row,) = frame.itertuples(index=False)
    assert (row.counted_hours, row.complete, row.hours_online, row.hours_practice) == expected


def test_workshop_hours_under_hefei_prints_each_category(tmp_path: Path) -> None:
    path = ledger(tmp_path, ["h,c1,网络课程学习,,1327.5", "h,r1,校本教研,30.5,"], header=HEFEI_HEADER)
    result = workshop("hours", str(path), "--scheme", "hefei-2021")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "teacher_id,counted_hours,complete,hours_online,hours_practice",
        "h,60.0,False,29.5,30.5",
    ]
