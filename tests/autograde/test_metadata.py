"""The compiled metadata check decides exactly as nbgrader's own, with nbgrader's own messages."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbgrader.nbgraderformat import MetadataValidator
from nbgrader.preprocessors import CheckCellMetadata

from toolkit.autograde.metadata import CompiledCheckCellMetadata, CompiledMetadataValidator

SELF_TEST = Path(__file__).resolve().parents[2] / "assignments" / "self_test" / "self_test.ipynb"


def _self_test() -> nbformat.NotebookNode:
    return nbformat.reads(SELF_TEST.read_text(encoding="utf-8"), as_version=4)


def _first_graded(nb: nbformat.NotebookNode) -> dict[str, Any]:
    return next(
        cell.metadata["nbgrader"] for cell in nb.cells if cell.metadata.get("nbgrader", {}).get("grade")
    )


# Each breaks the first graded cell's metadata one way; None leaves it as shipped.
BREAKS: dict[str, Callable[[dict[str, Any]], None] | None] = {
    "as shipped": None,
    "points as text": lambda meta: meta.update(points="two"),
    "negative points": lambda meta: meta.update(points=-1),
    "no grade_id": lambda meta: meta.pop("grade_id"),
    "empty grade_id": lambda meta: meta.update(grade_id=""),
    "grade not a flag": lambda meta: meta.update(grade="yes"),
    "no points": lambda meta: meta.pop("points"),
    "no locked": lambda meta: meta.pop("locked"),
    "old schema": lambda meta: meta.update(schema_version=2),
    "new schema": lambda meta: meta.update(schema_version=4),
    "unknown key": lambda meta: meta.update(colour="red"),
    "cell type as number": lambda meta: meta.update(cell_type=3),
}


def _outcome(validator: Any, nb: nbformat.NotebookNode) -> tuple[str, str]:
    try:
        validator.validate_nb(nb)
    except Exception as error:  # noqa: BLE001 - the kind and words of any failure are what we compare
        return type(error).__name__, str(error)
    return "valid", ""


@pytest.mark.parametrize("name", list(BREAKS))
def test_the_compiled_validator_agrees_with_nbgraders(name: str) -> None:
    nb = _self_test()
    breaking = BREAKS[name]
    if breaking is not None:
        breaking(_first_graded(nb))
    expected = _outcome(MetadataValidator(), copy.deepcopy(nb))
    assert _outcome(CompiledMetadataValidator(), copy.deepcopy(nb)) == expected
    assert (expected[0] == "valid") == (name == "as shipped")


def test_duplicate_grade_ids_are_refused_with_nbgraders_words() -> None:
    nb = _self_test()
    graded = [cell for cell in nb.cells if cell.metadata.get("nbgrader", {}).get("grade")]
    graded[1].metadata["nbgrader"]["grade_id"] = graded[0].metadata["nbgrader"]["grade_id"]
    expected = _outcome(MetadataValidator(), copy.deepcopy(nb))
    assert expected[0] == "ValidationError"
    assert _outcome(CompiledMetadataValidator(), nb) == expected


def test_the_preprocessor_passes_a_good_notebook_unchanged_and_fails_a_bad_one_as_nbgrader_does() -> None:
    nb = _self_test()
    before = json.dumps(nb, sort_keys=True)
    result, _ = CompiledCheckCellMetadata().preprocess(nb, {})
    assert json.dumps(result, sort_keys=True) == before

    _first_graded(nb)["points"] = "two"
    errors = []
    for preprocessor in (CheckCellMetadata(), CompiledCheckCellMetadata()):
        with pytest.raises(Exception) as raised:
            preprocessor.preprocess(copy.deepcopy(nb), {})
        errors.append((type(raised.value).__name__, str(raised.value)))
    assert (
        errors[0]
        == errors[1]
        == (
            "ValidationError",
            "Notebook failed to validate; the nbgrader metadata may be corrupted.",
        )
    )
