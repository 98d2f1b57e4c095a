"""The structural rules of a personal research plan (个人研修计划), checked the same way while
the teacher works and when nbgrader grades.

A plan is plain data saved under ``plan`` in ``answers.json``::

    {"environment": "B",
     "points": {"A1": {"reason": "...", "goal": "...", "activities": "...",
                       "evidence": ["analysis_plan", ...], "start": "2026-03-01",
                       "end": "2026-04-30", "online_hours": 4, "practice_hours": 6}}}

Whatever a file holds, checking never fails: malformed parts count as missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from toolkit.catalogue import load_catalogue
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.rubric import load_point_rubric
from toolkit.scheme import SelectionRule, load_scheme

add_messages(
    {
        "plan.rule.point_count": {
            "zh": "至少选择 {min_points} 个能力点",
            "en": "choose at least {min_points} points",
        },
        "plan.rule.dimension_count": {
            "zh": "所选能力点覆盖至少 {min_dimensions} 个维度",
            "en": "the points cover at least {min_dimensions} dimensions",
        },
        "plan.rule.environment": {
            "zh": "所选能力点都适用于学校的教学环境",
            "en": "every point is allowed by the school's environment",
        },
        "plan.rule.complete": {
            "zh": "每个能力点都写了目标和研修活动",
            "en": "every point has a goal and activities",
        },
        "plan.rule.evidence": {
            "zh": "每个能力点都列出其评价量规要求的全部证据",
            "en": "every point lists all the evidence its rubric asks for",
        },
        "plan.rule.timeline": {
            "zh": "每个能力点都有开始和完成日期，且开始不晚于完成",
            "en": "every point has a start and an end date, the start not after the end",
        },
        "plan.rule.practice_share": {
            "zh": "每个能力点的实践学时不少于该点学时的 {share:.0%}",
            "en": "practice is at least {share:.0%} of each point's hours",
        },
        "plan.detail.point_count": {"zh": "现在选了 {count} 个", "en": "{count} chosen"},
        "plan.detail.dimension_count": {
            "zh": "现在覆盖 {count} 个维度：{names}",
            "en": "{count} covered: {names}",
        },
        "plan.detail.environment": {
            "zh": "{environment}不能选择：{points}",
            "en": "not allowed in {environment}: {points}",
        },
        "plan.detail.scope": {
            "zh": "不在学校选定的课程范围内：{points}",
            "en": "outside the course scope the school chose: {points}",
        },
        "plan.detail.no_environment": {"zh": "还没有选择学校的教学环境", "en": "no environment chosen"},
        "plan.detail.missing": {"zh": "{point} 缺少{what}", "en": "{point} lacks {what}"},
        "plan.detail.evidence": {"zh": "{point} 未列出：{names}", "en": "{point} does not list: {names}"},
        "plan.detail.dates": {
            "zh": "{point} 的日期不完整或先后颠倒",
            "en": "{point}: dates missing or reversed",
        },
        "plan.detail.hours": {
            "zh": "{point} 线上 {online:g} 学时、实践 {practice:g} 学时",
            "en": "{point}: {online:g} online, {practice:g} practice hours",
        },
        "plan.detail.none": {"zh": "还没有选择能力点", "en": "no point chosen yet"},
        "plan.goal": {"zh": "研修目标", "en": "a goal"},
        "plan.activities": {"zh": "研修活动", "en": "activities"},
        "plan.rules_file": {
            "zh": "计划规则文件格式不对：{reason}",
            "en": "the plan rules file is malformed: {reason}",
        },
    }
)

PLAN_ASSIGNMENT = "personal_plan"
PLAN_KEY = "plan"
RULES_FILE = "plan_rules.yaml"
RULE_IDS = (
    "point_count",
    "dimension_count",
    "environment",
    "complete",
    "evidence",
    "timeline",
    "practice_share",
)


@dataclass(frozen=True)
class PlanRules:
    """The scheme's selection rule, the course's environment, and each point's required evidence."""

    selection: SelectionRule
    environment: str
    evidence: Mapping[str, tuple[tuple[str, str], ...]]  # point → ((evidence id, name), ...)
    scheme: str = "default"
    scope: tuple[str, ...] = ()  # the course scope the school chose; () offers every point

    def allowed(self, environment: str) -> set[str]:
        """The points a plan may choose in ``environment``, inside the course scope."""
        codes = {p.code for p in load_catalogue().points_for(environment)}
        return codes & set(self.scope) if self.scope else codes

    def rule_name(self, rule_id: str) -> str:
        return t(
            f"plan.rule.{rule_id}",
            min_points=self.selection.min_points,
            min_dimensions=self.selection.min_dimensions,
            share=self.selection.min_practice_share,
        )


@dataclass(frozen=True)
class RuleResult:
    rule: str
    name: str
    passed: bool
    detail: str


def default_rules(
    *,
    scheme: str = "default",
    environment: str = "C",
    course_dir: str | Path | None = None,
    scope: tuple[str, ...] = (),
) -> PlanRules:
    """Rules from a scheme and the rubrics (the course's own rubrics when ``course_dir`` is given)."""
    evidence = {
        point.code: tuple(
            (c.id, c.name) for c in load_point_rubric(point.code, course_dir=course_dir).criteria
        )
        for point in load_catalogue().points
    }
    selection = load_scheme(scheme, course_dir=course_dir).selection
    return PlanRules(selection, environment, evidence, scheme, tuple(scope))


