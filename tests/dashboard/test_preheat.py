"""Preheated pages: prepared ahead, never staler than a cold one, and shaped by their address."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from toolkit.dashboard import COURSE_ENV, CohortDashboard, PortraitDashboard
from toolkit.dashboard.preheat import PreheatedPage
from toolkit.desk import GradingDeskApp

pytestmark = pytest.mark.slow


@pytest.fixture
def course(demo_course: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "course"
    shutil.copytree(demo_course, copy)
    return copy


def test_an_unchanged_course_gets_the_page_built_ahead(course: Path) -> None:
    page = PreheatedPage(CohortDashboard, course_dir=course)
    built = page.built
    assert built is not None and "参训教师" in built.summary.value
    assert page.show() is built
    assert page.show() is built  # asked again, still nothing to read


def test_a_grade_given_after_preheating_is_on_the_page(course: Path) -> None:
    page = PreheatedPage(CohortDashboard, course_dir=course)
    before = page.built
    assert before is not None
    teacher = before.data.teachers["teacher_id"].iloc[0]
    with sqlite3.connect(course / "gradebook.db") as connection:
        # A teacher archived after the page was prepared: 23 active teachers from now on.
        connection.execute("UPDATE workshop_teacher SET active = 0 WHERE teacher_id = ?", (teacher,))
    shown = page.show()
    assert shown is not before
    assert ">23<" in shown.summary.value and ">24<" in before.summary.value


def test_the_address_chooses_the_teacher(course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = PreheatedPage(PortraitDashboard, course_dir=course)
    teachers = list(page.data.teachers["teacher_id"])
    monkeypatch.setenv("QUERY_STRING", f"teacher={teachers[3]}")
    shown = page.show()
    assert shown.teacher.value == teachers[3]
    assert teachers[3] in shown.card.value


def test_the_desk_is_built_only_when_asked_for(course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(COURSE_ENV, str(course))
    page = PreheatedPage(GradingDeskApp, reads_course=False)
    assert page.built is None
    desk = page.show()
    assert isinstance(desk, GradingDeskApp) and desk.assignment.options


def test_without_a_course_the_page_says_how_to_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(COURSE_ENV, raising=False)
    assert "workshop dashboard" in PreheatedPage(CohortDashboard).show().children[0].value
