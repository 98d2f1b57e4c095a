"""B5 grouping chart: each group's mean score against the class mean."""

from __future__ import annotations

from toolkit.classroom.grouping.model import HIGH, MEAN, GroupSummary
from toolkit.i18n import add_messages, t
from toolkit.plotting import figure_png, new_figure

add_messages(
    {
        "grouping.chart_title": {"zh": "各组“{column}”平均分", "en": "Mean '{column}' per group"},
        "grouping.chart_x": {"zh": "组号", "en": "Group"},
        "grouping.chart_y": {"zh": "平均分", "en": "Mean score"},
        "grouping.chart_mean": {"zh": "全班平均 {mean:.1f}", "en": "class mean {mean:.1f}"},
    }
)


def means_chart(summary: GroupSummary, *, score_column: str) -> bytes:
    """A PNG bar chart of group means with the class mean drawn across, labelled in the teacher's language."""
    figure = new_figure(max(5.0, 0.45 * len(summary.table) + 2), 3.2)
    axes = figure.subplots()
    means = summary.table[MEAN]
    bars = axes.bar([str(g) for g in means.index], means.to_numpy(), color="#4c78a8")
    axes.bar_label(bars, labels=[f"{m:.1f}" for m in means], fontsize=8, padding=2)
    axes.axhline(
        summary.class_mean,
        color="#c62828",
        linestyle="--",
        linewidth=1,
        label=t("grouping.chart_mean", mean=summary.class_mean),
    )
    axes.legend(loc="lower right", fontsize=8, framealpha=0.9)
    axes.set_ylim(0, max(100.0, float(summary.table[HIGH].max())) * 1.08)
    axes.set_title(t("grouping.chart_title", column=score_column))
    axes.set_xlabel(t("grouping.chart_x"))
    axes.set_ylabel(t("grouping.chart_y"))
    return figure_png(figure, dpi=100)
