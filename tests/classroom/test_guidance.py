"""C5 guidance: mastery, trend and homework read by hand-computed examples; the planner driven headless."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from toolkit.classroom.guidance import (
    GuidancePlanner,
    class_needs,
    mastery_table,
    student_profile,
    unit_trend,
)
from toolkit.errors import InputError
from toolkit.i18n import set_language
from toolkit.modules import load_sample
from toolkit.work.progress import module_progress

KEY = pd.DataFrame(
    {
        "题号": ["Q1", "Q2", "Q3", "Q4", "Q5"],
        "答案": ["A", "B", "C", "D", "A"],
        "知识点": ["方程的概念", "方程的概念", "移项", "移项", "实际问题"],
        "分值": [5, 5, 5, 5, 5],
    }
)
# s1 gets every basic item; s2 half of each basic point and skips Q2; s3 misses Q3.
# Nobody gets Q5, so 实际问题 is weak for the whole class, not for anyone in particular.
QUIZ = pd.DataFrame(
    {
        "学号": ["s1", "s2", "s3"],
        "姓名": ["王小明", "李华", "张雨"],
        "Q1": ["A", "A", "a"],
        "Q2": ["B", None, "B"],
        "Q3": ["C", "C", "B"],
        "Q4": ["D", "A", "D"],
        "Q5": ["B", "C", "D"],
    }
)
UNITS = pd.DataFrame(
    {
        "学号": ["s1", "s2", "s3"],
        "姓名": ["王小明", "李华", "张雨"],
        "第1单元": [60, 70, 50],
        "第2单元": [55, 70, 55],
        "第3单元": [50, 70, 60],
        "第4单元": [45, 70, 65],
        "第5单元": [40, 70, 70],
    }
)
STUDENTS = pd.DataFrame(
    {"学号": ["s1", "s2", "s3"], "姓名": ["王小明", "李华", "张雨"], "作业完成率": [90, 65, 80]}
)
TABLES = {"quiz": QUIZ, "key": KEY, "units": UNITS, "students": STUDENTS}


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


def test_slope_of_a_steady_slide_is_minus_five_per_unit() -> None:
    assert unit_trend([60, 55, 50, 45, 40]) == pytest.approx(-5)
    assert unit_trend([50, 55, 60, 65, 70]) == pytest.approx(5)
    assert unit_trend([70, 70, 70]) == pytest.approx(0)


def test_slope_leaves_a_missing_test_out_and_needs_two_scores() -> None:
    # Units 1 and 3 only: (50 - 60) / (3 - 1) = -5.
    assert unit_trend([60, None, 50]) == pytest.approx(-5)
    assert math.isnan(unit_trend([60, None, None]))


def test_mastery_is_the_share_of_points_earned_per_knowledge_point() -> None:
    table = mastery_table(QUIZ, KEY)
    assert list(table.columns) == ["方程的概念", "移项", "实际问题"]
    assert table.loc["s1"].tolist() == [100, 100, 0]
    assert table.loc["s2"].tolist() == [50, 50, 0]  # a skipped item earns nothing
    assert table.loc["s3"].tolist() == [100, 50, 0]  # answers are compared without case


def test_a_steady_slide_becomes_a_talk_and_check_ins() -> None:
    profile = student_profile("s1", **TABLES)
    assert profile.name == "王小明"
    assert profile.slope == pytest.approx(-5)
    assert profile.quiz_score == 20 and profile.quiz_total == 25
    assert [need.kind for need in profile.needs] == ["trend"]
    need = profile.needs[0]
    assert "60→55→50→45→40" in need.finding and "-5.0" in need.finding
    assert "谈话" in need.recommendation and "每周" in need.recommendation
    # 实际问题 is weak for everyone: whole-class teaching, not an individual need.
    assert profile.shared_weak == ("实际问题",)
    assert "全班共性" in profile.suggested_plan()


def test_low_homework_and_weak_points_each_get_a_recommendation() -> None:
    profile = student_profile("s2", **TABLES)
    assert profile.homework == 65
    assert profile.mastery["方程的概念"] == 50 and profile.mastery["移项"] == 50
    kinds = [need.kind for need in profile.needs]
    assert kinds == ["homework", "mastery", "mastery"]
    assert "作业计划" in profile.needs[0].recommendation
    by_point = {need.label: need for need in profile.needs if need.kind == "mastery"}
    practice = by_point["薄弱：移项"]
    assert "第3、4题" in practice.recommendation and "专项" in practice.recommendation
    # Class average of 移项 is (100 + 50 + 50) / 3.
    assert "全班平均 67%" in practice.finding
    assert profile.weak_points == ("方程的概念", "移项")


def test_thresholds_are_parameters() -> None:
    assert not student_profile("s1", **TABLES, slope_at_most=-6).needs
    assert [n.kind for n in student_profile("s3", **TABLES, mastery_below=40).needs] == []


def test_the_plan_document_has_the_profile_the_plan_and_a_record_table() -> None:
    profile = student_profile("s3", **TABLES)
    text = profile.markdown("1. 我自己的方案")
    assert text.startswith("# 个别化指导方案：张雨（s3）")
    assert "| 移项 | 50% | 67% |" in text
    assert "1. 我自己的方案" in text and "## 跟进记录" in text
    assert "第3、4题" not in text.split("## 指导方案")[1]  # the teacher's plan replaces the suggestion


def test_class_needs_puts_the_slide_first_and_leaves_nobody_out() -> None:
    table = class_needs(**TABLES)
    assert table["学号"].tolist() == ["s1", "s2", "s3"]
    assert table["紧急度"].tolist() == [8, 5, 1]
    assert table.loc[0, "需求"] == "成绩下滑（-5.0分/单元）"


def test_a_student_missing_from_the_quiz_still_gets_a_profile() -> None:
    profile = student_profile("s3", **{**TABLES, "quiz": QUIZ.head(2)})
    assert profile.quiz_text() == "—"
    assert [need.kind for need in profile.needs] == []
    assert "测验得分：—" in profile.markdown()


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
    table = class_needs(**tables)
    sliding = table[table["需求"].str.contains("成绩下滑")]
    assert len(sliding) == 5
    assert set(table["学号"].head(5)) == set(sliding["学号"])


def test_planner_click_path_edit_switch_reset_export(tmp_path: Path) -> None:
    planner = GuidancePlanner(**TABLES)
    # The most urgent student is shown first, with a card and a chart.
    assert planner.student.value == "s1"
    assert "王小明" in planner.card.value and "成绩持续下滑" in planner.card.value
    assert bytes(planner.chart.value).startswith(b"\x89PNG")
    assert "（需关注）" in dict((v, k) for k, v in planner.student.options)["s1"]

    planner.student.value = "s2"
    assert "作业计划" in planner.plan.value
    planner.plan.value = "1. 周三放学后面谈\n2. 每天检查作业记录表"
    planner.student.value = "s3"
    assert "移项" in planner.plan.value
    planner.student.value = "s2"
    assert planner.plan.value.startswith("1. 周三放学后面谈")  # the edit survives a switch

    planner.export_button.click()
    assert "C5_guidance_s2.md" in planner.status.value
    text = (tmp_path / "outputs" / "C5_guidance_s2.md").read_text(encoding="utf-8")
    assert "周三放学后面谈" in text and "李华" in text and "作业完成率：65%" in text
    assert (tmp_path / "outputs" / "C5_guidance_s2.doc").exists()
    assert module_progress("C5").outputs == 1

    planner.reset_button.click()
    assert "作业计划" in planner.plan.value


def test_planner_speaks_english_when_asked() -> None:
    set_language("en")
    planner = GuidancePlanner(**TABLES)
    assert "Individual guidance planner" in planner.children[0].value
    assert "talk" in planner.plan.value
