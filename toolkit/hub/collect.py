"""nbgrader's collect with the owner check that fits the hub's accounts.

On the hub a teacher's submission is written by their own system user (``ws-t0001``)
under their roster ID (``T0001``), so nbgrader's own check (owner name == student ID)
would warn about every submission. Here the rule is: a folder owned by a workshop account
counts only for that account's own ID. A teacher who changes their settings to submit as
a colleague is therefore ignored, with a message naming the folder and its owner, and the
colleague's own latest submission is collected instead. Folders owned by other users (a
trainer placing files by hand) are accepted as nbgrader would.
"""

from __future__ import annotations

import glob
import os
import pwd
from typing import Any

from nbgrader.exchange.default.collect import ExchangeCollect

from toolkit.hub import messages  # noqa: F401  (registers the hub's messages)
from toolkit.hub.accounts import SYSTEM_PREFIX, system_name
from toolkit.i18n import t


def _owner(path: str) -> str:
    try:
        return pwd.getpwuid(os.lstat(path).st_uid).pw_name
    except KeyError:
        return ""


class RosterCheckedCollect(ExchangeCollect):
    """Collect only what each teacher's own account submitted."""

    def _trusted(self, record: dict[str, Any]) -> bool:
        owner = _owner(os.path.join(self.inbound_path, record["filename"]))
        return not owner.startswith(SYSTEM_PREFIX) or owner == system_name(record["username"])

    def init_src(self) -> None:
        super().init_src()
        self.check_owner = False  # replaced by the rule above
        chosen = []
        for record in self.src_records:
            if self._trusted(record):
                chosen.append(record)
                continue
            name = f"{record['username']}+{self.coursedir.assignment_id}+*"
            pattern = os.path.join(self.inbound_path, name)
            candidates = [self._path_to_record(p) for p in glob.glob(pattern)]
            for candidate in candidates:
                if not self._trusted(candidate):
                    folder = os.path.join(self.inbound_path, candidate["filename"])
                    owner, claimed = _owner(folder), candidate["username"]
                    self.log.warning(t("hub.collect_ignored", folder=folder, owner=owner, id=claimed))
            genuine = self._sort_by_timestamp([c for c in candidates if self._trusted(c)])
            if genuine:
                chosen.append(genuine[0])
        self.src_records = chosen
