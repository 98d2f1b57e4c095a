"""The class tables the tools share: column checks, student IDs and names, unit tests, CSV for Excel."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest

from toolkit.classroom.classtable import (
    by_student,
    file_name,
    homework_rates,
    names_by_id,
    numeric_column,
    require_columns,
    require_students,
    roster_names,
    student_ids,
    tidy_number,
    timestamp,
    unit_columns,
    unit_scores,
    unit_trend,
    write_csv,
)
from toolkit.errors import InputError
from toolkit.modules import load_sample

STUDENTS = pd.DataFrame({"学号": [202507001, " s2 "], "姓名": ["王小明", "李华"], "作业完成率": [90, "缺"]})


def test_a_missing_column_is_named_with_the_columns_there_are() -> None:
    require_columns(STUDENTS, ["学号", None, "姓名"])
    with pytest.raises(InputError) as caught:
        require_columns(STUDENTS, ["学号", "期中成绩", "性别"])
    assert caught.value.column == "期中成绩"
    assert caught.value.message == "表中没有“期中成绩”列。现有的列：学号、姓名、作业完成率"
    with pytest.raises(InputError) as named:
        require_columns(STUDENTS, ["学号", "知识点"], table="测验答案表")
    assert named.value.message == "测验答案表缺少“知识点”列（需要的列：学号、知识点）"


def test_an_empty_list_has_no_students() -> None:
    require_students(STUDENTS)
    with pytest.raises(InputError, match="名单中没有学生"):
        require_students(STUDENTS.iloc[0:0])


def test_student_ids_are_clean_text_and_index_the_table() -> None:
    assert student_ids(STUDENTS).tolist() == ["202507001", "s2"]
    table = by_student(STUDENTS)
    assert table.index.tolist() == ["202507001", "s2"] and table.loc["s2", "姓名"] == "李华"


def test_names_come_from_the_first_table_that_has_them() -> None:
    units = pd.DataFrame({"学号": ["s2", "s3"], "姓名": ["李 华", "张雨"]})
    names = names_by_id(STUDENTS, pd.DataFrame({"学号": ["s9"]}), units)
    assert names.to_dict() == {"202507001": "王小明", "s2": "李华", "s3": "张雨"}
    assert names_by_id(pd.DataFrame({"学号": ["s1"]})).empty


def test_a_roster_gives_names_in_list_order_or_refuses() -> None:
    assert roster_names(STUDENTS) == {"202507001": "王小明", "s2": "李华"}
    with pytest.raises(ValueError, match="姓名"):
        roster_names(pd.DataFrame({"学号": ["1"]}))
    with pytest.raises(ValueError, match="repeats"):
        roster_names(pd.DataFrame({"学号": ["1", " 1"], "姓名": ["甲", "乙"]}))


def test_numbers_from_a_column_and_a_text_column_refused() -> None:
    assert numeric_column(STUDENTS, "作业完成率").tolist()[0] == 90
    assert math.isnan(numeric_column(STUDENTS, "作业完成率").tolist()[1])
    with pytest.raises(InputError, match="“姓名”列不是数值") as caught:
        numeric_column(STUDENTS, "姓名")
    assert caught.value.column == "姓名"


def test_homework_by_student_when_the_list_has_it() -> None:
    rates = homework_rates(STUDENTS)
    assert rates is not None and rates["202507001"] == 90 and math.isnan(rates["s2"])
    assert homework_rates(STUDENTS.drop(columns="作业完成率")) is None


def test_unit_scores_are_every_column_but_number_and_name() -> None:
    units = load_sample("class_7a_units.csv")
    assert unit_columns(units) == ["第1单元", "第2单元", "第3单元", "第4单元", "第5单元"]
    scores = unit_scores(units)
    assert scores.loc["202507039"].tolist() == [69, 61, 52, 43, 40]
    with pytest.raises(InputError, match="没有成绩列"):
        unit_columns(units[["学号", "姓名"]])


def test_slope_of_a_steady_slide_is_minus_five_per_unit() -> None:
    assert unit_trend([60, 55, 50, 45, 40]) == pytest.approx(-5)
    assert unit_trend([50, 55, 60, 65, 70]) == pytest.approx(5)
    assert unit_trend([70, 70, 70]) == pytest.approx(0)


def test_slope_leaves_a_missing_test_out_and_needs_two_scores() -> None:
    # Units 1 and 3 only: (50 - 60) / (3 - 1) = -5.
    assert unit_trend([60, None, 50]) == pytest.approx(-5)
    assert math.isnan(unit_trend([60, None, None]))


def test_csv_for_excel_starts_with_a_byte_order_mark(tmp_path: Path) -> None:
    frame = pd.DataFrame({"学号": ["s1", "s2"], "分数": [90.5, None]}).set_index("学号")
    path = write_csv(tmp_path / "out.csv", frame, index=True)
    assert path.read_bytes() == "\ufeff学号,分数\ns1,90.5\ns2,\n".encode()
    assert write_csv(tmp_path / "plain.csv", frame.reset_index()).read_text(encoding="utf-8-sig") == (
        "学号,分数\ns1,90.5\ns2,\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "plain.csv"]  # no .part file left


def test_safe_file_names_small_numbers_and_time_stamps() -> None:
    assert file_name("../作业 1.jpg") == "作业_1.jpg"
    assert file_name(" lab-report/v2 ") == "lab-report_v2"
    assert file_name("///", "rubric") == "rubric"
    assert tidy_number(5.0) == 5 and isinstance(tidy_number(5.0), int) and tidy_number(2.5) == 2.5
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", timestamp())
