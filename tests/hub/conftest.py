"""A real JupyterHub for a small course: real proxy, real spawner, real system users.

The course lives in a folder every system user may pass through (the exchange must be
reachable by the teachers' own accounts); the test accounts and their homes are removed
again at the end, so a machine that runs the suite twice starts clean.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import CHROMIUM_FLAGS, roster
from toolkit.course import init_course
from toolkit.course.nbgrader_batch import run_nbgrader_steps
from toolkit.errors import InputError
from toolkit.hub import prepare_hub, start_hub, stop_hub
from toolkit.hub.accounts import system_name
from toolkit.hub.run import hub_url
from toolkit.hub.settings import HubLayout

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# Each pytest-xdist worker that runs hub tests starts its own hub. Its test accounts carry the
# worker's number, so one worker removing its accounts (and whatever runs as them) never
# touches another worker's teachers.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
TEACHERS = tuple(f"H{_WORKER}T0{n}" for n in (1, 2, 3, 4))
GRADER = f"H{_WORKER}L01"
ADMIN = f"H{_WORKER}A01"  # the school's administrator: never logs in here, so no system user
PASSWORD = "workshop-pass-1"
SCREENSHOTS = Path(os.environ.get("WORKSHOP_SCREENSHOT_DIR") or tempfile.gettempdir()) / "workshop-hub"


def people(*, leaving: str = "") -> list[str]:
    """The hub course's roster rows (工号,姓名,学校,学科,角色), without ``leaving``."""
    rows = [f"{tid},教师{n},一中,数学,教师" for n, tid in enumerate(TEACHERS, start=1)]
    rows += [f"{GRADER},王坊主,一中,数学,坊主", f"{ADMIN},李管理,一中,,管理员"]
    return [row for row in rows if not row.startswith(f"{leaving},")] if leaving else rows


@dataclass(frozen=True)
class Hub:
    url: str
    layout: HubLayout
    course: Path
    homes: Path


def _remove_accounts(ids: list[str]) -> None:
    """Remove the test accounts (and anything still running as them, or userdel refuses)."""
    for teacher_id in ids:
        name = system_name(teacher_id)
        for _ in range(50):
            if subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True).returncode != 0:
                break  # nothing left running
            time.sleep(0.1)
        subprocess.run(["userdel", name], capture_output=True)
        assert subprocess.run(["id", name], capture_output=True).returncode != 0, f"{name} is still there"


@pytest.fixture(scope="package")
def hub() -> Iterator[Hub]:
    if os.geteuid() != 0:
        pytest.fail("the hub tests make system users: run them as root (CI does)")
    ids = [*TEACHERS, GRADER]
    _remove_accounts(ids)
    base = Path(tempfile.mkdtemp(prefix="workshop-hub-", dir="/tmp"))
    base.chmod(0o755)
    # Guangdong's scheme: the school-based research flow runs on it (tests/hub/test_research_page.py).
    # Made in process, released in one nbgrader child: the commands have tests of their own.
    course = base / "course"
    init_course(course, roster=roster(base / "roster.csv", people()), scheme="guangdong-2021")
    run_nbgrader_steps(course, [("generate_assignment", "self_test"), ("release_assignment", "self_test")])
    homes = base / "homes"
    homes.mkdir(mode=0o755)
    layout = None
    for _ in range(20):  # five free ports in a row
        try:
            layout = prepare_hub(course, port=random.randrange(20000, 40000, 5), home_root=homes)
            break
        except InputError as error:
            if "端口" not in str(error):
                raise
    assert layout is not None
    process = start_hub(layout)
    try:
        yield Hub(hub_url(layout), layout, course, homes)
    finally:
        stop_hub(process)
        _remove_accounts(ids)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="package")
def browser(chromium: str) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def shot(page: object, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path
