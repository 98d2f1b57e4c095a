"""Hours and scores under the course's scheme: each teacher's progress toward the hours target and
the role's pass mark, each group's and school's figures, and each school's pass rate and tier."""

from __future__ import annotations

import math
import os
from fractions import Fraction
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure

from toolkit.dashboard.cohort import teacher_columns
from toolkit.dashboard.data import DashboardData, load_dashboard_data
from toolkit.dashboard.markup import (
    COURSE_ENV,
    DASHBOARD_CLASS,
    bar,
    cards,
    header,
    percent,
    role_label,
    table,
)
from toolkit.dashboard.view import PagedTable, TeacherFilters
from toolkit.i18n import add_messages, t
from toolkit.ledger.hours import category_column
from toolkit.plotting import figure_png, new_figure
from toolkit.scheme import PassRateRule

add_messages(
    {
        "progress.title": {"zh": "学时与考核", "en": "Hours and scores"},
        "progress.scheme": {"zh": "规则方案：{name}（{id}）", "en": "Scheme: {name} ({id})"},
        "progress.hours": {"zh": "学时", "en": "Hours"},
        "progress.no_hours": {
            "zh": "本课程的规则方案不按学时考核，这里没有学时目标。",
            "en": "This course's scheme sets no hours target.",
        },
        "progress.scores": {"zh": "角色考核", "en": "Role scores"},
        "progress.no_roles": {
            "zh": "本课程的规则方案没有角色考核项目，这里没有得分与合格率。",
            "en": "This course's scheme scores no roles, so there are no scores or pass rates.",
        },
        "progress.target": {"zh": "学时目标", "en": "Hours target"},
        "progress.counted": {"zh": "计入学时", "en": "Counted hours"},
        "progress.complete": {"zh": "学时达标", "en": "Target met"},
        "progress.complete_count": {"zh": "学时达标人数", "en": "Met the target"},
        "progress.mean_hours": {"zh": "平均计入学时", "en": "Mean counted hours"},
        "progress.people": {"zh": "人数", "en": "People"},
        "progress.rate": {"zh": "达标率", "en": "Share met"},
        "progress.role_passed": {
            "zh": "{role}合格（合格线 {mark:g} / {max:g} 分）",
            "en": "{role} passed (pass mark {mark:g} of {max:g})",
        },
        "progress.score": {"zh": "考核得分", "en": "Score"},
        "progress.score_of": {
            "zh": "{score:g} / {max:g}（合格线 {mark:g}）",
            "en": "{score:g} of {max:g} (pass mark {mark:g})",
        },
        "progress.passed": {"zh": "考核合格", "en": "Passed"},
        "progress.passed_count": {"zh": "合格人数", "en": "Passed"},
        "progress.mean_share": {"zh": "平均得分率", "en": "Mean share"},
        "progress.participants": {"zh": "参训学员", "en": "Participants"},
        "progress.pass_rate": {"zh": "合格率", "en": "Pass rate"},
        "progress.tier": {"zh": "所在档位", "en": "Tier"},
        "progress.tier_points": {"zh": "合格率得分", "en": "Tier points"},
        "progress.next_tier": {"zh": "升档还需", "en": "To the next tier"},
        "progress.more": {
            "zh": "再合格 {count} 人可得 {points:g} 分",
            "en": "{count} more pass → {points:g}",
        },
        "progress.top": {"zh": "已在最高档", "en": "top tier"},
        "progress.tier_range": {"zh": "{low}–{high} → {points:g} 分", "en": "{low}–{high} → {points:g}"},
        "progress.schools": {"zh": "各校合格率与档位", "en": "Pass rate and tier per school"},
        "progress.groups": {"zh": "各教研组", "en": "Per group"},
        "progress.people_title": {"zh": "每个人", "en": "Each person"},
        "progress.hours_chart": {"zh": "计入学时分布", "en": "Counted hours"},
        "progress.rate_chart": {
            "zh": "各校学员合格率（虚线为分档线）",
            "en": "Pass rate per school (tier lines)",
        },
        "progress.scope": {"zh": "课程范围：{scope}", "en": "Course scope: {scope}"},
        "progress.credits": {"zh": "能力点认证学分", "en": "Point certification credits"},
        "progress.credit_target": {"zh": "学分要求", "en": "Credits needed"},
        "progress.credit_rule": {
            "zh": "评价量规工作台上最新评定为{levels}的能力点，每个计 {per_point:g} 学分",
            "en": "each point whose latest desk level is {levels} earns {per_point:g} credits",
        },
        "progress.credits_done": {"zh": "学分达标人数", "en": "Met the credits"},
        "progress.mean_credits": {"zh": "平均学分", "en": "Mean credits"},
        "progress.credit_count": {"zh": "认证学分", "en": "Credits"},
        "progress.credit_complete": {"zh": "学分达标", "en": "Credits met"},
        "progress.passed_points": {"zh": "通过的能力点", "en": "Points passed"},
        "progress.research": {"zh": "校本研修流程", "en": "School-based research flow"},
        "progress.research_accepted": {
            "zh": "学校已整校验收，学时已登记。",
            "en": "The school has passed acceptance; hours are registered.",
        },
        "progress.research_pending": {
            "zh": "学校尚未整校验收：下表的已得学时暂不登记。",
            "en": "Not yet accepted by the school: the hours below are not registered yet.",
        },
        "progress.research_groups": {"zh": "各教研组完成情况", "en": "Each group"},
        "progress.research_people": {"zh": "每位教师", "en": "Each teacher"},
        "progress.school_note": {
            "zh": "合格率按学校全体{roles}计算，教研组、学科、角色筛选不改变它。",
            "en": "A school's pass rate counts all its {roles}; "
            "group, subject and role filters leave it as is.",
        },
    }
)


