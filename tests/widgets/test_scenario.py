"""Scenario cards driven headless: choose a response, see its feedback, find it in the progress file."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from toolkit.i18n import set_language
from toolkit.widgets.scenario import ScenarioCards
from toolkit.work.progress import PROGRESS_ENV

SCENARIOS: list[dict[str, Any]] = [
    {
        "title": "班级群里的链接",
        "situation": "班级群里有同学转发“填写信息领取免费流量”的链接，已有三人回复“填好了”。",
        "options": [
            {"text": "提醒大家别点，并私下告诉班主任", "rating": "best", "feedback": "反馈甲：止损并上报。"},
            {"text": "自己不点，但什么也不说", "rating": "acceptable", "feedback": "反馈乙：保护了自己。"},
            {"text": "点开看看是不是真的", "rating": "poor", "feedback": "反馈丙：风险最大。"},
        ],
    },
    {
        "situation": "作文课上，学生想直接把网上的范文改几个词交上去。",
        "options": [
            {"text": "照抄", "rating": "poor", "feedback": "反馈丁。"},
            {"text": "注明出处并写出自己的看法", "rating": "best", "feedback": "反馈戊。"},
            {"text": "只借用其中一句", "rating": "acceptable", "feedback": "反馈己。"},
            {"text": "也注明出处，但整篇引用", "rating": "best", "feedback": "反馈庚。"},
        ],
    },
]


@pytest.fixture
def progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh progress file per test (the shared store is cached by path)."""
    path = tmp_path / "p.json"
    monkeypatch.setenv(PROGRESS_ENV, str(path))
    return path


def recorded(path: Path, code: str = "A10") -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))["answers"][f"scenario:{code}"]


def test_feedback_matches_the_clicked_option(progress: Path) -> None:
    cards = ScenarioCards("A10", SCENARIOS)
    assert all(note.value == "" for note in cards.feedback)
    assert cards.choose(0, 2) == "poor"
    shown = cards.feedback[0].value
    assert "反馈丙" in shown and "反馈甲" not in shown and "反馈乙" not in shown
    assert "不妥当" in shown and "#c62828" in shown and "换一个选项" in shown
    assert cards.feedback[1].value == ""  # the other card is untouched
    # Retry: a better answer replaces the feedback, coloured green, with no retry hint.
    assert cards.choose(0, 0) == "best"
    shown = cards.feedback[0].value
    assert "反馈甲" in shown and "反馈丙" not in shown and "#2e7d32" in shown and "换一个选项" not in shown
    assert cards.choose(1, 2) == "acceptable"
    assert "反馈己" in cards.feedback[1].value and "#ef6c00" in cards.feedback[1].value


def test_a_click_on_confirm_does_what_choose_does(progress: Path) -> None:
    cards = ScenarioCards("A10", SCENARIOS)
    cards.confirm_buttons[0].click()  # nothing ticked yet
    assert "请先选择" in cards.feedback[0].value
    assert not progress.exists() or "scenario:A10" not in json.loads(progress.read_text("utf-8"))["answers"]
    cards.controls[0].value = cards.controls[0].options[1]
    cards.confirm_buttons[0].click()
    assert "反馈乙" in cards.feedback[0].value
    assert cards.rating(0) == "acceptable"
    assert recorded(progress)["choices"]["0"]["option"] == 1


def test_summary_counts_best_responses(progress: Path) -> None:
    cards = ScenarioCards("A10", SCENARIOS)
    assert cards.summary.value == ""
    cards.choose(0, 1)
    assert "已作答 1 / 2" in cards.summary.value and "0 个选中了最佳" in cards.summary.value
    cards.choose(1, 3)  # the second scenario has two best responses
    assert "已作答 2 / 2" in cards.summary.value and "1 个选中了最佳" in cards.summary.value
    cards.choose(0, 0)
    assert (cards.answered, cards.best, cards.first_try_best) == (2, 2, 1)
    assert "2 个选中了最佳" in cards.summary.value and "每个情境都找到了最佳做法" in cards.summary.value


def test_progress_records_latest_first_and_tries(progress: Path) -> None:
    cards = ScenarioCards("A10", SCENARIOS)
    cards.choose(0, 2)
    cards.choose(0, 0)
    cards.choose(1, 1)
    saved = recorded(progress)
    assert (saved["total"], saved["answered"], saved["best"], saved["first_try_best"]) == (2, 2, 2, 1)
    first = saved["choices"]["0"]
    assert (first["option"], first["first"], first["rating"], first["tries"]) == (0, 2, "best", 2)
    assert saved["choices"]["1"]["tries"] == 1


def test_earlier_choices_come_back_after_a_restart(progress: Path) -> None:
    ScenarioCards("A10", SCENARIOS).choose(0, 1)
    again = ScenarioCards("A10", SCENARIOS)  # same kernel, same shared store: a rerun of the cell
    assert again.selected(0) == 1 and "反馈乙" in again.feedback[0].value
    assert again.selected(1) is None and "已作答 1 / 2" in again.summary.value
    # A changed scenario text does not inherit an answer given to the old one.
    changed = copy.deepcopy(SCENARIOS)
    changed[0]["situation"] = "另一个情境。"
    assert ScenarioCards("A10", changed).selected(0) is None


def test_codes_are_kept_apart(progress: Path) -> None:
    ScenarioCards("A9", SCENARIOS).choose(1, 0)
    ScenarioCards("A10", SCENARIOS).choose(1, 1)
    assert recorded(progress, "A9")["best"] == 0 and recorded(progress, "A10")["best"] == 1


def test_english_labels(progress: Path) -> None:
    set_language("en")
    cards = ScenarioCards("A10", SCENARIOS)
    assert cards.confirm_buttons[0].description == "Confirm"
    cards.choose(0, 0)
    assert "Best response" in cards.feedback[0].value and "1 of 2 scenarios" in cards.summary.value


def test_choose_rejects_a_missing_option(progress: Path) -> None:
    cards = ScenarioCards("A10", SCENARIOS)
    with pytest.raises(IndexError, match="options 0 to 2"):
        cards.choose(0, 3)
    with pytest.raises(IndexError):
        cards.choose(5, 0)


def _with(change: dict[str, Any], option: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    scenarios = copy.deepcopy(SCENARIOS)
    scenarios[0].update(change)
    if option is not None:
        scenarios[0]["options"][0].update(option)
    return scenarios


@pytest.mark.parametrize(
    ("scenarios", "message"),
    [
        ([], "non-empty list"),
        (SCENARIOS[0], "non-empty list"),
        (_with({"situation": "  "}), r"scenario 1: 'situation'"),
        (_with({"options": SCENARIOS[0]["options"][:1]}), "2 to 6 options, got 1"),
        (_with({"options": SCENARIOS[0]["options"] * 3}), "2 to 6 options, got 9"),
        (_with({"options": "A 或 B"}), "must be a list"),
        (_with({}, {"rating": "good"}), r"option A: rating must be one of"),
        (_with({}, {"rating": "acceptable"}), "at least one option must be rated 'best'"),
        (_with({}, {"feedback": ""}), r"option A: 'feedback'"),
        (_with({}, {"text": ""}), r"option A: 'text'"),
        ([SCENARIOS[0], "情境"], "scenario 2: must be a mapping"),
    ],
)
def test_bad_specs_are_rejected(progress: Path, scenarios: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ScenarioCards("A10", scenarios)
