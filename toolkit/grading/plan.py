"""Credit for one structural rule of the personal plan, called by a hidden test of personal_plan."""

from __future__ import annotations

from pathlib import Path

from toolkit.grading.report import show_result
from toolkit.plan.rules import PLAN_KEY, check_plan, load_rules
from toolkit.work.store import ANSWERS_FILE, read_answers


def score_plan_rule(rule_id: str, *, points: float = 1.0, folder: str | Path = ".") -> float:
    """``points`` when the saved plan meets rule ``rule_id``, otherwise 0; the result names the rule."""
    rules = load_rules(folder)
    plan = (read_answers(Path(folder) / ANSWERS_FILE) or {}).get(PLAN_KEY)
    result = next(r for r in check_plan(plan, rules) if r.rule == rule_id)
    earned = points if result.passed else 0.0
    show_result(
        {
            "kind": "rule",
            "rule": result.rule,
            "name": result.name,
            "passed": result.passed,
            "detail": result.detail,
            "earned": earned,
            "points": points,
        },
        f"{result.name}: {'✓' if result.passed else '✗'}",
    )
    return earned
