"""The toolkit's own tables, kept in the nbgrader gradebook database (one database)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

teacher = Table(
    "workshop_teacher",
    metadata,
    Column("teacher_id", String(128), primary_key=True),
    Column("name", String(128), nullable=False),
    Column("school", String(256), nullable=False, default=""),
    Column("subject", String(64), nullable=False, default=""),
    Column("stage", String(64), nullable=False, default=""),
    Column("research_group", String(128), nullable=False, default=""),
    Column("role", String(16), nullable=False, default="teacher"),
    Column("phone", String(64), nullable=False, default=""),
    Column("email", String(256), nullable=False, default=""),
    Column("active", Boolean, nullable=False, default=True),
    Column("joined_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

setting = Table(
    "workshop_setting",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# Superseded or withdrawn records are copied here, never deleted.
archive = Table(
    "workshop_archive",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),
    Column("teacher_id", String(128), nullable=False, index=True),
    Column("reason", String(64), nullable=False),
    Column("record", Text, nullable=False),
    Column("archived_at", DateTime, nullable=False),
)

# Roster field name -> column name (``group`` is an SQL keyword).
TEACHER_FIELDS = {
    "name": "name",
    "school": "school",
    "subject": "subject",
    "stage": "stage",
    "group": "research_group",
    "role": "role",
    "phone": "phone",
    "email": "email",
}

# Rubric grading done at the desk: who graded what, when, with which indicators ticked.
# A regrade adds a row and marks the earlier one superseded; nothing is deleted.
rubric_grade = Table(
    "workshop_rubric_grade",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("assignment", String(128), nullable=False, index=True),
    Column("teacher_id", String(128), nullable=False, index=True),
    Column("rubric_id", String(128), nullable=False),
    Column("level", String(32), nullable=False),
    Column("level_name", String(32), nullable=False),
    Column("score", Float, nullable=False),
    Column("ticks", Text, nullable=False),  # JSON: criterion id → ticked indicators
    Column("missing", Text, nullable=False),  # JSON: criteria whose evidence was missing
    Column("comment", Text, nullable=False, default=""),
    Column("grader", String(128), nullable=False),
    Column("graded_at", DateTime, nullable=False),
    Column("superseded", Boolean, nullable=False, default=False),
)

# A grader's recommendation of a submission for the programme's collections (成果集), whatever
# its level; each change is a new row, the latest one per submission counts.
recommendation = Table(
    "workshop_recommendation",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("assignment", String(128), nullable=False, index=True),
    Column("teacher_id", String(128), nullable=False, index=True),
    Column("recommended", Boolean, nullable=False),
    Column("grader", String(128), nullable=False),
    Column("at", DateTime, nullable=False),
)

# Comments a grader added to a rubric's comment bank (the rubric file holds the standard ones).
comment_bank = Table(
    "workshop_comment_bank",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("rubric_id", String(128), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("added_by", String(128), nullable=False),
    Column("added_at", DateTime, nullable=False),
)

# The research ledger as imported: one active row per (teacher, activity). A re-import that
# changes a row marks the old one superseded (kept) and adds the new one; nothing is deleted.
ledger = Table(
    "workshop_ledger",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("teacher_id", String(128), nullable=False, index=True),
    Column("activity_id", String(256), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("hours", Float),
    Column("minutes", Float),
    Column("score", Float),
    Column("activity_date", String(10)),
    Column("evidence", Text, nullable=False, default=""),
    Column("source_file", Text, nullable=False),
    Column("source_row", Integer, nullable=False),
    Column("imported_at", DateTime, nullable=False),
    Column("superseded", Boolean, nullable=False, default=False),
    Column("lesson", String(256)),  # the lesson a lesson-study stage belongs to (added later)
)

# Columns added to a table after courses already had it: create_all() does not add them to an
# existing table, so they are added on first use, leaving every row as it was.
ADDED_COLUMNS = {"workshop_ledger": {"lesson": "VARCHAR(256)"}}


def add_missing_columns(engine: object) -> None:
    """Bring an older course database's tables up to ADDED_COLUMNS (after create_all)."""
    from sqlalchemy import inspect, text

    inspector = inspect(engine)
    with engine.begin() as connection:  # type: ignore[attr-defined]
        for table, columns in ADDED_COLUMNS.items():
            if not inspector.has_table(table):
                continue
            present = {column["name"] for column in inspector.get_columns(table)}
            for name, sql_type in columns.items():
                if name not in present:
                    connection.execute(text(f"ALTER TABLE {table} ADD COLUMN {name} {sql_type}"))


# One row per autograding of a submission by `workshop grade`. A regrade adds a row and marks
# the earlier one superseded; the latest row says whether a submission still needs grading.
autograde_run = Table(
    "workshop_autograde_run",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("assignment", String(128), nullable=False, index=True),
    Column("teacher_id", String(128), nullable=False, index=True),
    Column("status", String(16), nullable=False),  # graded, flagged, failed
    Column("reasons", Text, nullable=False),  # JSON list of reasons, in the language of the run
    Column("fingerprint", String(64), nullable=False),  # of the submitted files when graded
    Column("seconds", Float, nullable=False),
    Column("graded_at", DateTime, nullable=False),
    Column("superseded", Boolean, nullable=False, default=False),
)

# The school-based research flow (校本研修, seed 003) as an append-only log: every step (theme, group,
# plan, confirmation, topic, activity, completion, evidence, improvement plan, point summary,
# acceptance) is a row; the current state is the log replayed, so nothing is ever lost.
research_event = Table(
    "workshop_research_event",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False, index=True),
    Column("subject", String(256), nullable=False),
    Column("actor", String(128), nullable=False),
    Column("data", Text, nullable=False),  # JSON
    Column("at", DateTime, nullable=False),
)

# Lesson ratings by every party (seed 004): one row per rater and criterion. A new import of the
# same rater for the same lesson supersedes the old rows, which stay.
lesson_rating = Table(
    "workshop_lesson_rating",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("lesson", String(256), nullable=False),
    Column("teacher_id", String(128), nullable=False, index=True),
    Column("party", String(32), nullable=False),
    Column("rater", String(128), nullable=False),
    Column("criterion", String(64), nullable=False),
    Column("score", Integer, nullable=False),
    Column("standard", String(128), nullable=False),
    Column("source_file", Text, nullable=False),
    Column("source_row", Integer, nullable=False),
    Column("imported_at", DateTime, nullable=False),
    Column("superseded", Boolean, nullable=False, default=False),
)
