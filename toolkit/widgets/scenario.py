"""Scenario cards: a classroom situation, a few possible responses, and feedback on each one.

Modules on students' information ethics and security (and any point where
judgement matters more than recall) use these cards: the teacher reads a
situation (情境), picks how they would respond, confirms, and sees at once why
that response is the best, acceptable or a poor one. They may try again as
often as they like. Like a self-check this is for learning: the result goes to
the teacher's progress file under ``scenario:<code>``, never to a grade.

A scenario is a mapping::

    {
        "situation": "班级群里有人转发了“填写信息领取流量”的链接……",
        "title": "班级群里的链接",          # optional
        "options": [
            {"text": "……", "rating": "best", "feedback": "……"},
            {"text": "……", "rating": "acceptable", "feedback": "……"},
            {"text": "……", "rating": "poor", "feedback": "……"},
        ],
    }
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from toolkit.i18n import add_messages, t
from toolkit.widgets.style import WRAP_CLASS, WRAP_OPTIONS_CSS
from toolkit.work.progress import progress_store

LETTERS = "ABCDEF"
RATINGS = ("best", "acceptable", "poor")
MIN_OPTIONS, MAX_OPTIONS = 2, len(LETTERS)
_COLOURS = {"best": "#2e7d32", "acceptable": "#ef6c00", "poor": "#c62828"}
_MARKS = {"best": "✔", "acceptable": "△", "poor": "✘"}

add_messages(
    {
        "scenario.title": {"zh": "情境研判", "en": "Scenarios"},
        "scenario.heading": {"zh": "情境 {number} / {total}", "en": "Scenario {number} of {total}"},
        "scenario.prompt": {"zh": "如果是您，会怎么做？", "en": "What would you do?"},
        "scenario.confirm": {"zh": "确认", "en": "Confirm"},
        "scenario.pick_first": {
            "zh": "请先选择一种做法，再点击“确认”。",
            "en": "Choose a response first, then click Confirm.",
        },
        "scenario.best": {"zh": "最佳做法。", "en": "Best response."},
        "scenario.acceptable": {
            "zh": "可以接受，但还有更好的做法。",
            "en": "Acceptable, but there is a better one.",
        },
        "scenario.poor": {"zh": "不妥当。", "en": "Not a good response."},
        "scenario.retry": {
            "zh": "可以换一个选项，再点“确认”看看。",
            "en": "Try another response and click Confirm again.",
        },
        "scenario.summary": {
            "zh": "已作答 {answered} / {total} 个情境，其中 {best} 个选中了最佳做法。",
            "en": "{answered} of {total} scenarios answered; the best response chosen in {best}.",
        },
        "scenario.all_best": {
            "zh": "每个情境都找到了最佳做法，可以把这些判断用到您的班级活动设计里。",
            "en": "The best response found in every scenario: use these judgements in your class activity.",
        },
    }
)


@dataclass(frozen=True)
class ScenarioOption:
    """One possible response, how good it is, and the feedback that explains why."""

    text: str
    rating: str
    feedback: str


@dataclass(frozen=True)
class Scenario:
    """A situation and its possible responses (at least one of them rated ``best``)."""

    situation: str
    options: tuple[ScenarioOption, ...]
    title: str = ""

    @classmethod
    def from_mapping(cls, spec: Mapping[str, Any], number: int) -> Scenario:
        """Build and validate scenario ``number`` (1-based, used in error messages)."""
        where = f"scenario {number}"
        if not isinstance(spec, Mapping):
            raise ValueError(f"{where}: must be a mapping with 'situation' and 'options'")
        situation = str(spec.get("situation", "")).strip()
        if not situation:
            raise ValueError(f"{where}: 'situation' (the 情境 text) is missing or empty")
        raw_options = spec.get("options")
        if not isinstance(raw_options, Sequence) or isinstance(raw_options, str):
            raise ValueError(f"{where}: 'options' must be a list of responses")
        if not MIN_OPTIONS <= len(raw_options) <= MAX_OPTIONS:
            raise ValueError(f"{where}: needs {MIN_OPTIONS} to {MAX_OPTIONS} options, got {len(raw_options)}")
        options = tuple(
            _option(option, f"{where}, option {letter}")
            for letter, option in zip(LETTERS, raw_options, strict=False)
        )
        if not any(option.rating == "best" for option in options):
            raise ValueError(f"{where}: at least one option must be rated 'best'")
        return cls(situation, options, str(spec.get("title", "")).strip())

    def fingerprint(self) -> str:
        """A short digest of the text, so a saved choice is restored only onto the same scenario."""
        text = "\n".join([self.situation, *(option.text for option in self.options)])
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def _option(spec: Any, where: str) -> ScenarioOption:
    if not isinstance(spec, Mapping):
        raise ValueError(f"{where}: must be a mapping with 'text', 'rating' and 'feedback'")
    text = str(spec.get("text", "")).strip()
    feedback = str(spec.get("feedback", "")).strip()
    rating = spec.get("rating")
    if not text:
        raise ValueError(f"{where}: 'text' is missing or empty")
    if rating not in RATINGS:
        raise ValueError(f"{where}: rating must be one of {RATINGS}, got {rating!r}")
    if not feedback:
        raise ValueError(f"{where}: 'feedback' is missing or empty")
    return ScenarioOption(text, str(rating), feedback)


def _paragraphs(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.splitlines())


class ScenarioCards(widgets.VBox):
    """Scenario cards with a choice, a 确认 button and per-option feedback; results go to progress."""

    def __init__(
        self,
        code: str,
        scenarios: Sequence[Mapping[str, Any]],
        *,
        title: str = "",
        intro: str = "",
    ) -> None:
        if isinstance(scenarios, (str, Mapping)) or not scenarios:
            raise ValueError("scenario cards need a non-empty list of scenarios")
        self.code = code
        self.scenarios = [Scenario.from_mapping(spec, n) for n, spec in enumerate(scenarios, start=1)]
        self.store = progress_store()
        self.key = f"scenario:{code}"
        self.controls: list[widgets.RadioButtons] = []
        self.confirm_buttons: list[widgets.Button] = []
        self.feedback: list[widgets.HTML] = []
        # Per scenario: the option confirmed last and first (None until confirmed), and how often.
        self.last: list[int | None] = [None] * len(self.scenarios)
        self.first: list[int | None] = [None] * len(self.scenarios)
        self.tries: list[int] = [0] * len(self.scenarios)
        total = len(self.scenarios)
        cards: list[widgets.Widget] = []
        for index, scenario in enumerate(self.scenarios):
            labels = [f"{LETTERS[n]}. {option.text}" for n, option in enumerate(scenario.options)]
            control = widgets.RadioButtons(options=labels, value=None, layout=widgets.Layout(width="auto"))
            button = widgets.Button(description=t("scenario.confirm"), button_style="primary", icon="check")
            button.on_click(lambda _, i=index: self.confirm(i))
            note = widgets.HTML("")
            self.controls.append(control)
            self.confirm_buttons.append(button)
            self.feedback.append(note)
            heading = t("scenario.heading", number=index + 1, total=total)
            if scenario.title:
                heading += f" · {html.escape(scenario.title)}"
            cards.append(
                widgets.VBox(
                    [
                        widgets.HTML(
                            f"<div style='font-weight:bold;color:#1565c0'>{heading}</div>"
                            f"<div style='background:#f3f7fc;padding:6px 10px;margin:4px 0'>"
                            f"{_paragraphs(scenario.situation)}</div>"
                            f"<div style='color:#555'>{t('scenario.prompt')}</div>"
                        ),
                        control,
                        button,
                        note,
                    ],
                    layout=widgets.Layout(border="1px solid #e0e0e0", padding="6px", margin="4px 0 8px 0"),
                )
            )
        self.summary = widgets.HTML("")
        head = f"{WRAP_OPTIONS_CSS}<h4>{html.escape(title or t('scenario.title'))}</h4>"
        if intro:
            head += f"<div style='color:#555'>{html.escape(intro)}</div>"
        super().__init__(
            [widgets.HTML(head), *cards, self.summary],
            layout=widgets.Layout(border="1px solid #ddd", padding="8px"),
        )
        self.add_class("workshop-scenario")
        self.add_class(WRAP_CLASS)
        self._restore()

    # --- reading and answering -------------------------------------------------------------

    def selected(self, index: int) -> int | None:
        """The option (0-based) currently ticked in scenario ``index``, confirmed or not."""
        control = self.controls[index]
        return None if control.value is None else control.options.index(control.value)

    def choose(self, index: int, option: int) -> str:
        """Tick ``option`` in scenario ``index`` (both 0-based) and click 确认; returns the rating."""
        if not 0 <= index < len(self.scenarios):
            raise IndexError(f"there are scenarios 0 to {len(self.scenarios) - 1}, not {index}")
        count = len(self.scenarios[index].options)
        if not 0 <= option < count:
            raise IndexError(f"scenario {index + 1} has options 0 to {count - 1}, not {option}")
        self.controls[index].value = self.controls[index].options[option]
        self.confirm_buttons[index].click()
        return self.scenarios[index].options[option].rating

    def confirm(self, index: int) -> str | None:
        """Show the feedback for the ticked option and record it; returns its rating (None if none)."""
        option = self.selected(index)
        if option is None:
            self.feedback[index].value = f"<div style='color:#999'>○ {t('scenario.pick_first')}</div>"
            return None
        return self._answer(index, option)

    def _answer(self, index: int, option: int) -> str:
        self.tries[index] += 1
        if self.first[index] is None:
            self.first[index] = option
        self.last[index] = option
        self._show(index, option)
        self._record()
        self._summarise()
        return self.scenarios[index].options[option].rating

    # --- results ---------------------------------------------------------------------------

    def rating(self, index: int) -> str | None:
        """The rating of the last confirmed response in scenario ``index``."""
        option = self.last[index]
        return None if option is None else self.scenarios[index].options[option].rating

    @property
    def answered(self) -> int:
        """How many scenarios have a confirmed response."""
        return sum(option is not None for option in self.last)

    @property
    def best(self) -> int:
        """How many scenarios have the best response as their last confirmed choice."""
        return sum(self.rating(index) == "best" for index in range(len(self.scenarios)))

    @property
    def first_try_best(self) -> int:
        """How many scenarios were answered best at the first confirmation."""
        return sum(
            option is not None and scenario.options[option].rating == "best"
            for scenario, option in zip(self.scenarios, self.first, strict=True)
        )

    def _show(self, index: int, option: int) -> None:
        chosen = self.scenarios[index].options[option]
        colour = _COLOURS[chosen.rating]
        verdict = f"{_MARKS[chosen.rating]} {LETTERS[option]}：{t(f'scenario.{chosen.rating}')}"
        retry = "" if chosen.rating == "best" else f"<div style='color:#666'>{t('scenario.retry')}</div>"
        self.feedback[index].value = (
            f"<div style='border-left:4px solid {colour};background:#fafafa;padding:4px 8px'>"
            f"<b style='color:{colour}'>{verdict}</b> {_paragraphs(chosen.feedback)}{retry}</div>"
        )

    def _summarise(self) -> None:
        total = len(self.scenarios)
        text = t("scenario.summary", answered=self.answered, total=total, best=self.best)
        if self.best == total:
            text += f"<br><span style='color:#2e7d32'>{t('scenario.all_best')}</span>"
        self.summary.value = f"<b>{text}</b>"

    def _record(self) -> None:
        choices = {
            str(index): {
                "fingerprint": scenario.fingerprint(),
                "option": self.last[index],
                "first": self.first[index],
                "rating": self.rating(index),
                "tries": self.tries[index],
            }
            for index, scenario in enumerate(self.scenarios)
            if self.last[index] is not None
        }
        self.store.set(
            self.key,
            {
                "total": len(self.scenarios),
                "answered": self.answered,
                "best": self.best,
                "first_try_best": self.first_try_best,
                "choices": choices,
                "at": dt.datetime.now().isoformat(timespec="seconds"),
            },
        )

    def _restore(self) -> None:
        """Show the teacher's earlier choices again after a kernel restart (same scenarios only)."""
        saved: Mapping[str, Any] = self.store.get(self.key) or {}
        choices = saved.get("choices")
        if not isinstance(choices, Mapping):
            return
        for index, scenario in enumerate(self.scenarios):
            entry = choices.get(str(index))
            if not isinstance(entry, Mapping) or entry.get("fingerprint") != scenario.fingerprint():
                continue
            option, first = entry.get("option"), entry.get("first")
            if not isinstance(option, int) or not 0 <= option < len(scenario.options):
                continue
            self.last[index] = option
            valid_first = isinstance(first, int) and 0 <= first < len(scenario.options)
            self.first[index] = first if valid_first else option
            tries = entry.get("tries")
            self.tries[index] = tries if isinstance(tries, int) and tries > 0 else 1
            self.controls[index].value = self.controls[index].options[option]
            self._show(index, option)
        if self.answered:
            self._summarise()
