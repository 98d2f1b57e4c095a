"""Scoring used inside hidden tests during ``nbgrader autograde``."""

from toolkit.grading.items import score_multiple, score_ordering, score_single

__all__ = ["score_multiple", "score_ordering", "score_single"]
