"""Per-item credit for widget answers.

Each function is called as the last line of a hidden test cell and returns the
points earned; nbgrader takes a numeric cell result as partial credit. Each
also shows the item's result (answer, key, explanation) for the feedback.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from toolkit.grading.report import show_result
from toolkit.work.numbers import parse_number
from toolkit.work.store import ANSWERS_FILE, read_answers


def _answer(item_id: str, answers_file: str | Path) -> object:
    # A fresh read that leaves the file as it is: the grader must see exactly what was submitted.
    return (read_answers(answers_file) or {}).get(item_id)


def _points(fraction: float, points: float) -> float:
    return round(max(0.0, min(1.0, fraction)) * points, 2)


def _finish(
    item_id: str, kind: str, answer: object, key: object, earned: float, points: float, explanation: str
) -> float:
    show_result(
        {
            "kind": "item",
            "item": item_id,
            "type": kind,
            "answer": answer,
            "key": key,
            "earned": earned,
            "points": points,
            "explanation": explanation,
        },
        f"{item_id}: {earned:g} / {points:g}",
    )
    return earned


def score_single(
    item_id: str,
    key: str,
    *,
    points: float = 1.0,
    explanation: str = "",
    answers_file: str | Path = ANSWERS_FILE,
) -> float:
    """Full points when the saved letter is ``key``, otherwise 0."""
    answer = _answer(item_id, answers_file)
    earned = points if answer == key else 0.0
    return _finish(item_id, "single", answer, key, earned, points, explanation)


def score_multiple(
    item_id: str,
    key: Sequence[str],
    *,
    points: float = 1.0,
    explanation: str = "",
    answers_file: str | Path = ANSWERS_FILE,
) -> float:
    """(right picks − wrong picks) / number of right options, never below 0.

    Ticking every box therefore earns nothing, and one wrong tick cancels one right one.
    """
    answer = _answer(item_id, answers_file)
    chosen = set(answer) if isinstance(answer, list) else set()
    right = set(key)
    earned = _points((len(chosen & right) - len(chosen - right)) / len(right), points)
    return _finish(item_id, "multiple", sorted(chosen), list(key), earned, points, explanation)


def score_ordering(
    item_id: str,
    key: Sequence[str],
    *,
    points: float = 1.0,
    explanation: str = "",
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
    earned = _points(correct / len(key), points)
    order = [letter for letter, _ in sorted(positions.items(), key=lambda pair: str(pair[1]))]
    return _finish(item_id, "ordering", order, list(key), earned, points, explanation)


def score_number(
    item_id: str,
    key: float,
    *,
    tolerance: float = 0.0,
    points: float = 1.0,
    explanation: str = "",
    answers_file: str | Path = ANSWERS_FILE,
) -> float:
    """Full points when the saved number is within ``tolerance`` of ``key``, otherwise 0."""
    answer = parse_number(_answer(item_id, answers_file))
    right = answer is not None and math.isfinite(answer) and abs(answer - key) <= tolerance + 1e-9
    earned = points if right else 0.0
    return _finish(item_id, "number", answer, key, earned, points, explanation)
