"""Achievements (成果): plans, typical and demonstration cases, "一课多点" lessons, and the collections.

An achievement is an assignment graded like a point's evidence (its rubric is in
rubrics/achievements/). Two of them ask for more than files: a group's typical
case is confirmed by every member who took part, and a "一课多点" lesson names the
points it shows. The widgets are handed out lazily.
"""

from toolkit.achievement.model import (
    MULTI_POINT,
    TYPICAL_CASE,
    Participation,
    achievement_missing,
    chosen_points,
    read_participation,
)
from toolkit.lazy import lazy_attributes

__all__ = [
    "MULTI_POINT",
    "TYPICAL_CASE",
    "Participation",
    "ParticipationPanel",
    "PointChoice",
    "achievement_missing",
    "chosen_points",
    "read_participation",
]

__getattr__ = lazy_attributes(
    __name__,
    {"ParticipationPanel": "toolkit.achievement.widget", "PointChoice": "toolkit.achievement.widget"},
)
