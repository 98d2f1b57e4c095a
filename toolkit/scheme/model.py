"""What a programme scheme says: how plans choose points, how activities earn hours, how roles score.

Every number here comes from a scheme file in rubrics/schemes/; nothing regional is written in code.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True)
class SelectionRule:
    """How many points a personal plan chooses, over how many dimensions, and its practice share."""

    min_points: int = 3
    min_dimensions: int = 3
    min_practice_share: float = 0.5


@dataclass(frozen=True)
class ActivityKind:
    """A kind of research activity as the ledger names it (类型 column).

    ``fixed_hours`` credits the same hours whatever the ledger says; ``needs_hours`` takes the
    ledger's 学时 (required, capped at ``max_hours``); ``needs_minutes`` requires its 分钟.
    ``needs_evidence`` credits a row only when its 佐证 is filled in. ``category`` (online or
    practice) feeds a practice-share rule.
    """

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    fixed_hours: float | None = None
    max_hours: float | None = None
    needs_hours: bool = False
    needs_minutes: bool = False
    needs_evidence: bool = False
    category: str = "practice"
    scenario: str | None = None  # one of the scheme's learning scenarios (课例研磨 …)
    measure: str | None = None  # the process measure a row of this kind adds to
    stage: int | None = None  # its place in the scenario's cycle (备课 1, 磨课 2, 听评课 3, 修改 4)

    def spellings(self) -> tuple[str, ...]:
        return (self.name, self.id, *self.aliases)


@dataclass(frozen=True)
class Measure:
    """A process measure (学习时长, 讨论数量 …): the minutes of its rows summed, or its rows counted."""

    id: str
    name: str
    unit: str
    from_minutes: bool = False


@dataclass(frozen=True)
class HoursCategory:
    """A part of the hours with a minimum of its own (Hefei: 网络研修 30 and 校本研修 30 of 60)."""

    id: str  # an activity category: online or practice
    name: str
    minimum: float


@dataclass(frozen=True)
class HoursRule:
    """Hours a teacher needs (``target``), the most that count (``cap``), the practice share, the
    minimum of each category, and how many minutes of a minutes-only activity make one 学时."""

    target: float
    cap: float | None = None
    min_practice_share: float | None = None
    categories: tuple[HoursCategory, ...] = ()
    minutes_per_hour: float | None = None


@dataclass(frozen=True)
class CreditRule:
    """学分 for competency points passed at the rubric desk: ``per_point`` each (``points`` overrides
    single points), ``target`` needed; a point passes when its latest level is one of ``levels``."""

    target: float
    per_point: float
    points: dict[str, float] = field(default_factory=dict)
    levels: tuple[str, ...] = ("合格", "优秀")

    def credit(self, code: str) -> float:
        return self.points.get(code, self.per_point)


@dataclass(frozen=True)
class RoleItem:
    """One scored item of a role. Exactly one way of scoring applies:

    - ``points``: earned once when the activity is recorded;
    - ``each``: per recorded activity, up to ``max``;
    - ``minutes_per_point``: one point per whole block of minutes, up to ``max``;
    - ``rating``: the rating in the 评分 column (highest row), capped at ``max``; it counts only
      with at least ``min_hours`` recorded for the activity, and, with ``video_minutes``, only for
      rows whose 分钟 lie in that range;
    - ``pass_rate``: the tier points of the school's pass rate;
    - ``case_share``: ``points`` when the school's recorded cases reach that share of participants.
    """

    id: str
    name: str
    max: float
    activity: str | None = None
    points: float | None = None
    each: float | None = None
    minutes_per_point: float | None = None
    rating: bool = False
    min_hours: float | None = None
    video_minutes: tuple[float, float] | None = None
    pass_rate: bool = False
    case_share: float | None = None


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    items: tuple[RoleItem, ...]
    pass_share: float

    @property
    def max_score(self) -> float:
        return sum(item.max for item in self.items)

    @functools.cached_property  # exact Fractions are slow, and assess asks once per person
    def pass_mark(self) -> float:
        return float(Fraction(str(self.pass_share)) * Fraction(str(self.max_score)))


@dataclass(frozen=True)
class PassRateTier:
    """Points for a pass rate of at least ``lowest`` (tiers are half-open, checked from the top)."""

    lowest: Fraction
    points: float


@dataclass(frozen=True)
class PassRateRule:
    roles: tuple[str, ...]
    tiers: tuple[PassRateTier, ...]

    def points(self, passed: int, participants: int) -> float:
        """The tier points for ``passed`` of ``participants``, compared exactly (no float rounding)."""
        if participants <= 0:
            return 0.0
        rate = Fraction(passed, participants)
        return next((tier.points for tier in self.tiers if rate >= tier.lowest), 0.0)


@dataclass(frozen=True)
class Scheme:
    id: str
    name: str
    selection: SelectionRule
    activities: tuple[ActivityKind, ...] = ()
    hours: HoursRule | None = None
    roles: dict[str, Role] = field(default_factory=dict)
    pass_rate: PassRateRule | None = None
    credits: CreditRule | None = None
    scenarios: dict[str, str] = field(default_factory=dict)  # id → name, in the file's order
    measures: tuple[Measure, ...] = ()
    file: str = ""

    def activity(self, activity_id: str) -> ActivityKind:
        return next(a for a in self.activities if a.id == activity_id)
