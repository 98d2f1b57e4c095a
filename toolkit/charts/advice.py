"""Which chart answers which question, and what would make a chart mislead.

A teacher states the question (compare groups, see a trend, a distribution, a
relationship, parts of a whole, or a profile over several measures) and picks
columns; the advice lists suitable charts best first, each with its reason,
and the checks name choices that distort what readers see.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from toolkit.i18n import add_messages, t

add_messages(
    {
        "charts.q.comparison": {"zh": "比较：几组之间谁高谁低", "en": "Comparison between groups"},
        "charts.q.trend": {"zh": "趋势：随时间或单元怎样变化", "en": "Trend over time or units"},
        "charts.q.distribution": {"zh": "分布：成绩集中在哪里、差异多大", "en": "Distribution and spread"},
        "charts.q.relationship": {
            "zh": "关系：两个量是否一起变化",
            "en": "Relationship between two measures",
        },
        "charts.q.composition": {"zh": "构成：各部分各占多少", "en": "Parts of a whole"},
        "charts.q.profile": {"zh": "多维画像：几项指标放在一起看", "en": "Profile over several measures"},
        "charts.k.bar": {"zh": "柱状图", "en": "bar chart"},
        "charts.k.line": {"zh": "折线图", "en": "line chart"},
        "charts.k.box": {"zh": "箱线图", "en": "box plot"},
        "charts.k.histogram": {"zh": "直方图", "en": "histogram"},
        "charts.k.scatter": {"zh": "散点图", "en": "scatter plot"},
        "charts.k.heatmap": {"zh": "热力图", "en": "heatmap"},
        "charts.k.radar": {"zh": "雷达图", "en": "radar chart"},
        "charts.k.pie": {"zh": "饼图", "en": "pie chart"},
        "charts.need.category": {"zh": "需要选择一个分组列（如 班级）", "en": "choose a grouping column"},
        "charts.need.values": {"zh": "需要选择 {count} 个数值列", "en": "choose {count} numeric columns"},
        "charts.warn.truncated": {
            "zh": "柱状图的纵轴从 {start:g} 而不是 0 开始，柱子高度的差别会被放大，读者会以为差距很大",
            "en": "the bar chart's axis starts at {start:g}, not 0, which exaggerates differences",
        },
        "charts.warn.pie_parts": {
            "zh": "饼图有 {count} 块，超过 5 块就很难比较大小，改用按大小排序的柱状图",
            "en": "a pie with {count} slices is hard to read; use a sorted bar chart",
        },
        "charts.warn.pie_whole": {
            "zh": "饼图只适合表示“部分占整体”；平均分、得分率这类数不能相加成一个整体",
            "en": "a pie shows parts of a whole; averages or rates do not add up to one",
        },
        "charts.warn.spread": {
            "zh": "各组离散程度差别很大（{wide} 的标准差是 {narrow} 的 {ratio:.1f} 倍），"
            "只画平均分会掩盖这一点，建议同时看箱线图",
            "en": "spreads differ a lot ({wide} has {ratio:.1f}× the SD of {narrow}); "
            "means alone hide it, add a box plot",
        },
        "charts.warn.many_bars": {
            "zh": "有 {count} 个类别，柱子太多时建议排序或只显示前 10 个",
            "en": "{count} categories; sort them or show the top 10",
        },
        "charts.warn.few_points": {
            "zh": "只有 {count} 个数据点，看出的“关系”很可能是偶然的",
            "en": "only {count} points; any pattern may be chance",
        },
        "charts.warn.radar_axes": {
            "zh": "雷达图的各项指标量纲不同（最大值从 {low:g} 到 {high:g}），请先换算成得分率或百分制再比较",
            "en": "radar axes use different scales ({low:g} to {high:g}); convert to percentages first",
        },
        "charts.warn.line_unordered": {
            "zh": "折线表示先后顺序；“{column}”的类别没有先后，改用柱状图",
            "en": "a line implies order; '{column}' has none, use bars",
        },
    }
)

QUESTIONS = ("comparison", "trend", "distribution", "relationship", "composition", "profile")
KINDS = ("bar", "line", "box", "histogram", "scatter", "heatmap", "radar", "pie")


@dataclass(frozen=True)
class ChartSpec:
    """What to draw: the chart kind, the grouping column, the numeric columns, and the y-axis start."""

    kind: str
    category: str | None = None
    values: tuple[str, ...] = ()
    title: str = ""
    y_start: float = 0.0
    question: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown chart kind {self.kind!r}; choose from {', '.join(KINDS)}")


@dataclass(frozen=True)
class Recommendation:
    kind: str
    reason: str
    missing: str = ""  # what the teacher still has to choose; empty when the chart can be drawn

    @property
    def ready(self) -> bool:
        return not self.missing

    def label(self) -> str:
        return t(f"charts.k.{self.kind}")


@dataclass
class Advice:
    question: str
    recommendations: list[Recommendation] = field(default_factory=list)

    def best(self) -> Recommendation | None:
        return next((r for r in self.recommendations if r.ready), None)


def numeric_columns(data: pd.DataFrame) -> list[str]:
    return [c for c in data.columns if pd.api.types.is_numeric_dtype(data[c])]


def category_columns(data: pd.DataFrame, *, max_levels: int = 30) -> list[str]:
    """Text columns with few enough distinct values to group by (IDs and names excluded)."""
    return [
        c
        for c in data.columns
        if not pd.api.types.is_numeric_dtype(data[c])
        and 1 < data[c].nunique() <= min(max_levels, len(data) - 1)
    ]


def recommend(question: str, *, category: str | None, values: tuple[str, ...]) -> Advice:
    """Charts that suit ``question`` with the chosen columns, best first, each with its reason."""
    if question not in QUESTIONS:
        raise ValueError(f"unknown question {question!r}; choose from {', '.join(QUESTIONS)}")
    need_category = "" if category else t("charts.need.category")

    def need(count: int) -> str:
        return "" if len(values) >= count else t("charts.need.values", count=count)

    table: dict[str, list[tuple[str, str, str]]] = {
        "comparison": [
            ("bar", "每组一根柱子，高低一眼可比；纵轴必须从 0 开始", need_category or need(1)),
            (
                "box",
                "同时比较各组的中位数和离散程度，适合“平均分差不多但两极分化”的情况",
                need_category or need(1),
            ),
            ("heatmap", "组数和指标都较多时，用颜色深浅同时比较", need_category or need(2)),
        ],
        "trend": [
            ("line", "横轴是先后顺序（单元、月份），折线的升降就是变化", need(2)),
            ("heatmap", "人数多时，每行一个学生、每列一次测验，颜色变化显示谁在下滑", need(2)),
            ("bar", "只有两三个时间点时，分组柱状图也清楚", need(2)),
        ],
        "distribution": [
            ("histogram", "看成绩集中在哪个分数段、是否两极分化", need(1)),
            ("box", "看中位数、四分位数和离群值，多组并排尤其清楚", need(1)),
        ],
        "relationship": [
            ("scatter", "每个点一个学生，看两个量是否一起升降，并给出相关系数", need(2)),
            ("heatmap", "多个指标两两之间的相关系数一目了然", need(3)),
        ],
        "composition": [
            ("bar", "按人数从多到少排序的柱状图，类别再多也能比较", need_category),
            ("pie", "只有 2–5 个部分、且各部分合起来是一个整体时才用", need_category),
        ],
        "profile": [
            ("radar", "几项指标围成一圈，看哪一项突出、哪一项短板；各项需同一量纲", need(3)),
            ("heatmap", "组或学生多时，用颜色表示各项指标的高低", need(2)),
            ("bar", "分组柱状图，逐项比较", need(2)),
        ],
    }
    return Advice(
        question, [Recommendation(kind, reason, missing) for kind, reason, missing in table[question]]
    )


def chart_warnings(spec: ChartSpec, data: pd.DataFrame) -> list[str]:
    """Ways this chart of this data could mislead a reader, in plain words."""
    found: list[str] = []
    if spec.kind == "bar" and spec.y_start != 0:
        found.append(t("charts.warn.truncated", start=spec.y_start))
    if spec.kind in ("pie", "bar") and spec.category:
        count = int(data[spec.category].nunique())
        if spec.kind == "pie" and count > 5:
            found.append(t("charts.warn.pie_parts", count=count))
        if spec.kind == "bar" and count > 12:
            found.append(t("charts.warn.many_bars", count=count))
    if spec.kind == "pie" and spec.values:
        found.append(t("charts.warn.pie_whole"))
    if spec.kind == "bar" and spec.category and len(spec.values) == 1:
        spread = data.groupby(spec.category)[spec.values[0]].std().dropna()
        if len(spread) > 1 and spread.min() > 0 and spread.max() / spread.min() >= 1.5:
            found.append(
                t(
                    "charts.warn.spread",
                    wide=spread.idxmax(),
                    narrow=spread.idxmin(),
                    ratio=spread.max() / spread.min(),
                )
            )
    if spec.kind == "scatter" and len(data) < 8:
        found.append(t("charts.warn.few_points", count=len(data)))
    if spec.kind == "radar" and spec.values:
        highs = data[list(spec.values)].max()
        if highs.max() > 2 * highs.min():
            found.append(t("charts.warn.radar_axes", low=highs.min(), high=highs.max()))
    if spec.kind == "line" and spec.category and not spec.values:
        found.append(t("charts.warn.line_unordered", column=spec.category))
    return found
