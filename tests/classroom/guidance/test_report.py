"""C5 guidance in words: findings, recommendations, the plan, the document and the class list of needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.classroom.guidance.tables import QUIZ, TABLES
from toolkit.classroom.guidance.model import student_profile
from toolkit.classroom.guidance.report import (
    class_needs,
    export_plan,
    need_finding,
    need_label,
    need_recommendation,
    plan_markdown,
    quiz_text,
    suggested_plan,
)
from toolkit.i18n import set_language
from toolkit.modules import load_sample
from toolkit.work.progress import module_progress


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


def test_a_steady_slide_becomes_a_talk_and_check_ins() -> None:
    profile = student_profile("s1", **TABLES)
    need = profile.needs[0]
    assert "60→55→50→45→40" in need_finding(need) and "-5.0" in need_finding(need)
    recommendation = need_recommendation(need)
    assert "谈话" in recommendation and "每周" in recommendation
    assert "全班共性" in suggested_plan(profile)


def test_low_homework_and_weak_points_each_get_a_recommendation() -> None:
    profile = student_profile("s2", **TABLES)
    assert "作业计划" in need_recommendation(profile.needs[0])
    by_label = {need_label(need): need for need in profile.needs if need.kind == "mastery"}
    practice = by_label["薄弱：移项"]
    assert "第3、4题" in need_recommendation(practice) and "专项" in need_recommendation(practice)
    assert "全班平均 67%" in need_finding(practice)


def test_the_plan_document_has_the_profile_the_plan_and_a_record_table() -> None:
    profile = student_profile("s3", **TABLES)
    text = plan_markdown(profile, "1. 我自己的方案")
    assert text.startswith("# 个别化指导方案：张雨（s3）")
    assert "| 移项 | 50% | 67% |" in text
    assert "1. 我自己的方案" in text and "## 跟进记录" in text
    assert "第3、4题" not in text.split("## 指导方案")[1]  # the teacher's plan replaces the suggestion


def test_a_student_missing_from_the_quiz_shows_a_dash() -> None:
    profile = student_profile("s3", **{**TABLES, "quiz": QUIZ.head(2)})
    assert quiz_text(profile) == "—"
    assert "测验得分：—" in plan_markdown(profile)
    assert "1. 保持常规关注" in suggested_plan(profile)


def test_class_needs_puts_the_slide_first_and_leaves_nobody_out() -> None:
    table = class_needs(**TABLES)
    assert table.columns.tolist() == ["学号", "姓名", "紧急度", "需求数", "需求"]
    assert table["学号"].tolist() == ["s1", "s2", "s3"]
    assert table["紧急度"].tolist() == [8, 5, 1]
    assert table.loc[0, "需求"] == "成绩下滑（-5.0分/单元）"
    assert table.loc[1, "需求"] == "作业 65%；薄弱：方程的概念；薄弱：移项"


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


def test_export_writes_markdown_and_doc_and_records_the_output(tmp_path: Path) -> None:
    md_path, doc_path = export_plan(student_profile("s2", **TABLES), "1. 周三面谈")
    assert md_path == tmp_path / "outputs" / "C5_guidance_s2.md" and doc_path.exists()
    assert "1. 周三面谈" in md_path.read_text(encoding="utf-8")
    assert module_progress("C5").outputs == 1


def test_the_words_follow_the_language() -> None:
    set_language("en")
    profile = student_profile("s1", **TABLES)
    assert need_label(profile.needs[0]) == "sliding (-5.0/unit)"
    assert "talk" in suggested_plan(profile)
    assert class_needs(**TABLES).columns.tolist()[2:] == ["Urgency", "Needs count", "Needs"]
