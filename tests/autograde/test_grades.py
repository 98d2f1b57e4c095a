"""Saving grades in one transaction leaves the gradebook exactly as nbgrader's SaveAutoGrades does."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from nbgrader.api import Gradebook
from nbgrader.preprocessors import SaveAutoGrades
from nbgrader.utils import compute_checksum
from sqlalchemy import event
from sqlalchemy.exc import SAWarning
from sqlalchemy.orm import Session

from toolkit.autograde.grades import OneCommitSaveAutoGrades
from toolkit.environment import tools_path

NOTEBOOK, ASSIGNMENT, TEACHER = "quiz", "quiz", "T0001"


def _cell(kind: str, grade_id: str, *, solution: bool, grade: bool, points: float = 0) -> Any:
    cell = new_code_cell("x = 1") if kind == "code" else new_markdown_cell("我的回答")
    cell.metadata["nbgrader"] = {
        "grade_id": grade_id,
        "grade": grade,
        "solution": solution,
        "locked": not solution,
        "schema_version": 3,
        **({"points": points} if grade else {}),
    }
    return cell


def _notebook() -> nbformat.NotebookNode:
    """A passed test, a failed test, an answered and an unanswered written answer."""
    passed = _cell("code", "test_passed", solution=False, grade=True, points=2)
    failed = _cell("code", "test_failed", solution=False, grade=True, points=3)
    failed.outputs = [new_output("error", ename="AssertionError", evalue="", traceback=[])]
    answered = _cell("markdown", "answer_given", solution=True, grade=True, points=4)
    unanswered = _cell("markdown", "answer_blank", solution=True, grade=True, points=1)
    code_answer = _cell("code", "code_answer", solution=True, grade=False)
    for cell in (answered, unanswered, code_answer):
        cell.metadata["nbgrader"]["checksum"] = compute_checksum(cell)
    answered.source = "我的回答：先分析学情，再设计活动。"
    return new_notebook(cells=[passed, failed, answered, unanswered, code_answer])


def _gradebook(folder: Path) -> str:
    url = f"sqlite:///{folder / 'gradebook.db'}"
    with Gradebook(url) as gradebook:
        gradebook.add_assignment(ASSIGNMENT)
        gradebook.add_notebook(NOTEBOOK, ASSIGNMENT)
        for cell in _notebook().cells:
            meta = cell.metadata["nbgrader"]
            if meta["grade"]:
                gradebook.add_grade_cell(
                    meta["grade_id"], NOTEBOOK, ASSIGNMENT, max_score=meta["points"], cell_type=cell.cell_type
                )
            if meta["solution"]:
                gradebook.add_solution_cell(meta["grade_id"], NOTEBOOK, ASSIGNMENT)
        gradebook.add_student(TEACHER)
        with warnings.catch_warnings():  # nbgrader's add_submission warns about its own session
            warnings.simplefilter("ignore", SAWarning)
            gradebook.add_submission(ASSIGNMENT, TEACHER)
    return url


def _saved(url: str) -> dict[str, tuple]:
    with Gradebook(url) as gradebook:
        notebook = gradebook.find_submission_notebook(NOTEBOOK, ASSIGNMENT, TEACHER)
        grades = {g.name: (g.auto_score, g.manual_score, g.needs_manual_grade) for g in notebook.grades}
        comments = {f"comment {c.name}": (c.auto_comment,) for c in notebook.comments}
    return {**grades, **comments}


def _save(step: type[SaveAutoGrades], url: str) -> int:
    """Run ``step`` on the notebook against ``url``; the number of commits it made."""
    commits = 0

    def count(*_: object) -> None:
        nonlocal commits
        commits += 1

    event.listen(Session, "after_commit", count)
    try:
        resources = {
            "nbgrader": {"notebook": NOTEBOOK, "assignment": ASSIGNMENT, "student": TEACHER, "db_url": url}
        }
        step().preprocess(_notebook(), resources)
    finally:
        event.remove(Session, "after_commit", count)
    return commits


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A gradebook made once (a new one asks the alembic command for its version: seconds)."""
    folder = tmp_path_factory.mktemp("template")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", tools_path())
        _gradebook(folder)
    return folder


@pytest.fixture
def two_gradebooks(template: Path, tmp_path: Path) -> tuple[str, str]:
    theirs, ours = tmp_path / "nbgrader", tmp_path / "ours"
    shutil.copytree(template, theirs)
    shutil.copytree(template, ours)
    return f"sqlite:///{theirs / 'gradebook.db'}", f"sqlite:///{ours / 'gradebook.db'}"


def test_the_gradebook_holds_what_nbgrader_writes_after_one_commit(two_gradebooks: tuple[str, str]) -> None:
    theirs, ours = two_gradebooks
    before = _saved(ours)
    their_commits = _save(SaveAutoGrades, theirs)
    our_commits = _save(OneCommitSaveAutoGrades, ours)

    assert _saved(ours) == _saved(theirs) != before
    assert _saved(ours)["test_passed"] == (2.0, None, False)
    assert _saved(ours)["test_failed"] == (0.0, None, False)
    assert _saved(ours)["answer_given"][2] is True  # a written answer waits for a grader
    assert _saved(ours)["comment answer_blank"] == ("No response.",)
    assert our_commits == 2  # nbgrader's Gradebook commits once on opening, then the grades once
    assert their_commits == 1 + 4 + 3  # opening, then one per grade and one per written answer


def test_a_manual_grade_is_kept_and_marked_for_review_as_nbgrader_does(
    two_gradebooks: tuple[str, str],
) -> None:
    theirs, ours = two_gradebooks
    for url in two_gradebooks:
        with Gradebook(url) as gradebook:
            gradebook.find_grade("test_failed", NOTEBOOK, ASSIGNMENT, TEACHER).manual_score = 1.5
            gradebook.db.commit()
    _save(SaveAutoGrades, theirs)
    _save(OneCommitSaveAutoGrades, ours)
    assert _saved(ours) == _saved(theirs)
    assert _saved(ours)["test_failed"] == (0.0, 1.5, True)


def test_a_step_that_fails_half_way_writes_none_of_the_notebooks_grades(
    two_gradebooks: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, ours = two_gradebooks
    before = _saved(ours)
    calls = 0
    add_comment = SaveAutoGrades._add_comment

    def fail_on_second(self: SaveAutoGrades, cell: Any, resources: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError("disk full")
        add_comment(self, cell, resources)

    monkeypatch.setattr(SaveAutoGrades, "_add_comment", fail_on_second)
    with pytest.raises(OSError, match="disk full"):
        _save(OneCommitSaveAutoGrades, ours)
    assert _saved(ours) == before
