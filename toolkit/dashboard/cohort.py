"""Cohort overview: who takes part, where each teacher stands on each assignment, who is at risk,
how self-test scores spread and which points are weak."""

from __future__ import annotations

import os
from pathlib import Path

import ipywidgets as widgets
import matplotlib

matplotlib.use("Agg")  # dashboards render images on the server, headless
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from toolkit.catalogue import load_catalogue  # noqa: E402
from toolkit.dashboard.data import DashboardData, load_dashboard_data  # noqa: E402
from toolkit.dashboard.markup import COURSE_ENV, DASHBOARD_CLASS, cards, header, table  # noqa: E402
from toolkit.dashboard.status import assignment_status, at_risk, is_task, risk_actions  # noqa: E402
from toolkit.dashboard.view import PagedTable, TeacherFilters  # noqa: E402
from toolkit.gradebook import SELF_TEST  # noqa: E402
from toolkit.i18n import add_messages, t  # noqa: E402
from toolkit.plan.rules import PLAN_ASSIGNMENT  # noqa: E402
from toolkit.plotting import figure_png, use_cjk_font  # noqa: E402

add_messages(
    {
        "dashboard.teacher_id": {"zh": "工号", "en": "ID"},
        "dashboard.name": {"zh": "姓名", "en": "Name"},
        "dashboard.plan_submitted": {"zh": "研修计划已提交", "en": "Plans submitted"},
        "dashboard.self_test_submitted": {"zh": "自测已提交", "en": "Self-tests submitted"},
        "dashboard.at_risk": {"zh": "需要关注", "en": "At risk"},
        "dashboard.at_risk_title": {
            "zh": "需要关注的教师（按原因多少排序）",
            "en": "Teachers at risk (most reasons first)",
        },
        "dashboard.status_title": {"zh": "每位教师的作业状态", "en": "Each teacher's assignments"},
    }
)


def _png(figure: plt.Figure) -> bytes:
    png = figure_png(figure)
    plt.close(figure)
    return png


def cohort_figures(data: DashboardData, teacher_ids: set[str]) -> dict[str, bytes]:
    """PNG images for the teachers in ``teacher_ids``: self-test score histogram and point heatmap."""
    use_cjk_font()
    figures: dict[str, bytes] = {}
    scores = data.course.scores
    self_test = scores[(scores["assignment"] == SELF_TEST) & scores["teacher_id"].isin(teacher_ids)]
    if not self_test.empty:
        figure, axes = plt.subplots(figsize=(6, 3))
        maximum = float(self_test["max_score"].max())
        axes.hist(
            self_test["score"],
            bins=min(10, max(3, int(maximum))),
            range=(0, maximum),
            color="#4c78a8",
            edgecolor="white",
        )
        axes.set_title(t("dashboard.distribution", assignment="自测诊断 self_test"))
        axes.set_xlabel(t("dashboard.score"))
        axes.set_ylabel(t("dashboard.count"))
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        figures["distribution"] = _png(figure)

    items = data.item_scores[data.item_scores["teacher_id"].isin(teacher_ids)]
    if not items.empty:
        merged = items.merge(data.teachers[["teacher_id", "school"]], on="teacher_id")
        merged["school"] = merged["school"].replace("", "—")
        sums = merged.groupby(["school", "point"])[["score", "max_score"]].sum()
        table_ = (sums["score"] / sums["max_score"]).unstack("point")
        order = [p.code for p in load_catalogue().points if p.code in table_.columns]
        table_ = table_[order]
        figure, axes = plt.subplots(figsize=(max(6, 0.55 * len(order) + 2), 0.5 * len(table_) + 1.6))
        image = axes.imshow(table_.to_numpy(dtype=float), cmap="RdYlGn", vmin=0, vmax=1, aspect="auto")
        axes.set_xticks(range(len(order)), order)
        axes.set_yticks(range(len(table_.index)), table_.index)
        for (row, column), value in pd.DataFrame(table_.to_numpy()).stack().items():
            axes.text(column, row, f"{value:.0%}", ha="center", va="center", fontsize=8)
        axes.set_title(t("dashboard.heatmap"))
        axes.set_xlabel(t("dashboard.point"))
        axes.set_ylabel(t("dashboard.school"))
        figure.colorbar(image, ax=axes, fraction=0.03)
        figures["heatmap"] = _png(figure)
    return figures


def teacher_columns(teachers: pd.DataFrame) -> pd.DataFrame:
    """工号, 姓名, 学校, 教研组: how every teacher table starts."""
    return pd.DataFrame(
        {
            t("dashboard.teacher_id"): teachers["teacher_id"],
            t("dashboard.name"): teachers["name"],
            t("dashboard.school"): teachers["school"],
            t("dashboard.group"): teachers["research_group"],
        },
        index=teachers.index,
    )


