"""Programme schemes: a region's rules as a validated file in rubrics/schemes/, never as code."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.resources import content_dir
from toolkit.roster.read import ROLES
from toolkit.scheme.model import (
    ActivityKind,
    CreditRule,
    HoursCategory,
    HoursRule,
    Measure,
    PassRateRule,
    PassRateTier,
    Role,
    RoleItem,
    Scheme,
    SelectionRule,
)
from toolkit.tables import normalise_label

add_messages(
    {
        "scheme.unknown": {
            "zh": "没有名为“{name}”的规则方案（可用：{known}）",
            "en": "no scheme named '{name}' (available: {known})",
        },
        "scheme.schema": {
            "zh": "schema_version 应为 {expected}，kind 应为 scheme",
            "en": "schema_version must be {expected} and kind must be 'scheme'",
        },
        "scheme.value": {
            "zh": "“{field}”应为 {low} 到 {high} 之间的数，这里是“{value}”",
            "en": "'{field}' must be a number from {low} to {high}, found '{value}'",
        },
        "scheme.missing": {"zh": "缺少“{field}”", "en": "'{field}' is missing"},
        "scheme.list": {"zh": "“{field}”应为列表", "en": "'{field}' must be a list"},
        "scheme.mapping": {"zh": "“{field}”应为键值表", "en": "'{field}' must be a mapping"},
        "scheme.duplicate": {
            "zh": "“{field}”中的“{value}”出现了不止一次",
            "en": "'{value}' appears more than once in '{field}'",
        },
        "scheme.hours_choice": {
            "zh": "“{field}”应为固定学时数或 ledger（由研修记录填写）",
            "en": "'{field}' must be a fixed number of hours or 'ledger'",
        },
        "scheme.category": {
            "zh": "“{field}”应为 online（线上）或 practice（实践），这里是“{value}”",
            "en": "'{field}' must be online or practice, found '{value}'",
        },
        "scheme.item_rule": {
            "zh": "“{field}”必须且只能用一种计分方式：{ways}",
            "en": "'{field}' needs exactly one way of scoring: {ways}",
        },
        "scheme.unknown_activity": {
            "zh": "“{field}”引用的活动类型“{activity}”没有在 activities 中定义",
            "en": "'{field}' refers to activity '{activity}', which activities does not define",
        },
        "scheme.no_pass_rate": {
            "zh": "“{field}”按合格率计分，但方案没有 pass_rate 一节",
            "en": "'{field}' scores the pass rate but the scheme has no pass_rate section",
        },
        "scheme.unknown_role": {
            "zh": "“{field}”中的角色“{value}”没有定义（可用：{known}）",
            "en": "role '{value}' in '{field}' is not defined (defined: {known})",
        },
        "scheme.rate_circular": {
            "zh": "“{field}”：角色 {role} 的合格与否决定合格率，不能再按合格率或案例占比计分",
            "en": "'{field}': role {role} makes up the pass rate and cannot be scored by it",
        },
        "scheme.rate_max": {
            "zh": "“{field}”应等于 pass_rate 最高一档的分数",
            "en": "'{field}' must equal the points of the top pass_rate tier",
        },
        "scheme.unreadable": {"zh": "不是有效的 YAML：{reason}", "en": "not valid YAML: {reason}"},
        "scheme.unknown_point": {
            "zh": "“{field}”中的“{value}”不是能力点编号（A1–A13、B1–B10、C1–C7）",
            "en": "'{value}' in '{field}' is not a point code (A1–A13, B1–B10, C1–C7)",
        },
        "scheme.measure_from": {
            "zh": "“{field}”应为 count（计条数）或 minutes（累计分钟），这里是“{value}”",
            "en": "'{field}' must be count or minutes, found '{value}'",
        },
        "scheme.unknown_tag": {
            "zh": "“{field}”的“{value}”没有在方案中定义（已定义：{known}）",
            "en": "'{value}' in '{field}' is not defined in the scheme (defined: {known})",
        },
        "scheme.levels": {
            "zh": "“{field}”应为评定等级的列表，可用：{known}",
            "en": "'{field}' must list desk levels out of: {known}",
        },
    }
)

SCHEMA_VERSION = 1
DEFAULT_SCHEME = "default"
CATEGORIES = ("online", "practice")
LEVELS = ("优秀", "合格", "不合格")  # the rubric desk's levels
ROLE_IDS = tuple(ROLES)  # the roles a roster can give
_SCORING = ("points", "each", "minutes_per_point", "rating", "pass_rate", "case_share")


def schemes_dir() -> Path:
    return content_dir("rubrics") / "schemes"


def available_schemes(*, having: Callable[[Scheme], object] | None = None) -> list[str]:
    """Names of the shipped schemes (only those where ``having(scheme)`` is true, when given)."""
    names = sorted(path.stem for path in schemes_dir().glob("*.yaml"))
    return names if having is None else [name for name in names if having(load_scheme(name))]


class _Reader:
    """Reads one scheme file, naming the file and the field in every complaint."""

    def __init__(self, file: Path) -> None:
        self.file = file

    def fail(self, key: str, **values: Any) -> InputError:
        return InputError(t(key, **values), file=self.file)

    def number(
        self, section: Mapping[str, Any], key: str, where: str, low: float, high: float, default: Any = None
    ) -> float:
        value = section.get(key, default)
        if value is None:
            raise self.fail("scheme.missing", field=f"{where}{key}")
        try:
            number = float(value) if not isinstance(value, bool) else math.nan
        except (TypeError, ValueError):
            number = math.nan
        if not low <= number <= high:
            raise self.fail("scheme.value", field=f"{where}{key}", low=low, high=high, value=value)
        return number

    def optional(
        self, section: Mapping[str, Any], key: str, where: str, low: float, high: float
    ) -> float | None:
        return None if section.get(key) is None else self.number(section, key, where, low, high)

    def entries(self, data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            raise self.fail("scheme.list", field=key)
        return value

    def mapping(self, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        value = data.get(key) or {}
        if not isinstance(value, Mapping):
            raise self.fail("scheme.mapping", field=key)
        return value

    def text(self, section: Mapping[str, Any], key: str, where: str) -> str:
        value = section.get(key)
        if value is None or not str(value).strip():
            raise self.fail("scheme.missing", field=f"{where}{key}")
        return str(value).strip()


def _selection(reader: _Reader, data: Mapping[str, Any]) -> SelectionRule:
    selection, plan, defaults = (
        reader.mapping(data, "selection"),
        reader.mapping(data, "plan"),
        SelectionRule(),
    )
    return SelectionRule(
        min_points=int(reader.number(selection, "min_points", "selection.", 1, 30, defaults.min_points)),
        min_dimensions=int(
            reader.number(selection, "min_dimensions", "selection.", 1, 4, defaults.min_dimensions)
        ),
        min_practice_share=reader.number(
            plan, "min_practice_share", "plan.", 0, 1, defaults.min_practice_share
        ),
    )


def _activities(reader: _Reader, data: Mapping[str, Any]) -> tuple[ActivityKind, ...]:
    kinds: list[ActivityKind] = []
    seen: dict[str, str] = {}
    for number, entry in enumerate(reader.entries(data, "activities"), start=1):
        where = f"activities #{number} "
        activity_id = reader.text(entry, "id", where)
        name = reader.text(entry, "name", where)
        where = f"activities #{number}（{name}）."
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list):
            raise reader.fail("scheme.list", field=f"{where}aliases")
        hours = entry.get("hours")
        fixed = None
        if hours is not None and hours != "ledger":
            if isinstance(hours, bool) or not isinstance(hours, int | float):
                raise reader.fail("scheme.hours_choice", field=f"{where}hours")
            fixed = reader.number(entry, "hours", where, 0, 100)
        minutes = entry.get("minutes")
        if minutes is not None and minutes != "ledger":
            raise reader.fail("scheme.hours_choice", field=f"{where}minutes")
        category = str(entry.get("category", "practice"))
        if category not in CATEGORIES:
            raise reader.fail("scheme.category", field=f"{where}category", value=category)
        stage = entry.get("stage")
        kind = ActivityKind(
            scenario=None if entry.get("scenario") is None else str(entry["scenario"]),
            measure=None if entry.get("measure") is None else str(entry["measure"]),
            stage=None if stage is None else int(reader.number(entry, "stage", where, 1, 20)),
            id=activity_id,
            name=name,
            aliases=tuple(str(a).strip() for a in aliases),
            fixed_hours=fixed,
            max_hours=reader.optional(entry, "max_hours", where, 0, 1000),
            needs_hours=hours == "ledger",
            needs_minutes=minutes == "ledger",
            needs_evidence=bool(entry.get("needs_evidence", False)),
            category=category,
        )
        for spelling in kind.spellings():
            label = normalise_label(spelling)
            if seen.get(label, kind.id) != kind.id:
                raise reader.fail("scheme.duplicate", field="activities", value=spelling)
            seen[label] = kind.id
        kinds.append(kind)
    return tuple(kinds)


def _hours(reader: _Reader, data: Mapping[str, Any]) -> HoursRule | None:
    if data.get("hours") is None:
        return None
    section = reader.mapping(data, "hours")
    target = reader.number(section, "target", "hours.", 0, 1000)
    categories = []
    for category_id, entry in reader.mapping(section, "categories").items():
        where = f"hours.categories.{category_id}."
        if category_id not in CATEGORIES:
            raise reader.fail("scheme.category", field="hours.categories", value=category_id)
        if not isinstance(entry, Mapping):
            raise reader.fail("scheme.mapping", field=where.rstrip("."))
        categories.append(
            HoursCategory(
                id=str(category_id),
                name=reader.text(entry, "name", where),
                minimum=reader.number(entry, "min", where, 0, target),
            )
        )
    return HoursRule(
        target=target,
        cap=reader.optional(section, "cap", "hours.", 0, 1000),
        min_practice_share=reader.optional(section, "min_practice_share", "hours.", 0, 1),
        categories=tuple(categories),
        minutes_per_hour=reader.optional(section, "minutes_per_hour", "hours.", 1, 600),
    )


def _scenarios(reader: _Reader, data: Mapping[str, Any]) -> dict[str, str]:
    scenarios = {}
    for scenario_id, entry in reader.mapping(data, "scenarios").items():
        if not isinstance(entry, Mapping):
            raise reader.fail("scheme.mapping", field=f"scenarios.{scenario_id}")
        scenarios[str(scenario_id)] = reader.text(entry, "name", f"scenarios.{scenario_id}.")
    return scenarios


def _measures(reader: _Reader, data: Mapping[str, Any]) -> tuple[Measure, ...]:
    measures = []
    for measure_id, entry in reader.mapping(data, "measures").items():
        where = f"measures.{measure_id}."
        if not isinstance(entry, Mapping):
            raise reader.fail("scheme.mapping", field=where.rstrip("."))
        source = entry.get("from", "count")
        if source not in ("count", "minutes"):
            raise reader.fail("scheme.measure_from", field=f"{where}from", value=source)
        measures.append(
            Measure(
                id=str(measure_id),
                name=reader.text(entry, "name", where),
                unit=reader.text(entry, "unit", where),
                from_minutes=source == "minutes",
            )
        )
    return tuple(measures)


def _check_tags(
    reader: _Reader,
    activities: tuple[ActivityKind, ...],
    scenarios: dict[str, str],
    measures: tuple[Measure, ...],
) -> None:
    """Every scenario and measure an activity names must be defined in the file."""
    known = {m.id for m in measures}
    for number, kind in enumerate(activities, start=1):
        where = f"activities #{number}（{kind.name}）."
        if kind.scenario is not None and kind.scenario not in scenarios:
            raise reader.fail(
                "scheme.unknown_tag",
                field=f"{where}scenario",
                value=kind.scenario,
                known="、".join(scenarios) or "-",
            )
        if kind.measure is not None and kind.measure not in known:
            raise reader.fail(
                "scheme.unknown_tag",
                field=f"{where}measure",
                value=kind.measure,
                known="、".join(known) or "-",
            )


def _credits(reader: _Reader, data: Mapping[str, Any]) -> CreditRule | None:
    if data.get("credits") is None:
        return None
    from toolkit.catalogue import load_catalogue

    section = reader.mapping(data, "credits")
    codes = {point.code for point in load_catalogue().points}
    overrides = {}
    for code, value in reader.mapping(section, "points").items():
        if str(code) not in codes:
            raise reader.fail("scheme.unknown_point", field="credits.points", value=code)
        overrides[str(code)] = reader.number({"v": value}, "v", f"credits.points.{code} ", 0, 100)
    levels = section.get("levels") or ["合格", "优秀"]
    if not isinstance(levels, list) or not all(level in LEVELS for level in levels):
        raise reader.fail("scheme.levels", field="credits.levels", known="、".join(LEVELS))
    return CreditRule(
        target=reader.number(section, "target", "credits.", 0, 1000),
        per_point=reader.number(section, "per_point", "credits.", 0, 100),
        points=overrides,
        levels=tuple(str(level) for level in levels),
    )


def _item(reader: _Reader, entry: Mapping[str, Any], where: str, activities: set[str]) -> RoleItem:
    # ``points`` is the amount of a once-only item and of a case-share item.
    ways = [key for key in _SCORING[1:] if entry.get(key) not in (None, False)]
    if not ways and entry.get("points") is not None:
        ways = ["points"]
    if len(ways) != 1 or (ways == ["case_share"] and entry.get("points") is None):
        raise reader.fail("scheme.item_rule", field=where.rstrip("."), ways="、".join(_SCORING))
    way = ways[0]
    activity = entry.get("activity")
    if way != "pass_rate":
        activity = reader.text(entry, "activity", where)
        if activity not in activities:
            raise reader.fail("scheme.unknown_activity", field=where.rstrip("."), activity=activity)
    points = reader.optional(entry, "points", where, 0, 1000)
    video = entry.get("video_minutes")
    video_range = None
    if video is not None:
        if not isinstance(video, list) or len(video) != 2:
            raise reader.fail("scheme.value", field=f"{where}video_minutes", low=0, high=600, value=video)
        low, high = (reader.number({"v": v}, "v", f"{where}video_minutes ", 0, 600) for v in video)
        video_range = (low, high)
    if way in ("points", "case_share"):
        maximum = points
    else:
        maximum = reader.number(entry, "max", where, 0, 1000)
    return RoleItem(
        id=reader.text(entry, "id", where),
        name=reader.text(entry, "name", where),
        max=float(maximum or 0),
        activity=str(activity) if activity else None,
        points=points,
        each=reader.optional(entry, "each", where, 0, 1000),
        minutes_per_point=reader.optional(entry, "minutes_per_point", where, 1, 10000),
        rating=way == "rating",
        min_hours=reader.optional(entry, "min_hours", where, 0, 1000),
        video_minutes=video_range,
        pass_rate=way == "pass_rate",
        case_share=reader.optional(entry, "case_share", where, 0, 1),
    )


def _roles(
    reader: _Reader, data: Mapping[str, Any], activities: set[str], rate: PassRateRule | None
) -> dict[str, Role]:
    has_rate, rate_roles = rate is not None, (rate.roles if rate else ())
    roles = {}
    for role_id, entry in reader.mapping(data, "roles").items():
        if role_id not in ROLE_IDS:
            raise reader.fail("scheme.unknown_role", field="roles", value=role_id, known="、".join(ROLE_IDS))
        if not isinstance(entry, Mapping):
            raise reader.fail("scheme.mapping", field=f"roles.{role_id}")
        where = f"roles.{role_id}."
        items = []
        for number, item in enumerate(reader.entries(entry, "items"), start=1):
            parsed = _item(reader, item, f"{where}items #{number}.", activities)
            if parsed.pass_rate and not has_rate:
                raise reader.fail("scheme.no_pass_rate", field=f"{where}items #{number}")
            if parsed.pass_rate and rate is not None and parsed.max != max(t.points for t in rate.tiers):
                raise reader.fail("scheme.rate_max", field=f"{where}items #{number}.max")
            if (parsed.pass_rate or parsed.case_share is not None) and role_id in rate_roles:
                # A role whose passing makes the pass rate cannot also be scored by it.
                raise reader.fail("scheme.rate_circular", field=f"{where}items #{number}", role=role_id)
            items.append(parsed)
        ids = [item.id for item in items]
        for item_id in ids:
            if ids.count(item_id) > 1:
                raise reader.fail("scheme.duplicate", field=f"{where}items", value=item_id)
        roles[role_id] = Role(
            id=role_id,
            name=reader.text(entry, "name", where),
            items=tuple(items),
            pass_share=reader.number(entry, "pass_share", where, 0, 1),
        )
    return roles


def _pass_rate(reader: _Reader, data: Mapping[str, Any]) -> PassRateRule | None:
    if data.get("pass_rate") is None:
        return None
    section = reader.mapping(data, "pass_rate")
    roles = section.get("roles") or ["teacher"]
    if not isinstance(roles, list):
        raise reader.fail("scheme.list", field="pass_rate.roles")
    for role in roles:
        if role not in ROLE_IDS:
            raise reader.fail(
                "scheme.unknown_role", field="pass_rate.roles", value=role, known="、".join(ROLE_IDS)
            )
    tiers = [
        PassRateTier(
            lowest=Fraction(str(reader.number(tier, "from", f"pass_rate.tiers #{n}.", 0, 1))),
            points=reader.number(tier, "points", f"pass_rate.tiers #{n}.", 0, 1000),
        )
        for n, tier in enumerate(reader.entries(section, "tiers"), start=1)
    ]
    if not tiers:
        raise reader.fail("scheme.missing", field="pass_rate.tiers")
    return PassRateRule(
        roles=tuple(str(r) for r in roles), tiers=tuple(sorted(tiers, key=lambda t: -t.lowest))
    )


def parse_scheme(data: Any, file: Path) -> Scheme:
    """A validated :class:`Scheme` from a scheme file's YAML data; InputError names file and field."""
    reader = _Reader(file)
    if (
        not isinstance(data, Mapping)
        or data.get("schema_version") != SCHEMA_VERSION
        or data.get("kind") != "scheme"
    ):
        raise reader.fail("scheme.schema", expected=SCHEMA_VERSION)
    activities = _activities(reader, data)
    pass_rate = _pass_rate(reader, data)
    scenarios, measures = _scenarios(reader, data), _measures(reader, data)
    _check_tags(reader, activities, scenarios, measures)
    return Scheme(
        id=str(data.get("id") or file.stem),
        name=str(data.get("name") or file.stem),
        selection=_selection(reader, data),
        activities=activities,
        hours=_hours(reader, data),
        roles=_roles(reader, data, {a.id for a in activities}, pass_rate),
        pass_rate=pass_rate,
        credits=_credits(reader, data),
        scenarios=scenarios,
        measures=measures,
        file=str(file),
    )


def scheme_file(name: str, *, course_dir: str | Path | None = None) -> Path:
    """Where scheme ``name`` lives: a path given as such, the course's own, else the shipped one."""
    given = Path(name)
    if given.suffix.lower() in (".yaml", ".yml") or len(given.parts) > 1:
        if not given.is_file():
            raise InputError(t("scheme.unknown", name=name, known="、".join(available_schemes())))
        return given
    if course_dir is not None:
        own = Path(course_dir) / "rubrics" / "schemes" / f"{name}.yaml"
        if own.is_file():
            return own
    shipped = schemes_dir() / f"{name}.yaml"
    if not shipped.is_file():
        raise InputError(t("scheme.unknown", name=name, known="、".join(available_schemes())))
    return shipped


def load_scheme(name: str = DEFAULT_SCHEME, *, course_dir: str | Path | None = None) -> Scheme:
    """Scheme ``name`` (a shipped name, a course's own in ``COURSE_DIR/rubrics/schemes/``, or a
    path to a .yaml file), validated; an unknown name is bad input naming the ones there are."""
    file = scheme_file(name, course_dir=course_dir)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise InputError(t("scheme.unreadable", reason=str(error).splitlines()[0]), file=file) from None
    return parse_scheme(data, file)