def tier_text(rule: PassRateRule, passed: int, participants: int) -> tuple[str, str]:
    """The school's tier as a range with its points, and how many more passes reach the next tier."""
    if participants <= 0:
        return "—", "—"
    rate = Fraction(passed, participants)
    tiers = sorted(rule.tiers, key=lambda tier: tier.lowest, reverse=True)
    index = next((i for i, tier in enumerate(tiers) if rate >= tier.lowest), len(tiers))
    if index == len(tiers):
        current = "—"
    else:
        high = "100%" if index == 0 else f"{float(tiers[index - 1].lowest):.0%}"
        current = t(
            "progress.tier_range",
            low=f"{float(tiers[index].lowest):.0%}",
            high=high,
            points=tiers[index].points,
        )
    if index == 0:
        return current, t("progress.top")
    better = tiers[index - 1]
    needed = math.ceil(better.lowest * participants) - passed
    return current, t("progress.more", count=needed, points=better.points)


def hours_figure(hours: pd.Series, target: float) -> bytes:
    figure: Figure = new_figure(6, 3)
    axes = figure.subplots()
    top = max(float(hours.max()) if not hours.empty else 0.0, target)
    axes.hist(hours, bins=10, range=(0, top), color="#4c78a8", edgecolor="white")
    axes.axvline(target, color="#c62828", linestyle="--")
    axes.set_title(t("progress.hours_chart"))
    axes.set_xlabel(t("progress.counted"))
    axes.set_ylabel(t("dashboard.count"))
    return figure_png(figure)


def pass_rate_figure(schools: pd.DataFrame, rule: PassRateRule | None) -> bytes:
    figure: Figure = new_figure(6.4, 0.45 * len(schools) + 1.4)
    axes = figure.subplots()
    names = [name or "—" for name in schools["school"]]
    axes.barh(names, schools["pass_rate"].fillna(0), color="#4c78a8")
    for tier in rule.tiers if rule else ():
        if 0 < tier.lowest <= 1:
            axes.axvline(float(tier.lowest), color="#888", linestyle="--", linewidth=0.8)
    axes.set_xlim(0, 1)
    axes.xaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
    axes.set_title(t("progress.rate_chart"))
    return figure_png(figure)


