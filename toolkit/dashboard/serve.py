"""Serve the dashboards with Voila: sources and tracebacks hidden, localhost only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from toolkit.course.config import load_course
from toolkit.dashboard.markup import COURSE_ENV, PAGES
from toolkit.environment import tools_path
from toolkit.i18n import t
from toolkit.resources import dashboard_dir

DEFAULT_PORT = 8866


def page_path(page: str) -> str:
    """The URL path of a dashboard page when the folder of dashboards is served."""
    return f"voila/render/{PAGES[page]}"


def voila_command(notebook: str | None = None, *, port: int = DEFAULT_PORT) -> list[str]:
    """The Voila command line for one shipped dashboard notebook, or (None) for all of them."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(dashboard_dir() / notebook) if notebook else str(dashboard_dir()),
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--no-browser",
        "--strip_sources=True",
        "--show_tracebacks=False",
    ]


def dashboard_env(course_dir: str | Path) -> dict[str, str]:
    """The environment a dashboard kernel needs: the course folder and this Python's tools."""
    root = load_course(course_dir).root  # fails with exit 2 when it is not a course
    return {**os.environ, COURSE_ENV: str(root), "PATH": tools_path()}


def serve_dashboard(course_dir: str | Path, *, port: int = DEFAULT_PORT) -> int:
    """Run Voila in the foreground until interrupted; returns its exit status."""
    env = dashboard_env(course_dir)
    base = f"http://127.0.0.1:{port}/"
    print(t("dashboard.serving", url=base + page_path("cohort")), flush=True)
    for page in PAGES:
        if page != "cohort":
            url = base + page_path(page)
            print(t("dashboard.serving_page", page=t(f"dashboard.nav.{page}"), url=url), flush=True)
    process = subprocess.Popen(voila_command(port=port), env=env)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait(timeout=30)
        return 0
