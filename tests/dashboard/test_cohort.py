"""The cohort dashboard, executed headless against the demo course."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from toolkit.dashboard import COURSE_ENV, CohortDashboard
from toolkit.environment import tools_path
from toolkit.resources import dashboard_dir

pytestmark = pytest.mark.slow


def test_dashboard_notebook_executes_against_the_demo_course(
    demo_course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(COURSE_ENV, str(demo_course))
    monkeypatch.setenv("PATH", tools_path())
    notebook = nbformat.read(dashboard_dir() / "cohort.ipynb", as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3").execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    views = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert views, outputs
    # The widget state saved with the notebook carries what the dashboard drew.
    state = json.dumps(notebook.metadata["widgets"], ensure_ascii=False)
    assert "研修坊总览" in state and "各作业提交情况" in state


def test_filters_change_what_is_shown(demo_course: Path) -> None:
    dashboard = CohortDashboard(demo_course)
    cards = dashboard.summary.value
    assert "参训教师" in cards and ">24<" in cards
    assert len(dashboard.images.children) == 2  # histogram and heatmap
    dashboard.school.value = dashboard.school.options[1]
    assert dashboard.summary.value != cards
    assert ">24<" not in dashboard.summary.value
    assert "self_test" in dashboard.table.value


def test_dashboard_without_a_course_says_how_to_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(COURSE_ENV, raising=False)
    assert "workshop dashboard" in CohortDashboard().children[0].value
    assert os.environ.get(COURSE_ENV) is None