def hours_tables(data: DashboardData, teachers: pd.DataFrame) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    """Cards, the per-group table and the per-teacher table of the hours section."""
    assert data.hours is not None and data.scheme.hours is not None
    target = data.scheme.hours.target
    mine = teachers.merge(data.hours, on="teacher_id", how="left")
    mine["counted_hours"] = mine["counted_hours"].fillna(0.0)
    mine["complete"] = mine["complete"].fillna(False).astype(bool)
    top = cards(
        [
            (t("progress.target"), f"{target:g}"),
            (t("progress.complete_count"), f"{int(mine['complete'].sum())} / {len(mine)}"),
            (t("progress.mean_hours"), f"{mine['counted_hours'].mean():.1f}" if len(mine) else "—"),
        ]
    )
    grouped = mine.groupby(["school", "research_group"], as_index=False).agg(
        people=("teacher_id", "size"), complete=("complete", "sum"), mean=("counted_hours", "mean")
    )
    groups = pd.DataFrame(
        {
            t("dashboard.school"): grouped["school"],
            t("dashboard.group"): grouped["research_group"],
            t("progress.people"): grouped["people"],
            t("progress.complete_count"): grouped["complete"].astype(int),
            t("progress.rate"): (grouped["complete"] / grouped["people"]).map(percent),
            t("progress.mean_hours"): grouped["mean"].round(1),
        }
    )
    people = teacher_columns(mine)
    people[t("progress.counted")] = [
        bar(hours, target, reached=done)
        for hours, done in zip(mine["counted_hours"], mine["complete"], strict=True)
    ]
    for name, cells in category_cells(data, mine).items():
        people[name] = cells
    people[t("progress.complete")] = mine["complete"].to_numpy()
    return top, groups, people


