"""Quiz items answered by clicking or typing: single choice, multiple choice, ordering and a number.

Widgets never hold the answer key; they only record what the teacher chose.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from toolkit.catalogue import load_catalogue
from toolkit.i18n import t
from toolkit.widgets.style import WRAP_CLASS, WRAP_OPTIONS_CSS
from toolkit.work.choices import LETTERS
from toolkit.work.numbers import parse_number
from toolkit.work.store import ANSWERS_FILE, AnswerStore


def _letters(options: Sequence[str]) -> list[str]:
    if not 2 <= len(options) <= len(LETTERS):
        raise ValueError(f"an item needs 2 to {len(LETTERS)} options, got {len(options)}")
    return list(LETTERS[: len(options)])


class _Item(widgets.VBox):
    """Shared layout: heading with the point, the prompt, the control, a save status."""

    def __init__(
        self,
        item_id: str,
        *,
        prompt: str,
        point: str,
        choices: Sequence[str],
        store: AnswerStore | None,
        answers_file: str,
    ) -> None:
        self.letters = _letters(choices)
        self.choices = list(choices)
        self.item_id = item_id
        self.point = load_catalogue().point(point)
        self.store = store or AnswerStore.shared(answers_file)
        heading = widgets.HTML(
            f"{WRAP_OPTIONS_CSS}<b>{html.escape(item_id.upper())}</b> "
            f"<span style='color:#666'>· {html.escape(self.point.label())} · "
            f"{html.escape(self.point.dimension.label())}</span>"
        )
        # Prompts are trusted course content and may carry a small HTML table.
        self.prompt = widgets.HTML(f"<div style='margin:4px 0'>{prompt}</div>")
        self.status = widgets.HTML(self._status_text())
        super().__init__(
            [heading, self.prompt, self.control(), self.status],
            layout=widgets.Layout(border="1px solid #ddd", padding="8px", margin="6px 0"),
        )
        self.add_class("workshop-quiz-item")
        self.add_class(WRAP_CLASS)

    def control(self) -> widgets.Widget:
        raise TypeError("use SingleChoice, MultipleChoice or Ordering")

    def _status_text(self) -> str:
        done = self.store.get(self.item_id) not in (None, [], {})
        text = t("quiz.saved") if done else t("quiz.not_answered")
        colour = "#2e7d32" if done else "#999"
        return f"<span style='color:{colour};font-size:90%'>{text}</span>"

    def save(self, value: Any) -> None:
        self.store.set(self.item_id, value)
        self.status.value = self._status_text()


class _OptionsItem(_Item):
    """An item whose choices are options to tick."""

    def __init__(
        self,
        item_id: str,
        *,
        prompt: str,
        options: Sequence[str],
        point: str,
        store: AnswerStore | None = None,
        answers_file: str = ANSWERS_FILE,
    ) -> None:
        super().__init__(
            item_id, prompt=prompt, point=point, choices=options, store=store, answers_file=answers_file
        )


class SingleChoice(_OptionsItem):
    """One right option; the answer is saved as its letter."""

    def control(self) -> widgets.Widget:
        saved = self.store.get(self.item_id)
        self.choice = widgets.RadioButtons(
            options=[
                (f"{letter}. {text}", letter) for letter, text in zip(self.letters, self.choices, strict=True)
            ],
            value=saved if saved in self.letters else None,
            layout=widgets.Layout(width="auto"),
        )
        self.choice.observe(lambda change: self.save(change["new"]), names="value")
        return self.choice


class MultipleChoice(_OptionsItem):
    """Any number of right options; the answer is saved as a sorted list of letters."""

    def control(self) -> widgets.Widget:
        saved = set(self.store.get(self.item_id) or [])
        self.boxes = [
            widgets.Checkbox(
                value=letter in saved,
                description=f"{letter}. {text}",
                indent=False,
                layout=widgets.Layout(width="auto"),
            )
            for letter, text in zip(self.letters, self.choices, strict=True)
        ]
        for box in self.boxes:
            box.observe(lambda change: self.save(self.selected()), names="value")
        return widgets.VBox(self.boxes)

    def selected(self) -> list[str]:
        return [letter for letter, box in zip(self.letters, self.boxes, strict=True) if box.value]


class Ordering(_Item):
    """Put steps in order; the answer is saved as {letter: position} (1 = first)."""

    def __init__(
        self,
        item_id: str,
        *,
        prompt: str,
        steps: Sequence[str],
        point: str,
        store: AnswerStore | None = None,
        answers_file: str = ANSWERS_FILE,
    ) -> None:
        super().__init__(
            item_id, prompt=prompt, point=point, choices=steps, store=store, answers_file=answers_file
        )

    def control(self) -> widgets.Widget:
        saved = self.store.get(self.item_id) or {}
        positions = list(range(1, len(self.choices) + 1))
        self.positions = []
        rows = []
        for letter, text in zip(self.letters, self.choices, strict=True):
            value = saved.get(letter) if isinstance(saved, dict) else None
            dropdown = widgets.Dropdown(
                options=[("—", None)] + [(str(p), p) for p in positions],
                value=value if value in positions else None,
                layout=widgets.Layout(width="70px"),
            )
            dropdown.observe(lambda change: self._changed(), names="value")
            self.positions.append(dropdown)
            rows.append(widgets.HBox([dropdown, widgets.Label(f"{letter}. {text}")]))
        self.warning = widgets.HTML("")
        return widgets.VBox([widgets.HTML(f"<i>{t('quiz.order_hint')}</i>"), *rows, self.warning])

    def chosen(self) -> dict[str, int]:
        return {
            letter: dropdown.value
            for letter, dropdown in zip(self.letters, self.positions, strict=True)
            if dropdown.value is not None
        }

    def _changed(self) -> None:
        chosen = self.chosen()
        clash = len(set(chosen.values())) < len(chosen)
        self.warning.value = (
            f"<span style='color:#c62828'>{t('quiz.order_duplicate')}</span>" if clash else ""
        )
        self.save(chosen)


class QuizProgress(widgets.HTML):
    """How many of ``total`` items are answered, kept current as answers are saved."""

    def __init__(
        self, total: int, *, store: AnswerStore | None = None, answers_file: str = ANSWERS_FILE
    ) -> None:
        self.total = total
        self.store = store or AnswerStore.shared(answers_file)
        super().__init__(self._text())
        self.store.on_change(self._refresh)

    def _text(self) -> str:
        answered = len(self.store.answered())
        notice = f"<div style='color:#c62828'>{self.store.notice}</div>" if self.store.notice else ""
        return f"{notice}<b>{t('quiz.progress', answered=answered, total=self.total)}</b>"

    def _refresh(self) -> None:
        self.value = self._text()


class NumberEntry(_Item):
    """A small data-reading item: read the table in the prompt and type a number."""

    def __init__(
        self,
        item_id: str,
        *,
        prompt: str,
        point: str,
        unit: str = "",
        store: AnswerStore | None = None,
        answers_file: str = ANSWERS_FILE,
    ) -> None:
        self.unit = unit
        super().__init__(
            item_id, prompt=prompt, point=point, choices=("", ""), store=store, answers_file=answers_file
        )

    def control(self) -> widgets.Widget:
        saved = self.store.get(self.item_id)
        self.entry = widgets.Text(
            value="" if saved is None else str(saved),
            placeholder=t("quiz.number_hint"),
            continuous_update=False,
            layout=widgets.Layout(width="160px"),
        )
        self.entry.observe(lambda change: self._changed(), names="value")
        self.warning = widgets.HTML("")
        return widgets.VBox([widgets.HBox([self.entry, widgets.Label(self.unit)]), self.warning])

    def _changed(self) -> None:
        text = self.entry.value.strip()
        readable = not text or parse_number(text) is not None
        self.warning.value = (
            "" if readable else f"<span style='color:#c62828'>{t('quiz.not_a_number')}</span>"
        )
        self.save(text or None)
