"""The hub's spawner: each person's server runs as their own system user, in their own home.

JupyterHub's ``LocalProcessSpawner`` does the starting and stopping; this subclass
maps the hub name (the roster ID) to the person's system user, makes that user and
their private home on first start, brings the shipped course modules up to date without
replacing anything the person changed, and enforces ``mem_limit`` / ``cpu_limit`` through
cgroups.
"""

from __future__ import annotations

import asyncio
import os
import pwd
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from traitlets import Unicode

from toolkit.hub import limits
from toolkit.hub.accounts import Account, read_accounts, system_name
from toolkit.hub.homes import ensure_system_user, provision_as
from toolkit.submission.exchange import TEACHER_ENV

_useradd_lock = asyncio.Lock()


class WorkshopSpawner(LocalProcessSpawner):
    """A local process per person, as that person's own system user."""

    db_url = Unicode(help="The course gradebook, where the roster is kept.").tag(config=True)
    home_root = Unicode("/home", help="Where new people's home folders are made.").tag(config=True)
    user_config_dir = Unicode(
        help="A folder of Jupyter and nbgrader settings every person's server reads."
    ).tag(config=True)

    def _account(self) -> Account:
        account = read_accounts(self.db_url).get(self.user.name)
        if account is None or not account.active:
            raise PermissionError(f"{self.user.name} is not on the course roster")
        return account

    async def start(self) -> Any:
        account = await asyncio.to_thread(self._account)
        # useradd and the copying take a second or so: done in threads, so fifty teachers
        # starting at once do not stall the hub (useradd itself runs one at a time).
        async with _useradd_lock:
            entry = await asyncio.to_thread(ensure_system_user, account, home_root=Path(self.home_root))
        await asyncio.to_thread(provision_as, entry)
        try:
            self._cgroup_procs = limits.prepare(
                entry.pw_name, mem_limit=self.mem_limit, cpu_limit=self.cpu_limit
            )
        except OSError as error:
            self.log.warning("Memory and CPU limits not applied for %s: %s", self.user.name, error)
            self._cgroup_procs = []
        return await super().start()

    def make_preexec_fn(self, name: str) -> Callable[[], None]:
        become_user = set_user_setuid(system_name(name))
        procs = getattr(self, "_cgroup_procs", [])

        def preexec() -> None:
            limits.join(procs)
            become_user()

        return preexec

    def user_env(self, env: dict[str, str]) -> dict[str, str]:
        entry = pwd.getpwnam(system_name(self.user.name))
        env["USER"] = entry.pw_name
        env["HOME"] = entry.pw_dir
        env["SHELL"] = entry.pw_shell or "/bin/bash"
        return env

    def get_env(self) -> dict[str, str]:
        env = super().get_env()
        env[TEACHER_ENV] = self.user.name
        env["JUPYTER_CONFIG_PATH"] = self.user_config_dir
        env.setdefault("LANG", "C.UTF-8")
        for key in ("TZ", "WORKSHOP_LANG"):
            if key in os.environ:
                env[key] = os.environ[key]
        return env
