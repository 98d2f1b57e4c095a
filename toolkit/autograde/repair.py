"""Tampered or broken submitted notebooks: rebuilt from the release where that loses nothing.

Symbolic links in a submission are never followed: nbgrader copies what a
link points to, which could bring the hidden tests into the graded folder.
They are left out of the staged copy, and the submission is flagged.

A notebook whose release has no solution cells (every toolkit assignment:
answers live in answers.json and evidence files, never in the notebook) holds
nothing of the teacher's own. If such a notebook is missing, renamed, not
valid JSON, or its cells were deleted, duplicated, retyped, edited or added,
grading uses the released notebook instead, and the submission is flagged so
a trainer knows. The teacher's files are never changed: the repaired copy is
staged elsewhere. Notebooks with solution cells are left to nbgrader's own
sanitising (which restores locked and graded cells from the gradebook).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from toolkit.i18n import t


def _cells(notebook: dict[str, Any]) -> list[tuple[str, str, str]]:
    """What must match the release: each cell's type, source and nbgrader metadata."""
    cells = []
    for cell in notebook.get("cells", []):
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(source)
        nbgrader = json.dumps(cell.get("metadata", {}).get("nbgrader", {}), sort_keys=True)
        cells.append((str(cell.get("cell_type")), source, nbgrader))
    return cells


def _links(folder: Path) -> list[Path]:
    """Every symbolic link under ``folder``, relative to it (links to folders are not entered)."""
    found = []
    for root, dirs, files in os.walk(folder):
        for name in [*dirs, *files]:
            if os.path.islink(os.path.join(root, name)):
                found.append(Path(root, name).relative_to(folder))
    return sorted(found)


def _has_solution_cells(notebook: dict[str, Any]) -> bool:
    return any(cell.get("metadata", {}).get("nbgrader", {}).get("solution") for cell in notebook["cells"])


def _problem(submitted: Path, released: dict[str, Any]) -> str | None:
    """What is wrong with a submitted notebook of a no-solution release, or None."""
    try:
        notebook = json.loads(submitted.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return t("autograde.repair.invalid", name=submitted.name)
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        return t("autograde.repair.invalid", name=submitted.name)
    try:
        theirs = _cells(notebook)
    except AttributeError:
        return t("autograde.repair.invalid", name=submitted.name)
    if theirs != _cells(released):
        return t("autograde.repair.changed", name=submitted.name)
    return None


def stage_repairs(submission: Path, release: Path, staging: Path) -> list[str]:
    """Stage a repaired copy of ``submission`` at ``staging`` when it needs one; the reasons, or [].

    ``submission`` is submitted/<teacher>/<assignment>; ``release`` is release/<assignment>.
    Nothing is written when no repair is needed.
    """
    reasons: list[str] = []
    replacements: dict[str, Path] = {}
    links = _links(submission)
    if links:
        reasons.append(t("autograde.repair.links", names="、".join(str(link) for link in links)))
    extra = sorted(
        p for p in submission.glob("*.ipynb") if not p.is_symlink() and not (release / p.name).is_file()
    )
    for released_path in sorted(release.glob("*.ipynb")):
        released = json.loads(released_path.read_text(encoding="utf-8"))
        if _has_solution_cells(released):
            continue
        submitted = submission / released_path.name
        if submitted.is_symlink() or not submitted.is_file():
            renamed = extra[0].name if len(extra) == 1 else None
            reasons.append(
                t("autograde.repair.renamed", name=released_path.name, found=renamed)
                if renamed
                else t("autograde.repair.missing", name=released_path.name)
            )
            replacements[released_path.name] = released_path
            continue
        problem = _problem(submitted, released)
        if problem:
            reasons.append(problem)
            replacements[released_path.name] = released_path
    if not replacements and not links:
        return []
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(submission, staging, symlinks=True)
    for link in links:
        (staging / link).unlink()
    for name, released_path in replacements.items():
        shutil.copyfile(released_path, staging / name)
    return [t("autograde.repair.done", problems="；".join(reasons))]
