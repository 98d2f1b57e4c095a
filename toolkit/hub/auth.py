"""Logging in to a course's hub: roster IDs only, each person's password chosen at first login.

Built on jupyterhub-firstuseauthenticator (maintained by the JupyterHub team): the
first password someone uses for an ID becomes theirs, kept as a bcrypt hash. It
suits a workshop where the roster is the only list of people: nobody has to hand
out passwords, there is no sign-up form to approve (as nativeauthenticator needs),
and the roster decides who may log in at every attempt, so a teacher archived from
the roster can no longer log in while their files stay where they are.
"""

from __future__ import annotations

import time
from typing import Any

from firstuseauthenticator import FirstUseAuthenticator
from traitlets import Unicode

from toolkit.hub import messages  # noqa: F401  (registers the hub's messages)
from toolkit.hub.accounts import Account, find_account, read_accounts
from toolkit.hub.settings import GRADERS_GROUP
from toolkit.i18n import t

# How long one reading of the roster serves logins: an archived teacher is refused within this.
ROSTER_SECONDS = 1.0


class WorkshopAuthenticator(FirstUseAuthenticator):
    """First-use passwords for the people on the course roster, and nobody else."""

    db_url = Unicode(help="The course gradebook, where the roster is kept.").tag(config=True)

    _roster: dict[str, Account] = {}
    _roster_read_at = float("-inf")

    def _find(self, login: str) -> Account | None:
        # One login asks four times (authenticate, normalize twice, check_allowed) within
        # milliseconds: the roster is read once for them all, and afresh for the next login.
        if time.monotonic() - self._roster_read_at > ROSTER_SECONDS:
            self._roster = read_accounts(self.db_url)
            self._roster_read_at = time.monotonic()
        return find_account(self._roster, login)

    def normalize_username(self, username: str) -> str:
        # The roster's own spelling of the ID ("T0001"), whatever case was typed, so the
        # hub user, nbgrader's student ID and the gradebook are one name.
        account = self._find(username)
        return account.teacher_id if account else username.strip().lower()

    def check_allowed(self, username: str, authentication: Any = None) -> bool:
        account = self._find(username)
        return account is not None and account.teacher_id == username

    def is_admin(self, handler: Any, authentication: dict[str, Any]) -> bool:
        # Nobody administers the hub from the browser: graders grade, they do not impersonate.
        return False

    async def authenticate(self, handler: Any, data: dict[str, str]) -> dict[str, Any] | None:
        account = self._find(data.get("username", ""))
        if account is None:
            return None  # never store a password for someone who is not on the roster
        result = await super().authenticate(handler, {**data, "username": account.teacher_id})
        if result is None:
            if getattr(handler, "custom_login_error", ""):
                handler.custom_login_error = t("hub.password_too_short", length=self.min_password_length)
            return None
        # Group membership follows the roster's role at every login (manage_groups).
        return {"name": account.teacher_id, "groups": [GRADERS_GROUP] if account.is_grader else []}
