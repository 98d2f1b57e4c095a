"""What is still missing in an assignment folder, said the way a teacher can act on it.

Used by the submit panel's 提交前检查 instead of nbgrader's Validate, which runs the
released notebook's (empty) grader cells and so reports success with nothing answered.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from toolkit.i18n import t
from toolkit.submission import messages  # noqa: F401  (registers the messages)
from toolkit.submission.titles import TASK
from toolkit.work.store import ANSWERS_FILE, read_answers


def _quiz_items(notebook: Path) -> list[str]:
    nb = nbformat.read(notebook, as_version=4)
    marks = [cell.metadata.get("toolkit", {}) for cell in nb.cells]
    return [mark["item"] for mark in marks if "item" in mark]


def missing_items(folder: str | Path, assignment: str) -> list[str]:
    """One line per thing still to do before ``assignment`` in ``folder`` is complete."""
    folder = Path(folder)
    answers = read_answers(folder / ANSWERS_FILE) or {}
    if assignment == "personal_plan":
        from toolkit.plan.rules import check_plan, load_rules

        plan = answers.get("plan")
        if not plan:
            return [t("submission.no_plan")]
        return [
            t("submission.rule_unmet", name=result.name, detail=result.detail)
            for result in check_plan(plan, load_rules(folder))
            if not result.passed
        ]
    match = TASK.match(assignment)
    if match:
        from toolkit.evidence.check import assignment_rubric, check_evidence

        return [
            t("submission.evidence_missing", name=status.criterion.name, detail=status.summary())
            for status in check_evidence(folder, assignment_rubric(match["code"], folder))
            if not status.complete
        ]
    from toolkit.rubric.catalogue import is_achievement

    if is_achievement(assignment):
        from toolkit.achievement import achievement_missing

        return achievement_missing(folder, assignment)
    notebook = folder / f"{assignment}.ipynb"
    if not notebook.is_file():
        return []
    answered = {key for key, value in answers.items() if value not in (None, "", [])}
    return [
        t("submission.item_unanswered", number=number)
        for number, item in enumerate(_quiz_items(notebook), start=1)
        if item not in answered
    ]
