"""Completeness credit for a point's evidence, called by the hidden test of a task assignment."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from toolkit.evidence.check import EvidenceStatus, assignment_rubric, check_evidence
from toolkit.grading.report import show_result


def evidence_items(statuses: Iterable[EvidenceStatus]) -> list[dict[str, object]]:
    """The rows of the feedback's completeness table, one per evidence item."""
    return [
        {
            "id": s.criterion.id,
            "name": s.criterion.name,
            "task": s.criterion.task,
            "complete": s.complete,
            "summary": s.summary(),
            "files": [{"name": f.name, "problems": list(f.problems)} for f in s.files],
        }
        for s in statuses
    ]


def score_evidence(code: str, *, points: float = 1.0, folder: str | Path = ".") -> float:
    """``points`` × the share of the rubric's evidence items handed in completely and validly."""
    rubric = assignment_rubric(code, folder)
    statuses = check_evidence(folder, rubric)
    complete = sum(1 for status in statuses if status.complete)
    earned = round(points * complete / len(statuses), 2)
    show_result(
        {
            "kind": "evidence",
            "point": rubric.point,
            "earned": earned,
            "points": points,
            "items": evidence_items(statuses),
        },
        f"{rubric.point}: {complete} / {len(statuses)}",
    )
    return earned
