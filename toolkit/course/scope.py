"""The course scope (课程范围): which of the 30 point courses the school offers this cycle, chosen
by the school administrator (Hefei, seed 002). Kept in the gradebook database; the personal plan
may only choose points inside it, and the progress page and the report show it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine

from toolkit.catalogue import load_catalogue
from toolkit.course import tables
from toolkit.course.config import load_course
from toolkit.course.stored import store_setting, stored_setting
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.plan.rules import PLAN_ASSIGNMENT, RULES_FILE, default_rules, save_rules

add_messages(
    {
        "scope.unknown_point": {
            "zh": "“{value}”不是能力点（A1–A13、B1–B10、C1–C7，或能力点名称）",
            "en": "'{value}' is not a point (A1–A13, B1–B10, C1–C7, or a point's name)",
        },
        "scope.outside_environment": {
            "zh": "本课程的教学环境是{environment}，这些能力点不能选：{points}",
            "en": "the course's environment is {environment}; these points are not allowed: {points}",
        },
        "scope.empty": {"zh": "课程范围至少要有一个能力点", "en": "the scope needs at least one point"},
        "scope.all": {
            "zh": "全部 {count} 个能力点（{environment}）",
            "en": "all {count} points ({environment})",
        },
        "scope.some": {"zh": "{count} 个能力点：{points}", "en": "{count} points: {points}"},
        "scope.set": {
            "zh": "课程范围已更新：{scope}。个人研修计划按新范围检查；"
            "已发布的计划重新发布后，教师页面也按新范围显示。",
            "en": "Course scope updated: {scope}. Personal plans are checked against it; "
            "a plan already released shows it once released again.",
        },
        "scope.current": {"zh": "课程范围：{scope}", "en": "Course scope: {scope}"},
    }
)

SCOPE_SETTING = "point_scope"  # JSON list of point codes in catalogue order; absent = every allowed point


@dataclass(frozen=True)
class CourseScope:
    environment: str
    points: tuple[str, ...]  # in catalogue order
    chosen: bool  # False: nobody narrowed it, every point of the environment is offered

    def label(self) -> str:
        if not self.chosen:
            environment = load_catalogue().environment(self.environment).label()
            return t("scope.all", count=len(self.points), environment=environment)
        return t("scope.some", count=len(self.points), points="、".join(self.points))


def stored_scope(db_url: str) -> tuple[str, ...]:
    """The chosen point codes, or () when the course offers every point of its environment."""
    value = stored_setting(db_url, SCOPE_SETTING)
    return tuple(json.loads(value)) if value else ()


def course_scope(course_dir: str | Path) -> CourseScope:
    settings = load_course(course_dir)
    environment = stored_setting(settings.db_url, "environment") or "C"
    allowed = [point.code for point in load_catalogue().points_for(environment)]
    chosen = stored_scope(settings.db_url)
    return CourseScope(
        environment, tuple(c for c in allowed if c in chosen) if chosen else tuple(allowed), bool(chosen)
    )


def parse_points(values: list[str]) -> tuple[str, ...]:
    """Point codes (or names) from arguments split at commas and 、, in catalogue order."""
    catalogue = load_catalogue()
    codes = set()
    for value in values:
        for part in value.replace("、", ",").replace("，", ",").split(","):
            if not part.strip():
                continue
            try:
                codes.add(catalogue.point(part).code)
            except KeyError:
                raise InputError(t("scope.unknown_point", value=part.strip())) from None
    return tuple(point.code for point in catalogue.points if point.code in codes)


def rewrite_plan_rules(root: Path) -> None:
    """The personal plan's rules again from the course's stored scheme, environment and scope."""
    settings = load_course(root)
    rules = default_rules(
        scheme=stored_setting(settings.db_url, "scheme") or "default",
        environment=stored_setting(settings.db_url, "environment") or "C",
        course_dir=root,
        scope=stored_scope(settings.db_url),
    )
    plan_folder = root / "source" / PLAN_ASSIGNMENT
    if plan_folder.is_dir():
        save_rules(rules, plan_folder / RULES_FILE)


def set_scope(course_dir: str | Path, points: tuple[str, ...] | None) -> CourseScope:
    """Offer only ``points`` (None: every point of the environment again) and rewrite the plan's
    rules so that grading checks the new scope."""
    settings = load_course(course_dir)
    environment = stored_setting(settings.db_url, "environment") or "C"
    catalogue = load_catalogue()
    if points is not None:
        if not points:
            raise InputError(t("scope.empty"))
        allowed = {point.code for point in catalogue.points_for(environment)}
        outside = [code for code in points if code not in allowed]
        if outside:
            raise InputError(
                t(
                    "scope.outside_environment",
                    environment=catalogue.environment(environment).label(),
                    points="、".join(outside),
                )
            )
    engine = create_engine(settings.db_url, future=True)
    try:
        tables.metadata.create_all(engine)
        with engine.begin() as connection:
            store_setting(connection, SCOPE_SETTING, json.dumps(list(points or ())))
    finally:
        engine.dispose()
    rewrite_plan_rules(settings.root)
    return course_scope(settings.root)
