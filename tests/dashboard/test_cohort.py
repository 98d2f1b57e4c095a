"""The dashboards, built headless against the demo course (filters set through ``.value``)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from toolkit.dashboard import COURSE_ENV, CohortDashboard, PortraitDashboard, ProgressDashboard
from toolkit.environment import tools_path
from toolkit.resources import dashboard_dir

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("notebook", "expected"),
    [
        ("cohort.ipynb", ["研修坊总览", "各作业提交情况", "需要关注的教师"]),
        ("progress.ipynb", ["学时与考核", "各校合格率与档位"]),
        ("portrait.ipynb", ["教师画像", "推荐学习的模块"]),
    ],
)
def test_dashboard_notebooks_execute_against_the_demo_course(
    demo_course: Path, monkeypatch: pytest.MonkeyPatch, notebook: str, expected: list[str]
) -> None:
    monkeypatch.setenv(COURSE_ENV, str(demo_course))
    monkeypatch.setenv("PATH", tools_path())
    document = nbformat.read(dashboard_dir() / notebook, as_version=4)
    NotebookClient(document, timeout=300, kernel_name="python3").execute()
    outputs = [o for cell in document.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})], outputs
    # The widget state saved with the notebook carries what the dashboard drew.
    state = json.dumps(document.metadata["widgets"], ensure_ascii=False)
    assert all(text in state for text in expected), expected


def test_cohort_filters_change_what_is_shown(demo_course: Path) -> None:
    dashboard = CohortDashboard(demo_course)
    cards = dashboard.summary.value
    assert "参训教师" in cards and ">24<" in cards
    assert len(dashboard.images.children) == 2  # histogram and heatmap
    assert "共 24 条" in dashboard.status.label.value
    school = dashboard.filters.dropdowns["school"]
    school.value = school.options[1][1]
    assert dashboard.summary.value != cards and ">24<" not in dashboard.summary.value
    shown = dashboard.status.frame["学校"].unique().tolist()
    assert shown == [school.value]
    dashboard.filters.dropdowns["role"].value = "admin"
    assert set(dashboard.status.frame["工号"]) <= set(
        dashboard.data.teachers.loc[dashboard.data.teachers["role"] == "admin", "teacher_id"]
    )


def test_progress_and_portrait_follow_the_filters(demo_course: Path) -> None:
    progress = ProgressDashboard(demo_course)
    assert "hefei-2021" in progress.children[0].value
    everyone = progress.score_people.frame
    assert len(everyone) == 24
    progress.filters.dropdowns["role"].value = "leader"
    assert set(progress.score_people.frame["工号"]) < set(everyone["工号"])
    assert "坊主合格" in progress.scores.value and "教师合格" not in progress.scores.value

    portrait = PortraitDashboard(demo_course)
    first = portrait.card.value
    assert "教师画像" in portrait.children[0].value and "<svg" in first
    portrait.teacher.value = portrait.teacher.options[2][1]
    assert portrait.card.value != first and portrait.teacher.options[2][1] in portrait.card.value
    school = portrait.filters.dropdowns["school"]
    school.value = school.options[1][1]
    assert all(school.value in label for label, _ in portrait.teacher.options)


def test_pages_turn_a_long_table(demo_course: Path) -> None:
    dashboard = CohortDashboard(demo_course)
    dashboard.status.page_size = 10
    dashboard.status.show(dashboard.status.frame)
    assert "第 1 / 3 页，共 24 条" in dashboard.status.label.value and dashboard.status.previous.disabled
    dashboard.status.next.click()
    dashboard.status.next.click()
    assert "第 3 / 3 页" in dashboard.status.label.value and dashboard.status.next.disabled
    assert dashboard.status.body.value.count("<tr>") == 1 + 4  # the header and the last 4 teachers


def test_dashboards_without_a_course_say_how_to_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(COURSE_ENV, raising=False)
    for page in (CohortDashboard, ProgressDashboard, PortraitDashboard):
        assert "workshop dashboard" in page().children[0].value
    assert os.environ.get(COURSE_ENV) is None
