"""C7 创建数据分析微模型: a teacher's own composite index, built from weighted indicators.

Each indicator is min-max normalised to 0–100 (reversed when lower is better),
the weighted mean of the indicators is the index (0–100), and students are
ranked by it. A model is checked against an outcome it should agree with
(Pearson and Spearman correlation, computed with pandas) and kept as a small
YAML file so that colleagues can reuse and question it.
"""

from __future__ import annotations

import html
import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd
import yaml

from toolkit.atomic import write_text_atomic
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.plotting import figure_png, new_figure
from toolkit.work.outputs import download_links, outputs_dir
from toolkit.work.progress import record_output

CODE = "C7"
SCHEMA_VERSION = 1
KIND = "micro-model"
INDEX = "综合指数"
RANK = "排名"
ID_COLUMNS = ("学号", "姓名")
TOP_KEYS = ("schema_version", "kind", "name", "description", "indicators")
INDICATOR_KEYS = ("column", "weight", "higher_is_better")

add_messages(
    {
        "micromodel.title": {"zh": "数据分析微模型搭建器", "en": "Micro-model builder"},
        "micromodel.intro": {
            "zh": "勾选指标，给每个指标定权重和方向，点击“计算”得到综合指数和排名，再用一个结果变量检验它。",
            "en": "Tick indicators, give each a weight and a direction, press Compute for the index and "
            "ranking, then check it against an outcome.",
        },
        "micromodel.name": {"zh": "模型名称", "en": "Model name"},
        "micromodel.default_name": {"zh": "我的微模型", "en": "My micro-model"},
        "micromodel.weight": {"zh": "权重", "en": "Weight"},
        "micromodel.higher": {"zh": "越高越好", "en": "higher is better"},
        "micromodel.lower": {"zh": "越低越好", "en": "lower is better"},
        "micromodel.outcome": {"zh": "检验用的结果", "en": "Check against"},
        "micromodel.no_outcome": {"zh": "（不检验）", "en": "(no check)"},
        "micromodel.compute": {"zh": "计算", "en": "Compute"},
        "micromodel.export": {
            "zh": "导出模型（YAML）和结果（CSV）",
            "en": "Export model (YAML) and scores (CSV)",
        },
        "micromodel.exported": {
            "zh": "已导出：outputs/{yaml} 和 outputs/{csv}（CSV 可用 Excel/WPS 打开）",
            "en": "Exported: outputs/{yaml} and outputs/{csv} (the CSV opens in Excel/WPS)",
        },
        "micromodel.pick": {"zh": "请至少勾选一个指标。", "en": "Tick at least one indicator."},
        "micromodel.compute_first": {"zh": "请先点击“计算”。", "en": "Press Compute first."},
        "micromodel.indicators": {"zh": "指标", "en": "Indicators"},
        "micromodel.spec": {"zh": "{name} = {terms}", "en": "{name} = {terms}"},
        "micromodel.term": {
            "zh": "{column}（权重 {weight}，{direction}）",
            "en": "{column} (weight {weight}, {direction})",
        },
        "micromodel.term_join": {"zh": " + ", "en": " + "},
        "micromodel.scaled": {"zh": "{column}（0–100）", "en": "{column} (0-100)"},
        "micromodel.chart.index": {"zh": "{name}（0–100）", "en": "{name} (0-100)"},
        "micromodel.chart.check": {
            "zh": "{name} 与 {outcome}",
            "en": "{name} and {outcome}",
        },
        "micromodel.constant": {
            "zh": "“{column}”所有人的值都一样，无法区分学生，标准化后一律记为 50 分；请考虑去掉这个指标",
            "en": "everyone has the same '{column}', so it cannot tell students apart; it scores 50 for all. "
            "Consider dropping it",
        },
        "micromodel.figures": {
            "zh": "与“{outcome}”的相关（n = {n}）：皮尔逊 r = {pearson:.2f}，斯皮尔曼 ρ = {spearman:.2f}",
            "en": "Correlation with '{outcome}' (n = {n}): "
            "Pearson r = {pearson:.2f}, Spearman rho = {spearman:.2f}",
        },
        "micromodel.read.strong": {"zh": "很强", "en": "very strong"},
        "micromodel.read.moderate": {"zh": "中等", "en": "moderate"},
        "micromodel.read.weak": {"zh": "较弱", "en": "weak"},
        "micromodel.read.none": {"zh": "几乎没有", "en": "next to none"},
        "micromodel.read.same": {
            "zh": "指数越高的学生，“{outcome}”大体也越高，一致程度{strength}。",
            "en": "Students higher on the index are broadly higher on '{outcome}'; "
            "the agreement is {strength}.",
        },
        "micromodel.read.opposite": {
            "zh": "指数越高，“{outcome}”反而越低（一致程度{strength}）。请检查指标方向是否设反了。",
            "en": "A higher index goes with a lower '{outcome}' ({strength}). "
            "Check whether a direction is reversed.",
        },
        "micromodel.read.gap": {
            "zh": "两个系数相差较大：关系受个别极端值影响或不是直线关系，"
            "此时更应参考只看名次的斯皮尔曼系数。",
            "en": "The two coefficients differ a lot: a few extreme values or a curved relation; "
            "trust the rank-based Spearman coefficient more.",
        },
        "micromodel.read.circular": {
            "zh": "注意：“{outcome}”本身就是模型的指标，相关会虚高；检验应使用模型之外的结果。",
            "en": "Note: '{outcome}' is itself an indicator, which inflates the correlation; "
            "check against an outcome outside the model.",
        },
        "micromodel.read.small": {
            "zh": "只有 {n} 名学生的数据，结论不稳定，换一个班再检验一次更可靠。",
            "en": "Only {n} students; the result is unstable, check it again on another class.",
        },
        "micromodel.read.use": {
            "zh": "相关只说明指数和结果“同向”，不说明指数准确衡量了学生；"
            "用它排序找人后，仍要结合课堂观察核实。",
            "en": "A correlation shows that index and outcome move together, not that the index measures "
            "the student exactly; confirm whoever it singles out with classroom observation.",
        },
        "micromodel.error.yaml": {"zh": "不是有效的 YAML：{reason}", "en": "not valid YAML: {reason}"},
        "micromodel.error.unreadable": {
            "zh": "无法读取文件（{reason}）",
            "en": "cannot read the file ({reason})",
        },
        "micromodel.error.mapping": {
            "zh": "模型文件的最外层应是“键: 值”的映射",
            "en": "the model file must be a mapping of keys to values at the top",
        },
        "micromodel.error.unknown": {
            "zh": "不认识的键“{entry}”（允许的键：{allowed}）",
            "en": "unknown key '{entry}' (allowed: {allowed})",
        },
        "micromodel.error.version": {
            "zh": "schema_version 应为 {expected}，文件里是 {value}",
            "en": "schema_version must be {expected}, the file has {value}",
        },
        "micromodel.error.kind": {
            "zh": "kind 应为 {expected}，文件里是 {value}（这可能不是微模型文件）",
            "en": "kind must be {expected}, the file has {value} (is this a micro-model file?)",
        },
        "micromodel.error.name": {"zh": "缺少模型名称 name", "en": "the model has no name"},
        "micromodel.error.indicators": {
            "zh": "indicators 应是至少含一个指标的列表",
            "en": "indicators must be a list with at least one indicator",
        },
        "micromodel.error.indicator": {
            "zh": "第 {number} 个指标应是含 column、weight、higher_is_better 的映射",
            "en": "indicator {number} must be a mapping with column, weight and higher_is_better",
        },
        "micromodel.error.column": {
            "zh": "第 {number} 个指标缺少列名 column",
            "en": "indicator {number} has no column",
        },
        "micromodel.error.weight": {
            "zh": "指标“{column}”的权重应是大于 0 的数，现在是 {value}",
            "en": "indicator '{column}' needs a weight above 0, it has {value}",
        },
        "micromodel.error.direction": {
            "zh": "指标“{column}”的 higher_is_better 应写 true 或 false，现在是 {value}",
            "en": "indicator '{column}': higher_is_better must be true or false, it is {value}",
        },
        "micromodel.error.duplicate": {
            "zh": "指标“{column}”出现了不止一次",
            "en": "indicator '{column}' appears more than once",
        },
        "micromodel.error.missing": {
            "zh": "数据里没有“{column}”列（现有的列：{columns}）",
            "en": "the data has no column '{column}' (columns: {columns})",
        },
        "micromodel.error.numeric": {
            "zh": "“{column}”列不是数值，不能作为指标",
            "en": "column '{column}' is not numeric and cannot be an indicator",
        },
    }
)


