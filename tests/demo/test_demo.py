"""Acceptance: after the demo, nbgrader's own API and CLI see the course as theirs."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from tests.conftest import nbgrader, workshop
from toolkit.course import load_course

pytestmark = pytest.mark.slow


def test_nbgrader_api_sees_24_students_and_differing_autograded_scores(demo_course: Path) -> None:
    settings = load_course(demo_course)
    with Gradebook(settings.db_url, settings.course_id) as gradebook:
        assert len(gradebook.students) == 24
        assignment = gradebook.find_assignment("self_test")
        submissions = assignment.submissions
        assert 18 <= len(submissions) <= 24
        scores = [s.score for s in submissions]
        assert len(set(scores)) >= 5, scores
        assert max(scores) <= assignment.max_score == 67
        for submission in submissions:
            notebook = submission.notebooks[0]
            assert all(g.auto_score is not None for g in notebook.grades)
        graded_ids = [submission.student.id for submission in submissions]
    for teacher_id in graded_ids:
        autograded = demo_course / "autograded" / teacher_id / "self_test"
        assert (autograded / "self_test.ipynb").is_file()
        assert (autograded / "answers.json").is_file()


def test_nbgrader_cli_still_works_in_the_course(demo_course: Path, tmp_path: Path) -> None:
    listed = nbgrader(demo_course, "db", "student", "list")
    assert listed.returncode == 0, listed.stderr
    assert "There are 24 students in the database" in listed.stdout

    exported = nbgrader(demo_course, "export", "--to", str(tmp_path / "grades.csv"))
    assert exported.returncode == 0, exported.stderr
    with (tmp_path / "grades.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    graded = {r["student_id"]: float(r["score"]) for r in rows if r["assignment"] == "self_test"}
    assert len(set(graded.values())) >= 5

    assignments = nbgrader(demo_course, "db", "assignment", "list")
    assert assignments.returncode == 0 and "self_test" in assignments.stdout


def test_demo_refuses_a_folder_with_files(demo_course: Path) -> None:
    result = workshop("demo", str(demo_course), "--no-serve")
    assert result.returncode == 2
    assert "不会覆盖" in result.stderr
