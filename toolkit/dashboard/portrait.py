"""Teacher portrait (教师画像): the four dimensions as a radar from the self-test and the evidence
graded at the desk, strengths, gaps and the course modules recommended for the gaps."""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as widgets

from toolkit.assess.help import MIN_GROUP
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
from toolkit.dashboard.profile import COLOURS, Portrait, PortraitBook
from toolkit.dashboard.radar import Series, radar_svg
from toolkit.dashboard.status import desk_href
from toolkit.dashboard.view import TeacherFilters
from toolkit.i18n import t


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

    def pairs(title: str, entries: list[tuple[str, str]], css: str) -> str:
        rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>" for k, v in entries)
        return f"<div><h4>{title}</h4><table class='workshop-table {css}'>{rows}</table></div>"

    measures = (
        "<div style='display:flex;flex-wrap:wrap;gap:24px'>"
        + (pairs(t("portrait.process"), portrait.process, "workshop-process") if portrait.process else "")
        + pairs(t("portrait.outcomes"), portrait.outcomes, "workshop-outcomes")
        + "</div>"
    )
    if portrait.cycles:
        measures += listing(t("portrait.cycles"), portrait.cycles, "workshop-cycles")
    if portrait.lessons:
        measures += listing(t("portrait.lessons"), portrait.lessons, "workshop-lessons")
    return (
        f"<div class='workshop-portrait'><h3>{who}</h3>"
        "<div style='display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start'>"
        f"<div>{radar_svg([r for r in dims['label']], series)}</div>"
        f"<div style='min-width:320px;max-width:560px'>{dimension_table}"
        f"{listing(t('portrait.strengths'), portrait.strengths, 'workshop-strengths')}"
        f"{listing(t('portrait.gaps'), portrait.gaps, 'workshop-gaps')}"
        f"{listing(t('portrait.modules'), portrait.modules, 'workshop-modules')}"
        f"<p style='color:#666;font-size:12px'>{html.escape(portrait.advice)}</p>{pending}</div></div>"
        f"{measures}</div>"
    )


def help_html(book: PortraitBook, teacher_ids: list[str]) -> str:
    """The targeted-help groups among the teachers shown, with module and mentor."""
    groups = book.help_groups(teacher_ids)
    names = book.people["name"]
    rows = []
    for group in groups:
        point = book.points[group.point]
        module = book.modules.get(group.point, "—")
        who = "、".join(f"{names[m]}（{m}）" for m in group.teachers)
        mentor = (
            f"{names[group.mentor]}（{group.mentor}，{group.mentor_group}）"
            if group.mentor
            else t("portrait.no_mentor")
        )
        rows.append(
            f"<tr><td>{html.escape(group.school)}</td><td>{html.escape(point.label())}</td>"
            f"<td>{html.escape(who)}</td><td>{html.escape(module)}</td><td>{html.escape(mentor)}</td></tr>"
        )
    body = "".join(rows) or f"<tr><td colspan='5'>{t('portrait.none')}</td></tr>"
    return (
        f"<div class='workshop-help'><h3>{t('portrait.help')}</h3>"
        f"<p style='color:#666;font-size:12px'>{t('portrait.help_rule', size=MIN_GROUP)}</p>"
        f"<table class='workshop-table'><tr><th>{t('dashboard.school')}</th>"
        f"<th>{t('portrait.help_point')}</th><th>{t('portrait.help_teachers')}</th><th>{t('portrait.help_module')}</th>"
        f"<th>{t('portrait.help_mentor')}</th></tr>{body}</table></div>"
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
        self.help = widgets.HTML()
        self.filters.on_change(self._filtered)
        self.rebuilding = False
        self.teacher.observe(lambda _: None if self.rebuilding else self.refresh(), names="value")
        title = header(
            t("portrait.title"), str(self.data.course.settings.root), current="portrait", links=True
        )
        super().__init__([widgets.HTML(title), self.filters, self.teacher, self.card, self.help])
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
        self.help.value = help_html(self.book, ids)
        self.refresh()

    def refresh(self) -> None:
        if self.teacher.value is None:
            self.card.value = f"<p>{t('portrait.nobody')}</p>"
            return
        self.card.value = portrait_html(self.book.portrait(self.teacher.value), links=True)