@dataclass(frozen=True)
class Indicator:
    """One column of the data, its weight (> 0) and whether a higher value is better."""

    column: str
    weight: float = 1.0
    higher_is_better: bool = True

    def describe(self) -> str:
        direction = t("micromodel.higher") if self.higher_is_better else t("micromodel.lower")
        return t("micromodel.term", column=self.column, weight=_number(self.weight), direction=direction)


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else float(value)


def normalise(values: pd.Series, *, higher_is_better: bool = True) -> pd.Series:
    """Min-max scale to 0–100 (100 = best); reversed when lower is better.

    A column with a single value cannot separate anyone: every known value becomes 50
    and a warning says so. Missing values stay missing.
    """
    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    low, high = numbers.min(), numbers.max()
    if pd.isna(low) or high == low:
        warnings.warn(t("micromodel.constant", column=values.name), UserWarning, stacklevel=2)
        return numbers.where(numbers.isna(), 50.0)
    scaled = (numbers - low) / (high - low) * 100
    return scaled if higher_is_better else 100 - scaled


def _check_spec(spec: Any, file: str | Path | None = None) -> tuple[str, str, list[Indicator]]:
    """Validate a model spec (as read from YAML); return name, description and indicators."""

    def fail(message: str) -> InputError:
        return InputError(message, file=file)

    if not isinstance(spec, Mapping):
        raise fail(t("micromodel.error.mapping"))
    for key in spec:
        if key not in TOP_KEYS:
            raise fail(t("micromodel.error.unknown", entry=key, allowed="、".join(TOP_KEYS)))
    version = spec.get("schema_version")
    if version != SCHEMA_VERSION or isinstance(version, bool):
        raise fail(t("micromodel.error.version", expected=SCHEMA_VERSION, value=version))
    if spec.get("kind") != KIND:
        raise fail(t("micromodel.error.kind", expected=KIND, value=spec.get("kind")))
    name = spec.get("name")
    if not isinstance(name, (str, int, float)) or not str(name).strip():
        raise fail(t("micromodel.error.name"))
    description = spec.get("description") or ""
    raw = spec.get("indicators")
    if not isinstance(raw, list) or not raw:
        raise fail(t("micromodel.error.indicators"))
    indicators: list[Indicator] = []
    for number, entry in enumerate(raw, start=1):
        if not isinstance(entry, Mapping):
            raise fail(t("micromodel.error.indicator", number=number))
        for key in entry:
            if key not in INDICATOR_KEYS:
                raise fail(t("micromodel.error.unknown", entry=key, allowed="、".join(INDICATOR_KEYS)))
        column = entry.get("column")
        if column is None or not str(column).strip():
            raise fail(t("micromodel.error.column", number=number))
        column = str(column).strip()
        weight = entry.get("weight", 1)
        if (
            isinstance(weight, bool)
            or not isinstance(weight, (int, float))
            or not math.isfinite(weight)
            or weight <= 0
        ):
            raise fail(t("micromodel.error.weight", column=column, value=weight))
        direction = entry.get("higher_is_better", True)
        if not isinstance(direction, bool):
            raise fail(t("micromodel.error.direction", column=column, value=direction))
        if any(i.column == column for i in indicators):
            raise fail(t("micromodel.error.duplicate", column=column))
        indicators.append(Indicator(column, float(weight), direction))
    return str(name).strip(), str(description), indicators


