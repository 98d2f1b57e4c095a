"""Reading the stored cells once per notebook restores a tampered submission exactly as nbgrader does."""

from __future__ import annotations

import copy
import logging
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from nbgrader.api import Gradebook
from nbgrader.preprocessors import OverwriteCells, SaveCells
from nbgrader.utils import compute_checksum
from sqlalchemy import event
from sqlalchemy.engine import Engine

from toolkit.autograde.cells import PrefetchedOverwriteCells
from toolkit.environment import tools_path

NOTEBOOK, ASSIGNMENT = "quiz", "quiz"


def _cell(cell: Any, grade_id: str, *, solution: bool, grade: bool, locked: bool, points: float = 0) -> Any:
    cell.metadata["nbgrader"] = {
        "grade_id": grade_id,
        "grade": grade,
        "solution": solution,
        "locked": locked,
        "schema_version": 3,
        **({"points": points} if grade else {}),
    }
    return cell


def _release() -> nbformat.NotebookNode:
    nb = new_notebook(
        cells=[
            _cell(new_markdown_cell("## 第一题"), "intro", solution=False, grade=False, locked=True),
            _cell(new_code_cell("answer = None"), "answer", solution=True, grade=False, locked=False),
            _cell(
                new_code_cell("assert answer == 3"),
                "test_one",
                solution=False,
                grade=True,
                locked=True,
                points=2,
            ),
            _cell(
                new_markdown_cell("写下你的想法"), "essay", solution=True, grade=True, locked=False, points=4
            ),
            _cell(
                new_code_cell("assert True"), "test_two", solution=False, grade=True, locked=True, points=1
            ),
        ]
    )
    for number, cell in enumerate(nb.cells):
        cell.id = f"cell-{number}"  # fixed, so two copies compare equal
        cell.metadata["nbgrader"]["checksum"] = compute_checksum(cell)  # as generate_assignment stores it
    return nb


def _tampered() -> nbformat.NotebookNode:
    """A submission that changed what it may not: every kind of change OverwriteCells repairs."""
    nb = _release()
    nb.cells[1].source = "answer = 3"  # an answer: allowed
    nb.cells[0].source = "## 改过的题目"  # a locked cell's text
    nb.cells[2].source = "assert True  # 改成必过"  # a hidden test made to pass
    nb.cells[2].metadata["nbgrader"]["points"] = 20  # more points
    nb.cells[3].cell_type = "code"  # a written answer turned into code
    nb.cells[3].outputs, nb.cells[3].execution_count = [], None
    nb.cells[0].metadata["nbgrader"]["locked"] = False  # a locked text cell unlocked
    stranger = _cell(new_code_cell("x = 1"), "not_in_gradebook", solution=True, grade=False, locked=False)
    stranger.id = "stranger"
    nb.cells.append(stranger)  # a cell the gradebook does not know
    return nb


def _resources(url: str) -> dict[str, Any]:
    return {"nbgrader": {"notebook": NOTEBOOK, "assignment": ASSIGNMENT, "db_url": url}}


@pytest.fixture(scope="module")
def gradebooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One gradebook holding the released notebook's cells, one with the assignment only.

    Made once: a new gradebook asks the alembic command for its version (seconds), and
    OverwriteCells only reads them.
    """
    folder = tmp_path_factory.mktemp("gradebooks")
    urls = {name: f"sqlite:///{folder / name}.db" for name in ("released", "assignment only")}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", tools_path())
        for url in urls.values():
            with Gradebook(url) as gradebook:
                gradebook.add_assignment(ASSIGNMENT)
    SaveCells().preprocess(_release(), _resources(urls["released"]))
    return urls


def _overwrite(
    step: type[OverwriteCells], url: str, caplog: pytest.LogCaptureFixture
) -> tuple[Any, list, int]:
    """The repaired notebook, what the step warned, and how many queries it made."""
    queries = 0

    def count(*_: object) -> None:
        nonlocal queries
        queries += 1

    event.listen(Engine, "before_cursor_execute", count)
    caplog.clear()
    try:
        with caplog.at_level(logging.WARNING):
            processor = step()
            processor.log = logging.getLogger("test-overwrite")
            nb, _ = processor.preprocess(copy.deepcopy(_tampered()), _resources(url))
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    return nb, [record.getMessage() for record in caplog.records], queries


def test_a_tampered_submission_is_restored_as_nbgrader_restores_it(
    gradebooks: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    gradebook_url = gradebooks["released"]
    theirs, their_warnings, their_queries = _overwrite(OverwriteCells, gradebook_url, caplog)
    ours, our_warnings, our_queries = _overwrite(PrefetchedOverwriteCells, gradebook_url, caplog)

    assert ours == theirs
    assert our_warnings == their_warnings
    assert ours.cells[0].source == "## 第一题"
    assert ours.cells[1].source == "answer = 3"
    assert ours.cells[2].source == "assert answer == 3"
    assert ours.cells[2].metadata["nbgrader"]["points"] == 2.0
    assert ours.cells[3].cell_type == "markdown"
    assert ours.cells[0].metadata["nbgrader"]["locked"] is True
    assert "grade_id" not in ours.cells[5].metadata["nbgrader"]
    assert any("not_in_gradebook" in warning for warning in our_warnings)
    assert our_queries < their_queries  # a few reads for the notebook instead of one or two per cell


def test_an_assignment_unknown_to_the_gradebook_is_handled_as_nbgrader_handles_it(
    gradebooks: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    other = gradebooks["assignment only"]
    theirs, their_warnings, _ = _overwrite(OverwriteCells, other, caplog)
    ours, our_warnings, _ = _overwrite(PrefetchedOverwriteCells, other, caplog)
    assert ours == theirs
    assert our_warnings == their_warnings
    assert all("grade_id" not in cell.metadata["nbgrader"] for cell in ours.cells)
