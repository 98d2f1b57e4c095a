"""Per-item credit for widget answers.

Each function is called as the last line of a hidden test cell and returns the
points earned; nbgrader takes a numeric cell result as partial credit.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from toolkit.widgets.store import ANSWERS_FILE, AnswerStore


def _answer(item_id: str, answers_file: str | Path) -> object:
    # A fresh read: the grader must see exactly what was submitted.
    return AnswerStore(answers_file).get(item_id)


def _points(fraction: float, points: float) -> float:
    return round(max(0.0, min(1.0, fraction)) * points, 2)


def score_single(
    item_id: str, key: str, *, points: float = 1.0, answers_file: str | Path = ANSWERS_FILE
) -> float:
    """Full points when the saved letter is ``key``, otherwise 0."""
    return points if _answer(item_id, answers_file) == key else 0.0


def score_multiple(
    item_id: str,
    key: Sequence[str],
    *,
    points: float = 1.0,
    answers_file: str | Path = ANSWERS_FILE,
) -> float:
    """(right picks − wrong picks) / number of right options, never below 0.

    Ticking every box therefore earns nothing, and one wrong tick cancels one right one.
    """
    answer = _answer(item_id, answers_file)
    chosen = set(answer) if isinstance(answer, list) else set()
    right = set(key)
    return _points((len(chosen & right) - len(chosen - right)) / len(right), points)


def score_ordering(
    item_id: str,
    key: Sequence[str],
    *,
    points: float = 1.0,
    answers_file: str | Path = ANSWERS_FILE,
) -> float:
    """The share of steps placed in their right position (a clash places neither)."""
    answer = _answer(item_id, answers_file)
    positions = answer if isinstance(answer, dict) else {}
    taken = list(positions.values())
    correct = sum(
        1
        for place, letter in enumerate(key, start=1)
        if positions.get(letter) == place and taken.count(place) == 1
    )
    return _points(correct / len(key), points)
