"""C6 应用数据分析模型: two simple models a teacher applies to class data, in plain pandas and numpy.

- A rules model for early warning: each rule is a plain sentence a teacher can
  check by hand (homework below a line, a clear downward trend in the unit tests,
  the latest unit test below a line); the risk level counts the rules that fire.
- A linear model fitted by ordinary least squares (``numpy.linalg.lstsq``).

Results carry keys and numbers (rule "drop", level "high", strength "weak"); the
report puts the warning table into the teacher's language. The fitted line reads
itself (:meth:`LinearFit.explain`), because the course notebook prints that reading.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from toolkit.classroom.classtable import (
    NAME,
    STUDENT_ID,
    by_student,
    homework_rates,
    names_by_id,
    numeric_column,
    require_columns,
    unit_scores,
    unit_trend,
)
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t

CODE = "C6"
HIGH_AT = 2  # rules that must fire for "high"; one rule is "medium", none "low"
# The columns of warning_flags besides 学号 and 姓名.
DONE, LATEST, DROP, FIRED, COUNT, LEVEL = "homework", "latest", "drop", "rules", "count", "level"

add_messages(
    {
        "models.equation": {"zh": "回归方程：{equation}", "en": "Equation: {equation}"},
        "models.coef.one": {
            "zh": "“{feature}”每增加 1，“{target}”平均{direction}约 {size:.2f}。",
            "en": "Each 1 more in '{feature}' goes with '{target}' about {size:.2f} {direction} on average.",
        },
        "models.coef.many": {
            "zh": "在其他变量相同的学生之间比较，“{feature}”每增加 1，"
            "“{target}”平均{direction}约 {size:.2f}。",
            "en": "Among students alike in the other variables, each 1 more in '{feature}' goes with "
            "'{target}' about {size:.2f} {direction} on average.",
        },
        "models.up": {"zh": "高", "en": "higher"},
        "models.down": {"zh": "低", "en": "lower"},
        "models.intercept": {
            "zh": "截距 {value:.1f} 是所有用来预测的量都为 0 时的预测值，"
            "通常落在数据范围之外，不必单独解读。",
            "en": "The intercept {value:.1f} is the prediction when every predictor is 0; it usually lies "
            "outside the data and needs no reading of its own.",
        },
        "models.r2": {
            "zh": "R² = {r2:.2f}：模型解释了“{target}”约 {percent:.0f}% 的个体差异，{strength}",
            "en": "R² = {r2:.2f}: the model explains about {percent:.0f}% of the differences in "
            "'{target}'; {strength}",
        },
        "models.r2.strong": {
            "zh": "关系很强，可以用来粗略预估，但个别学生仍会明显偏离直线。",
            "en": "a strong relation, good for rough estimates, "
            "though some students still sit far off the line.",
        },
        "models.r2.moderate": {
            "zh": "关系中等，适合发现“比预测差很多”的学生，不宜用来给个人下结论。",
            "en": "a moderate relation, useful to spot students far below the prediction, "
            "not to judge one person.",
        },
        "models.r2.weak": {
            "zh": "关系较弱，这个量单独预测的作用有限，需要结合其他信息。",
            "en": "a weak relation; this predictor alone tells little, combine it with other information.",
        },
        "models.r2.none": {
            "zh": "几乎没有预测力，不要据此做判断。",
            "en": "almost no predictive power; do not decide anything from it.",
        },
        "models.causal": {
            "zh": "注意：这是相关，不是因果。“{feature}”和“{target}”一起高低，可能都受第三个因素影响"
            "（如学习投入、家庭支持），不能据此断言前者是后者的原因。",
            "en": "Note: this is association, not cause. '{feature}' and '{target}' may move together "
            "because a third factor (engagement, support at home) drives both; it does not show that "
            "the one causes the other.",
        },
        "models.residuals": {
            "zh": "实际比预测高得最多：{above}；比预测低得最多：{below}。后者尤其值得单独了解原因。",
            "en": "Furthest above the prediction: {above}; furthest below: {below}. "
            "The latter deserve a closer look.",
        },
        "models.error.rows": {
            "zh": "有效数据只有 {rows} 行，至少需要 {needed} 行",
            "en": "only {rows} complete rows; at least {needed} are needed",
        },
        "models.error.features": {
            "zh": "请至少选择一个用来预测的量，且不能与要预测的量相同",
            "en": "choose at least one predictor, different from the predicted variable",
        },
    }
)


def trend_drop(scores: Sequence[float | None] | pd.Series) -> float:
    """How many points the least-squares trend line falls from the first to the last test (rise < 0)."""
    values = pd.to_numeric(pd.Series(list(scores), dtype=object), errors="coerce")
    known = np.flatnonzero(values.notna().to_numpy())
    if len(known) < 2:
        return float("nan")
    return -unit_trend(values) * float(known[-1] - known[0])


def risk_level(rules_fired: int) -> str:
    """ "high" for ``HIGH_AT`` rules or more, "medium" for one, "low" for none."""
    if rules_fired >= HIGH_AT:
        return "high"
    return "medium" if rules_fired == 1 else "low"


def warning_flags(
    students: pd.DataFrame,
    units: pd.DataFrame,
    *,
    homework_below: float = 70,
    drop_at_least: float = 10,
    score_below: float = 60,
    include_all: bool = False,
) -> pd.DataFrame:
    """The rules model: one row per flagged student with the rules that fire and a risk level.

    Rules: homework completion below ``homework_below`` (%); the unit-test trend line
    falling by at least ``drop_at_least`` points from the first to the last test; the
    latest unit test below ``score_below``. Columns: 学号, 姓名, ``homework`` (%),
    ``latest`` (score), ``drop`` (points, one decimal), ``rules`` (the codes of the rules
    that fire, in this order: "homework", "drop", "score"), ``count`` and ``level``
    ("high" for two or more, "medium" for one, "low" for none: listed only with
    ``include_all``). Most rules first, then the steepest drop, then 学号.
    """
    require_columns(students, [STUDENT_ID])
    require_columns(units, [STUDENT_ID])
    scores = unit_scores(units)
    homework = homework_rates(students)
    names = names_by_id(students, units)
    rows = []
    for sid in dict.fromkeys([*by_student(students).index, *scores.index]):
        fired: list[str] = []
        done = float(homework.get(sid, np.nan)) if homework is not None else float("nan")
        if not np.isnan(done) and done < homework_below:
            fired.append("homework")
        own = scores.loc[sid] if sid in scores.index else pd.Series(dtype=float)
        drop = trend_drop(own)
        if not np.isnan(drop) and drop >= drop_at_least:
            fired.append("drop")
        known = own.dropna()
        latest = float(known.iloc[-1]) if len(known) else float("nan")
        if not np.isnan(latest) and latest < score_below:
            fired.append("score")
        if fired or include_all:
            rows.append(
                {
                    STUDENT_ID: sid,
                    NAME: str(names.get(sid, "")),
                    DONE: done,
                    LATEST: latest,
                    DROP: round(drop, 1),
                    FIRED: tuple(fired),
                    COUNT: len(fired),
                    LEVEL: risk_level(len(fired)),
                }
            )
    columns = [STUDENT_ID, NAME, DONE, LATEST, DROP, FIRED, COUNT, LEVEL]
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(rows, columns=columns).sort_values(
        [COUNT, DROP, STUDENT_ID], ascending=[False, False, True], kind="stable"
    )
    return frame.reset_index(drop=True)


@dataclass(frozen=True)
class LinearFit:
    """An ordinary least-squares fit: target ≈ intercept + Σ coefficient × feature."""

    target: str
    features: tuple[str, ...]
    coefficients: pd.Series
    intercept: float
    r_squared: float
    predictions: pd.Series
    residuals: pd.Series
    labels: pd.Series  # who each row is (学号 姓名 when the data has them), for the reading

    @property
    def n(self) -> int:
        return len(self.predictions)

    def predict(self, data: pd.DataFrame) -> pd.Series:
        """Predictions for new rows that have the feature columns."""
        require_columns(data, self.features)
        values = data[list(self.features)].apply(pd.to_numeric, errors="coerce")
        return self.intercept + values.to_numpy(dtype=float) @ self.coefficients.to_numpy(dtype=float)

    def equation(self) -> str:
        """The fitted line as a formula, e.g. ``y ≈ 1.00 + 2.00 × a - 3.00 × b``."""
        terms = "".join(
            f" {'+' if value >= 0 else '-'} {abs(value):.2f} × {name}"
            for name, value in self.coefficients.items()
        )
        sign = "-" if self.intercept < 0 else ""
        return f"{self.target} ≈ {sign}{abs(self.intercept):.2f}{terms}"

    @property
    def strength(self) -> str:
        """How much the line explains: "strong" (R² ≥ 0.7), "moderate" (0.4), "weak" (0.2) or "none"."""
        r2 = self.r_squared
        return "strong" if r2 >= 0.7 else "moderate" if r2 >= 0.4 else "weak" if r2 >= 0.2 else "none"

    def largest_residuals(self, count: int = 2) -> tuple[pd.Series, pd.Series]:
        """The ``count`` rows furthest above and furthest below the line (residuals, by row)."""
        order = self.residuals.sort_values()
        return order.iloc[::-1][:count], order.iloc[:count]

    def explain(self) -> str:
        """Each coefficient, the intercept and R² in plain words, with the usual cautions, one per line.

        The course notebook prints this from the fit itself, so the words live with the model.
        """
        template = "models.coef.one" if len(self.features) == 1 else "models.coef.many"
        lines = [t("models.equation", equation=self.equation())]
        for name, value in self.coefficients.items():
            direction = t("models.up") if value >= 0 else t("models.down")
            lines.append(t(template, feature=name, target=self.target, direction=direction, size=abs(value)))
        lines.append(t("models.intercept", value=self.intercept))
        lines.append(
            t(
                "models.r2",
                r2=self.r_squared,
                target=self.target,
                percent=100 * max(self.r_squared, 0.0),
                strength=t(f"models.r2.{self.strength}"),
            )
        )
        if self.n >= 4:
            above, below = self.largest_residuals()
            lines.append(
                t(
                    "models.residuals",
                    above="、".join(f"{self.labels[i]}（{value:+.1f}）" for i, value in above.items()),
                    below="、".join(f"{self.labels[i]}（{value:+.1f}）" for i, value in below.items()),
                )
            )
        lines.append(t("models.causal", feature=self.features[0], target=self.target))
        return "\n".join(lines)


def fit_linear(data: pd.DataFrame, *, target: str, features: str | Sequence[str]) -> LinearFit:
    """Fit ``target`` on ``features`` by ordinary least squares; rows with a gap are left out."""
    names = (features,) if isinstance(features, str) else tuple(features)
    if not names or target in names:
        raise InputError(t("models.error.features"))
    require_columns(data, [target, *names])
    values = pd.DataFrame({column: numeric_column(data, column) for column in (target, *names)})
    complete = values.dropna()
    needed = len(names) + 2
    if len(complete) < needed:
        raise InputError(t("models.error.rows", rows=len(complete), needed=needed))
    design = np.column_stack([np.ones(len(complete)), complete[list(names)].to_numpy(dtype=float)])
    outcome = complete[target].to_numpy(dtype=float)
    solution, *_ = np.linalg.lstsq(design, outcome, rcond=None)
    fitted = design @ solution
    residuals = outcome - fitted
    total = float(((outcome - outcome.mean()) ** 2).sum())
    unexplained = float((residuals**2).sum())
    if total > 0:
        r_squared = 1 - unexplained / total
    else:  # a constant target: perfectly "explained" only if the fit is exact
        r_squared = 1.0 if np.isclose(unexplained, 0) else 0.0
    rows = data.loc[complete.index]
    if STUDENT_ID in rows and NAME in rows:
        labels = rows[STUDENT_ID].astype(str) + " " + rows[NAME].astype(str)
    elif NAME in rows:
        labels = rows[NAME].astype(str)
    else:
        labels = pd.Series([f"#{i}" for i in complete.index], index=complete.index)
    return LinearFit(
        target=target,
        features=names,
        coefficients=pd.Series(solution[1:], index=list(names), dtype=float),
        intercept=float(solution[0]),
        r_squared=float(r_squared),
        predictions=pd.Series(fitted, index=complete.index, name=target),
        residuals=pd.Series(residuals, index=complete.index, name=target),
        labels=labels,
    )
