"""Every notebook we ship is valid nbformat, so nbformat, nbgrader and Voila read it without complaint.

An invalid notebook still opens, but nbformat logs "Notebook JSON is invalid" at every read and
write (nbgrader's logs fill with it) and falls back to its slow validator each time.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from nbformat.validator import iter_validate

REPOSITORY = Path(__file__).resolve().parent.parent
SHIPPED = sorted(
    path
    for folder in ("assignments", "course", "toolkit")
    for path in (REPOSITORY / folder).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in path.parts
)


def test_the_shipped_notebooks_are_found() -> None:
    assert len(SHIPPED) >= 32 + 30


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: str(path.relative_to(REPOSITORY)))
def test_a_shipped_notebook_is_valid_nbformat(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert [error.message for error in iter_validate(notebook)] == []
