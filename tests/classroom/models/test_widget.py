"""The C6 model explorer driven headless: sliders, model switch, a bad choice, export."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.classroom.models.tables import STUDENTS, UNITS
from toolkit.classroom.models.widget import ModelExplorer
from toolkit.work.progress import module_progress


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


def test_explorer_click_path_sliders_model_switch_export(tmp_path: Path) -> None:
    explorer = ModelExplorer(STUDENTS, UNITS)
    assert "高风险 1 人，中风险 2 人" in explorer.summary.value
    assert "王小明" in explorer.table.value and "李华" not in explorer.table.value
    assert "风险等级" in explorer.table.value and "单元成绩趋势下降 20 分" in explorer.table.value
    explorer.drop_at_least.value = 25
    assert "张雨" not in explorer.table.value
    assert "高风险 1 人，中风险 1 人" in explorer.summary.value
    explorer.homework_below.value = 40
    explorer.score_below.value = 30
    assert "没有学生触发规则" in explorer.table.value

    explorer.model.value = "linear"
    assert explorer.rules_panel.layout.display == "none"
    assert explorer.target.value == "期中成绩"
    explorer.feature.value = "第5单元"
    assert explorer.fit is not None and explorer.fit.features == ("第5单元",)
    assert "R² = " in explorer.summary.value and "回归方程" in explorer.reading.value
    assert bytes(explorer.chart.value).startswith(b"\x89PNG")

    explorer.export_button.click()
    text = (tmp_path / "outputs" / "C6_model_record.md").read_text(encoding="utf-8")
    assert "线性回归" in text and "第5单元" in text and "## 我的判断与后续行动" in text
    assert module_progress("C6").outputs == 1

    explorer.model.value = "rules"
    explorer.export()
    text = (tmp_path / "outputs" / "C6_model_record.md").read_text(encoding="utf-8")
    assert "作业完成率低于 40%" in text


def test_explorer_record_lists_the_flagged_students(tmp_path: Path) -> None:
    explorer = ModelExplorer(STUDENTS, UNITS)
    explorer.export()
    text = (tmp_path / "outputs" / "C6_model_record.md").read_text(encoding="utf-8")
    assert "| 学号 | 姓名 | 作业完成率 |" in text and "| s1 | 王小明 | 65 | 40 | 20 |" in text


def test_explorer_reports_a_bad_choice_instead_of_failing() -> None:
    explorer = ModelExplorer(STUDENTS, UNITS)
    explorer.model.value = "linear"
    explorer.feature.value = "期中成绩"  # same as the target
    assert explorer.fit is None and "不能与要预测的量相同" in explorer.summary.value


def test_explorer_defaults_to_the_sample_class() -> None:
    explorer = ModelExplorer()
    assert "全班 42 人" in explorer.summary.value
