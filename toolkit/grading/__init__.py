"""Scoring used inside hidden tests during ``nbgrader autograde``, and the feedback it leads to."""

from toolkit.grading.achievement import score_achievement
from toolkit.grading.evidence import score_evidence
from toolkit.grading.items import score_multiple, score_number, score_ordering, score_single
from toolkit.grading.plan import score_plan_rule

__all__ = [
    "score_achievement",
    "score_evidence",
    "score_multiple",
    "score_number",
    "score_ordering",
    "score_plan_rule",
    "score_single",
]
