"""Collecting on the hub: each teacher's own account decides what counts as their submission."""

from __future__ import annotations

import os
import pwd
import shutil
from pathlib import Path

import pytest

from tests.conftest import nbgrader
from tests.hub.conftest import TEACHERS, Hub
from toolkit.course import load_course
from toolkit.hub.accounts import read_accounts
from toolkit.hub.homes import ensure_system_user

pytestmark = [pytest.mark.slow, pytest.mark.hub]


def _submission(hub: Hub, teacher_id: str, stamp: str, owner: str, marker: str) -> Path:
    inbound = hub.course / "exchange" / load_course(hub.course).course_id / "inbound"
    folder = inbound / f"{teacher_id}+self_test+{stamp} UTC+{marker}"
    shutil.copytree(hub.course / "release" / "self_test", folder)
    (folder / "marker.txt").write_text(marker, encoding="utf-8")
    entry = pwd.getpwnam(owner)
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, entry.pw_uid, entry.pw_gid)
    return folder


def test_a_submission_made_under_a_colleagues_id_is_not_collected(hub: Hub) -> None:
    accounts = read_accounts(load_course(hub.course).db_url)
    victim, cheat = (ensure_system_user(accounts[tid], home_root=hub.homes) for tid in TEACHERS[1:3])
    _submission(hub, TEACHERS[1], "2026-12-01 01:00:00.000000", victim.pw_name, "genuine")
    # Newer, and under the colleague's ID, but written by another teacher's account.
    _submission(hub, TEACHERS[1], "2026-12-01 02:00:00.000000", cheat.pw_name, "forged")

    done = nbgrader(hub.course, "collect", "self_test", "--student", TEACHERS[1])
    assert done.returncode == 0, done.stdout + done.stderr
    collected = hub.course / "submitted" / TEACHERS[1] / "self_test" / "marker.txt"
    assert collected.read_text(encoding="utf-8") == "genuine"
    log = done.stdout + done.stderr
    assert "已忽略" in log and cheat.pw_name in log
    assert "cheating attempt" not in log