def score_tables(
    data: DashboardData, teachers: pd.DataFrame
) -> tuple[str, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Cards, the per-group, per-school and per-person tables of the scores section."""
    assert data.assessment is not None
    scheme = data.scheme
    mine = teachers.merge(
        data.assessment.people[["person_id", "score", "max_score", "passed"]],
        left_on="teacher_id",
        right_on="person_id",
    )
    role_cards = []
    for role_id, role in scheme.roles.items():
        members = mine[mine["role"] == role_id]
        if not members.empty:
            label = t(
                "progress.role_passed", role=role_label(role_id), mark=role.pass_mark, max=role.max_score
            )
            role_cards.append((label, f"{int(members['passed'].sum())} / {len(members)}"))
    grouped = mine.assign(share=mine["score"] / mine["max_score"]).groupby(
        ["school", "research_group"], as_index=False
    )
    grouped = grouped.agg(people=("teacher_id", "size"), passed=("passed", "sum"), share=("share", "mean"))
    groups = pd.DataFrame(
        {
            t("dashboard.school"): grouped["school"],
            t("dashboard.group"): grouped["research_group"],
            t("progress.people"): grouped["people"],
            t("progress.passed_count"): grouped["passed"].astype(int),
            t("progress.mean_share"): grouped["share"].map(percent),
        }
    )
    schools = data.assessment.schools[data.assessment.schools["school"].isin(set(teachers["school"]))]
    tiers = [
        tier_text(scheme.pass_rate, passed, participants) if scheme.pass_rate else ("—", "—")
        for passed, participants in zip(schools["passed"], schools["participants"], strict=True)
    ]
    school_table = pd.DataFrame(
        {
            t("dashboard.school"): schools["school"],
            t("progress.participants"): schools["participants"],
            t("progress.passed_count"): schools["passed"],
            t("progress.pass_rate"): schools["pass_rate"].map(percent),
            t("progress.tier"): [current for current, _ in tiers],
            t("progress.tier_points"): schools["pass_rate_points"],
            t("progress.next_tier"): [upgrade for _, upgrade in tiers],
        }
    )
    people = teacher_columns(mine)
    people[t("dashboard.role")] = mine["role"].map(role_label).to_numpy()
    people[t("progress.score")] = [
        bar(
            score,
            scheme.roles[role].pass_mark,
            reached=passed,
            label=t("progress.score_of", score=score, max=maximum, mark=scheme.roles[role].pass_mark),
        )
        for score, maximum, role, passed in zip(
            mine["score"], mine["max_score"], mine["role"], mine["passed"], strict=True
        )
    ]
    people[t("progress.passed")] = mine["passed"].to_numpy()
    return cards(role_cards), groups, school_table, people


def category_cells(data: DashboardData, mine: pd.DataFrame) -> dict[str, list[str]]:
    """One column per hours category (网络研修, 校本研修): hours against its own minimum."""
    assert data.scheme.hours is not None
    columns = {}
    for category in data.scheme.hours.categories:
        hours = mine[category_column(category)].fillna(0.0)
        columns[category.name] = [
            bar(value, category.minimum, reached=value >= category.minimum - 1e-9) for value in hours
        ]
    return columns


def credit_tables(data: DashboardData, teachers: pd.DataFrame) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    """Cards, the per-group table and the per-teacher table of the credits section."""
    assert data.credits is not None and data.scheme.credits is not None
    rule = data.scheme.credits
    mine = teachers.merge(data.credits, on="teacher_id", how="left")
    top = cards(
        [
            (t("progress.credit_target"), f"{rule.target:g}"),
            (t("progress.credits_done"), f"{int(mine['credits_complete'].sum())} / {len(mine)}"),
            (t("progress.mean_credits"), f"{mine['credits'].mean():.1f}" if len(mine) else "—"),
        ]
    )
    grouped = mine.groupby(["school", "research_group"], as_index=False).agg(
        people=("teacher_id", "size"), complete=("credits_complete", "sum"), mean=("credits", "mean")
    )
    groups = pd.DataFrame(
        {
            t("dashboard.school"): grouped["school"],
            t("dashboard.group"): grouped["research_group"],
            t("progress.people"): grouped["people"],
            t("progress.credits_done"): grouped["complete"].astype(int),
            t("progress.mean_credits"): grouped["mean"].round(1),
        }
    )
    people = teacher_columns(mine)
    people[t("progress.credit_count")] = [
        bar(value, rule.target, reached=done)
        for value, done in zip(mine["credits"], mine["credits_complete"], strict=True)
    ]
    people[t("progress.passed_points")] = mine["passed_points"].replace("", "—").to_numpy()
    people[t("progress.credit_complete")] = mine["credits_complete"].to_numpy()
    return top, groups, people


def research_html(data: DashboardData, teachers: pd.DataFrame) -> str:
    """The research flow per group (done and missing) and per teacher, for the teachers shown."""
    status = data.research
    if status is None:
        return ""
    shown = set(teachers["teacher_id"])
    people = status.teachers[status.teachers["工号"].isin(shown)]
    groups = status.groups[status.groups["教研组"].isin(set(people["教研组"]))]
    note = t("progress.research_accepted") if status.accepted else t("progress.research_pending")
    return (
        f"<h3>{t('progress.research')}</h3><p style='color:#666'>{note}</p>"
        f"<h4>{t('progress.research_groups')}</h4>{table(groups, css_class='workshop-research-groups')}"
        f"<h4>{t('progress.research_people')}</h4>{table(people, css_class='workshop-research-people')}"
    )


class ProgressDashboard(widgets.VBox):
    """Hours and scores under the course's scheme, with the same four filters as the overview."""

    def __init__(self, course_dir: str | Path | None = None, *, data: DashboardData | None = None) -> None:
        folder = course_dir or os.environ.get(COURSE_ENV)
        if not folder:
            super().__init__([widgets.HTML(f"<b>{t('dashboard.no_course')}</b>")])
            return
        self.data = data or load_dashboard_data(folder)
        scheme = self.data.scheme
        self.filters = TeacherFilters(self.data.teachers)
        self.hours = widgets.HTML()
        self.hours_people = PagedTable(css_class="workshop-hours")
        self.hours_chart = widgets.VBox()
        self.credits = widgets.HTML()
        self.research = widgets.HTML()
        self.credit_people = PagedTable(css_class="workshop-credits")
        self.scores = widgets.HTML()
        self.score_people = PagedTable(css_class="workshop-scores")
        self.rate_chart = widgets.VBox()
        self.filters.on_change(self.refresh)
        title = header(
            t("progress.title"), str(self.data.course.settings.root), current="progress", links=True
        )
        title += f"<p><b>{t('progress.scheme', name=scheme.name, id=scheme.id)}</b></p>"
        if self.data.scope is not None:
            title += f"<p>{t('progress.scope', scope=self.data.scope.label())}</p>"
        super().__init__(
            [
                widgets.HTML(title),
                self.filters,
                self.hours,
                self.hours_people,
                self.hours_chart,
                self.credits,
                self.credit_people,
                self.research,
                self.scores,
                self.score_people,
                self.rate_chart,
            ]
        )
        self.add_class(DASHBOARD_CLASS)
        self.add_class("workshop-progress")
        self.refresh()

    def refresh(self) -> None:
        teachers = self.filters.apply(self.data.teachers)
        if self.data.hours is None or self.data.scheme.hours is None:
            self.hours.value = f"<h3>{t('progress.hours')}</h3><p>{t('progress.no_hours')}</p>"
            self.hours_people.layout.display = "none"
        else:
            top, groups, people = hours_tables(self.data, teachers)
            self.hours.value = (
                f"<h3>{t('progress.hours')}</h3>{top}<h4>{t('progress.groups')}</h4>{table(groups)}"
                f"<h4>{t('progress.people_title')}</h4>"
            )
            self.hours_people.show(people)
            counted = self.data.hours[self.data.hours["teacher_id"].isin(set(teachers["teacher_id"]))]
            self.hours_chart.children = [
                widgets.Image(value=hours_figure(counted["counted_hours"], self.data.scheme.hours.target))
            ]
        if self.data.credits is None or self.data.scheme.credits is None:
            self.credits.value = ""
            self.credit_people.layout.display = "none"
        else:
            rule = self.data.scheme.credits
            top, groups, people = credit_tables(self.data, teachers)
            explained = t("progress.credit_rule", levels="、".join(rule.levels), per_point=rule.per_point)
            self.credits.value = (
                f"<h3>{t('progress.credits')}</h3><p style='color:#666'>{explained}</p>{top}"
                f"<h4>{t('progress.groups')}</h4>{table(groups)}<h4>{t('progress.people_title')}</h4>"
            )
            self.credit_people.show(people)
        self.research.value = research_html(self.data, teachers)
        if self.data.assessment is None:
            self.scores.value = f"<h3>{t('progress.scores')}</h3><p>{t('progress.no_roles')}</p>"
            self.score_people.layout.display = "none"
            return
        top, groups, schools, people = score_tables(self.data, teachers)
        rule = self.data.scheme.pass_rate
        note = t("progress.school_note", roles="、".join(role_label(r) for r in rule.roles)) if rule else ""
        self.scores.value = (
            f"<h3>{t('progress.scores')}</h3>{top}<h4>{t('progress.schools')}</h4>"
            f"<p style='color:#666'>{note}</p>{table(schools, css_class='workshop-schools')}"
            f"<h4>{t('progress.groups')}</h4>{table(groups)}<h4>{t('progress.people_title')}</h4>"
        )
        self.score_people.show(people)
        shown = self.data.assessment.schools
        shown = shown[shown["school"].isin(set(teachers["school"]))]
        self.rate_chart.children = (
            [widgets.Image(value=pass_rate_figure(shown, rule))] if not shown.empty else []
        )