def summary_cards(data: DashboardData, teachers: pd.DataFrame, risk: pd.DataFrame) -> str:
    ids = set(teachers["teacher_id"])
    submissions = data.course.submissions[data.course.submissions["teacher_id"].isin(ids)]
    shares = data.course.self_test_shares[data.course.self_test_shares.index.isin(ids)]
    scores = data.course.scores
    self_test = scores[(scores["assignment"] == SELF_TEST) & scores["teacher_id"].isin(ids)]

    def submitted(name: str) -> int:
        return submissions.loc[submissions["assignment"] == name, "teacher_id"].nunique()

    mean = f"{self_test['score'].mean():.1f}（{shares.mean():.0%}）" if not self_test.empty else "—"
    return cards(
        [
            (t("dashboard.cohort"), len(ids)),
            (t("dashboard.self_test_submitted"), submitted(SELF_TEST)),
            (t("dashboard.plan_submitted"), submitted(PLAN_ASSIGNMENT)),
            (t("dashboard.mean"), mean),
            (t("dashboard.at_risk"), len(risk)),
        ]
    )


def submission_table(data: DashboardData, teachers: pd.DataFrame) -> pd.DataFrame:
    """Per assignment: how many of these teachers submitted, and how many were graded."""
    ids = set(teachers["teacher_id"])
    submissions = data.course.submissions[data.course.submissions["teacher_id"].isin(ids)]
    scores = data.course.scores[data.course.scores["teacher_id"].isin(ids)]
    levels = data.levels[data.levels["teacher_id"].isin(ids)]

    def count(frame: pd.DataFrame, name: str) -> int:
        return frame.loc[frame["assignment"] == name, "teacher_id"].nunique()

    rows = []
    for name in data.assignments:
        graded = levels if is_task(name) else scores
        rows.append(
            {
                t("dashboard.assignment"): name,
                t("dashboard.submitted"): f"{count(submissions, name)} / {len(ids)}",
                t("dashboard.graded"): count(graded, name),
            }
        )
    return pd.DataFrame(rows)


def status_table(data: DashboardData, teachers: pd.DataFrame, *, links: bool) -> pd.DataFrame:
    return teacher_columns(teachers).join(assignment_status(data, teachers, links=links))


def risk_table(
    data: DashboardData, teachers: pd.DataFrame, risk: pd.DataFrame, *, links: bool
) -> pd.DataFrame:
    """The at-risk teachers with their reasons (and, live, links to their portrait and the desk)."""
    people = teachers.set_index("teacher_id").loc[risk["teacher_id"]].reset_index()
    frame = teacher_columns(people)
    frame[t("risk.reasons")] = risk["reasons"].map("；".join).to_numpy()
    if links:
        frame[t("risk.actions")] = [
            risk_actions(tid, regrade)
            for tid, regrade in zip(risk["teacher_id"], risk["regrade"], strict=True)
        ]
    return frame


class CohortDashboard(widgets.VBox):
    """The cohort overview; the filters (school, group, subject, role) redraw everything."""

    def __init__(self, course_dir: str | Path | None = None, *, data: DashboardData | None = None) -> None:
        folder = course_dir or os.environ.get(COURSE_ENV)
        if not folder:
            super().__init__([widgets.HTML(f"<b>{t('dashboard.no_course')}</b>")])
            return
        # Read once: filter changes only redraw, they never touch the disk again.
        self.data = data or load_dashboard_data(folder)
        self.filters = TeacherFilters(self.data.teachers)
        self.summary = widgets.HTML()
        self.table = widgets.HTML()
        self.risk = PagedTable(css_class="workshop-risk-list")
        self.status = PagedTable(css_class="workshop-status")
        self.images = widgets.VBox()
        self.filters.on_change(self.refresh)
        super().__init__(
            [
                widgets.HTML(
                    header(
                        t("dashboard.title"),
                        str(self.data.course.settings.root),
                        current="cohort",
                        links=True,
                    )
                ),
                self.filters,
                self.summary,
                self.table,
                widgets.HTML(f"<h3>{t('dashboard.at_risk_title')}</h3>"),
                self.risk,
                widgets.HTML(f"<h3>{t('dashboard.status_title')}</h3>"),
                self.status,
                self.images,
            ]
        )
        self.add_class(DASHBOARD_CLASS)
        self.add_class("workshop-cohort")
        self.refresh()

    def refresh(self) -> None:
        teachers = self.filters.apply(self.data.teachers)
        risk = at_risk(self.data, teachers)
        self.summary.value = summary_cards(self.data, teachers, risk)
        self.table.value = f"<h3>{t('dashboard.submissions')}</h3>" + table(
            submission_table(self.data, teachers), css_class="workshop-submissions"
        )
        self.risk.show(risk_table(self.data, teachers, risk, links=True))
        self.status.show(status_table(self.data, teachers, links=True))
        figures = cohort_figures(self.data, set(teachers["teacher_id"]))
        if figures:
            self.images.children = [
                widgets.Image(value=png, format="png", layout=widgets.Layout(max_width="900px"))
                for png in figures.values()
            ]
        else:
            self.images.children = [widgets.HTML(f"<p>{t('dashboard.no_data')}</p>")]
