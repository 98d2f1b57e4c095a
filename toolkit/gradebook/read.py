"""Read a course's gradebook with a few SQL queries (never per-row ORM calls)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
from sqlalchemy import Connection, create_engine, text

from toolkit.course.config import CourseSettings, load_course

SELF_TEST = "self_test"  # the diagnosis every teacher takes; its items carry point tags

_TEACHERS = """
SELECT s.id AS teacher_id,
       COALESCE(w.name, COALESCE(s.last_name, '') || COALESCE(s.first_name, '')) AS name,
       COALESCE(w.school, '') AS school,
       COALESCE(w.subject, '') AS subject,
       COALESCE(w.stage, '') AS stage,
       COALESCE(w.research_group, '') AS research_group,
       COALESCE(w.role, 'teacher') AS role,
       COALESCE(w.active, TRUE) AS active
FROM student s LEFT JOIN workshop_teacher w ON w.teacher_id = s.id
"""

_ASSIGNMENTS = """
SELECT a.name AS assignment, COALESCE(SUM(COALESCE(gc.max_score, tc.max_score)), 0) AS max_score
FROM assignment a
LEFT JOIN notebook n ON n.assignment_id = a.id
LEFT JOIN base_cell bc ON bc.notebook_id = n.id
LEFT JOIN grade_cells gc ON gc.id = bc.id
LEFT JOIN task_cells tc ON tc.id = bc.id
GROUP BY a.name
"""

_GRADES = """
SELECT sa.student_id AS teacher_id, a.name AS assignment, n.name AS notebook,
       bc.name AS cell, COALESCE(gc.max_score, tc.max_score) AS max_score,
       COALESCE(g.manual_score, g.auto_score) AS score,
       COALESCE(g.extra_credit, 0) AS extra_credit
FROM grade g
JOIN submitted_notebook sn ON sn.id = g.notebook_id
JOIN submitted_assignment sa ON sa.id = sn.assignment_id
JOIN assignment a ON a.id = sa.assignment_id
JOIN notebook n ON n.id = sn.notebook_id
JOIN base_cell bc ON bc.id = g.cell_id
LEFT JOIN grade_cells gc ON gc.id = bc.id
LEFT JOIN task_cells tc ON tc.id = bc.id  -- rubric levels are task cells, graded by hand
"""

_SUBMISSIONS = """
SELECT sa.student_id AS teacher_id, a.name AS assignment, sa.timestamp AS submitted_at
FROM submitted_assignment sa JOIN assignment a ON a.id = sa.assignment_id
"""


@dataclass(frozen=True)
class CourseData:
    """Everything a dashboard shows, as tidy frames."""

    settings: CourseSettings
    teachers: pd.DataFrame  # one row per teacher
    assignments: pd.DataFrame  # assignment, max_score
    submissions: pd.DataFrame  # teacher_id, assignment, submitted_at
    grades: pd.DataFrame  # one row per (teacher, assignment, grade cell)

    @functools.cached_property
    def scores(self) -> pd.DataFrame:
        """Total score per graded submission: teacher_id, assignment, score, max_score."""
        if self.grades.empty:
            return pd.DataFrame(columns=["teacher_id", "assignment", "score", "max_score"])
        graded = self.grades.assign(total=self.grades["score"].fillna(0) + self.grades["extra_credit"])
        return graded.groupby(["teacher_id", "assignment"], as_index=False).agg(
            score=("total", "sum"), max_score=("max_score", "sum")
        )

    @functools.cached_property
    def self_test_shares(self) -> pd.Series:
        """Each graded teacher's self-test score as a share of its maximum, by teacher ID."""
        scores = self.scores[self.scores["assignment"] == SELF_TEST].set_index("teacher_id")
        return (scores["score"] / scores["max_score"]).where(scores["max_score"] > 0)


def _teachers(connection: Connection) -> pd.DataFrame:
    teachers = pd.read_sql_query(text(_TEACHERS), connection)
    teachers["active"] = teachers["active"].astype(bool)
    return teachers


def read_course(course_dir: str | Path) -> CourseData:
    settings = load_course(course_dir)
    engine = create_engine(settings.db_url, future=True)
    try:
        with engine.connect() as connection:
            teachers = _teachers(connection)
            assignments, submissions, grades = (
                pd.read_sql_query(text(query), connection) for query in (_ASSIGNMENTS, _SUBMISSIONS, _GRADES)
            )
    finally:
        engine.dispose()
    return CourseData(settings, teachers, assignments, submissions, grades)


def read_teachers(course_dir: str | Path) -> pd.DataFrame:
    """The course's teachers as :func:`read_course` gives them, without reading any grade: for a
    page that only needs names (a teacher's own pages load on every visit)."""
    engine = create_engine(load_course(course_dir).db_url, future=True)
    try:
        with engine.connect() as connection:
            return _teachers(connection)
    finally:
        engine.dispose()


def item_points(course_dir: str | Path, assignment: str) -> pd.DataFrame:
    """Which point and dimension each graded item tests, from the source notebooks' metadata."""
    rows = []
    source = load_course(course_dir).root / "source" / assignment
    for path in sorted(source.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            tags = cell.metadata.get("toolkit", {})
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id and tags.get("point"):
                rows.append(
                    {
                        "notebook": path.stem,
                        "cell": grade_id,
                        "point": tags["point"],
                        "dimension": tags.get("dimension", ""),
                    }
                )
    return pd.DataFrame(rows, columns=["notebook", "cell", "point", "dimension"])
