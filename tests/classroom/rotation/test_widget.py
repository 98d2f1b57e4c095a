"""The B8 rotation planner driven headless: generate, read the status and tables, export, no priority."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.classroom.rotation.tables import FIVE, TWO
from toolkit.classroom.rotation.model import fairness_report, rotation_schedule
from toolkit.classroom.rotation.widget import RotationPlanner, fairness_html
from toolkit.modules import load_sample


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


def test_the_fairness_check_in_words() -> None:
    report = fairness_report(rotation_schedule(FIVE, TWO, sessions=1), FIVE)
    assert "每人使用 0–1 次" in fairness_html(report)
    assert "<table" in fairness_html(report)


def test_planner_click_path_builds_shows_and_exports(tmp_path: Path) -> None:
    students = load_sample("class_7a_students.csv")
    planner = RotationPlanner(students, load_sample("devices.csv"))
    assert planner.priority.value == "家中设备"
    planner.export_button.click()
    assert "请先点击" in planner.status.value and not list(tmp_path.glob("*.csv"))

    planner.sessions.value = 5
    planner.run_button.click()
    assert planner.schedule is not None and len(planner.schedule) == 65
    assert "可用设备 13 台" in planner.status.value and "PAD-09（维修中）" in planner.status.value
    assert "每人 1–2 次" in planner.status.value
    assert (
        "第5节" in planner.grid.value
        and "PAD-14" in planner.grid.value
        and "PAD-09" not in planner.grid.value
    )
    assert "23" in planner.counts.value and "19" in planner.counts.value

    planner.export_button.click()
    grid = pd.read_csv(tmp_path / "B8_rotation.csv", encoding="utf-8-sig", index_col=0)
    assert grid.index.tolist() == [f"第{n}节" for n in range(1, 6)] and len(grid.columns) == 13
    counts = pd.read_csv(tmp_path / "B8_rotation_counts.csv", encoding="utf-8-sig", dtype={"学号": str})
    assert counts.columns.tolist() == ["学号", "姓名", "家中设备", "次数"] and len(counts) == 42
    assert "B8_rotation.csv" in planner.status.value

    planner.priority.value = None
    planner.sessions.value = 1
    planner.run_button.click()
    assert planner.report is not None and (planner.report.minimum, planner.report.maximum) == (0, 1)


def test_planner_without_a_priority_column_offers_no_priority() -> None:
    planner = RotationPlanner(FIVE.drop(columns="家中设备"), TWO)
    assert [value for _, value in planner.priority.options] == [None]
    planner.run_button.click()
    assert planner.schedule is not None and len(planner.schedule) == 10
