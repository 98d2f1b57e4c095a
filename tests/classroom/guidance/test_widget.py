"""The C5 guidance planner driven headless: pick students, edit, switch, reset, export."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.classroom.guidance.tables import TABLES
from toolkit.classroom.guidance.widget import GuidancePlanner
from toolkit.i18n import set_language
from toolkit.work.progress import module_progress


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


def test_planner_click_path_edit_switch_reset_export(tmp_path: Path) -> None:
    planner = GuidancePlanner(**TABLES)
    # The most urgent student is shown first, with a card and a chart.
    assert planner.student.value == "s1"
    assert "王小明" in planner.card.value and "成绩持续下滑" in planner.card.value
    assert "60→55→50→45→40" in planner.card.value and "全班共性薄弱点" in planner.card.value
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


def test_planner_defaults_to_the_sample_class() -> None:
    planner = GuidancePlanner()
    assert len(planner.profiles) == 42 and planner.profile.sliding


def test_planner_speaks_english_when_asked() -> None:
    set_language("en")
    planner = GuidancePlanner(**TABLES)
    assert "Individual guidance planner" in planner.children[0].value
    assert "talk" in planner.plan.value
