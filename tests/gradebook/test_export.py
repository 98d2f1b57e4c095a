"""``export_csv`` writes what ``nbgrader export`` writes, from one query instead of one per row."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import nbgrader
from toolkit.course import load_course
from toolkit.demo import synthetic_cohort
from toolkit.gradebook import read_course
from toolkit.gradebook.export import EXPORT_COLUMNS, export_csv, export_table

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    course = synthetic_cohort(tmp_path_factory.mktemp("export") / "course", teachers=20, progress=False)
    # Give one submission a late penalty and extra credit, so both of nbgrader's rules are exercised.
    engine = create_engine(load_course(course).db_url)
    with engine.begin() as connection:
        notebook = connection.execute(text("SELECT id FROM submitted_notebook LIMIT 1")).scalar()
        connection.execute(
            text("UPDATE submitted_notebook SET late_submission_penalty = 1.5 WHERE id = :id"),
            {"id": notebook},
        )
        connection.execute(
            text("UPDATE grade SET extra_credit = 2.0 WHERE notebook_id = :id AND auto_score IS NOT NULL"),
            {"id": notebook},
        )
    engine.dispose()
    return course


def test_the_csv_is_byte_for_byte_what_nbgrader_export_writes(cohort: Path, tmp_path: Path) -> None:
    theirs = tmp_path / "nbgrader.csv"
    result = nbgrader(cohort, "export", "--to", str(theirs))
    assert result.returncode == 0, result.stderr[-2000:]
    ours = export_csv(cohort, out=tmp_path / "ours.csv")
    assert ours.read_text(encoding="utf-8") == theirs.read_text(encoding="utf-8")


def test_the_table_scores_everyone_for_every_assignment(cohort: Path) -> None:
    table = export_table(cohort)
    assert list(table.columns) == EXPORT_COLUMNS and len(table) == 20 * 6
    missing = table[table["timestamp"].isna()]
    assert (missing[["raw_score", "score"]] == 0).all().all()
    late = table[table["late_submission_penalty"] > 0]
    assert len(late) == 1
    row = late.iloc[0]
    assert row["score"] == max(0.0, row["raw_score"] - 1.5)
    # The dashboards' reader agrees on every assignment's maximum.
    maxima = read_course(cohort).assignments.set_index("assignment")["max_score"]
    assert table.groupby("assignment")["max_score"].first().to_dict() == maxima.to_dict()
