"""The plan builder driven headless: tick, type, see the rules, reopen, export."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from toolkit.plan import PlanBuilder
from toolkit.plan.rules import default_rules, save_rules
from toolkit.work.outputs import OUTPUTS_ENV
from toolkit.work.profile import profile_block
from toolkit.work.store import AnswerStore


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(OUTPUTS_ENV, str(tmp_path / "outputs"))
    plan_folder = tmp_path / "personal_plan"
    plan_folder.mkdir()
    save_rules(default_rules(environment="B"), plan_folder / "plan_rules.yaml")
    return plan_folder


def _builder(folder: Path) -> PlanBuilder:
    return PlanBuilder(folder=folder, store=AnswerStore(folder / "answers.json"))


def _fill(builder: PlanBuilder, code: str, *, online: float = 4, practice: float = 4) -> None:
    editor = builder.editors[code]
    editor.reason.value = "自测得分低"
    editor.goal.value = "在七年级用测验数据调整讲评"
    editor.activities.value = "学习模块，上两节实践课"
    editor.start.value = dt.date(2026, 3, 1)
    editor.end.value = dt.date(2026, 4, 30)
    editor.online.value = online
    editor.practice.value = practice


def _failing(builder: PlanBuilder) -> list[str]:
    return [r.name for r in builder.check() if not r.passed]


def test_the_course_environment_greys_out_points_it_does_not_allow(folder: Path) -> None:
    builder = _builder(folder)
    assert builder.environment.value == "B"
    assert builder.boxes["B9"].disabled is False and builder.boxes["C1"].disabled is True
    builder.environment.value = "C"
    assert builder.boxes["C1"].disabled is False


def test_building_a_plan_by_clicking_meets_every_rule_and_is_saved(folder: Path) -> None:
    builder = _builder(folder)
    assert "✗ <b>至少选择 3 个能力点</b>：现在选了 0 个" in builder.rule_panel.value
    for code in ("A1", "A5", "B9"):
        builder.boxes[code].value = True
    assert [builder.accordion.get_title(i) for i in range(3)][0].startswith("A1")
    assert "每个能力点都写了目标和研修活动" in _failing(builder)
    # The evidence list comes from each point's rubric, all ticked to start with.
    assert list(builder.editors["B9"].evidence) == ["peer_plan", "rating_records", "student_voices"]
    for code in ("A1", "A5", "B9"):
        _fill(builder, code)
    assert _failing(builder) == []
    assert "计划符合全部结构规则" in builder.rule_panel.value
    saved = json.loads((folder / "answers.json").read_text(encoding="utf-8"))["answers"]["plan"]
    assert saved["environment"] == "B" and list(saved["points"]) == ["A1", "A5", "B9"]
    assert saved["points"]["A1"]["start"] == "2026-03-01" and saved["points"]["A1"]["practice_hours"] == 4


def test_breaking_a_rule_shows_its_name_while_the_teacher_works(folder: Path) -> None:
    builder = _builder(folder)
    for code in ("A1", "A5", "B9"):
        builder.boxes[code].value = True
        _fill(builder, code)
    builder.editors["B9"].practice.value = 1
    assert _failing(builder) == ["每个能力点的实践学时不少于该点学时的 50%"]
    assert "B9 线上 4 学时、实践 1 学时" in builder.rule_panel.value
    builder.editors["B9"].evidence["student_voices"].value = False
    assert "B9 未列出：学生体会" in builder.rule_panel.value
    builder.environment.value = "A"
    assert "多媒体教学环境不能选择：B9" in builder.rule_panel.value
    # A ticked point outside the environment can still be unticked.
    assert builder.boxes["B9"].disabled is False
    builder.boxes["B9"].value = False
    assert builder.boxes["B9"].disabled is True


def test_reopening_the_notebook_restores_the_plan(folder: Path) -> None:
    builder = _builder(folder)
    for code in ("A1", "A5", "B9"):
        builder.boxes[code].value = True
        _fill(builder, code, online=3, practice=5)
    builder.editors["A5"].evidence["lesson_video"].value = False
    reopened = _builder(folder)
    assert reopened.chosen() == ["A1", "A5", "B9"]
    assert reopened.editors["A1"].goal.value == "在七年级用测验数据调整讲评"
    assert reopened.editors["A1"].practice.value == 5 and reopened.editors["A1"].end.value == dt.date(
        2026, 4, 30
    )
    assert reopened.editors["A5"].evidence["lesson_video"].value is False
    assert reopened.plan() == builder.plan()


def test_export_writes_a_markdown_and_a_word_document(folder: Path, tmp_path: Path) -> None:
    builder = _builder(folder)
    builder.boxes["A1"].value = True
    _fill(builder, "A1")
    builder.export_button.click()
    markdown = (tmp_path / "outputs" / "personal_plan.md").read_text(encoding="utf-8")
    assert "## A1" in markdown and "学情分析方案、学情分析报告" in markdown
    assert "✗ 至少选择 3 个能力点：现在选了 1 个" in markdown
    word = (tmp_path / "outputs" / "personal_plan.doc").read_text(encoding="utf-8")
    assert word.startswith("<html") and "<h2>A1" in word
    assert "已导出" in builder.message.value


def test_the_self_test_profile_suggests_the_weakest_points_allowed(folder: Path) -> None:
    assert "还没有找到自测诊断的反馈" in _builder(folder).profile_panel.value
    feedback = folder.parent / "self_test" / "feedback" / "2026-03-02 09:00:00.000000 UTC"
    feedback.mkdir(parents=True)
    profile = {
        "points": {"A1": [1, 4], "A5": [3, 4], "B9": [0, 2], "C1": [0, 2]},
        "dimensions": {"learner_analysis": [1, 4], "assessment": [0, 2]},
    }
    (feedback / "self_test.html").write_text(f"<html>{profile_block(profile)}</html>", encoding="utf-8")
    panel = _builder(folder).profile_panel.value
    assert "<td>学情分析</td><td>25%</td>" in panel and "<td>学业评价</td><td>0%</td>" in panel
    # C1 scored lowest too, but the school's environment B does not allow it.
    assert "B9、A1、A5" in panel and "C1" not in panel
