"""Collecting on the hub: each teacher's own account decides what counts as their submission."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import nbgrader
from tests.hub.conftest import TEACHERS, Hub
from toolkit.course import load_course
from toolkit.hub.accounts import read_accounts
from toolkit.hub.homes import ensure_system_user

pytestmark = [pytest.mark.slow, pytest.mark.hub]


def submit_as(hub: Hub, account: pwd.struct_passwd, claimed_id: str, marker: str) -> None:
    """``nbgrader submit`` run by ``account``, with its settings saying it is ``claimed_id``."""
    home = Path(account.pw_dir)
    folder = home / "self_test"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(hub.course / "release" / "self_test", folder)
    (folder / "marker.txt").write_text(marker, encoding="utf-8")
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, account.pw_uid, account.pw_gid)
    env = {
        "HOME": str(home),
        "PATH": os.environ["PATH"],
        "JUPYTER_CONFIG_PATH": str(hub.layout.user_config_dir),
        "WORKSHOP_TEACHER_ID": claimed_id,
    }
    command = ["runuser", "-u", account.pw_name, "--", sys.executable, "-m", "nbgrader", "submit"]
    command.append("self_test")
    done = subprocess.run(command, cwd=home, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_submission_made_under_a_colleagues_id_is_not_collected(hub: Hub) -> None:
    accounts = read_accounts(load_course(hub.course).db_url)
    victim, cheat = (ensure_system_user(accounts[tid], home_root=hub.homes) for tid in TEACHERS[1:3])
    submit_as(hub, victim, TEACHERS[1], "genuine")
    # Newer, and under the colleague's ID, but made by another teacher's account.
    submit_as(hub, cheat, TEACHERS[1], "forged")

    done = nbgrader(hub.course, "collect", "self_test", "--student", TEACHERS[1])
    assert done.returncode == 0, done.stdout + done.stderr
    collected = hub.course / "submitted" / TEACHERS[1] / "self_test" / "marker.txt"
    assert collected.read_text(encoding="utf-8") == "genuine"
    log = done.stdout + done.stderr
    assert "已忽略" in log and cheat.pw_name in log
    assert "cheating attempt" not in log
