"""C5 guidance model: mastery, trend and homework read as needs, checked against hand-computed examples."""

from __future__ import annotations

import math

import pytest

from tests.classroom.guidance.tables import KEY, QUIZ, TABLES
from toolkit.classroom.guidance.model import (
    all_profiles,
    item_numbers,
    item_points,
    mastery_table,
    most_urgent,
    student_profile,
)
from toolkit.errors import InputError
from toolkit.modules import load_sample


def test_item_points_score_each_answer_against_the_key() -> None:
    points = item_points(QUIZ, KEY)
    assert points.index.tolist() == ["s1", "s2", "s3"]
    assert points.loc["s1"].tolist() == [5, 5, 5, 5, 0]
    assert points.loc["s2"].tolist() == [5, 0, 5, 0, 0]  # a blank answer earns nothing
    assert points.loc["s3"].tolist() == [5, 5, 0, 5, 0]  # "a" is A
    assert item_numbers(KEY, "移项") == ("3", "4")


def test_mastery_is_the_share_of_points_earned_per_knowledge_point() -> None:
    table = mastery_table(QUIZ, KEY)
    assert list(table.columns) == ["方程的概念", "移项", "实际问题"]
    assert table.loc["s1"].tolist() == [100, 100, 0]
    assert table.loc["s2"].tolist() == [50, 50, 0]  # a skipped item earns nothing
    assert table.loc["s3"].tolist() == [100, 50, 0]  # answers are compared without case


def test_a_steady_slide_is_a_trend_need_with_its_scores() -> None:
    profile = student_profile("s1", **TABLES)
    assert profile.name == "王小明"
    assert profile.slope == pytest.approx(-5)
    assert profile.quiz_score == 20 and profile.quiz_total == 25
    assert [need.kind for need in profile.needs] == ["trend"]
    need = profile.needs[0]
    assert need.scores == (60, 55, 50, 45, 40) and need.value == pytest.approx(-5)
    assert need.urgency == 8 and profile.sliding
    # 实际问题 is weak for everyone: whole-class teaching, not an individual need.
    assert profile.shared_weak == ("实际问题",)


def test_low_homework_and_weak_points_are_needs_with_their_numbers() -> None:
    profile = student_profile("s2", **TABLES)
    assert profile.homework == 65
    assert profile.mastery["方程的概念"] == 50 and profile.mastery["移项"] == 50
    kinds = [need.kind for need in profile.needs]
    assert kinds == ["homework", "mastery", "mastery"]
    homework = profile.needs[0]
    assert homework.value == 65 and homework.threshold == 70
    assert homework.average == pytest.approx((90 + 65 + 80) / 3)
    by_point = {need.point: need for need in profile.needs if need.kind == "mastery"}
    practice = by_point["移项"]
    assert practice.items == ("3", "4") and practice.value == 50
    # Class average of 移项 is (100 + 50 + 50) / 3.
    assert practice.average == pytest.approx(200 / 3)
    assert profile.weak_points == ("方程的概念", "移项")


def test_thresholds_are_parameters() -> None:
    assert not student_profile("s1", **TABLES, slope_at_most=-6).needs
    assert [n.kind for n in student_profile("s3", **TABLES, mastery_below=40).needs] == []


def test_most_urgent_puts_the_slide_first_and_leaves_nobody_out() -> None:
    ranked = most_urgent(all_profiles(**TABLES))
    assert [p.student_id for p in ranked] == ["s1", "s2", "s3"]
    assert [p.urgency for p in ranked] == [8, 5, 1]
    assert [p.student_id for p in all_profiles(**TABLES)] == ["s1", "s2", "s3"]


def test_a_student_missing_from_the_quiz_still_gets_a_profile() -> None:
    profile = student_profile("s3", **{**TABLES, "quiz": QUIZ.head(2)})
    assert math.isnan(profile.quiz_score)
    assert [need.kind for need in profile.needs] == []


def test_unknown_student_and_missing_columns_are_input_errors() -> None:
    with pytest.raises(InputError, match="找不到学号为 s9"):
        student_profile("s9", **TABLES)
    with pytest.raises(InputError, match="测验答案表缺少“知识点”列"):
        student_profile("s1", **{**TABLES, "key": KEY.drop(columns="知识点")})
    with pytest.raises(InputError, match="Q5"):
        student_profile("s1", **{**TABLES, "quiz": QUIZ.drop(columns="Q5")})


def test_the_sample_class_has_five_sliding_students_at_the_top() -> None:
    tables = {
        "quiz": load_sample("class_7a_quiz.csv"),
        "key": load_sample("class_7a_quiz_key.csv"),
        "units": load_sample("class_7a_units.csv"),
        "students": load_sample("class_7a_students.csv"),
    }
    ranked = most_urgent(all_profiles(**tables))
    sliding = [p.student_id for p in ranked if p.sliding]
    assert len(sliding) == 5
    assert {p.student_id for p in ranked[:5]} == set(sliding)
