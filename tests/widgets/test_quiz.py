"""Quiz widgets driven headless: set .value, and the answer is in answers.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.widgets import MultipleChoice, NumberEntry, Ordering, QuizProgress, SingleChoice
from toolkit.work.store import AnswerStore


@pytest.fixture
def store(tmp_path: Path) -> AnswerStore:
    return AnswerStore(tmp_path / "answers.json")


def saved(store: AnswerStore) -> dict:
    return json.loads(store.path.read_text(encoding="utf-8"))["answers"]


def test_single_choice_saves_the_letter_and_restores_it(store: AnswerStore) -> None:
    item = SingleChoice("q01", point="A1", prompt="题干", options=["甲", "乙", "丙"], store=store)
    assert item.choice.value is None
    item.choice.value = "B"
    assert saved(store) == {"q01": "B"}
    assert "已保存" in item.status.value
    # A restarted kernel builds the widget again from the file.
    again = SingleChoice(
        "q01", point="A1", prompt="题干", options=["甲", "乙", "丙"], store=AnswerStore(store.path)
    )
    assert again.choice.value == "B"


def test_item_heading_names_point_and_dimension(store: AnswerStore) -> None:
    item = SingleChoice("q09", point="A13", prompt="p", options=["x", "y"], store=store)
    heading = item.children[0].value
    assert "A13 数据可视化呈现与解读" in heading and "学业评价" in heading


def test_multiple_choice_saves_ticked_letters(store: AnswerStore) -> None:
    item = MultipleChoice("q02", point="A1", prompt="p", options=["a", "b", "c", "d"], store=store)
    item.boxes[3].value = True
    item.boxes[0].value = True
    assert saved(store) == {"q02": ["A", "D"]}
    item.boxes[0].value = False
    assert saved(store) == {"q02": ["D"]}


def test_ordering_saves_positions_and_warns_on_a_clash(store: AnswerStore) -> None:
    item = Ordering("q05", point="A5", prompt="p", steps=["s1", "s2", "s3"], store=store)
    item.positions[0].value = 2
    item.positions[1].value = 2
    assert "同一个位置" in item.warning.value
    item.positions[1].value = 1
    item.positions[2].value = 3
    assert item.warning.value == ""
    assert saved(store) == {"q05": {"A": 2, "B": 1, "C": 3}}


def test_progress_follows_answers(store: AnswerStore) -> None:
    progress = QuizProgress(2, store=store)
    assert "已作答 0 / 2 题" in progress.value
    SingleChoice("q01", point="A1", prompt="p", options=["x", "y"], store=store).choice.value = "A"
    assert "已作答 1 / 2 题" in progress.value


def test_a_damaged_answer_file_is_set_aside_not_deleted(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text("{ not json", encoding="utf-8")
    store = AnswerStore(path)
    assert store.get("q01") is None
    kept = list(tmp_path.glob("answers.damaged-*.json"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "{ not json"
    assert "已损坏" in store.notice
    assert "已损坏" in QuizProgress(3, store=store).value


def test_answers_are_written_atomically(store: AnswerStore) -> None:
    store.set("q01", "A")
    assert not list(store.path.parent.glob("*.part"))


def test_number_entry_keeps_what_was_typed_and_warns_when_it_is_not_a_number(store: AnswerStore) -> None:
    item = NumberEntry(
        "q40", point="A13", prompt="<table><tr><td>85</td></tr></table>", unit="分", store=store
    )
    item.entry.value = "８２，５"  # full-width digits and a Chinese comma, as typed on a Chinese keyboard
    assert saved(store) == {"q40": "８２，５"} and item.warning.value == ""
    item.entry.value = "大约八十"
    assert "数" in item.warning.value and saved(store) == {"q40": "大约八十"}
    item.entry.value = ""
    assert saved(store) == {"q40": None} and item.warning.value == ""
    assert NumberEntry("q40", point="A13", prompt="p", store=AnswerStore(store.path)).entry.value == ""
