"""Guided reading of a chart: what the numbers say, and questions to ask before concluding."""

from __future__ import annotations

import pandas as pd

from toolkit.charts.advice import ChartSpec

PROMPTS = {
    "comparison": [
        "差距有多大？几分的差距在教学上有意义吗？",
        "各组人数一样多吗？小组的平均数更容易受个别学生影响。",
        "除了平均数，各组内部的差异（两极分化）一样吗？",
    ],
    "trend": [
        "变化是持续的，还是某一次测验特别难或特别容易？",
        "全班平均稳定时，有没有个别学生在持续下滑？",
        "这段时间教学上发生了什么，可能解释这个变化？",
    ],
    "distribution": [
        "成绩集中在哪个分数段？有没有两个“峰”（两极分化）？",
        "有没有明显偏离大多数人的学生？他们需要什么帮助？",
    ],
    "relationship": [
        "点大致沿一条线分布吗？有没有远离其他点的学生？",
        "相关不等于因果：还有什么因素可能同时影响这两个量？",
    ],
    "composition": [
        "最大的部分占多少？最小的部分是否被忽视了？",
        "这些部分合起来真的是一个整体吗？",
    ],
    "profile": [
        "哪一项最突出、哪一项是短板？",
        "不同组的形状一样吗？短板相同还是不同？",
    ],
}


def _strength(r: float) -> str:
    size = abs(r)
    word = (
        "很弱"
        if size < 0.2
        else "较弱"
        if size < 0.4
        else "中等"
        if size < 0.6
        else "较强"
        if size < 0.8
        else "很强"
    )
    direction = "正" if r > 0 else "负"
    return f"{word}的{direction}相关"


def findings(spec: ChartSpec, data: pd.DataFrame) -> list[str]:
    """Plain statements computed from the data behind the chart."""
    values = list(spec.values)
    notes: list[str] = []
    if spec.kind in ("bar", "box") and spec.category and values:
        stats = data.groupby(spec.category)[values[0]].agg(["mean", "median", "std", "count"])
        top, low = stats["mean"].idxmax(), stats["mean"].idxmin()
        notes.append(
            f"{values[0]}平均值最高的是 {top}（{stats.at[top, 'mean']:.1f}），最低的是 {low}"
            f"（{stats.at[low, 'mean']:.1f}），相差 {stats.at[top, 'mean'] - stats.at[low, 'mean']:.1f}。"
        )
        wide = stats["std"].idxmax()
        notes.append(
            f"组内差异最大的是 {wide}（标准差 {stats.at[wide, 'std']:.1f}，"
            f"其他组 {stats['std'].drop(wide).mean():.1f} 左右）。"
        )
    elif spec.kind in ("bar", "pie") and spec.category:
        counts = data[spec.category].value_counts()
        notes.append(
            f"人数最多的是“{counts.index[0]}”"
            f"（{counts.iloc[0]} 人，占 {counts.iloc[0] / counts.sum():.0%}）。"
        )
    if spec.kind == "line" and len(values) >= 2:
        first, last = data[values[0]], data[values[-1]]
        notes.append(
            f"全班平均从 {first.mean():.1f} 变为 {last.mean():.1f}（{last.mean() - first.mean():+.1f}）。"
        )
        steps = data[values].diff(axis=1).iloc[:, 1:]
        sliding = (steps < 0).all(axis=1).sum()
        if sliding:
            notes.append(f"有 {sliding} 名学生每一次都比上一次低，值得单独关注。")
    if spec.kind in ("histogram", "box") and not spec.category and values:
        column = data[values[0]].dropna()
        notes.append(
            f"{values[0]}：平均 {column.mean():.1f}，中位数 {column.median():.1f}，"
            f"标准差 {column.std():.1f}，"
            f"范围 {column.min():g}–{column.max():g}。"
        )
    if spec.kind == "scatter" and len(values) >= 2:
        r = data[values[0]].corr(data[values[1]])
        notes.append(f"{values[0]} 与 {values[1]} 的相关系数 r = {r:.2f}，属于{_strength(r)}。")
    if spec.kind in ("radar", "heatmap") and values and spec.question != "relationship":
        means = data[values].mean()
        notes.append(
            f"全体平均最高的一项是“{means.idxmax()}”（{means.max():.1f}），最低的是“{means.idxmin()}”（{means.min():.1f}）。"
        )
    return notes


def prompts(question: str) -> list[str]:
    """Questions a teacher should ask of a chart answering ``question``."""
    return PROMPTS.get(question, [])
