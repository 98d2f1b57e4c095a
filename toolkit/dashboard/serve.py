"""Serve the dashboards with Voila: sources and tracebacks hidden, localhost only."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from toolkit.course.config import load_course
from toolkit.dashboard.markup import COURSE_ENV, PAGES
from toolkit.environment import tools_path
from toolkit.i18n import t
from toolkit.resources import dashboard_dir

DEFAULT_PORT = 8866
# Kernels kept warm per page (each holds about 150 MB): four pages, four kernels on a small server.
POOL_SIZE = 1
# A kernel no page uses any more (its tab closed without saying so) is stopped after this long.
IDLE_KERNEL_SECONDS = 600


def page_path(page: str) -> str:
    """The URL path of a dashboard page when the folder of dashboards is served."""
    return f"voila/render/{PAGES[page]}"


def voila_command(
    notebook: str | None = None, *, port: int = DEFAULT_PORT, preheat: bool = True
) -> list[str]:
    """The Voila command line for one shipped dashboard notebook, or (None) for all of them.

    With ``preheat`` each page keeps ``POOL_SIZE`` kernels that have already read the course
    (:mod:`toolkit.dashboard.preheat`), and kernels left idle are culled.
    """
    command = [
        sys.executable,
        "-m",
        "voila",
        str(dashboard_dir() / notebook) if notebook else str(dashboard_dir()),
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--no-browser",
        "--strip_sources=True",
        "--show_tracebacks=False",
        f"--MappingKernelManager.cull_idle_timeout={IDLE_KERNEL_SECONDS}",
        "--MappingKernelManager.cull_interval=60",
    ]
    if preheat:
        command += ["--preheat_kernel=True", f"--pool_size={POOL_SIZE}"]
    return command


def dashboard_env(course_dir: str | Path) -> dict[str, str]:
    """The environment a dashboard kernel needs: the course folder and this Python's tools."""
    root = load_course(course_dir).root  # fails with exit 2 when it is not a course
    return {**os.environ, COURSE_ENV: str(root), "PATH": tools_path()}


READY_TIMEOUT = 120.0  # seconds for the first page to answer before we stop saying when it did


def wait_until_served(url: str, process: subprocess.Popen[bytes]) -> bool:
    """True once ``url`` answers with a whole page; False if Voila exits or it takes too long."""
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=READY_TIMEOUT) as response:
                response.read()
                return True
        except OSError:
            time.sleep(0.2)
    return False


def serve_dashboard(course_dir: str | Path, *, port: int = DEFAULT_PORT, started: float | None = None) -> int:
    """Run Voila in the foreground until interrupted; returns its exit status.

    Says when the overview first answered, counted from ``started`` (a ``time.monotonic()``
    reading; by default the moment Voila was launched).
    """
    env = dashboard_env(course_dir)
    base = f"http://127.0.0.1:{port}/"
    print(t("dashboard.serving", url=base + page_path("cohort")), flush=True)
    for page in PAGES:
        if page != "cohort":
            url = base + page_path(page)
            print(t("dashboard.serving_page", page=t(f"dashboard.nav.{page}"), url=url), flush=True)
    # Voila's and its kernels' own log lines (in English, some of them warnings meant for
    # administrators) go to a file in the course, not to the person's terminal.
    log_path = Path(env[COURSE_ENV]) / "dashboard.log"
    print(t("dashboard.log", path=log_path), flush=True)
    with log_path.open("ab") as log:
        process = subprocess.Popen(voila_command(port=port), env=env, stdout=log, stderr=subprocess.STDOUT)
    started = time.monotonic() if started is None else started
    try:
        if wait_until_served(base + page_path("cohort"), process):
            print(t("dashboard.ready", seconds=time.monotonic() - started), flush=True)
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait(timeout=30)
        return 0
