"""A12 observation chart: how often each behaviour was recorded."""

from __future__ import annotations

import pandas as pd
from matplotlib.ticker import MaxNLocator

from toolkit.i18n import add_messages, t
from toolkit.plotting import figure_png, new_figure

add_messages(
    {
        "observation.chart_title": {"zh": "各类行为记录次数", "en": "Records per behaviour"},
        "observation.count": {"zh": "次数", "en": "Times"},
    }
)


def behaviour_chart(counts: pd.Series) -> bytes:
    """A PNG bar chart of the records per behaviour (``ObservationLog.behaviour_counts``)."""
    figure = new_figure(4.8, 3.0)
    axes = figure.subplots()
    bars = axes.bar(list(counts.index), list(counts.values), color="#4c78a8")
    axes.bar_label(bars)
    axes.set_title(t("observation.chart_title"))
    axes.set_ylabel(t("observation.count"))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(0, max(1, int(counts.max()) if len(counts) else 1) * 1.2)
    axes.tick_params(axis="x", labelsize=9)
    return figure_png(figure, dpi=90)
