"""nbgrader's exchange, as the logged-in teacher: list, fetch, submit, fetch feedback.

Each call runs nbgrader's own exchange classes (through ``ExchangeFactory``, so a
course's exchange plugin is honoured) in a short child process: that process reads
the teacher's nbgrader configuration exactly as the ``nbgrader`` command would, and
its log lines stay out of the teacher's page. The child prints one JSON line.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from toolkit.environment import tools_path
from toolkit.localtime import local_zone

ACTIONS = ("released", "fetch", "submit", "submissions", "fetch_feedback")
WORKSPACE_ENV = "WORKSHOP_WORKSPACE"
# Set by the hub's spawner in each teacher's server: the roster ID they logged in with.
TEACHER_ENV = "WORKSHOP_TEACHER_ID"


class ExchangeFailed(Exception):
    """nbgrader refused or failed; the message is nbgrader's own last word."""


@dataclass(frozen=True)
class Submission:
    assignment: str
    timestamp: str  # nbgrader's own stamp, "2026-12-07 02:14:10.184575 UTC"
    has_feedback: bool

    def local_time(self) -> str:
        return local_time(self.timestamp)


def workspace() -> Path:
    """The teacher's workspace: where nbgrader fetches assignments (their home on the hub)."""
    return Path(os.environ.get(WORKSPACE_ENV) or Path.home())


def server_url(path: Path, route: str) -> str:
    """The address under which the teacher's own Jupyter server offers ``path`` on ``route``
    (``files`` for a download, ``voila/render`` for a page), the hub's prefix included."""
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")
    relative = path.resolve().relative_to(workspace().resolve())
    return f"{prefix}{route}/{quote(relative.as_posix())}"


def local_time(stamp: str) -> str:
    """nbgrader's UTC stamp as the teacher's local time, to the minute."""
    when = dt.datetime.strptime(stamp.replace(" UTC", ""), "%Y-%m-%d %H:%M:%S.%f")
    return when.replace(tzinfo=dt.timezone.utc).astimezone(local_zone()).strftime("%Y-%m-%d %H:%M")


def run_exchange(action: str, assignment: str = "", *, cwd: Path | None = None) -> Any:
    """Run one exchange action for this teacher; its result, or ExchangeFailed."""
    if action not in ACTIONS:
        raise ValueError(f"unknown exchange action {action!r}")
    result = subprocess.run(
        [sys.executable, "-m", "toolkit.submission.exchange", action, assignment],
        cwd=cwd or workspace(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PATH": tools_path()},
        timeout=300,
    )
    lines = result.stdout.strip().splitlines()
    reply = json.loads(lines[-1]) if lines else {"ok": False, "error": result.stderr.strip()[-500:]}
    if not reply.get("ok"):
        raise ExchangeFailed(str(reply.get("error") or "nbgrader"))
    return reply.get("result")


def released() -> list[str]:
    """Assignments released to this course, in release order."""
    return list(run_exchange("released"))


def fetch(assignment: str) -> None:
    run_exchange("fetch", assignment)


def submit(assignment: str, *, cwd: Path | None = None) -> Submission:
    """Submit ``cwd/assignment`` with nbgrader; the submission it recorded."""
    stamp = run_exchange("submit", assignment, cwd=cwd)
    return Submission(assignment, str(stamp), False)


def submissions() -> list[Submission]:
    """This teacher's submissions as nbgrader recorded them, oldest first."""
    found = [
        Submission(entry["assignment"], entry["timestamp"], bool(entry["has_feedback"]))
        for entry in run_exchange("submissions")
    ]
    return sorted(found, key=lambda s: s.timestamp)


def fetch_feedback(assignment: str) -> list[Path]:
    """Fetch returned feedback; the feedback pages now in the workspace, newest first."""
    run_exchange("fetch_feedback", assignment)
    folder = workspace() / assignment / "feedback"
    return sorted(folder.glob("*/*.html"), key=lambda p: p.parent.name, reverse=True)


# --- the child process -------------------------------------------------------------


def _child(action: str, assignment: str) -> Any:
    from nbgrader.apps.listapp import ListApp
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import ExchangeFactory

    app = ListApp()
    app.initialize([])  # reads nbgrader_config.py as the nbgrader command does
    config = app.config
    coursedir = CourseDirectory(config=config)
    coursedir.assignment_id = assignment
    factory = ExchangeFactory(config=config)
    parts = {"coursedir": coursedir, "authenticator": Authenticator(config=config), "config": config}
    if action == "released":
        return [entry["assignment_id"] for entry in factory.List(**parts).start()]
    if action == "fetch":
        factory.FetchAssignment(**parts).start()
        return None
    if action == "submit":
        submitter = factory.Submit(**parts)
        submitter.start()
        return submitter.timestamp
    if action == "fetch_feedback":
        factory.FetchFeedback(**parts).start()
        return None
    lister = factory.List(**parts)
    lister.cached = True
    return [
        {
            "assignment": entry["assignment_id"],
            "timestamp": str(entry["timestamp"]),
            "has_feedback": bool(
                entry.get("has_local_feedback")
                or entry.get("feedback_updated")
                or entry.get("has_exchange_feedback")
            ),
        }
        for assignment_entry in lister.start()
        for entry in assignment_entry.get("submissions", [])
    ]


def main() -> None:
    import logging

    logging.disable(logging.CRITICAL)  # nbgrader's log lines are not for the teacher's page
    action, assignment = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""
    try:
        reply = {"ok": True, "result": _child(action, assignment)}
    except Exception as error:  # noqa: BLE001 - reported to the page, which says it in Chinese
        reply = {"ok": False, "error": f"{type(error).__name__}: {error}"}
    print(json.dumps(reply, ensure_ascii=False))


if __name__ == "__main__":
    main()
