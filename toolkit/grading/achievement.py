"""Completeness credit for an achievement, called by the hidden test of its assignment."""

from __future__ import annotations

from pathlib import Path

from toolkit.achievement.model import MIN_POINTS, MULTI_POINT, TYPICAL_CASE, chosen_points, read_participation
from toolkit.evidence.check import assignment_rubric, check_evidence
from toolkit.grading.evidence import evidence_items
from toolkit.grading.report import show_result
from toolkit.i18n import t


def _item(item_id: str, name: str, missing: list[str]) -> dict[str, object]:
    """An item of the completeness table that is not a file: what is missing, or ✓."""
    summary = "；".join(missing) if missing else "✓"
    return {"id": item_id, "name": name, "task": "", "complete": not missing, "summary": summary, "files": []}


def score_achievement(assignment: str, *, points: float = 2.0, folder: str | Path = ".") -> float:
    """``points`` × the share of what the achievement asks for that is there and valid.

    That is every evidence item, plus the member list of a group's typical case and the
    chosen points of a "一课多点" lesson. A member's confirmation of a typical case carries
    no files: complete (whose case, what they did), it earns the full ``points``.
    """
    participation = read_participation(folder) if assignment == TYPICAL_CASE else None
    items: list[dict[str, object]] = []
    if participation is not None:
        items.append(_item("participation", t("achievement.item.participation"), participation.missing()))
    if participation is None or not participation.confirms:
        if assignment == MULTI_POINT:
            have = len(chosen_points(folder))
            short = [t("achievement.few_points", need=MIN_POINTS, have=have)] if have < MIN_POINTS else []
            items.append(_item("points", t("achievement.item.points"), short))
        items += evidence_items(check_evidence(folder, assignment_rubric(assignment, folder)))
    complete = sum(1 for item in items if item["complete"])
    earned = round(points * complete / len(items), 2)
    show_result(
        {"kind": "evidence", "point": "", "earned": earned, "points": points, "items": items},
        f"{assignment}: {complete} / {len(items)}",
    )
    return earned