def rules_to_dict(rules: PlanRules) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "kind": "plan-rules",
        "scheme": rules.scheme,
        "environment": rules.environment,
        "min_points": rules.selection.min_points,
        "min_dimensions": rules.selection.min_dimensions,
        "min_practice_share": rules.selection.min_practice_share,
        "evidence": {code: [list(pair) for pair in items] for code, items in rules.evidence.items()},
        "scope": list(rules.scope),
    }


def save_rules(rules: PlanRules, path: Path) -> None:
    from toolkit.atomic import write_text_atomic

    header = "# 由 workshop init 根据规则方案和评价量规生成；修改请改方案或量规后重新运行 workshop init。\n"
    write_text_atomic(
        path, header + yaml.safe_dump(rules_to_dict(rules), allow_unicode=True, sort_keys=False)
    )


def load_rules(folder: str | Path = ".") -> PlanRules:
    """``plan_rules.yaml`` beside the notebook (restored from source when grading), else defaults."""
    file = Path(folder) / RULES_FILE
    if not file.is_file():
        return default_rules()
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        selection = SelectionRule(
            min_points=int(data["min_points"]),
            min_dimensions=int(data["min_dimensions"]),
            min_practice_share=float(data["min_practice_share"]),
        )
        evidence = {
            str(code): tuple((str(pair[0]), str(pair[1])) for pair in items)
            for code, items in data["evidence"].items()
        }
        scope = tuple(str(code) for code in data.get("scope") or ())
        return PlanRules(
            selection, str(data["environment"]), evidence, str(data.get("scheme", "default")), scope
        )
    except (yaml.YAMLError, KeyError, TypeError, ValueError, IndexError, AttributeError) as error:
        raise InputError(t("plan.rules_file", reason=f"{type(error).__name__}: {error}"), file=file) from None


def plan_hours(value: Any) -> float:
    """Hours as saved in a plan; anything that is not a finite number counts as 0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    return float(value) if value == value and abs(value) != float("inf") else 0.0


def plan_date(value: Any) -> dt.date | None:
    """A saved ISO date, or None when it is missing or malformed."""
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def plan_points(plan: Any) -> dict[str, Mapping[str, Any]]:
    """The chosen points of a saved plan, by code; anything malformed is dropped."""
    if not isinstance(plan, Mapping) or not isinstance(plan.get("points"), Mapping):
        return {}
    codes = {p.code for p in load_catalogue().points}
    return {
        str(code): entry
        for code, entry in plan["points"].items()
        if str(code) in codes and isinstance(entry, Mapping)
    }


def check_plan(plan: Any, rules: PlanRules) -> list[RuleResult]:
    """Every structural rule, in a fixed order, with a detail that says what to change."""
    catalogue = load_catalogue()
    points = plan_points(plan)
    environment = plan.get("environment") if isinstance(plan, Mapping) else None
    results: dict[str, tuple[bool, str]] = {}

    results["point_count"] = (
        len(points) >= rules.selection.min_points,
        t("plan.detail.point_count", count=len(points)),
    )
    dimensions = sorted(
        {catalogue.point(code).dimension for code in points}, key=lambda d: catalogue.dimensions.index(d)
    )
    results["dimension_count"] = (
        len(dimensions) >= rules.selection.min_dimensions,
        t(
            "plan.detail.dimension_count",
            count=len(dimensions),
            names="、".join(d.label() for d in dimensions),
        ),
    )
    if environment not in {e.code for e in catalogue.environments}:
        results["environment"] = (False, t("plan.detail.no_environment"))
    else:
        in_environment = {p.code for p in catalogue.points_for(str(environment))}
        outside = [code for code in points if code not in in_environment]
        beyond_scope = [
            code for code in points if code in in_environment and code not in rules.allowed(environment)
        ]
        details = []
        if outside:
            details.append(
                t(
                    "plan.detail.environment",
                    environment=catalogue.environment(str(environment)).label(),
                    points="、".join(outside),
                )
            )
        if beyond_scope:
            details.append(t("plan.detail.scope", points="、".join(beyond_scope)))
        results["environment"] = (not outside and not beyond_scope, "；".join(details))

    missing, evidence_gaps, bad_dates, low_practice = [], [], [], []
    for code, entry in points.items():
        for field, label in (("goal", "plan.goal"), ("activities", "plan.activities")):
            if not str(entry.get(field) or "").strip():
                missing.append(t("plan.detail.missing", point=code, what=t(label)))
        listed = entry.get("evidence")
        listed = {str(x) for x in listed} if isinstance(listed, list) else set()
        absent = [name for item_id, name in rules.evidence.get(code, ()) if item_id not in listed]
        if absent:
            evidence_gaps.append(t("plan.detail.evidence", point=code, names="、".join(absent)))
        start, end = plan_date(entry.get("start")), plan_date(entry.get("end"))
        if start is None or end is None or start > end:
            bad_dates.append(t("plan.detail.dates", point=code))
        online, practice = plan_hours(entry.get("online_hours")), plan_hours(entry.get("practice_hours"))
        total = online + practice
        if online < 0 or practice <= 0 or practice < rules.selection.min_practice_share * total - 1e-9:
            low_practice.append(t("plan.detail.hours", point=code, online=online, practice=practice))
    has_points = bool(points)
    none = t("plan.detail.none")
    results["complete"] = (has_points and not missing, "；".join(missing) if has_points else none)
    results["evidence"] = (has_points and not evidence_gaps, "；".join(evidence_gaps) if has_points else none)
    results["timeline"] = (has_points and not bad_dates, "；".join(bad_dates) if has_points else none)
    results["practice_share"] = (
        has_points and not low_practice,
        "；".join(low_practice) if has_points else none,
    )
    return [RuleResult(rule, rules.rule_name(rule), *results[rule]) for rule in RULE_IDS]
