"""The shared-database path: a course whose gradebook lives in a real PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from tests.conftest import nbgrader, roster, workshop
from toolkit.course import init_course, load_course
from toolkit.gradebook import read_course

pytestmark = pytest.mark.postgresql


def test_course_on_postgresql(tmp_path: Path, postgresql_url: str) -> None:
    file = roster(tmp_path / "r.csv", ["00123,张伟,城南中学,数学,教师", "00124,欧阳娜娜,城南中学,语文,坊主"])
    result = workshop("init", str(tmp_path / "course"), "--roster", str(file), "--db", postgresql_url)
    assert result.returncode == 0, result.stderr
    course = tmp_path / "course"
    assert not (course / "gradebook.db").exists()
    assert load_course(course).db_url == postgresql_url

    listed = nbgrader(course, "db", "student", "list")
    assert listed.returncode == 0, listed.stderr
    assert "00124 (欧阳, 娜娜)" in listed.stdout

    # Re-running with a changed roster keeps the teacher who left, as inactive.
    changed = roster(tmp_path / "r2.csv", ["00123,张伟,阳光小学,数学,教师"])
    report = init_course(course, roster=changed)
    assert (report.added, report.updated, report.kept_inactive) == (0, 1, 1)
    teachers = read_course(course).teachers.set_index("teacher_id")
    assert teachers.loc["00123", "school"] == "阳光小学"
    assert not teachers.loc["00124", "active"]
    with Gradebook(postgresql_url, load_course(course).course_id) as gradebook:
        assert len(gradebook.students) == 2


def test_unreachable_postgresql_exits_2(tmp_path: Path) -> None:
    file = roster(tmp_path / "r.csv", ["00123,张伟,城南中学,数学,教师"])
    url = "postgresql+psycopg2://postgres@127.0.0.1:1/none"
    result = workshop("init", str(tmp_path / "course"), "--roster", str(file), "--db", url)
    assert result.returncode == 2
    assert url in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "course").exists()
