"""``workshop dashboard COURSE_DIR --static OUT_DIR``: the dashboards as plain HTML files for
read-only audiences (a live kernel per viewer cannot serve a whole district). The pages are built
from the same tables as the live ones; their filters work in the browser by hiding table rows, with
a few lines of inline script and nothing fetched from anywhere."""

from __future__ import annotations

import base64
import datetime as dt
import html
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from toolkit.dashboard.cohort import (
    cohort_figures,
    risk_table,
    status_table,
    submission_table,
    summary_cards,
    teacher_columns,
)
from toolkit.dashboard.data import DashboardData, load_dashboard_data
from toolkit.dashboard.markup import DASHBOARD_CLASS, FILTERS, STYLE, Html, filter_options, role_label, table
from toolkit.dashboard.portrait import portrait_html
from toolkit.dashboard.profile import PortraitBook
from toolkit.dashboard.progress import hours_figure, hours_tables, pass_rate_figure, score_tables
from toolkit.dashboard.status import at_risk
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t

add_messages(
    {
        "static.note": {
            "zh": "只读快照，生成于 {when}。筛选只隐藏表格中的行；卡片和图表是全体的数字。",
            "en": "Read-only snapshot made {when}. Filters hide table rows; cards and charts show everyone.",
        },
        "static.not_export": {
            "zh": "{out} 已存在且不是以前导出的仪表盘，为免覆盖其中的文件，请换一个空文件夹",
            "en": "{out} exists and is not an earlier dashboard export; choose an empty folder so "
            "nothing in it is overwritten",
        },
        "static.written": {
            "zh": "已导出静态仪表盘：{out}（{pages} 个页面，其中教师画像 {portraits} 个）；"
            "打开 index.html 查看",
            "en": "Static dashboards written to {out} ({pages} pages, {portraits} portraits); "
            "open index.html",
        },
        "static.portraits": {"zh": "生成教师画像", "en": "Writing portraits"},
        "static.open": {"zh": "查看", "en": "open"},
    }
)

MARKER = ".workshop-static"  # marks a folder this command made, so a re-export may replace it
STATIC_PAGES = {"cohort": "index.html", "progress": "progress.html", "portrait": "portraits.html"}

_FILTER_SCRIPT = """<script>
(function () {
  function apply() {
    var chosen = {};
    document.querySelectorAll('select[data-filter]').forEach(function (s) {
      if (s.value) { chosen[s.dataset.filter] = s.value; }
    });
    document.querySelectorAll('tr').forEach(function (row) {
      var show = true;
      Object.keys(chosen).forEach(function (key) {
        var value = row.dataset[key];
        if (value !== undefined && value !== chosen[key]) { show = false; }
      });
      row.style.display = show ? '' : 'none';
    });
  }
  document.querySelectorAll('select[data-filter]').forEach(function (s) {
    s.addEventListener('change', apply);
  });
})();
</script>"""


@dataclass(frozen=True)
class StaticExport:
    out_dir: Path
    pages: int
    portraits: int

    def message(self) -> str:
        return t("static.written", out=self.out_dir, pages=self.pages, portraits=self.portraits)


def _dataset_key(column: str) -> str:
    """The JavaScript ``dataset`` name of a row's data-* attribute (data-research-group → researchGroup)."""
    head, *rest = column.split("_")
    return head + "".join(part.title() for part in rest)


def _filter_bar(teachers: pd.DataFrame) -> str:
    selects = []
    for column, label in FILTERS.items():
        options = "".join(
            f"<option value='{html.escape(value, quote=True)}'>{html.escape(text)}</option>"
            for text, value in filter_options(teachers, column)
        )
        selects.append(
            f"<label style='margin-right:14px'>{t(label)} "
            f"<select data-filter='{_dataset_key(column)}'>{options}</select></label>"
        )
    return f"<div class='workshop-filters' style='margin:8px 0'>{''.join(selects)}</div>"


def _image(png: bytes) -> str:
    return f"<img style='max-width:900px' src='data:image/png;base64,{base64.b64encode(png).decode()}'>"


def _page(title: str, body: str, *, course: str, when: str, up: str = "") -> str:
    nav = " ".join(
        f"<a href='{up}{file}'>{t('dashboard.nav.' + page)}</a>" for page, file in STATIC_PAGES.items()
    )
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width'><title>{html.escape(title)}</title>{STYLE}"
        "</head><body style='font-family:sans-serif;margin:20px'>"
        f"<div class='{DASHBOARD_CLASS}'><div class='workshop-nav'>{nav}</div>"
        f"<h2>{html.escape(title)}</h2>"
        f"<p style='color:#666'>{html.escape(t('dashboard.course', course=course))}<br>"
        f"{html.escape(t('static.note', when=when))}</p>{body}</div>{_FILTER_SCRIPT}</body></html>"
    )


def _attributes(teachers: pd.DataFrame, ids: pd.Series) -> pd.DataFrame:
    """The filter columns of the teachers ``ids``, in that order (for the rows' data-* attributes)."""
    return teachers.set_index("teacher_id").loc[list(ids), list(FILTERS)].reset_index(drop=True)


def _group_attributes(frame: pd.DataFrame) -> pd.DataFrame:
    renamed = {t("dashboard.school"): "school", t("dashboard.group"): "research_group"}
    return frame[[c for c in renamed if c in frame]].rename(columns=renamed)


