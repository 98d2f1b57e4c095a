"""Draw a ChartSpec with Chinese labels, on a figure free of any pyplot backend."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from toolkit.charts.advice import ChartSpec
from toolkit.plotting import new_figure

PALETTE = ["#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#c62828", "#00838f", "#5d4037", "#9e9d24"]


def draw_chart(spec: ChartSpec, data: pd.DataFrame) -> Figure:
    """The chart ``spec`` describes, for ``data``."""
    if spec.kind == "radar":
        figure = new_figure(5.5, 5.5)
        axes = figure.add_subplot(projection="polar")
        _radar(axes, spec, data)
    else:
        figure = new_figure(7, 4)
        axes = figure.subplots()
        {
            "bar": _bar,
            "line": _line,
            "box": _box,
            "histogram": _histogram,
            "scatter": _scatter,
            "heatmap": _heatmap,
            "pie": _pie,
        }[spec.kind](axes, spec, data)
    if spec.title:
        axes.set_title(spec.title)
    return figure


def _bar(axes: Axes, spec: ChartSpec, data: pd.DataFrame) -> None:
    if spec.category and spec.values:
        means = data.groupby(spec.category)[list(spec.values)].mean()
        width = 0.8 / len(spec.values)
        for index, column in enumerate(spec.values):
            positions = np.arange(len(means)) + index * width - 0.4 + width / 2
            bars = axes.bar(positions, means[column], width=width, label=column, color=PALETTE[index % 8])
            axes.bar_label(bars, fmt="%.1f", fontsize=8)
        axes.set_xticks(np.arange(len(means)), means.index)
        axes.set_ylabel("平均值")
        if len(spec.values) > 1:
            axes.legend(fontsize=8)
    elif spec.category:
        counts = data[spec.category].value_counts()
        bars = axes.bar(counts.index.astype(str), counts.values, color=PALETTE[0])
        axes.bar_label(bars, fontsize=8)
        axes.set_ylabel("人数")
    else:
        means = data[list(spec.values)].mean()
        bars = axes.bar(means.index, means.values, color=PALETTE[0])
        axes.bar_label(bars, fmt="%.1f", fontsize=8)
        axes.set_ylabel("平均值")
    bottom = spec.y_start
    axes.set_ylim(bottom=bottom)


def _line(axes: Axes, spec: ChartSpec, data: pd.DataFrame) -> None:
    columns = list(spec.values)
    if spec.category:
        means = data.groupby(spec.category)[columns].mean()
        for index, (name, row) in enumerate(means.iterrows()):
            axes.plot(columns, row.values, marker="o", label=str(name), color=PALETTE[index % 8])
        axes.legend(fontsize=8)
    else:
        if len(data) <= 60:
            for _, row in data[columns].iterrows():
                axes.plot(columns, row.values, color="#bbbbbb", linewidth=0.7)
        axes.plot(
            columns,
            data[columns].mean().values,
            marker="o",
            color=PALETTE[0],
            linewidth=2.5,
            label="全班平均",
        )
        axes.legend(fontsize=8)
    axes.set_ylabel("分数")


def _box(axes: Axes, spec: ChartSpec, data: pd.DataFrame) -> None:
    if spec.category and spec.values:
        groups = [(str(name), part[spec.values[0]].dropna()) for name, part in data.groupby(spec.category)]
        axes.boxplot([g for _, g in groups], tick_labels=[n for n, _ in groups])
        axes.set_ylabel(spec.values[0])
    else:
        axes.boxplot([data[c].dropna() for c in spec.values], tick_labels=list(spec.values))


def _histogram(axes: Axes, spec: ChartSpec, data: pd.DataFrame) -> None:
    column = spec.values[0]
    axes.hist(data[column].dropna(), bins=10, color=PALETTE[0], edgecolor="white")
    axes.set_xlabel(column)
    axes.set_ylabel("人数")


def _scatter(axes: Axes, spec: ChartSpec, data: pd.DataFrame) -> None:
    x, y = spec.values[0], spec.values[1]
    pairs = data[[x, y]].dropna()
    axes.scatter(pairs[x], pairs[y], color=PALETTE[0], alpha=0.7)
    if len(pairs) >= 3 and pairs[x].nunique() > 1:
        slope, intercept = np.polyfit(pairs[x], pairs[y], 1)
        xs = np.linspace(pairs[x].min(), pairs[x].max(), 20)
        axes.plot(xs, slope * xs + intercept, color=PALETTE[1], linestyle="--")
    axes.set_xlabel(x)
    axes.set_ylabel(y)


def _heatmap(axes: Axes, spec: ChartSpec, data: pd.DataFrame) -> None:
    columns = list(spec.values)
    if spec.question == "relationship":
        grid = data[columns].corr().round(2)
    elif spec.category:
        grid = data.groupby(spec.category)[columns].mean().round(1)
    else:
        grid = data[columns].head(45).round(1)
    image = axes.imshow(grid.values, aspect="auto", cmap="RdYlGn")
    axes.set_xticks(range(len(grid.columns)), grid.columns, fontsize=8)
    axes.set_yticks(range(len(grid.index)), [str(i) for i in grid.index], fontsize=7 if len(grid) > 15 else 9)
    if grid.size <= 80:
        for (row, col), value in np.ndenumerate(grid.values):
            axes.text(col, row, f"{value:g}", ha="center", va="center", fontsize=8)
    axes.figure.colorbar(image, ax=axes)


def _pie(axes: Axes, spec: ChartSpec, data: pd.DataFrame) -> None:
    counts = data[spec.category].value_counts()
    axes.pie(counts.values, labels=counts.index.astype(str), autopct="%.0f%%", colors=PALETTE[: len(counts)])
    axes.axis("equal")


def _radar(axes: Axes, spec: ChartSpec, data: pd.DataFrame) -> None:
    columns = list(spec.values)
    angles = [2 * math.pi * i / len(columns) for i in range(len(columns))]
    rows = (
        data.groupby(spec.category)[columns].mean()
        if spec.category
        else data[columns].mean().to_frame("全班").T
    )
    for index, (name, row) in enumerate(rows.iterrows()):
        values = list(row.values) + [row.values[0]]
        axes.plot(angles + angles[:1], values, color=PALETTE[index % 8], label=str(name))
        axes.fill(angles + angles[:1], values, color=PALETTE[index % 8], alpha=0.1)
    axes.set_xticks(angles, columns)
    axes.legend(fontsize=8, loc="upper right", bbox_to_anchor=(1.25, 1.1))
