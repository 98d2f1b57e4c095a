"""The names teachers see for assignments: 自测诊断, not self_test."""

from __future__ import annotations

import re

from toolkit.catalogue import load_catalogue
from toolkit.i18n import t
from toolkit.submission import messages  # noqa: F401  (registers the messages)

TASK = re.compile(r"^task_(?P<code>[ABC]\d{1,2})$")
ACHIEVEMENT_TITLES = ("school_plan", "group_plan", "typical_case", "demo_case", "multi_point_case")


def assignment_title(assignment: str) -> str:
    """The Chinese (or English) title of a course assignment; other ids are shown as they are."""
    if assignment in ("self_test", "personal_plan", *ACHIEVEMENT_TITLES):
        return t(f"submission.title.{assignment}")
    match = TASK.match(assignment)
    if match:
        try:
            point = load_catalogue().point(match["code"])
        except KeyError:
            return assignment
        return t("submission.title.task", point=point.label())
    return assignment