def cohort_page(data: DashboardData) -> str:
    teachers = data.teachers
    risk = at_risk(data, teachers)
    risky = risk_table(data, teachers, risk, links=False)
    status = status_table(data, teachers, links=False)
    figures = cohort_figures(data, set(teachers["teacher_id"]))
    id_column = t("dashboard.teacher_id")
    return (
        summary_cards(data, teachers, risk)
        + _filter_bar(teachers)
        + f"<h3>{t('dashboard.submissions')}</h3>"
        + table(submission_table(data, teachers), css_class="workshop-submissions")
        + f"<h3>{t('dashboard.at_risk_title')}</h3>"
        + table(risky, css_class="workshop-risk-list", attributes=_attributes(teachers, risky[id_column]))
        + f"<h3>{t('dashboard.status_title')}</h3>"
        + table(status, css_class="workshop-status", attributes=_attributes(teachers, status[id_column]))
        + "".join(_image(png) for png in figures.values())
    )


def progress_page(data: DashboardData) -> str:
    teachers = data.teachers
    id_column = t("dashboard.teacher_id")
    scheme = data.scheme
    parts = [f"<p><b>{t('progress.scheme', name=scheme.name, id=scheme.id)}</b></p>", _filter_bar(teachers)]
    if data.hours is None or scheme.hours is None:
        parts.append(f"<h3>{t('progress.hours')}</h3><p>{t('progress.no_hours')}</p>")
    else:
        top, groups, people = hours_tables(data, teachers)
        parts += [
            f"<h3>{t('progress.hours')}</h3>{top}<h4>{t('progress.groups')}</h4>",
            table(groups, attributes=_group_attributes(groups)),
            f"<h4>{t('progress.people_title')}</h4>",
            table(people, css_class="workshop-hours", attributes=_attributes(teachers, people[id_column])),
            _image(hours_figure(data.hours["counted_hours"], scheme.hours.target)),
        ]
    if data.assessment is None:
        parts.append(f"<h3>{t('progress.scores')}</h3><p>{t('progress.no_roles')}</p>")
    else:
        top, groups, schools, people = score_tables(data, teachers)
        parts += [
            f"<h3>{t('progress.scores')}</h3>{top}<h4>{t('progress.schools')}</h4>",
            table(schools, css_class="workshop-schools", attributes=_group_attributes(schools)),
            f"<h4>{t('progress.groups')}</h4>",
            table(groups, attributes=_group_attributes(groups)),
            f"<h4>{t('progress.people_title')}</h4>",
            table(people, css_class="workshop-scores", attributes=_attributes(teachers, people[id_column])),
            _image(pass_rate_figure(data.assessment.schools, scheme.pass_rate)),
        ]
    return "".join(parts)


def portrait_file(teacher_id: str) -> str:
    """A portrait's file name (the roster allows only letters, digits, - and _ in an ID)."""
    return f"{teacher_id}.html"


def portrait_index(data: DashboardData) -> str:
    teachers = data.teachers
    frame = teacher_columns(teachers)
    frame[t("dashboard.subject")] = teachers["subject"]
    frame[t("dashboard.role")] = teachers["role"].map(role_label)
    frame[t("portrait.title")] = [
        Html(f"<a href='portraits/{portrait_file(tid)}'>{t('static.open')}</a>")
        for tid in teachers["teacher_id"]
    ]
    return _filter_bar(teachers) + table(frame, attributes=_attributes(teachers, teachers["teacher_id"]))


def _check_target(out: Path) -> None:
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).is_file())):
        raise InputError(t("static.not_export", out=out))


def export_static(course_dir: str | Path, *, out_dir: str | Path) -> StaticExport:
    """Write the overview, hours and scores, and one portrait per teacher as HTML into ``out_dir``.

    The pages are written beside it first and moved into place at the end, so a failure leaves
    ``out_dir`` as it was; an earlier export there is replaced, any other folder is refused."""
    out = Path(out_dir).resolve()
    _check_target(out)
    data = load_dashboard_data(course_dir)
    course = str(data.course.settings.root)
    when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    building = out.parent / f".{out.name}.part-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    (building / "portraits").mkdir(parents=True)
    try:
        pages = {
            "index.html": _page(t("dashboard.title"), cohort_page(data), course=course, when=when),
            "progress.html": _page(t("progress.title"), progress_page(data), course=course, when=when),
            "portraits.html": _page(t("portrait.title"), portrait_index(data), course=course, when=when),
        }
        for name, text in pages.items():
            (building / name).write_text(text, encoding="utf-8")
        book = PortraitBook(data)
        ids = list(data.teachers["teacher_id"])
        for tid in tqdm(ids, desc=t("static.portraits"), unit="人", leave=False):
            body = portrait_html(book.portrait(tid), links=False)
            page = _page(t("portrait.title"), body, course=course, when=when, up="../")
            (building / "portraits" / portrait_file(tid)).write_text(page, encoding="utf-8")
        (building / MARKER).write_text(f"{when}\n", encoding="utf-8")
        _check_target(out)  # nothing else may have appeared there meanwhile
        if out.exists():
            previous = out.parent / f".{out.name}.old-{os.getpid()}"
            out.rename(previous)
            building.rename(out)
            shutil.rmtree(previous)
        else:
            building.rename(out)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return StaticExport(out, len(pages) + len(ids), len(ids))
