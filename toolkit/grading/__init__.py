"""Scoring used inside hidden tests during ``nbgrader autograde``, and the feedback it leads to."""

from toolkit.grading.items import score_multiple, score_number, score_ordering, score_single

__all__ = ["score_multiple", "score_number", "score_ordering", "score_single"]
