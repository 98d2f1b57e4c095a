"""B10 growth chart: a student's unit-test scores against the class mean, units with entries marked."""

from __future__ import annotations

import pandas as pd

from toolkit.classroom.portfolio.model import CLASS_MEAN, RELATED, SCORE, UNIT
from toolkit.i18n import add_messages, t
from toolkit.plotting import figure_png, new_figure

add_messages(
    {
        "portfolio.chart.title": {"zh": "{name} 的单元测验成绩", "en": "Unit tests of {name}"},
        "portfolio.chart.score": {"zh": "得分", "en": "Score"},
        "portfolio.chart.mean": {"zh": "班级平均", "en": "Class mean"},
        "portfolio.chart.entries": {"zh": "有相关档案", "en": "Has entries"},
    }
)


def growth_chart(table: pd.DataFrame, name: str) -> bytes:
    """The student's unit scores as a line, the class mean dashed, units with entries marked; PNG bytes."""
    figure = new_figure(5.6, 3.2)
    axes = figure.subplots()
    if not table.empty:
        positions = list(range(len(table)))
        axes.plot(positions, table[SCORE], marker="o", color="#4c78a8", label=t("portfolio.chart.score"))
        for x, y in zip(positions, table[SCORE], strict=True):
            axes.annotate(
                f"{y:g}", (x, y), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=8
            )
        axes.plot(
            positions,
            table[CLASS_MEAN],
            linestyle="--",
            color="#999999",
            label=t("portfolio.chart.mean"),
        )
        marked = [(x, y) for x, y, r in zip(positions, table[SCORE], table[RELATED], strict=True) if r]
        if marked:
            axes.scatter(
                [x for x, _ in marked],
                [y for _, y in marked],
                s=160,
                facecolors="none",
                edgecolors="#f58518",
                linewidths=2,
                zorder=3,
                label=t("portfolio.chart.entries"),
            )
        axes.set_xticks(positions, list(table[UNIT]))
        axes.legend(loc="lower left", fontsize=8)
    axes.set_ylim(0, 105)
    axes.set_ylabel(t("portfolio.chart.score"))
    axes.set_title(t("portfolio.chart.title", name=name))
    return figure_png(figure, dpi=90)
