from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.grading import score_multiple, score_number, score_ordering, score_single
from toolkit.work.store import AnswerStore


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


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("82.5", 2.0), ("８２，５", 2.0), (" 82.5 % ", 2.0), ("82.4", 0.0), ("八十二点五", 0.0), (None, 0.0)],
)
def test_number_items_accept_the_ways_teachers_type_a_number(
    tmp_path: Path, typed: str | None, expected: float
) -> None:
    store = AnswerStore(tmp_path / "answers.json")
    store.set("q40", typed)
    assert score_number("q40", 82.5, points=2, answers_file=store.path) == expected


def test_a_number_within_the_tolerance_earns_the_points(tmp_path: Path) -> None:
    store = AnswerStore(tmp_path / "answers.json")
    store.set("q41", "0.67")
    assert score_number("q41", 2 / 3, tolerance=0.01, answers_file=store.path) == 1
    assert score_number("q41", 2 / 3, answers_file=store.path) == 0


def test_grading_a_damaged_answers_file_scores_0_and_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    damaged = tmp_path / "answers.json"
    damaged.write_text('{"answers": {"single": "B"', encoding="utf-8")
    assert score_single("single", "B", answers_file=damaged) == 0
    assert damaged.read_text(encoding="utf-8") == '{"answers": {"single": "B"'
    assert [p.name for p in tmp_path.iterdir()] == ["answers.json"]
