"""C5 profile chart: mastery per knowledge point against the class, and the unit tests with their trend."""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Patch

from toolkit.classroom.guidance.model import StudentProfile
from toolkit.i18n import add_messages, t
from toolkit.plotting import figure_png, new_figure

add_messages(
    {
        "guidance.chart.mastery": {"zh": "各知识点掌握率（%）", "en": "Mastery per knowledge point (%)"},
        "guidance.chart.threshold": {"zh": "{threshold:.0f}% 线", "en": "{threshold:.0f}% line"},
        "guidance.chart.class": {"zh": "全班平均", "en": "class average"},
        "guidance.chart.weak": {"zh": "个人薄弱", "en": "weak for this student"},
        "guidance.chart.shared": {"zh": "全班共性薄弱", "en": "weak for the whole class"},
        "guidance.chart.units": {"zh": "单元测验成绩与趋势线", "en": "Unit tests and trend line"},
        "guidance.chart.score": {"zh": "分数", "en": "Score"},
        "guidance.chart.fit": {"zh": "趋势线", "en": "trend line"},
    }
)


def profile_chart(profile: StudentProfile) -> bytes:
    """PNG: mastery per knowledge point (bars, class average and threshold) and the unit trend."""
    figure = new_figure(10, 3.8)
    bars, trend = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1.5, 1]})
    points = list(profile.mastery.index)
    values = profile.mastery.fillna(0).to_numpy()
    weak = profile.weak_points
    colours = [
        "#f0a030" if p in profile.shared_weak else "#c62828" if p in weak else "#4c78a8" for p in points
    ]
    positions = np.arange(len(points))
    bars.barh(positions, values, color=colours)
    bars.scatter(
        profile.class_mastery.to_numpy(),
        positions,
        marker="|",
        s=200,
        color="#333",
        label=t("guidance.chart.class"),
    )
    bars.axvline(
        profile.mastery_below,
        color="#888",
        linestyle="--",
        linewidth=1,
        label=t("guidance.chart.threshold", threshold=profile.mastery_below),
    )
    bars.set_yticks(positions, points)
    bars.invert_yaxis()
    bars.set_xlim(0, 105)
    bars.set_title(t("guidance.chart.mastery"))
    handles, _ = bars.get_legend_handles_labels()
    handles += [
        Patch(color="#c62828", label=t("guidance.chart.weak")),
        Patch(color="#f0a030", label=t("guidance.chart.shared")),
    ]
    bars.legend(handles=handles, loc="lower right", fontsize=8)
    scores = profile.unit_scores
    x = np.arange(1, len(scores) + 1)
    trend.plot(x, scores.to_numpy(), marker="o", color="#4c78a8")
    known = ~scores.isna().to_numpy()
    if known.sum() >= 2 and not np.isnan(profile.slope):
        centre_x, centre_y = x[known].mean(), scores.to_numpy()[known].mean()
        fitted = centre_y + profile.slope * (x - centre_x)
        colour = "#c62828" if profile.sliding else "#888"
        trend.plot(x, fitted, linestyle="--", color=colour, label=t("guidance.chart.fit"))
        trend.legend(loc="best", fontsize=8)
    trend.set_xticks(x, list(scores.index))
    trend.set_ylim(0, 105)
    trend.set_ylabel(t("guidance.chart.score"))
    trend.set_title(t("guidance.chart.units"))
    return figure_png(figure, dpi=90)
