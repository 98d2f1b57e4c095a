"""A module's self-check: a few questions with immediate feedback and explanations.

Unlike graded quiz items, a self-check is for learning, so the key sits in the
module itself; results go to the teacher's progress file, never to a grade.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from toolkit.i18n import t
from toolkit.widgets.style import WRAP_CLASS, WRAP_OPTIONS_CSS
from toolkit.work.progress import record_selfcheck

LETTERS = "ABCDEFGH"


@dataclass(frozen=True)
class CheckQuestion:
    """One question: ``answer`` is a letter, or several letters for a multiple-choice question."""

    prompt: str
    options: tuple[str, ...]
    answer: frozenset[str]
    explanation: str

    @property
    def multiple(self) -> bool:
        return len(self.answer) > 1

    @classmethod
    def from_mapping(cls, spec: Mapping[str, Any], number: int) -> CheckQuestion:
        options = tuple(spec["options"])
        letters = LETTERS[: len(options)]
        answer = frozenset(spec["answer"])
        if not 2 <= len(options) <= len(LETTERS) or not answer or not answer <= set(letters):
            raise ValueError(
                f"self-check question {number}: answer {spec['answer']!r} is not among {letters}"
            )
        return cls(str(spec["prompt"]), options, answer, str(spec["explanation"]))


class SelfCheck(widgets.VBox):
    """Questions, a check button, and per-question feedback with the reasoning."""

    def __init__(self, code: str, questions: Sequence[Mapping[str, Any]]) -> None:
        if not 3 <= len(questions) <= 5:
            raise ValueError(f"a self-check has 3 to 5 questions, got {len(questions)}")
        self.code = code
        self.questions = [CheckQuestion.from_mapping(q, n) for n, q in enumerate(questions, start=1)]
        self.controls: list[widgets.Widget] = []
        self.feedback: list[widgets.HTML] = []
        blocks: list[widgets.Widget] = []
        for number, question in enumerate(self.questions, start=1):
            labels = [f"{letter}. {text}" for letter, text in zip(LETTERS, question.options, strict=False)]
            if question.multiple:
                control: widgets.Widget = widgets.VBox(
                    [widgets.Checkbox(description=label, indent=False, value=False) for label in labels]
                )
                hint = f" <i style='color:#666'>（{t('selfcheck.multiple')}）</i>"
            else:
                control = widgets.RadioButtons(
                    options=labels, value=None, layout=widgets.Layout(width="auto")
                )
                hint = ""
            note = widgets.HTML("")
            self.controls.append(control)
            self.feedback.append(note)
            blocks.append(
                widgets.VBox(
                    [widgets.HTML(f"<b>{number}.</b> {html.escape(question.prompt)}{hint}"), control, note],
                    layout=widgets.Layout(margin="4px 0 8px 0"),
                )
            )
        self.check_button = widgets.Button(
            description=t("selfcheck.check"), button_style="primary", icon="check"
        )
        self.check_button.on_click(lambda _: self.check())
        self.summary = widgets.HTML("")
        super().__init__(
            [
                widgets.HTML(f"{WRAP_OPTIONS_CSS}<h4>{t('selfcheck.title')}</h4>"),
                *blocks,
                self.check_button,
                self.summary,
            ],
            layout=widgets.Layout(border="1px solid #ddd", padding="8px"),
        )
        self.add_class("workshop-selfcheck")
        self.add_class(WRAP_CLASS)

    def chosen(self, index: int) -> frozenset[str]:
        control = self.controls[index]
        if isinstance(control, widgets.RadioButtons):
            return frozenset() if control.value is None else frozenset(control.value[0])
        return frozenset(LETTERS[i] for i, box in enumerate(control.children) if box.value)

    def select(self, index: int, letters: str) -> None:
        """Answer question ``index`` (0-based) as a teacher would by clicking ``letters``."""
        control = self.controls[index]
        if isinstance(control, widgets.RadioButtons):
            control.value = control.options[LETTERS.index(letters)]
        else:
            for i, box in enumerate(control.children):
                box.value = LETTERS[i] in letters

    def check(self) -> int | None:
        """Mark every question, show why, record the result; the number right.

        Nothing is marked, shown or recorded while a question is unanswered (None): the keys
        would otherwise be there to copy, and an empty try would count as a result.
        """
        unanswered = [str(i + 1) for i in range(len(self.questions)) if not self.chosen(i)]
        if unanswered:
            numbers = "、".join(unanswered)
            self.summary.value = f"<b style='color:#c62828'>{t('selfcheck.unanswered', numbers=numbers)}</b>"
            return None
        correct = 0
        for index, question in enumerate(self.questions):
            chosen = self.chosen(index)
            key = "、".join(sorted(question.answer))
            if chosen == question.answer:
                correct += 1
                verdict = f"<span style='color:#2e7d32'>✔ {t('selfcheck.right')}</span>"
            else:
                verdict = f"<span style='color:#c62828'>✘ {t('selfcheck.wrong', answer=key)}</span>"
            self.feedback[index].value = (
                f"<div style='background:#fafafa;padding:4px 8px'>{verdict} "
                f"{html.escape(question.explanation)}</div>"
            )
        total = len(self.questions)
        record_selfcheck(self.code, correct=correct, total=total)
        self.summary.value = f"<b>{t('selfcheck.summary', correct=correct, total=total)}</b>"
        return correct
