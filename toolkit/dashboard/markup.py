"""HTML pieces every dashboard page shares, live in Voila and in the static export: cards, tables,
progress bars, the page header with links between pages, and the teacher filters' logic."""

from __future__ import annotations

import html
import math
import os
from collections.abc import Mapping, Sequence
from urllib.parse import parse_qs

import pandas as pd

from toolkit.i18n import add_messages, current_language, t
from toolkit.roster import ROLES

add_messages(
    {
        "dashboard.subject": {"zh": "学科", "en": "Subject"},
        "dashboard.role": {"zh": "角色", "en": "Role"},
        "dashboard.page": {
            "zh": "第 {page} / {pages} 页，共 {rows} 条",
            "en": "Page {page} of {pages}, {rows} rows",
        },
        "dashboard.previous": {"zh": "上一页", "en": "Previous"},
        "dashboard.next": {"zh": "下一页", "en": "Next"},
        "dashboard.nav.cohort": {"zh": "研修坊总览", "en": "Overview"},
        "dashboard.nav.progress": {"zh": "学时与考核", "en": "Hours and scores"},
        "dashboard.nav.portrait": {"zh": "教师画像", "en": "Teacher portraits"},
        "dashboard.nav.desk": {"zh": "量规评分台", "en": "Grading desk"},
        "dashboard.nav.research": {"zh": "校本研修管理", "en": "School-based research"},
        "dashboard.yes": {"zh": "是", "en": "yes"},
        "dashboard.no": {"zh": "否", "en": "no"},
        "dashboard.empty": {"zh": "（没有符合筛选条件的记录）", "en": "(nothing matches the filters)"},
    }
)

# The dashboard notebooks learn their course from this variable (set by `workshop dashboard`).
COURSE_ENV = "WORKSHOP_COURSE_DIR"
# The page notebooks, served side by side, so relative links reach each other in Voila.
PAGES = {
    "cohort": "cohort.ipynb",
    "progress": "progress.ipynb",
    "portrait": "portrait.ipynb",
    "desk": "desk.ipynb",
    "research": "research.ipynb",
}
# Teacher columns the filters work on, with their labels.
FILTERS = {
    "school": "dashboard.school",
    "research_group": "dashboard.group",
    "subject": "dashboard.subject",
    "role": "dashboard.role",
}
PAGE_SIZE = 50
DASHBOARD_CLASS = "workshop-dashboard"
STYLE = """<style>
.workshop-dashboard table.workshop-table{border-collapse:collapse;margin:4px 0 12px 0;font-size:13px}
.workshop-dashboard table.workshop-table th{background:#1f4e79;color:#fff;padding:5px 8px;text-align:left}
.workshop-dashboard table.workshop-table td{border-bottom:1px solid #d9dee5;padding:4px 8px}
.workshop-card{display:inline-block;margin:6px 14px 6px 0;padding:8px 16px;background:#f3f6fa;
border-radius:6px;vertical-align:top}
.workshop-card-value{font-size:22px;font-weight:bold}
.workshop-bar{display:inline-block;width:120px;height:10px;background:#e3e8ee;border-radius:5px;
vertical-align:middle;margin-right:6px}
.workshop-bar span{display:block;height:10px;border-radius:5px}
.workshop-dashboard a{color:#1565c0;text-decoration:underline}
.workshop-nav a{margin-right:16px}
.workshop-risk{color:#c62828}
</style>"""


class Html(str):
    """Text that is already HTML: table cells holding it are not escaped again."""


def cell(value: object) -> str:
    if isinstance(value, Html):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, bool):
        return t("dashboard.yes") if value else t("dashboard.no")
    if isinstance(value, float):
        return f"{value:g}"
    return html.escape(str(value))


def percent(value: float | None) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.0%}"


def role_label(role: str) -> str:
    """The roster's Chinese name of a role (its English one in English)."""
    spellings = ROLES.get(role)
    if spellings is None:
        return role
    return spellings[1] if current_language() == "en" else spellings[0]


def cards(items: Sequence[tuple[str, object]]) -> str:
    return "".join(
        f"<div class='workshop-card'><div style='color:#555'>{html.escape(label)}</div>"
        f"<div class='workshop-card-value'>{cell(value)}</div></div>"
        for label, value in items
    )


def bar(value: float, target: float, *, reached: bool, label: str | None = None) -> Html:
    """A progress bar toward ``target``, with ``label`` (default "value / target") beside it."""
    share = 0.0 if target <= 0 else max(0.0, min(1.0, value / target))
    colour = "#2e7d32" if reached else ("#ef8a17" if share >= 0.5 else "#c62828")
    text = label if label is not None else f"{value:g} / {target:g}"
    return Html(
        f"<span class='workshop-bar'><span style='width:{share:.0%};background:{colour}'></span></span>"
        f"{html.escape(text)}"
    )


def link(href: str, label: str) -> Html:
    return Html(f"<a href='{html.escape(href, quote=True)}' target='_blank'>{html.escape(label)}</a>")


def row_attributes(row: Mapping[str, object]) -> str:
    """data-* attributes that the static pages' filters match rows against."""
    return "".join(
        f" data-{column.replace('_', '-')}='{html.escape(str(row[column]), quote=True)}'"
        for column in FILTERS
        if column in row
    )


def table(frame: pd.DataFrame, *, css_class: str = "", attributes: pd.DataFrame | None = None) -> str:
    """``frame`` as an HTML table; ``attributes`` (same rows) gives each row its filter data-* attributes."""
    head = "".join(f"<th>{html.escape(str(column))}</th>" for column in frame.columns)
    if frame.empty:
        body = f"<tr><td colspan='{len(frame.columns)}'>{t('dashboard.empty')}</td></tr>"
    else:
        tags = (
            [row_attributes(row) for row in attributes.to_dict("records")]
            if attributes is not None
            else [""] * len(frame)
        )
        body = "".join(
            f"<tr{tag}>{''.join(f'<td>{cell(value)}</td>' for value in values)}</tr>"
            for tag, values in zip(tags, frame.itertuples(index=False), strict=True)
        )
    return f"<table class='workshop-table {css_class}'><tr>{head}</tr>{body}</table>"


def header(title: str, course: str, *, current: str, links: bool) -> str:
    """The page title, the course, and links to the other pages (live pages only)."""
    nav = ""
    if links:
        nav = "<div class='workshop-nav'>" + "".join(
            f"<a href='{notebook}'>{t('dashboard.nav.' + page)}</a>"
            for page, notebook in PAGES.items()
            if page != current
        )
        nav += "</div>"
    return (
        f"{STYLE}<h2>{html.escape(title)}</h2>"
        f"<p style='color:#666'>{html.escape(t('dashboard.course', course=course))}</p>{nav}"
    )


def query_parameter(name: str) -> str:
    """A parameter of the page's query string (``?teacher=T0001``), which Voila hands the kernel."""
    return parse_qs(os.environ.get("QUERY_STRING", "")).get(name, [""])[0]


def filter_teachers(teachers: pd.DataFrame, choices: Mapping[str, str]) -> pd.DataFrame:
    """The teachers matching every chosen value (an empty choice matches everyone)."""
    keep = pd.Series(True, index=teachers.index)
    for column, value in choices.items():
        if value:
            keep &= teachers[column] == value
    return teachers[keep]


def filter_options(teachers: pd.DataFrame, column: str) -> list[tuple[str, str]]:
    """(label, value) pairs for one filter: everyone first, then each value present."""
    values = sorted(v for v in teachers[column].unique() if v)
    label = role_label if column == "role" else str
    return [(t("dashboard.all"), ""), *[(label(v), v) for v in values]]
