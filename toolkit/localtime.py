"""Times as the people reading them keep them: China Standard Time unless the server's TZ says otherwise."""

from __future__ import annotations

import os
from zoneinfo import ZoneInfo

DEFAULT_ZONE = "Asia/Shanghai"


def local_zone() -> ZoneInfo:
    """The server's ``TZ`` when it names a zone, else China Standard Time."""
    try:
        return ZoneInfo(os.environ.get("TZ") or DEFAULT_ZONE)
    except (ValueError, KeyError, OSError):  # unset, malformed (":/etc/localtime") or unknown
        return ZoneInfo(DEFAULT_ZONE)