@dataclass(frozen=True)
class Validation:
    """How the index agrees with an outcome the model should predict."""

    outcome: str
    pearson: float
    spearman: float
    n: int
    circular: bool = False

    def figures(self) -> str:
        return t(
            "micromodel.figures", outcome=self.outcome, n=self.n, pearson=self.pearson, spearman=self.spearman
        )

    def reading(self) -> str:
        """A plain-language reading of the two coefficients, with the cautions that apply."""
        main = self.spearman if not np.isnan(self.spearman) else self.pearson
        size = abs(main)
        key = "strong" if size >= 0.7 else "moderate" if size >= 0.4 else "weak" if size >= 0.2 else "none"
        strength = t(f"micromodel.read.{key}")
        template = "micromodel.read.same" if main >= 0 else "micromodel.read.opposite"
        lines = [t(template, outcome=self.outcome, strength=strength)]
        if abs(self.pearson - self.spearman) > 0.15:
            lines.append(t("micromodel.read.gap"))
        if self.circular:
            lines.append(t("micromodel.read.circular", outcome=self.outcome))
        if self.n < 10:
            lines.append(t("micromodel.read.small", n=self.n))
        lines.append(t("micromodel.read.use"))
        return "\n".join(lines)


class MicroModel:
    """A named composite index over weighted, normalised indicators."""

    def __init__(self, name: str, indicators: Sequence[Indicator], *, description: str = "") -> None:
        spec = {
            "schema_version": SCHEMA_VERSION,
            "kind": KIND,
            "name": name,
            "indicators": [
                {"column": i.column, "weight": i.weight, "higher_is_better": i.higher_is_better}
                for i in indicators
            ],
        }
        self.name, _, checked = _check_spec(spec)
        self.indicators: tuple[Indicator, ...] = tuple(checked)
        self.description = description

    def __repr__(self) -> str:
        return f"MicroModel({self.name!r}, {list(self.indicators)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MicroModel) and self.to_dict() == other.to_dict()

    def describe(self) -> str:
        """The model in one line: 名称 = 指标（权重，方向）+ …"""
        terms = t("micromodel.term_join").join(i.describe() for i in self.indicators)
        return t("micromodel.spec", name=self.name, terms=terms)

    def _values(self, data: pd.DataFrame) -> pd.DataFrame:
        columns = [i.column for i in self.indicators]
        for column in columns:
            if column not in data.columns:
                known = "、".join(str(c) for c in data.columns)
                raise InputError(t("micromodel.error.missing", column=column, columns=known))
            if not pd.api.types.is_numeric_dtype(data[column]):
                converted = pd.to_numeric(data[column], errors="coerce")
                if converted.isna().all() and data[column].notna().any():
                    raise InputError(t("micromodel.error.numeric", column=column), column=column)
        return data[columns]

    def normalised(self, data: pd.DataFrame) -> pd.DataFrame:
        """Each indicator on 0–100, best = 100 (warns for a column that has one value only)."""
        values = self._values(data)
        return pd.DataFrame(
            {
                i.column: normalise(values[i.column], higher_is_better=i.higher_is_better)
                for i in self.indicators
            },
            index=data.index,
        )

    def index(self, data: pd.DataFrame) -> pd.Series:
        """The weighted mean of the normalised indicators (0–100); a gap leaves its weight out."""
        scaled = self.normalised(data)
        weights = pd.Series({i.column: i.weight for i in self.indicators})
        present = scaled.notna()
        total = (scaled.fillna(0) * weights).sum(axis=1)
        used = (present * weights).sum(axis=1)
        return (total / used.where(used > 0)).rename(INDEX)

    def score(self, data: pd.DataFrame) -> pd.DataFrame:
        """Identifier columns, the normalised indicators, the index and the rank (1 = highest), best first."""
        scaled = self.normalised(data)
        index = self.index(data)
        ids = [c for c in ID_COLUMNS if c in data.columns]
        table = pd.concat(
            [
                data[ids],
                scaled.rename(columns=lambda c: t("micromodel.scaled", column=c)).round(1),
                index.round(1),
            ],
            axis=1,
        )
        table[RANK] = index.rank(ascending=False, method="min").astype("Int64")
        return table.sort_values([RANK, *ids], na_position="last", kind="stable").reset_index(drop=True)

    def validate(self, data: pd.DataFrame, outcome_column: str) -> Validation:
        """Pearson and Spearman correlation (pandas; Spearman = Pearson of the ranks) with an outcome."""
        if outcome_column not in data.columns:
            known = "、".join(str(c) for c in data.columns)
            raise InputError(t("micromodel.error.missing", column=outcome_column, columns=known))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # score() already warned about constant columns
            index = self.index(data)
        outcome = pd.to_numeric(data[outcome_column], errors="coerce")
        both = pd.concat([index, outcome.rename("outcome")], axis=1).dropna()
        if len(both) >= 3 and both[INDEX].nunique() > 1 and both["outcome"].nunique() > 1:
            pearson = float(both[INDEX].corr(both["outcome"], method="pearson"))
            spearman = float(both[INDEX].rank().corr(both["outcome"].rank(), method="pearson"))
        else:
            pearson = spearman = float("nan")
        return Validation(
            outcome=outcome_column,
            pearson=pearson,
            spearman=spearman,
            n=len(both),
            circular=any(i.column == outcome_column for i in self.indicators),
        )

    def to_dict(self) -> dict[str, Any]:
        spec: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "kind": KIND, "name": self.name}
        if self.description:
            spec["description"] = self.description
        spec["indicators"] = [
            {"column": i.column, "weight": _number(i.weight), "higher_is_better": i.higher_is_better}
            for i in self.indicators
        ]
        return spec

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False)

    @classmethod
    def from_dict(cls, spec: Any, *, file: str | Path | None = None) -> MicroModel:
        """A model from its spec; a bad spec raises InputError naming the problem."""
        name, description, indicators = _check_spec(spec, file)
        return cls(name, indicators, description=description)

    def save(self, path: str | Path) -> Path:
        """Write the spec as YAML (UTF-8) and return the path."""
        target = Path(path)
        write_text_atomic(target, self.to_yaml())
        return target

    @classmethod
    def load(cls, path: str | Path) -> MicroModel:
        """Read a spec written by :meth:`save` (or by hand), checking it on the way."""
        source = Path(path)
        try:
            text = source.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(t("micromodel.error.unreadable", reason=error), file=source) from error
        try:
            spec = yaml.safe_load(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            reason = str(getattr(error, "problem", None) or error)
            raise InputError(
                t("micromodel.error.yaml", reason=reason),
                file=source,
                row=mark.line + 1 if mark is not None else None,
            ) from error
        return cls.from_dict(spec, file=source)


def index_chart(table: pd.DataFrame, name: str) -> bytes:
    """PNG: the index per student as horizontal bars, best at the top (``table`` from ``score``)."""
    label_column = next((c for c in ("姓名", "学号") if c in table.columns), None)
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


class MicroModelBuilder(widgets.VBox):
    """Tick indicators, set weights and directions, compute, read the check, export YAML and CSV."""

    def __init__(
        self, data: pd.DataFrame, *, name: str | None = None, outcome: str | None = "期中成绩"
    ) -> None:
        self.data = data.reset_index(drop=True)
        candidates = [
            c
            for c in self.data.columns
            if c not in ID_COLUMNS and pd.api.types.is_numeric_dtype(self.data[c])
        ]
        self.ticks: dict[str, widgets.Checkbox] = {}
        self.weights: dict[str, widgets.IntSlider] = {}
        self.directions: dict[str, widgets.ToggleButtons] = {}
        rows: list[widgets.Widget] = []
        for column in candidates:
            self.ticks[column] = widgets.Checkbox(
                value=False, description=column, indent=False, layout=widgets.Layout(width="13em")
            )
            self.weights[column] = widgets.IntSlider(
                value=1, min=1, max=5, description=t("micromodel.weight"), layout=widgets.Layout(width="16em")
            )
            self.directions[column] = widgets.ToggleButtons(
                options=[(t("micromodel.higher"), True), (t("micromodel.lower"), False)],
                value=True,
                style={"button_width": "6em"},
            )
            rows.append(widgets.HBox([self.ticks[column], self.weights[column], self.directions[column]]))
        self.name = widgets.Text(value=name or t("micromodel.default_name"), description=t("micromodel.name"))
        self.outcome = widgets.Dropdown(
            options=[(t("micromodel.no_outcome"), ""), *[(c, c) for c in candidates]],
            value=outcome if outcome in candidates else "",
            description=t("micromodel.outcome"),
            style={"description_width": "7em"},
        )
        self.compute_button = widgets.Button(
            description=t("micromodel.compute"), button_style="primary", icon="play"
        )
        self.export_button = widgets.Button(
            description=t("micromodel.export"),
            button_style="success",
            icon="download",
            layout=widgets.Layout(width="auto"),
        )
        self.message = widgets.HTML()
        self.spec = widgets.HTML()
        self.table = widgets.HTML()
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="48%"))
        self.check_chart = widgets.Image(format="png", layout=widgets.Layout(max_width="48%"))
        self.reading = widgets.HTML()
        self.status = widgets.HTML()
        self.compute_button.on_click(lambda _: self.compute())
        self.export_button.on_click(lambda _: self.export())
        self.model: MicroModel | None = None
        self.result: pd.DataFrame | None = None
        self.validation: Validation | None = None
        super().__init__(
            [
                widgets.HTML(
                    f"<h4>{t('micromodel.title')}</h4><div style='color:#555'>{t('micromodel.intro')}</div>"
                ),
                self.name,
                widgets.HTML(f"<b>{t('micromodel.indicators')}</b>"),
                *rows,
                self.outcome,
                widgets.HBox([self.compute_button, self.export_button]),
                self.message,
                self.spec,
                self.reading,
                widgets.HBox([self.chart, self.check_chart]),
                self.table,
                self.status,
            ],
            layout=widgets.Layout(border="1px solid #ddd", padding="8px"),
        )
        self.add_class("workshop-micromodel-builder")

    def choose(self, column: str, *, weight: int = 1, higher_is_better: bool = True) -> None:
        """Tick ``column`` and set its weight and direction, as a teacher would by clicking."""
        self.ticks[column].value = True
        self.weights[column].value = weight
        self.directions[column].value = higher_is_better

    def current_model(self) -> MicroModel | None:
        """The model the controls describe now, or None when nothing is ticked."""
        chosen = [
            Indicator(column, float(self.weights[column].value), bool(self.directions[column].value))
            for column, tick in self.ticks.items()
            if tick.value
        ]
        if not chosen:
            return None
        return MicroModel(self.name.value.strip() or t("micromodel.default_name"), chosen)

    def compute(self) -> pd.DataFrame | None:
        """Build the model from the controls, rank the students, check against the outcome."""
        self.status.value = ""
        self.model = self.current_model()
        if self.model is None:
            self.message.value = f"<span style='color:#c62828'>{t('micromodel.pick')}</span>"
            self.result = None
            return None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", UserWarning)
            self.result = self.model.score(self.data)
        notes = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
        self.message.value = "".join(f"<div style='color:#b26a00'>⚠ {html.escape(n)}</div>" for n in notes)
        self.spec.value = f"<b>{html.escape(self.model.describe())}</b>"
        outcome = self.outcome.value
        self.chart.value = index_chart(self.result, self.model.name)
        if outcome:
            self.validation = self.model.validate(self.data, outcome)
            lines = [self.validation.figures(), *self.validation.reading().splitlines()]
            self.reading.value = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # already shown above
                self.check_chart.value = check_chart(self.model.index(self.data), self.data[outcome])
            self.check_chart.layout.display = None
        else:
            self.validation = None
            self.reading.value = ""
            self.check_chart.layout.display = "none"
        self.table.value = (
            "<div style='max-height:24em;overflow:auto'>"
            + self.result.to_html(index=False, escape=True, na_rep="—", border=0)
            + "</div>"
        )
        return self.result

    def export(self) -> tuple[Path, Path] | None:
        """Write outputs/C7_micro_model.yaml and C7_micro_model_scores.csv (computing first if needed)."""
        if self.result is None or self.model != self.current_model():
            self.compute()
        if self.model is None or self.result is None:
            self.status.value = f"<span style='color:#c62828'>{t('micromodel.compute_first')}</span>"
            return None
        folder = outputs_dir()
        yaml_path = self.model.save(folder / f"{CODE}_micro_model.yaml")
        csv_path = folder / f"{CODE}_micro_model_scores.csv"
        write_text_atomic(csv_path, "\ufeff" + self.result.to_csv(index=False))  # BOM: Excel reads UTF-8
        record_output(CODE, "micro_model", yaml_path)
        done = t("micromodel.exported", yaml=yaml_path.name, csv=csv_path.name)
        self.status.value = f"<div style='color:#2e7d32'>✔ {html.escape(done)}</div>" + download_links(
            yaml_path, csv_path
        )
        return yaml_path, csv_path
