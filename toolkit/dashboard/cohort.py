"""Cohort overview: who takes part, what is submitted, how scores spread, which points are weak."""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as widgets
import matplotlib

matplotlib.use("Agg")  # dashboards render images on the server, headless
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from toolkit.catalogue import load_catalogue  # noqa: E402
from toolkit.gradebook import SELF_TEST, CourseData, item_points, read_course  # noqa: E402
from toolkit.i18n import t  # noqa: E402
from toolkit.plotting import figure_png, use_cjk_font  # noqa: E402

# The dashboard notebook learns its course from this variable (set by `workshop dashboard`).
COURSE_ENV = "WORKSHOP_COURSE_DIR"


def _png(figure: plt.Figure) -> bytes:
    png = figure_png(figure)
    plt.close(figure)
    return png


def cohort_figures(data: CourseData, teacher_ids: set[str], tags: pd.DataFrame) -> dict[str, bytes]:
    """PNG images for the teachers in ``teacher_ids``: score histogram and point heatmap.

    ``tags`` maps each self-test item to its point (see ``item_points``).
    """
    use_cjk_font()
    figures: dict[str, bytes] = {}
    scores = data.scores
    scores = scores[scores["teacher_id"].isin(teacher_ids)]
    self_test = scores[scores["assignment"] == SELF_TEST]
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

    grades = data.grades[
        (data.grades["assignment"] == SELF_TEST) & data.grades["teacher_id"].isin(teacher_ids)
    ]
    if not grades.empty and not tags.empty:
        merged = grades.merge(tags, on=["notebook", "cell"])
        merged = merged.merge(data.teachers[["teacher_id", "school"]], on="teacher_id")
        merged["school"] = merged["school"].replace("", "—")
        table = (
            merged.groupby(["school", "point"])
            .apply(
                lambda part: part["score"].fillna(0).sum() / part["max_score"].sum(),
                include_groups=False,
            )
            .unstack("point")
        )
        order = [p.code for p in load_catalogue().points if p.code in table.columns]
        table = table[order]
        figure, axes = plt.subplots(figsize=(max(6, 0.55 * len(order) + 2), 0.5 * len(table) + 1.6))
        image = axes.imshow(table.to_numpy(dtype=float), cmap="RdYlGn", vmin=0, vmax=1, aspect="auto")
        axes.set_xticks(range(len(order)), order)
        axes.set_yticks(range(len(table.index)), table.index)
        for (row, column), value in pd.DataFrame(table.to_numpy()).stack().items():
            axes.text(column, row, f"{value:.0%}", ha="center", va="center", fontsize=8)
        axes.set_title(t("dashboard.heatmap"))
        axes.set_xlabel(t("dashboard.point"))
        axes.set_ylabel(t("dashboard.school"))
        figure.colorbar(image, ax=axes, fraction=0.03)
        figures["heatmap"] = _png(figure)
    return figures


class CohortDashboard(widgets.VBox):
    """The cohort overview with school and group filters; everything redraws on a change."""

    def __init__(self, course_dir: str | Path | None = None) -> None:
        folder = course_dir or os.environ.get(COURSE_ENV)
        if not folder:
            super().__init__([widgets.HTML(f"<b>{t('dashboard.no_course')}</b>")])
            return
        self.data = read_course(folder)
        # Read once: filter changes only redraw, they never touch the disk again.
        self.item_tags = item_points(folder, SELF_TEST)
        folder = self.data.settings.root
        everyone = t("dashboard.all")
        teachers = self.data.teachers
        self.school = widgets.Dropdown(
            description=t("dashboard.school"),
            options=[everyone, *sorted(s for s in teachers["school"].unique() if s)],
        )
        self.group = widgets.Dropdown(
            description=t("dashboard.group"),
            options=[everyone, *sorted(g for g in teachers["research_group"].unique() if g)],
        )
        self.summary = widgets.HTML()
        self.table = widgets.HTML()
        self.images = widgets.VBox()
        for control in (self.school, self.group):
            control.observe(lambda change: self.refresh(), names="value")
        super().__init__(
            [
                widgets.HTML(
                    f"<h2>{t('dashboard.title')}</h2>"
                    f"<p style='color:#666'>{html.escape(t('dashboard.course', course=folder))}</p>"
                ),
                widgets.HBox([self.school, self.group]),
                self.summary,
                self.table,
                self.images,
            ]
        )
        self.add_class("workshop-dashboard")
        self.refresh()

    def selected_teachers(self) -> pd.DataFrame:
        teachers = self.data.teachers[self.data.teachers["active"]]
        everyone = t("dashboard.all")
        if self.school.value != everyone:
            teachers = teachers[teachers["school"] == self.school.value]
        if self.group.value != everyone:
            teachers = teachers[teachers["research_group"] == self.group.value]
        return teachers

    def refresh(self) -> None:
        teachers = self.selected_teachers()
        ids = set(teachers["teacher_id"])
        submissions = self.data.submissions[self.data.submissions["teacher_id"].isin(ids)]
        scores = self.data.scores
        scores = scores[scores["teacher_id"].isin(ids)]
        self_test = scores[scores["assignment"] == SELF_TEST]
        mean = f"{self_test['score'].mean():.1f}" if not self_test.empty else "—"
        cards = [
            (t("dashboard.cohort"), len(ids)),
            (t("dashboard.submitted"), submissions["teacher_id"].nunique()),
            (t("dashboard.graded"), scores["teacher_id"].nunique()),
            (t("dashboard.mean"), mean),
        ]
        self.summary.value = "".join(
            "<div style='display:inline-block;margin:6px 14px 6px 0;padding:8px 16px;"
            "background:#f3f6fa;border-radius:6px'>"
            f"<div style='color:#555'>{label}</div><div class='workshop-card-value' "
            f"style='font-size:22px;font-weight:bold'>{value}</div></div>"
            for label, value in cards
        )
        self.table.value = self._submission_table(ids, submissions, scores)
        figures = cohort_figures(self.data, ids, self.item_tags)
        if figures:
            self.images.children = [
                widgets.Image(value=png, format="png", layout=widgets.Layout(max_width="900px"))
                for png in figures.values()
            ]
        else:
            self.images.children = [widgets.HTML(f"<p>{t('dashboard.no_data')}</p>")]

    def _submission_table(self, ids: set[str], submissions: pd.DataFrame, scores: pd.DataFrame) -> str:
        rows = []
        for assignment in sorted(self.data.assignments["assignment"]):
            submitted = submissions[submissions["assignment"] == assignment]["teacher_id"].nunique()
            graded = scores[scores["assignment"] == assignment]["teacher_id"].nunique()
            rows.append(
                f"<tr><td>{html.escape(assignment)}</td><td>{submitted} / {len(ids)}</td>"
                f"<td>{graded}</td></tr>"
            )
        return (
            f"<h3>{t('dashboard.submissions')}</h3><table class='workshop-submissions' "
            "style='border-collapse:collapse' border='1' cellpadding='6'>"
            f"<tr><th>{t('dashboard.assignment')}</th><th>{t('dashboard.submitted')}</th>"
            f"<th>{t('dashboard.graded')}</th></tr>{''.join(rows)}</table>"
        )
