"""Teacher portrait (教师画像): the four dimensions as a radar from the self-test and the evidence
graded at the desk, strengths, gaps and the course modules recommended for the gaps."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from toolkit.catalogue import load_catalogue
from toolkit.dashboard.data import DashboardData, load_dashboard_data
from toolkit.dashboard.markup import (
    COURSE_ENV,
    DASHBOARD_CLASS,
    header,
    link,
    percent,
    query_parameter,
    role_label,
)
from toolkit.dashboard.radar import Series, radar_svg
from toolkit.dashboard.status import LOW_SHARE, desk_href, is_task
from toolkit.dashboard.view import TeacherFilters
from toolkit.i18n import add_messages, t
from toolkit.modules.data import MODULE_FILE
from toolkit.resources import content_dir

add_messages(
    {
        "portrait.title": {"zh": "教师画像", "en": "Teacher portrait"},
        "portrait.teacher": {"zh": "教师", "en": "Teacher"},
        "portrait.nobody": {"zh": "没有符合筛选条件的教师。", "en": "No teacher matches the filters."},
        "portrait.self_test": {"zh": "自测诊断", "en": "Self-test"},
        "portrait.evidence": {"zh": "证据评定", "en": "Graded evidence"},
        "portrait.cohort": {"zh": "全体平均（自测）", "en": "Cohort mean (self-test)"},
        "portrait.dimension": {"zh": "维度", "en": "Dimension"},
        "portrait.strengths": {"zh": "优势", "en": "Strengths"},
        "portrait.gaps": {"zh": "短板", "en": "Gaps"},
        "portrait.modules": {"zh": "推荐学习的模块", "en": "Recommended modules"},
        "portrait.to_grade": {"zh": "待评分的证据", "en": "Evidence to grade"},
        "portrait.none": {"zh": "暂无", "en": "none yet"},
        "portrait.point_share": {"zh": "{point}（自测 {share}）", "en": "{point} (self-test {share})"},
        "portrait.point_level": {
            "zh": "{point}（证据评定{level}）",
            "en": "{point} (evidence rated {level})",
        },
        "portrait.no_self_test": {
            "zh": "还没有自测诊断结果：请先完成并提交 self_test，画像才能给出推荐。",
            "en": "No self-test result yet: submit the self_test first for recommendations.",
        },
        "portrait.consolidate": {
            "zh": "没有明显短板；以下是自测中相对最弱、可以继续巩固的能力点。",
            "en": "No clear gaps; these are the relatively weakest points to consolidate.",
        },
        "portrait.module": {"zh": "{point} · 课程模块 {file}", "en": "{point} · course module {file}"},
        "portrait.rules": {
            "zh": "优势：自测得分率不低于 80% 的能力点、证据评定为最高等级的能力点；"
            "短板：自测得分率低于 60% 的能力点、证据评定为最低等级的能力点。"
            "推荐只含本课程教学环境允许的能力点。",
            "en": "Strengths: points with a self-test share of 80% or more, evidence rated at the top level. "
            "Gaps: points below 60%, evidence rated at the lowest level. Only points the course's "
            "environment allows are recommended.",
        },
    }
)

STRONG_SHARE = 0.8  # a point at or above this self-test share is a strength
SHOWN = 3  # strengths, gaps and modules listed at most
COLOURS = {"self_test": "#1f77b4", "evidence": "#2ca02c", "cohort": "#888888"}


@dataclass(frozen=True)
class Portrait:
    teacher: dict[str, object]
    dimensions: pd.DataFrame  # label, self_test, evidence, cohort (shares, NaN where missing)
    strengths: list[str]
    gaps: list[str]
    modules: list[str]
    advice: str  # why the modules were chosen, or what to do first
    to_grade: list[str]  # submitted tasks the desk has not graded yet


def module_files() -> dict[str, str]:
    """Point code → the shipped course module's file name (other course pages, such as
    case_writing.ipynb, are not modules)."""
    found = (MODULE_FILE.match(path.name) for path in sorted(content_dir("course").glob("*.ipynb")))
    return {match["code"]: match.string for match in found if match}


class PortraitBook:
    """Everything portraits need, grouped once for the whole cohort; ``portrait`` then costs little."""

    def __init__(self, data: DashboardData) -> None:
        self.data = data
        catalogue = load_catalogue()
        self.points = {point.code: point for point in catalogue.points}
        self.dimensions = catalogue.dimensions
        allowed = catalogue.environment(data.environment).allows
        self.allowed = {code for code in self.points if code[0] in allowed}
        self.modules = module_files()
        items = data.item_scores
        by_point = items.groupby(["teacher_id", "point"])[["score", "max_score"]].sum()
        self.point_shares = (by_point["score"] / by_point["max_score"]).dropna()
        by_dimension = items.groupby(["teacher_id", "dimension"])[["score", "max_score"]].sum()
        self.dimension_shares = (by_dimension["score"] / by_dimension["max_score"]).dropna()
        everyone = items[items["teacher_id"].isin(set(data.teachers["teacher_id"]))]
        totals = everyone.groupby("dimension")[["score", "max_score"]].sum()
        self.cohort = totals["score"] / totals["max_score"]
        levels = data.levels.assign(dimension=data.levels["point"].map(lambda c: self.points[c].dimension.id))
        self.levels = levels.set_index("teacher_id").sort_index()
        submitted = data.course.submissions
        tasks = submitted.loc[submitted["assignment"].map(is_task).astype(bool)]
        self.submitted_tasks = tasks.groupby("teacher_id")["assignment"].agg(list)
        self.people = data.teachers.set_index("teacher_id")

    def portrait(self, teacher_id: str) -> Portrait:
        person = self.people.loc[teacher_id]
        shares = (
            self.point_shares.loc[teacher_id]
            if teacher_id in self.point_shares.index
            else pd.Series(dtype=float)
        )
        # Catalogue order first, so equal shares list A1 … C7 rather than A1, A10, A11 ….
        shares = shares.reindex([code for code in self.points if code in shares.index])
        mine = self.levels.loc[[teacher_id]] if teacher_id in self.levels.index else self.levels.iloc[0:0]
        evidence = mine.groupby("dimension")["share"].mean()
        dims = self.dimension_shares
        rows = [
            {
                "label": d.label(),
                "self_test": dims.get((teacher_id, d.id), float("nan")),
                "evidence": evidence.get(d.id, float("nan")),
                "cohort": self.cohort.get(d.id, float("nan")),
            }
            for d in self.dimensions
        ]

        def by_share(code: str) -> str:
            return t("portrait.point_share", point=self.points[code].label(), share=percent(shares[code]))

        def by_level(code: str, level: str) -> str:
            return t("portrait.point_level", point=self.points[code].label(), level=level)

        strong = shares[shares >= STRONG_SHARE].sort_values(ascending=False, kind="stable")
        weak = shares[shares < LOW_SHARE].sort_values(kind="stable")
        top = mine[mine["share"] >= 1]
        bottom = mine[mine["share"] <= 0]
        strengths = [by_level(c, lv) for c, lv in zip(top["point"], top["level_name"], strict=True)]
        strengths += [by_share(code) for code in strong.index[:SHOWN]]
        gaps = [by_level(c, lv) for c, lv in zip(bottom["point"], bottom["level_name"], strict=True)]
        gaps += [by_share(code) for code in weak.index[:SHOWN]]

        wanted = [c for c in [*bottom["point"], *weak.index] if c in self.allowed]
        if shares.empty:
            advice = t("portrait.no_self_test")
        elif wanted:
            advice = t("portrait.rules")
        else:
            wanted = [c for c in shares[shares < 1].sort_values(kind="stable").index if c in self.allowed]
            advice = t("portrait.consolidate")
        modules = [
            t("portrait.module", point=self.points[code].label(), file=self.modules.get(code, "—"))
            for code in list(dict.fromkeys(wanted))[:SHOWN]
        ]
        graded = set(mine["assignment"])
        pending = [name for name in self.submitted_tasks.get(teacher_id, []) if name not in graded]
        return Portrait(
            teacher={"teacher_id": teacher_id, **person.to_dict()},
            dimensions=pd.DataFrame(rows),
            strengths=strengths,
            gaps=gaps,
            modules=modules,
            advice=advice,
            to_grade=sorted(pending),
        )


def portrait_html(portrait: Portrait, *, links: bool) -> str:
    """The portrait card: who, the radar, the dimension table, strengths, gaps and modules."""
    person = portrait.teacher
    dims = portrait.dimensions
    series = [
        Series(t("portrait.self_test"), list(dims["self_test"]), COLOURS["self_test"]),
        Series(t("portrait.evidence"), list(dims["evidence"]), COLOURS["evidence"]),
        Series(t("portrait.cohort"), list(dims["cohort"]), COLOURS["cohort"], dashed=True),
    ]
    rows = "".join(
        f"<tr><td>{html.escape(r.label)}</td><td>{percent(r.self_test)}</td>"
        f"<td>{percent(r.evidence)}</td><td>{percent(r.cohort)}</td></tr>"
        for r in dims.itertuples()
    )
    dimension_table = (
        f"<table class='workshop-table'><tr><th>{t('portrait.dimension')}</th>"
        f"<th>{t('portrait.self_test')}</th><th>{t('portrait.evidence')}</th>"
        f"<th>{t('portrait.cohort')}</th></tr>{rows}</table>"
    )

    def listing(title: str, entries: list[str], css: str) -> str:
        items = (
            "".join(f"<li>{html.escape(entry)}</li>" for entry in entries) or f"<li>{t('portrait.none')}</li>"
        )
        return f"<h4>{title}</h4><ul class='{css}'>{items}</ul>"

    pending = ""
    if portrait.to_grade:
        tid = str(person["teacher_id"])
        entries = [
            link(desk_href(name, tid), name) if links else html.escape(name) for name in portrait.to_grade
        ]
        pending = f"<h4>{t('portrait.to_grade')}</h4><p>{' · '.join(entries)}</p>"
    who = " · ".join(
        html.escape(str(value))
        for value in (
            person["teacher_id"],
            person["name"],
            person["school"],
            person["research_group"],
            person["subject"],
            role_label(str(person["role"])),
        )
        if value
    )
    return (
        f"<div class='workshop-portrait'><h3>{who}</h3>"
        "<div style='display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start'>"
        f"<div>{radar_svg([r for r in dims['label']], series)}</div>"
        f"<div style='min-width:320px;max-width:560px'>{dimension_table}"
        f"{listing(t('portrait.strengths'), portrait.strengths, 'workshop-strengths')}"
        f"{listing(t('portrait.gaps'), portrait.gaps, 'workshop-gaps')}"
        f"{listing(t('portrait.modules'), portrait.modules, 'workshop-modules')}"
        f"<p style='color:#666;font-size:12px'>{html.escape(portrait.advice)}</p>{pending}</div></div></div>"
    )


class PortraitDashboard(widgets.VBox):
    """Pick a teacher (the filters narrow the list) and see their portrait."""

    def __init__(self, course_dir: str | Path | None = None, *, data: DashboardData | None = None) -> None:
        folder = course_dir or os.environ.get(COURSE_ENV)
        if not folder:
            super().__init__([widgets.HTML(f"<b>{t('dashboard.no_course')}</b>")])
            return
        self.data = data or load_dashboard_data(folder)
        self.book = PortraitBook(self.data)
        self.filters = TeacherFilters(self.data.teachers)
        self.teacher = widgets.Dropdown(
            description=t("portrait.teacher"), layout=widgets.Layout(width="420px")
        )
        self.card = widgets.HTML()
        self.filters.on_change(self._filtered)
        self.rebuilding = False
        self.teacher.observe(lambda _: None if self.rebuilding else self.refresh(), names="value")
        title = header(
            t("portrait.title"), str(self.data.course.settings.root), current="portrait", links=True
        )
        super().__init__([widgets.HTML(title), self.filters, self.teacher, self.card])
        self.add_class(DASHBOARD_CLASS)
        self.add_class("workshop-portraits")
        self._filtered(query_parameter("teacher"))

    def _filtered(self, wanted: str = "") -> None:
        teachers = self.filters.apply(self.data.teachers)
        options = [
            (f"{tid} {name}" + (f" · {school}" if school else ""), tid)
            for tid, name, school in zip(
                teachers["teacher_id"], teachers["name"], teachers["school"], strict=True
            )
        ]
        current = wanted or self.teacher.value
        ids = [tid for _, tid in options]
        # Replacing the options fires value changes of its own: draw once, at the end.
        self.rebuilding = True
        try:
            self.teacher.options = options
            self.teacher.value = current if current in ids else (ids[0] if ids else None)
        finally:
            self.rebuilding = False
        self.refresh()

    def refresh(self) -> None:
        if self.teacher.value is None:
            self.card.value = f"<p>{t('portrait.nobody')}</p>"
            return
        self.card.value = portrait_html(self.book.portrait(self.teacher.value), links=True)
