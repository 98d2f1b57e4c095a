"""C7 micro-model charts: the index per student, and the index against the outcome it is checked with."""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.classroom.classtable import NAME, STUDENT_ID
from toolkit.classroom.micromodel.model import INDEX
from toolkit.i18n import add_messages, t
from toolkit.plotting import figure_png, new_figure

add_messages(
    {
        "micromodel.chart.index": {"zh": "{name}（0–100）", "en": "{name} (0-100)"},
        "micromodel.chart.check": {"zh": "{name} 与 {outcome}", "en": "{name} and {outcome}"},
    }
)


def index_chart(table: pd.DataFrame, name: str) -> bytes:
    """PNG: the index per student as horizontal bars, best at the top (``table`` from ``score``)."""
    label_column = next((c for c in (NAME, STUDENT_ID) if c in table.columns), None)
    labels = table[label_column].astype(str) if label_column else pd.Series(table.index.astype(str))
    figure = new_figure(6, max(3.0, 0.2 * len(table) + 1))
    bars = figure.subplots()
    positions = np.arange(len(table))
    bars.barh(positions, table[INDEX].fillna(0).to_numpy(), color="#4c78a8")
    bars.set_yticks(positions, labels.tolist(), fontsize=7)
    bars.invert_yaxis()
    bars.set_xlim(0, 100)
    bars.set_title(t("micromodel.chart.index", name=name))
    return figure_png(figure, dpi=80)


def check_chart(index: pd.Series, outcome: pd.Series) -> bytes:
    """PNG: each student's index against the outcome the model is checked with."""
    figure = new_figure(5, 3.6)
    axes = figure.subplots()
    axes.scatter(index, pd.to_numeric(outcome, errors="coerce"), color="#4c78a8", alpha=0.8)
    axes.set_xlabel(INDEX)
    axes.set_ylabel(str(outcome.name))
    axes.set_title(t("micromodel.chart.check", name=INDEX, outcome=outcome.name))
    return figure_png(figure, dpi=80)
