"""Each person's system user and home folder, made on their first start.

Runs inside the hub (as root) before a server starts. A home is created once with
mode 0700, so no teacher can read another's work; each start brings the shipped course
modules up to date without ever replacing a file the person changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

from toolkit.atomic import write_atomic, write_text_atomic
from toolkit.hub.accounts import Account
from toolkit.resources import content_dir

# The teacher's copy of the course modules, beside the assignments nbgrader fetches.
MODULES_FOLDER = "研修课程"
HOME_PAGE = f"{MODULES_FOLDER}/home.ipynb"
# What was shipped into a home, by digest, so an unchanged copy can be updated later.
MANIFEST = ".workshop/shipped.json"

# JupyterLab in Chinese, without the English "news" prompt; written only where the
# person has no setting of their own yet.
_LAB_SETTINGS = {
    "@jupyterlab/translation-extension/plugin.jupyterlab-settings": {"locale": "zh_CN"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def ensure_system_user(account: Account, *, home_root: Path) -> pwd.struct_passwd:
    """The system user for ``account``, created (with its private home) when missing."""
    name = account.system_name
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        home = home_root / name
        subprocess.run(
            [
                "useradd",
                "--no-create-home",
                "--home-dir",
                str(home),
                "--shell",
                "/bin/bash",
                "--user-group",
                "--comment",
                account.teacher_id,
                name,
            ],
            check=True,
            capture_output=True,
        )
        entry = pwd.getpwnam(name)
    home = Path(entry.pw_dir)
    if not home.is_dir():
        home.mkdir(parents=True, mode=0o700)
        os.chown(home, entry.pw_uid, entry.pw_gid)
    home.chmod(0o700)
    return entry


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def provision_home(home: Path) -> list[Path]:
    """Bring the person's copy of the shipped course up to date; return the files written.

    A shipped file is copied in when missing, and replaced by a newer shipped version only
    while the person's copy is still exactly what was shipped to them (the manifest in
    ``~/.workshop/shipped.json`` records that); a copy they changed is left alone. Runs as
    the person (see ``provision_as``), so a link they planted can lead a copy nowhere they
    could not write themselves.
    """
    manifest_file = home / MANIFEST
    try:
        shipped: dict[str, str] = json.loads(manifest_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        shipped = {}
    written: list[Path] = []
    modules = content_dir("course")
    for source in sorted(modules.rglob("*")):
        relative = source.relative_to(modules)
        if source.is_dir() or "__pycache__" in relative.parts or ".ipynb_checkpoints" in relative.parts:
            continue
        target = home / MODULES_FOLDER / relative
        key = target.relative_to(home).as_posix()
        new = _digest(source)
        if target.is_symlink():
            continue
        have = _digest(target) if target.exists() else None
        if have == new:
            shipped[key] = new
            continue
        if have is not None and have != shipped.get(key):
            continue  # theirs now
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, lambda partial, source=source: shutil.copyfile(source, partial))
        shipped[key] = new
        written.append(target)
    settings = home / ".jupyter" / "lab" / "user-settings"
    for relative_name, values in _LAB_SETTINGS.items():
        target = settings / relative_name
        if target.exists() or target.is_symlink():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values, ensure_ascii=False, indent=2), encoding="utf-8")
        written.append(target)
    manifest_file.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(manifest_file, json.dumps(shipped, ensure_ascii=False, indent=1))
    return written


def provision_as(entry: pwd.struct_passwd) -> None:
    """Run ``provision_home`` for this system user, as that user."""
    from jupyterhub.spawner import set_user_setuid

    subprocess.run(
        [sys.executable, "-m", "toolkit.hub.homes", entry.pw_dir],
        preexec_fn=set_user_setuid(entry.pw_name),
        env={"HOME": entry.pw_dir, "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"},
        check=True,
        capture_output=True,
        timeout=120,
    )


if __name__ == "__main__":
    provision_home(Path(sys.argv[1]))
