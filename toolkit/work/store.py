"""Answers kept in a JSON file beside the notebook.

The file survives kernel restarts, travels with ``nbgrader submit``, and is
what the hidden tests read during ``nbgrader autograde``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from toolkit.atomic import write_text_atomic
from toolkit.i18n import t

ANSWERS_FILE = "answers.json"
_FORMAT = 1


def set_aside(file: Path) -> Path:
    """Rename a damaged file to ``<stem>.damaged-<stamp>.json`` beside it: it may still hold work."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = file.with_name(f"{file.stem}.damaged-{stamp}.json")
    number = 1
    while backup.exists():
        number += 1
        backup = file.with_name(f"{file.stem}.damaged-{stamp}-{number}.json")
    file.rename(backup)
    return backup


def read_answers(path: str | Path) -> dict[str, Any] | None:
    """The answers saved in ``path``, or None when it is missing or damaged; the file is not touched.

    Graders and feedback read submissions with this: looking at a submission never changes it.
    """
    try:
        answers = json.loads(Path(path).read_text(encoding="utf-8"))["answers"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return answers if isinstance(answers, dict) else None


class AnswerStore:
    """A small persistent mapping of item id -> answer, written atomically on every change."""

    _open: dict[Path, AnswerStore] = {}

    def __init__(self, path: str | Path = ANSWERS_FILE) -> None:
        self.path = Path(path).resolve()
        self.notice = ""
        self._listeners: list[Callable[[], None]] = []
        self._answers: dict[str, Any] = self._load()

    @classmethod
    def shared(cls, path: str | Path = ANSWERS_FILE) -> AnswerStore:
        """One store per file, so that every widget in a notebook writes to the same place."""
        key = Path(path).resolve()
        if key not in cls._open:
            cls._open[key] = cls(key)
        return cls._open[key]

    def _load(self) -> dict[str, Any]:
        if not self.path.exists():
            return {}
        answers = read_answers(self.path)
        if answers is None:
            # A damaged file is set aside, never deleted: it may still hold work.
            backup = set_aside(self.path)
            self.notice = t("quiz.store_corrupt", file=self.path.name, backup=backup.name)
            return {}
        return answers

    def on_change(self, callback: Callable[[], None]) -> None:
        self._listeners.append(callback)

    def get(self, item_id: str, default: Any = None) -> Any:
        return self._answers.get(item_id, default)

    def answered(self) -> set[str]:
        return {key for key, value in self._answers.items() if value not in (None, "", [])}

    def set(self, item_id: str, value: Any) -> None:
        self._answers[item_id] = value
        payload = {
            "format": _FORMAT,
            "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
            "answers": self._answers,
        }
        write_text_atomic(self.path, json.dumps(payload, ensure_ascii=False, indent=1))
        for callback in self._listeners:
            callback()
