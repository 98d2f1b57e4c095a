"""C7 创建数据分析微模型: a teacher's own composite index, built from weighted indicators.

Each indicator is min-max normalised to 0–100 (reversed when lower is better),
the weighted mean of the indicators is the index (0–100), and students are
ranked by it. A model is checked against an outcome it should agree with
(Pearson and Spearman correlation, computed with pandas) and kept as a small
YAML file so that colleagues can reuse and question it.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from toolkit.atomic import write_text_atomic
from toolkit.classroom.classtable import (
    NAME,
    STUDENT_ID,
    numeric_column,
    require_columns,
    tidy_number,
    write_csv,
)
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.work.outputs import outputs_dir
from toolkit.work.progress import record_output

CODE = "C7"
SCHEMA_VERSION = 1
KIND = "micro-model"
INDEX = "综合指数"
RANK = "排名"
ID_COLUMNS = (STUDENT_ID, NAME)
TOP_KEYS = ("schema_version", "kind", "name", "description", "indicators")
INDICATOR_KEYS = ("column", "weight", "higher_is_better")
# Coefficients further apart than this point to extreme values or a curved relation.
COEFFICIENT_GAP = 0.15
# Fewer students than this make a correlation too unstable to trust on its own.
SMALL_CLASS = 10

add_messages(
    {
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
    }
)


@dataclass(frozen=True)
class Indicator:
    """One column of the data, its weight (> 0) and whether a higher value is better."""

    column: str
    weight: float = 1.0
    higher_is_better: bool = True


def scaled_column(column: str) -> str:
    """The name of an indicator's 0–100 column in :meth:`MicroModel.score` (and the exported CSV)."""
    return f"{column}（0–100）"


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
    circular: bool = False  # the outcome is itself an indicator of the model

    @property
    def main(self) -> float:
        """The coefficient to read: Spearman (it only looks at ranks), Pearson when Spearman is unknown."""
        return self.spearman if not np.isnan(self.spearman) else self.pearson

    @property
    def strength(self) -> str:
        """How strongly index and outcome agree: "strong", "moderate", "weak" or "none"."""
        size = abs(self.main)
        return "strong" if size >= 0.7 else "moderate" if size >= 0.4 else "weak" if size >= 0.2 else "none"

    @property
    def opposite(self) -> bool:
        """Whether a higher index goes with a lower outcome (often a reversed direction)."""
        return bool(self.main < 0)

    @property
    def coefficients_differ(self) -> bool:
        """Whether Pearson and Spearman differ enough to point to extreme values or a curve."""
        return bool(abs(self.pearson - self.spearman) > COEFFICIENT_GAP)

    @property
    def small(self) -> bool:
        """Whether too few students were compared for the result to be stable."""
        return self.n < SMALL_CLASS

    def figures(self) -> str:
        """The two coefficients and the number of students compared, in the teacher's language.

        The course notebook prints this from the result itself, so the words live with the model.
        """
        return t(
            "micromodel.figures", outcome=self.outcome, n=self.n, pearson=self.pearson, spearman=self.spearman
        )

    def reading(self) -> str:
        """A plain-language reading of the two coefficients with the cautions that apply, one per line."""
        strength = t(f"micromodel.read.{self.strength}")
        template = "micromodel.read.opposite" if self.opposite else "micromodel.read.same"
        lines = [t(template, outcome=self.outcome, strength=strength)]
        if self.coefficients_differ:
            lines.append(t("micromodel.read.gap"))
        if self.circular:
            lines.append(t("micromodel.read.circular", outcome=self.outcome))
        if self.small:
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

    def _values(self, data: pd.DataFrame) -> pd.DataFrame:
        columns = [i.column for i in self.indicators]
        require_columns(data, columns)
        for column in columns:
            numeric_column(data, column)
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
        table = pd.concat([data[ids], scaled.rename(columns=scaled_column).round(1), index.round(1)], axis=1)
        table[RANK] = index.rank(ascending=False, method="min").astype("Int64")
        return table.sort_values([RANK, *ids], na_position="last", kind="stable").reset_index(drop=True)

    def validate(self, data: pd.DataFrame, outcome_column: str) -> Validation:
        """Pearson and Spearman correlation (pandas; Spearman = Pearson of the ranks) with an outcome."""
        require_columns(data, [outcome_column])
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
            {"column": i.column, "weight": tidy_number(i.weight), "higher_is_better": i.higher_is_better}
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


def export_model(model: MicroModel, scores: pd.DataFrame) -> tuple[Path, Path]:
    """Write outputs/C7_micro_model.yaml and C7_micro_model_scores.csv, noted in the teacher's progress."""
    folder = outputs_dir()
    yaml_path = model.save(folder / f"{CODE}_micro_model.yaml")
    csv_path = write_csv(folder / f"{CODE}_micro_model_scores.csv", scores)
    record_output(CODE, "micro_model", yaml_path)
    return yaml_path, csv_path
