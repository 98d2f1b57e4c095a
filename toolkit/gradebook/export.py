"""The table ``nbgrader export`` writes (one row per assignment × student), read with one set-based
query. nbgrader builds it with a query per student per assignment, each scanning the grade table,
which takes minutes for a few hundred teachers and most of an hour for thousands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from sqlalchemy import create_engine, text

from toolkit.atomic import write_text_atomic
from toolkit.course.config import load_course

# nbgrader's CsvExportPlugin columns, in its order.
EXPORT_COLUMNS = [
    "assignment",
    "duedate",
    "timestamp",
    "student_id",
    "last_name",
    "first_name",
    "email",
    "raw_score",
    "late_submission_penalty",
    "score",
    "max_score",
]

# The same figures as nbgrader's column properties: a grade's score is its manual score, else its
# automatic one, plus extra credit; an assignment's maximum sums its grade cells and task cells.
_EXPORT = """
WITH raw AS (
    SELECT sn.assignment_id AS submission_id,
           SUM(CASE WHEN g.manual_score IS NOT NULL THEN g.manual_score + COALESCE(g.extra_credit, 0.0)
                    WHEN g.auto_score IS NOT NULL THEN g.auto_score + COALESCE(g.extra_credit, 0.0)
                    ELSE 0.0 END) AS raw_score
    FROM grade g JOIN submitted_notebook sn ON sn.id = g.notebook_id
    GROUP BY sn.assignment_id
), penalty AS (
    SELECT assignment_id AS submission_id, COALESCE(SUM(late_submission_penalty), 0.0) AS penalty
    FROM submitted_notebook GROUP BY assignment_id
), grade_max AS (
    SELECT n.assignment_id, SUM(gc.max_score) AS total
    FROM grade_cells gc JOIN base_cell bc ON bc.id = gc.id JOIN notebook n ON n.id = bc.notebook_id
    GROUP BY n.assignment_id
), task_max AS (
    SELECT n.assignment_id, SUM(tc.max_score) AS total
    FROM task_cells tc JOIN base_cell bc ON bc.id = tc.id JOIN notebook n ON n.id = bc.notebook_id
    GROUP BY n.assignment_id
)
SELECT a.name AS assignment, a.duedate AS duedate, sa.timestamp AS timestamp, s.id AS student_id,
       s.last_name AS last_name, s.first_name AS first_name, s.email AS email,
       CASE WHEN sa.id IS NULL THEN 0.0 ELSE COALESCE(raw.raw_score, 0.0) END AS raw_score,
       CASE WHEN sa.id IS NULL THEN 0.0 ELSE COALESCE(penalty.penalty, 0.0) END AS late_submission_penalty,
       COALESCE(grade_max.total, 0.0) + COALESCE(task_max.total, 0.0) AS max_score
FROM assignment a
CROSS JOIN student s
LEFT JOIN submitted_assignment sa ON sa.assignment_id = a.id AND sa.student_id = s.id
LEFT JOIN raw ON raw.submission_id = sa.id
LEFT JOIN penalty ON penalty.submission_id = sa.id
LEFT JOIN grade_max ON grade_max.assignment_id = a.id
LEFT JOIN task_max ON task_max.assignment_id = a.id
ORDER BY a.duedate, a.name, s.last_name, s.first_name, s.id
"""


def export_table(course_dir: str | Path) -> pd.DataFrame:
    """``nbgrader export``'s table as a DataFrame (EXPORT_COLUMNS; a missing submission scores 0)."""
    settings = load_course(course_dir)
    engine = create_engine(settings.db_url, future=True)
    try:
        with engine.connect() as connection:
            frame = pd.read_sql_query(text(_EXPORT), connection, parse_dates=["duedate", "timestamp"])
    finally:
        engine.dispose()
    frame["score"] = (frame["raw_score"] - frame["late_submission_penalty"]).clip(lower=0.0)
    return frame[EXPORT_COLUMNS]


def _text(value: object) -> str:
    """A value written as nbgrader's exporter writes it: str(), and nothing for a missing one."""
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return str(value.to_pydatetime())
    if isinstance(value, dt.datetime):
        return str(value)
    return str(value)


def export_csv(course_dir: str | Path, *, out: str | Path) -> Path:
    """Write the same CSV as ``nbgrader export --to OUT``, from one query, atomically."""
    frame = export_table(course_dir)
    lines = [",".join(EXPORT_COLUMNS)]
    lines += [",".join(_text(value) for value in row) for row in frame.itertuples(index=False)]
    target = Path(out)
    write_text_atomic(target, "\n".join(lines) + "\n")
    return target


_CELL_SCORES = text(
    """
    SELECT sa.student_id, c.name, g.auto_score
    FROM grade g
    JOIN submitted_notebook sn ON g.notebook_id = sn.id
    JOIN submitted_assignment sa ON sn.assignment_id = sa.id
    JOIN assignment a ON sa.assignment_id = a.id
    JOIN base_cell c ON g.cell_id = c.id
    WHERE a.name = :assignment
    """
)


def cell_scores(course_dir: str | Path, assignment: str) -> dict[tuple[str, str], float | None]:
    """(teacher id, grade cell) → the automatic score nbgrader stored, for one assignment."""
    engine = create_engine(load_course(course_dir).db_url, future=True)
    try:
        with engine.connect() as connection:
            rows = connection.execute(_CELL_SCORES, {"assignment": assignment})
            return {(teacher, cell): score for teacher, cell, score in rows}
    finally:
        engine.dispose()
