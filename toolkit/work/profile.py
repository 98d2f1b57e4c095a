"""A teacher's self-test profile: the share of points earned per competency point and per dimension.

Feedback HTML carries the profile as a JSON block, so the plan builder can read
it from the feedback a teacher has fetched, without access to the gradebook.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

PROFILE_ID = "workshop-profile"
_BLOCK = re.compile(
    rf"<script type=\"application/json\" id=\"{PROFILE_ID}\">(?P<json>.*?)</script>", re.DOTALL
)


def build_profile(results: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, list[float]]]:
    """{"points": {code: [earned, max]}, "dimensions": {id: [earned, max]}} from tagged item results."""
    profile: dict[str, dict[str, list[float]]] = {"points": {}, "dimensions": {}}
    for result in results:
        for section, key in (("points", result.get("point")), ("dimensions", result.get("dimension"))):
            if key:
                entry = profile[section].setdefault(str(key), [0.0, 0.0])
                entry[0] += float(result.get("earned") or 0)
                entry[1] += float(result.get("points") or 0)
    return profile


def profile_block(profile: Mapping[str, Any]) -> str:
    """The HTML block that carries ``profile`` inside a feedback page."""
    payload = json.dumps(profile, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" id="{PROFILE_ID}">{payload}</script>'


def read_profile(feedback_html: str) -> dict[str, dict[str, list[float]]] | None:
    match = _BLOCK.search(feedback_html)
    if not match:
        return None
    try:
        data = json.loads(html.unescape(match["json"]))
    except ValueError:
        return None
    return data if isinstance(data, dict) and "points" in data else None


def find_feedback_profile(folder: str | Path) -> dict[str, dict[str, list[float]]] | None:
    """The profile in the newest fetched self-test feedback under ``folder`` (``self_test/feedback/*/``)."""
    pages = sorted(Path(folder).glob("feedback/*/*.html"), key=lambda p: p.parent.name, reverse=True)
    for page in pages:
        profile = read_profile(page.read_text(encoding="utf-8", errors="replace"))
        if profile is not None:
            return profile
    return None
