"""A teacher's own progress through the course modules, kept in one JSON file.

The file lives in the teacher's home (``~/.workshop/progress.json``), so each
JupyterHub user has their own; ``WORKSHOP_PROGRESS`` points it elsewhere.
Writes are atomic and a damaged file is set aside, as for quiz answers.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.work.store import AnswerStore

PROGRESS_ENV = "WORKSHOP_PROGRESS"


def progress_path() -> Path:
    """Where this teacher's progress file is."""
    configured = os.environ.get(PROGRESS_ENV)
    return Path(configured) if configured else Path.home() / ".workshop" / "progress.json"


def progress_store() -> AnswerStore:
    """The shared store behind every module page, self-check and form in this kernel."""
    path = progress_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return AnswerStore.shared(path)


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def record_visit(code: str) -> int:
    """Note that module ``code`` was opened; returns how many times it has been."""
    store = progress_store()
    visit = store.get(f"visit:{code}") or {"first": _now(), "count": 0}
    visit = {**visit, "last": _now(), "count": int(visit.get("count", 0)) + 1}
    store.set(f"visit:{code}", visit)
    return visit["count"]


def record_selfcheck(code: str, *, correct: int, total: int) -> None:
    """Keep the latest and the best self-check result of module ``code``."""
    store = progress_store()
    previous = store.get(f"selfcheck:{code}") or {}
    best = max(int(previous.get("best", 0)), correct)
    store.set(
        f"selfcheck:{code}",
        {
            "correct": correct,
            "total": total,
            "best": best,
            "at": _now(),
            "tries": previous.get("tries", 0) + 1,
        },
    )


def record_output(code: str, name: str, path: Path) -> None:
    """Note that a planning or analysis product of module ``code`` was exported."""
    store = progress_store()
    outputs = dict(store.get(f"outputs:{code}") or {})
    outputs[name] = {"path": str(path), "at": _now()}
    store.set(f"outputs:{code}", outputs)


@dataclass(frozen=True)
class ModuleProgress:
    """What one teacher has done in one module."""

    code: str
    visits: int
    selfcheck_correct: int | None
    selfcheck_total: int | None
    outputs: int

    @property
    def selfcheck_done(self) -> bool:
        return self.selfcheck_total is not None


def module_progress(code: str) -> ModuleProgress:
    """Read back what :func:`record_visit` and friends stored for module ``code``."""
    store = progress_store()
    visit: dict[str, Any] = store.get(f"visit:{code}") or {}
    check: dict[str, Any] = store.get(f"selfcheck:{code}") or {}
    return ModuleProgress(
        code=code,
        visits=int(visit.get("count", 0)),
        selfcheck_correct=check.get("best"),
        selfcheck_total=check.get("total"),
        outputs=len(store.get(f"outputs:{code}") or {}),
    )
