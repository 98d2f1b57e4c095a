from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.grading import score_multiple, score_ordering, score_single
from toolkit.widgets import AnswerStore


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    store = AnswerStore(tmp_path / "answers.json")
    store.set("single", "B")
    store.set("multi_all", ["A", "B", "C", "D"])
    store.set("multi_two", ["A", "B"])
    store.set("order_right", {"B": 1, "C": 2, "A": 3, "D": 4})
    store.set("order_swap", {"C": 1, "B": 2, "A": 3, "D": 4})
    store.set("order_clash", {"B": 1, "C": 1, "A": 3, "D": 4})
    return store.path


def test_single_choice(answers: Path) -> None:
    assert score_single("single", "B", points=1, answers_file=answers) == 1
    assert score_single("single", "C", points=1, answers_file=answers) == 0
    assert score_single("missing", "B", points=1, answers_file=answers) == 0


@pytest.mark.parametrize(
    ("item", "expected"),
    [("multi_all", 1.33), ("multi_two", 1.33), ("missing", 0.0)],
)
def test_multiple_choice_partial_credit(answers: Path, item: str, expected: float) -> None:
    # key A, B, D: all four ticked = 3 right − 1 wrong; A, B = 2 right of 3.
    assert score_multiple(item, ["A", "B", "D"], points=2, answers_file=answers) == expected


def test_ticking_everything_earns_nothing_when_half_are_wrong(answers: Path) -> None:
    assert score_multiple("multi_all", ["A", "B"], points=2, answers_file=answers) == 0


@pytest.mark.parametrize(
    ("item", "expected"),
    [("order_right", 2.0), ("order_swap", 1.0), ("order_clash", 1.0), ("missing", 0.0)],
)
def test_ordering_credits_each_step_in_place(answers: Path, item: str, expected: float) -> None:
    assert score_ordering(item, ["B", "C", "A", "D"], points=2, answers_file=answers) == expected
