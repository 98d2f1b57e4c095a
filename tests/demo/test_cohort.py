"""A synthetic cohort written straight into the gradebook must read, to nbgrader, as a graded course."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest
from nbgrader.api import Gradebook
from sqlalchemy import create_engine, text

from toolkit.course import load_course
from toolkit.course.nbgrader_run import run_nbgrader
from toolkit.demo import synthetic_cohort
from toolkit.demo.cohort import COHORT_ASSIGNMENTS, POINT_TASKS
from toolkit.desk import GradingDesk
from toolkit.errors import InputError
from toolkit.gradebook import SELF_TEST, read_course

pytestmark = pytest.mark.slow

TEACHERS = 30

# Every grade row with its cell's maximum, whether the cell is a grade cell or a task cell.
_GRADE_ROWS = """
SELECT a.name AS assignment, bc.type AS kind, bc.name AS cell, g.auto_score, g.manual_score,
       g.needs_manual_grade, COALESCE(gc.max_score, tc.max_score) AS max_score
FROM grade g
JOIN base_cell bc ON bc.id = g.cell_id
JOIN notebook n ON n.id = bc.notebook_id
JOIN assignment a ON a.id = n.assignment_id
LEFT JOIN grade_cells gc ON gc.id = bc.id
LEFT JOIN task_cells tc ON tc.id = bc.id
"""


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_cohort(tmp_path_factory.mktemp("cohort") / "course", teachers=TEACHERS, progress=False)


@pytest.fixture(scope="module")
def exported(cohort: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    """``nbgrader export`` run for real in the course: one row per (student, assignment)."""
    out = tmp_path_factory.mktemp("export") / "grades.csv"
    run_nbgrader(cohort, ["export", "--to", str(out)])
    with out.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _scores(course: Path) -> dict[tuple[str, str], float]:
    return {(r.teacher_id, r.assignment): float(r.score) for r in read_course(course).scores.itertuples()}


def test_read_course_sees_the_teachers_assignments_and_shares(cohort: Path) -> None:
    data = read_course(cohort)
    assert len(data.teachers) == TEACHERS
    assert sorted(data.assignments["assignment"]) == sorted(COHORT_ASSIGNMENTS)
    takers = data.submissions.groupby("assignment")["teacher_id"].nunique()
    assert takers[SELF_TEST] >= 0.6 * TEACHERS and takers["personal_plan"] >= 0.6 * TEACHERS
    assert all(0 < takers[task] < 0.6 * TEACHERS for task in POINT_TASKS)
    assert sorted(map(tuple, data.scores[["teacher_id", "assignment"]].values)) == sorted(
        map(tuple, data.submissions[["teacher_id", "assignment"]].values)
    )
    assert data.scores.loc[data.scores["assignment"] == SELF_TEST, "score"].nunique() >= 5


def test_every_grade_stays_within_its_cell_and_task_levels_are_partly_given(cohort: Path) -> None:
    settings = load_course(cohort)
    engine = create_engine(settings.db_url)
    try:
        with engine.connect() as connection:
            grades = pd.read_sql_query(text(_GRADE_ROWS), connection)
    finally:
        engine.dispose()
    auto = grades.dropna(subset=["auto_score"])
    assert ((auto["auto_score"] >= 0) & (auto["auto_score"] <= auto["max_score"])).all()
    rubric = grades[grades["assignment"].isin(POINT_TASKS) & (grades["kind"] == "TaskCell")]
    assert rubric["auto_score"].isna().all()
    assert rubric["manual_score"].notna().any() and rubric["manual_score"].isna().any()
    assert (rubric["needs_manual_grade"].astype(bool) == rubric["manual_score"].isna()).all()

    history = GradingDesk(cohort).history()
    given = rubric["manual_score"].notna().sum()
    assert len(history) == given and not history["superseded"].any()
    assert set(history["level_name"]) <= {"优秀", "合格", "不合格"}
    submitted = set(map(tuple, read_course(cohort).submissions[["teacher_id", "assignment"]].values))
    assert set(zip(history["teacher_id"], history["assignment"], strict=True)) <= submitted


def test_nbgrader_export_lists_exactly_our_submissions(cohort: Path, exported: list[dict[str, str]]) -> None:
    assert len(exported) == TEACHERS * len(COHORT_ASSIGNMENTS)
    submitted = {(r["student_id"], r["assignment"]) for r in exported if r["timestamp"]}
    assert submitted == set(_scores(cohort))
    assert all(float(r["score"]) == 0 for r in exported if not r["timestamp"])


def test_nbgrader_export_gives_our_scores(cohort: Path, exported: list[dict[str, str]]) -> None:
    ours = _scores(cohort)
    theirs = {(r["student_id"], r["assignment"]): float(r["score"]) for r in exported if r["timestamp"]}
    differ = {
        key: (theirs[key], ours.get(key)) for key in theirs if theirs[key] != pytest.approx(ours.get(key))
    }
    assert not differ, f"(teacher, assignment): (nbgrader export, read_course): {sorted(differ.items())}"


def test_nbgrader_gradebook_finds_a_submission_with_our_score(cohort: Path) -> None:
    data = read_course(cohort)
    ours = data.scores[data.scores["assignment"] == SELF_TEST].iloc[0]
    settings = load_course(cohort)
    with Gradebook(settings.db_url, settings.course_id) as gradebook:
        submission = gradebook.find_submission(SELF_TEST, ours["teacher_id"])
        assert submission.score == pytest.approx(ours["score"])
        assert submission.max_score == pytest.approx(ours["max_score"])
        assert submission.timestamp is not None
        assert re.fullmatch(r"[0-9a-f]{32}", submission.id)  # nbgrader's new_uuid()
        notebook = submission.notebooks[0]
        # A grade for every grade and task cell, as nbgrader's add_submission makes them.
        assert len(notebook.grades) == len(notebook.notebook.grade_cells) + len(notebook.notebook.task_cells)
        assert not notebook.needs_manual_grade


def test_the_same_seed_gives_the_same_scores(cohort: Path, tmp_path: Path) -> None:
    again = synthetic_cohort(tmp_path / "again", teachers=TEACHERS, progress=False)
    assert _scores(again) == _scores(cohort)
    levels = ["teacher_id", "assignment", "level", "score", "ticks"]
    pd.testing.assert_frame_equal(GradingDesk(again).history()[levels], GradingDesk(cohort).history()[levels])


def test_refuses_a_folder_with_files_and_an_empty_cohort(cohort: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError):
        synthetic_cohort(cohort, teachers=3, progress=False)
    with pytest.raises(InputError):
        synthetic_cohort(tmp_path / "none", teachers=0, progress=False)
