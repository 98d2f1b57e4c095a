"""The points each teacher chose in their personal research plan, as the course graded it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from toolkit.plan.rules import PLAN_ASSIGNMENT, PLAN_KEY, plan_points
from toolkit.work.store import ANSWERS_FILE, read_answers


def chosen_points(course_root: Path, teacher_ids: Iterable[str]) -> dict[str, list[str]]:
    """Teacher → the point codes of their autograded plan (no entry for a teacher without one)."""
    chosen = {}
    for teacher_id in teacher_ids:
        answers = read_answers(course_root / "autograded" / teacher_id / PLAN_ASSIGNMENT / ANSWERS_FILE)
        points = list(plan_points((answers or {}).get(PLAN_KEY)))
        if points:
            chosen[teacher_id] = points
    return chosen
