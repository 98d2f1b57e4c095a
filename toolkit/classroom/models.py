"""C6 应用数据分析模型: two simple models a teacher applies to class data, and a widget to try them.

- A rules model for early warning: each rule is a plain sentence a teacher can
  check by hand (homework below a line, a clear downward trend in the unit tests,
  the latest unit test below a line); the risk level counts the rules that fire.
- A linear model fitted by ordinary least squares (``numpy.linalg.lstsq``), with
  each coefficient and the R² explained in Chinese.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd

from toolkit.classroom.guidance import unit_columns, unit_trend
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.plotting import figure_png, new_figure
from toolkit.work.outputs import download_links, write_document
from toolkit.work.progress import record_output

CODE = "C6"
ID = "学号"
NAME = "姓名"
HOMEWORK = "作业完成率"
HIGH_AT = 2  # rules that must fire for 高; one rule is 中, none 低

add_messages(
    {
        "models.title": {"zh": "数据分析模型试用台", "en": "Model explorer"},
        "models.intro": {
            "zh": "选择一个模型，拖动滑块或选择变量，观察结果怎样变化，再导出分析记录。",
            "en": "Choose a model, move the sliders or pick variables, watch the result change, "
            "then export a record.",
        },
        "models.choose": {"zh": "模型", "en": "Model"},
        "models.rules": {"zh": "学业预警（规则模型）", "en": "Early warning (rules)"},
        "models.linear": {"zh": "线性回归（预测模型）", "en": "Linear regression"},
        "models.col.homework": {"zh": "作业完成率", "en": "Homework %"},
        "models.col.latest": {"zh": "最近单元成绩", "en": "Latest unit"},
        "models.col.drop": {"zh": "趋势下降（分）", "en": "Trend drop"},
        "models.col.rules": {"zh": "触发规则", "en": "Rules fired"},
        "models.col.count": {"zh": "规则数", "en": "Rules"},
        "models.col.level": {"zh": "风险等级", "en": "Risk"},
        "models.level.high": {"zh": "高", "en": "high"},
        "models.level.medium": {"zh": "中", "en": "medium"},
        "models.level.low": {"zh": "低", "en": "low"},
        "models.rule.homework": {
            "zh": "作业完成率 {value:.0f}% 低于 {limit:.0f}%",
            "en": "homework {value:.0f}% below {limit:.0f}%",
        },
        "models.rule.drop": {
            "zh": "单元成绩趋势下降 {value:.0f} 分（≥ {limit:.0f}）",
            "en": "unit trend down {value:.0f} points (>= {limit:.0f})",
        },
        "models.rule.score": {
            "zh": "最近一次单元测验 {value:.0f} 分，低于 {limit:.0f}",
            "en": "latest unit test {value:.0f}, below {limit:.0f}",
        },
        "models.slider.homework": {"zh": "作业完成率低于", "en": "Homework below"},
        "models.slider.drop": {"zh": "趋势下降至少", "en": "Trend drop at least"},
        "models.slider.score": {"zh": "最近成绩低于", "en": "Latest score below"},
        "models.summary": {
            "zh": "全班 {total} 人：高风险 {high} 人，中风险 {medium} 人。",
            "en": "{total} students: {high} high risk, {medium} medium risk.",
        },
        "models.none": {
            "zh": "按当前阈值没有学生触发规则。",
            "en": "No student fires a rule at these thresholds.",
        },
        "models.rules_help": {
            "zh": "规则：① 作业完成率低于阈值；② 五次单元测验的趋势线从第一次到最后一次下降的分数达到阈值；"
            "③ 最近一次单元测验低于阈值。触发 2 条及以上为高风险，1 条为中风险。",
            "en": "Rules: (1) homework below the line; (2) the unit-test trend line falls by at least the "
            "given points from first to last test; (3) the latest unit test below the line. "
            "Two or more rules: high risk; one: medium.",
        },
        "models.target": {"zh": "要预测的量", "en": "Predict"},
        "models.feature": {"zh": "用来预测的量", "en": "From"},
        "models.scatter": {"zh": "{feature} 与 {target}", "en": "{feature} and {target}"},
        "models.fitted": {"zh": "拟合直线", "en": "fitted line"},
        "models.students": {"zh": "学生", "en": "students"},
        "models.export": {"zh": "导出分析记录", "en": "Export record"},
        "models.exported": {
            "zh": "已导出：outputs/{md} 和 outputs/{doc}（可用 Word/WPS 打开）",
            "en": "Exported: outputs/{md} and outputs/{doc} (opens in Word/WPS)",
        },
        "models.doc.title": {"zh": "数据分析模型应用记录", "en": "Data-model application record"},
        "models.doc.settings": {"zh": "模型与设置", "en": "Model and settings"},
        "models.doc.result": {"zh": "结果", "en": "Result"},
        "models.doc.reading": {"zh": "解读", "en": "Reading"},
        "models.doc.action": {
            "zh": "我的判断与后续行动（请补充）",
            "en": "My judgement and next steps (to add)",
        },
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
        "models.error.column": {
            "zh": "数据里没有“{column}”列（现有的列：{columns}）",
            "en": "the data has no column '{column}' (columns: {columns})",
        },
        "models.error.numeric": {
            "zh": "“{column}”列不是数值，无法用于回归",
            "en": "column '{column}' is not numeric and cannot be used in a regression",
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


def _check_columns(table: pd.DataFrame, columns: Sequence[str]) -> None:
    for column in columns:
        if column not in table.columns:
            known = "、".join(str(c) for c in table.columns)
            raise InputError(t("models.error.column", column=column, columns=known))


def trend_drop(scores: Sequence[float] | pd.Series) -> float:
    """How many points the least-squares trend line falls from the first to the last test (rise < 0)."""
    values = pd.to_numeric(pd.Series(list(scores), dtype=object), errors="coerce")
    known = np.flatnonzero(values.notna().to_numpy())
    if len(known) < 2:
        return float("nan")
    return -unit_trend(values) * float(known[-1] - known[0])


def _level(count: int) -> str:
    if count >= HIGH_AT:
        return t("models.level.high")
    return t("models.level.medium") if count == 1 else t("models.level.low")


def early_warning(
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
    latest unit test below ``score_below``. Two or more rules → 高, one → 中, none → 低
    (listed only with ``include_all``). Most rules first, then the steepest drop.
    """
    _check_columns(students, [ID])
    _check_columns(units, [ID])
    scores = units.set_axis(units[ID].astype(str).str.strip(), axis=0)[unit_columns(units)]
    scores = scores.apply(pd.to_numeric, errors="coerce")
    people = students.set_axis(students[ID].astype(str).str.strip(), axis=0)
    homework = pd.to_numeric(people[HOMEWORK], errors="coerce") if HOMEWORK in people else None
    named = (people, units.set_axis(scores.index, axis=0))
    names = pd.concat([table[NAME] for table in named if NAME in table])
    names = names[~names.index.duplicated()]
    columns = {
        "homework": t("models.col.homework"),
        "latest": t("models.col.latest"),
        "drop": t("models.col.drop"),
        "rules": t("models.col.rules"),
        "count": t("models.col.count"),
        "level": t("models.col.level"),
    }
    rows = []
    for sid in dict.fromkeys([*people.index, *scores.index]):
        fired: list[str] = []
        done = float(homework.get(sid, np.nan)) if homework is not None else float("nan")
        if not np.isnan(done) and done < homework_below:
            fired.append(t("models.rule.homework", value=done, limit=homework_below))
        own = scores.loc[sid] if sid in scores.index else pd.Series(dtype=float)
        drop = trend_drop(own)
        if not np.isnan(drop) and drop >= drop_at_least:
            fired.append(t("models.rule.drop", value=drop, limit=drop_at_least))
        known = own.dropna()
        latest = float(known.iloc[-1]) if len(known) else float("nan")
        if not np.isnan(latest) and latest < score_below:
            fired.append(t("models.rule.score", value=latest, limit=score_below))
        if fired or include_all:
            rows.append(
                {
                    ID: sid,
                    NAME: str(names.get(sid, "")),
                    columns["homework"]: done,
                    columns["latest"]: latest,
                    columns["drop"]: round(drop, 1),
                    columns["rules"]: "；".join(fired),
                    columns["count"]: len(fired),
                    columns["level"]: _level(len(fired)),
                }
            )
    if not rows:
        return pd.DataFrame(columns=[ID, NAME, *columns.values()])
    frame = pd.DataFrame(rows).sort_values(
        [columns["count"], columns["drop"], ID], ascending=[False, False, True], kind="stable"
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
        _check_columns(data, self.features)
        values = data[list(self.features)].apply(pd.to_numeric, errors="coerce")
        return self.intercept + values.to_numpy(dtype=float) @ self.coefficients.to_numpy(dtype=float)

    def equation(self) -> str:
        terms = "".join(
            f" {'+' if value >= 0 else '-'} {abs(value):.2f} × {name}"
            for name, value in self.coefficients.items()
        )
        sign = "-" if self.intercept < 0 else ""
        return f"{self.target} ≈ {sign}{abs(self.intercept):.2f}{terms}"

    def strength(self) -> str:
        r2 = self.r_squared
        key = "strong" if r2 >= 0.7 else "moderate" if r2 >= 0.4 else "weak" if r2 >= 0.2 else "none"
        return t(f"models.r2.{key}")

    def explain(self) -> str:
        """Each coefficient, the intercept and R² in plain Chinese, with the usual cautions."""
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
                strength=self.strength(),
            )
        )
        if self.n >= 4:
            order = self.residuals.sort_values()
            above = "、".join(f"{self.labels[i]}（{order[i]:+.1f}）" for i in order.index[::-1][:2])
            below = "、".join(f"{self.labels[i]}（{order[i]:+.1f}）" for i in order.index[:2])
            lines.append(t("models.residuals", above=above, below=below))
        lines.append(t("models.causal", feature=self.features[0], target=self.target))
        return "\n".join(lines)


def fit_linear(data: pd.DataFrame, *, target: str, features: str | Sequence[str]) -> LinearFit:
    """Fit ``target`` on ``features`` by ordinary least squares; rows with a gap are left out."""
    names = (features,) if isinstance(features, str) else tuple(features)
    if not names or target in names:
        raise InputError(t("models.error.features"))
    _check_columns(data, [target, *names])
    values = pd.DataFrame(index=data.index)
    for column in (target, *names):
        converted = pd.to_numeric(data[column], errors="coerce")
        if converted.isna().all() and data[column].notna().any():
            raise InputError(t("models.error.numeric", column=column), column=column)
        values[column] = converted
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
    if ID in rows and NAME in rows:
        labels = rows[ID].astype(str) + " " + rows[NAME].astype(str)
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


def fit_chart(fit: LinearFit, data: pd.DataFrame) -> bytes:
    """PNG: the scatter of the first feature against the target with the fitted line."""
    feature = fit.features[0]
    figure = new_figure(6.4, 4)
    axes = figure.subplots()
    x = pd.to_numeric(data.loc[fit.predictions.index, feature], errors="coerce").to_numpy(dtype=float)
    y = pd.to_numeric(data.loc[fit.predictions.index, fit.target], errors="coerce").to_numpy(dtype=float)
    axes.scatter(x, y, color="#4c78a8", alpha=0.8, label=t("models.students"))
    if len(fit.features) == 1:
        line = np.linspace(np.nanmin(x), np.nanmax(x), 50)
        axes.plot(
            line, fit.intercept + fit.coefficients.iloc[0] * line, color="#c62828", label=t("models.fitted")
        )
    axes.set_xlabel(feature)
    axes.set_ylabel(fit.target)
    axes.set_title(f"{t('models.scatter', feature=feature, target=fit.target)}（R² = {fit.r_squared:.2f}）")
    axes.legend(loc="best", fontsize=8)
    return figure_png(figure, dpi=90)


def _sample(name: str) -> pd.DataFrame:
    from toolkit.modules.data import load_sample

    return load_sample(name)


def _table_html(frame: pd.DataFrame) -> str:
    return (
        "<div style='max-height:22em;overflow:auto'>"
        + frame.to_html(index=False, escape=True, na_rep="—", float_format=lambda v: f"{v:.0f}", border=0)
        + "</div>"
    )


class ModelExplorer(widgets.VBox):
    """Try the two models on class data: sliders for the rules, variable choice for the line.

    Without tables it uses the course sample class (学生信息 and 单元测验).
    """

    def __init__(self, students: pd.DataFrame | None = None, units: pd.DataFrame | None = None) -> None:
        self.students = students if students is not None else _sample("class_7a_students.csv")
        self.units = units if units is not None else _sample("class_7a_units.csv")
        self.data = self.students.merge(
            self.units.drop(columns=[NAME], errors="ignore"), on=ID, how="left", validate="one_to_one"
        )
        numeric = [
            c
            for c in self.data.columns
            if c not in (ID, NAME) and pd.api.types.is_numeric_dtype(self.data[c])
        ]
        self.model = widgets.ToggleButtons(
            options=[(t("models.rules"), "rules"), (t("models.linear"), "linear")],
            value="rules",
            description=t("models.choose"),
        )
        style = {"description_width": "8em"}
        wide = widgets.Layout(width="30em")
        self.homework_below = widgets.IntSlider(
            value=70,
            min=40,
            max=100,
            step=5,
            description=t("models.slider.homework"),
            style=style,
            layout=wide,
        )
        self.drop_at_least = widgets.IntSlider(
            value=10, min=0, max=40, step=1, description=t("models.slider.drop"), style=style, layout=wide
        )
        self.score_below = widgets.IntSlider(
            value=60, min=30, max=90, step=5, description=t("models.slider.score"), style=style, layout=wide
        )
        self.target = widgets.Dropdown(
            options=numeric,
            value="期中成绩" if "期中成绩" in numeric else numeric[-1],
            description=t("models.target"),
            style=style,
        )
        default_feature = next(
            (c for c in ("上学期成绩", HOMEWORK) if c in numeric and c != self.target.value), None
        )
        self.feature = widgets.Dropdown(
            options=numeric,
            value=default_feature or next(c for c in numeric if c != self.target.value),
            description=t("models.feature"),
            style=style,
        )
        self.summary = widgets.HTML()
        self.table = widgets.HTML()
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.reading = widgets.HTML()
        self.export_button = widgets.Button(
            description=t("models.export"), button_style="success", icon="download"
        )
        self.status = widgets.HTML()
        self.rules_panel = widgets.VBox(
            [
                widgets.HTML(f"<div style='color:#555'>{t('models.rules_help')}</div>"),
                self.homework_below,
                self.drop_at_least,
                self.score_below,
            ]
        )
        self.linear_panel = widgets.VBox([widgets.HBox([self.target, self.feature])])
        for control in (self.homework_below, self.drop_at_least, self.score_below, self.target, self.feature):
            control.observe(lambda change: self.refresh(), names="value")
        self.model.observe(lambda change: self.refresh(), names="value")
        self.export_button.on_click(lambda _: self.export())
        self.flagged = pd.DataFrame()
        self.fit: LinearFit | None = None
        super().__init__(
            [
                widgets.HTML(
                    f"<h4>{t('models.title')}</h4><div style='color:#555'>{t('models.intro')}</div>"
                ),
                self.model,
                self.rules_panel,
                self.linear_panel,
                self.summary,
                self.table,
                self.chart,
                self.reading,
                self.export_button,
                self.status,
            ],
            layout=widgets.Layout(border="1px solid #ddd", padding="8px"),
        )
        self.add_class("workshop-model-explorer")
        self.refresh()

    def refresh(self) -> None:
        """Run the chosen model with the current settings and show the result."""
        rules = self.model.value == "rules"
        self.rules_panel.layout.display = None if rules else "none"
        self.linear_panel.layout.display = "none" if rules else None
        self.chart.layout.display = "none" if rules else None
        self.status.value = ""
        if rules:
            self._show_rules()
        else:
            self._show_linear()

    def _show_rules(self) -> None:
        self.fit = None
        self.flagged = early_warning(
            self.students,
            self.units,
            homework_below=self.homework_below.value,
            drop_at_least=self.drop_at_least.value,
            score_below=self.score_below.value,
        )
        level = self.flagged[t("models.col.level")] if len(self.flagged) else pd.Series(dtype=str)
        high = int((level == t("models.level.high")).sum())
        medium = int((level == t("models.level.medium")).sum())
        self.summary.value = (
            f"<b>{t('models.summary', total=len(self.students), high=high, medium=medium)}</b>"
        )
        self.table.value = _table_html(self.flagged) if len(self.flagged) else t("models.none")
        self.reading.value = ""

    def _show_linear(self) -> None:
        self.flagged = pd.DataFrame()
        self.table.value = ""
        try:
            self.fit = fit_linear(self.data, target=self.target.value, features=[self.feature.value])
        except InputError as error:
            self.fit = None
            self.summary.value = f"<span style='color:#c62828'>{html.escape(error.message)}</span>"
            self.chart.value = b""
            self.reading.value = ""
            return
        self.summary.value = f"<b>R² = {self.fit.r_squared:.2f}</b>（n = {self.fit.n}）"
        self.chart.value = fit_chart(self.fit, self.data)
        self.reading.value = "".join(
            f"<p>{html.escape(line)}</p>" for line in self.fit.explain().splitlines()
        )

    def markdown(self) -> str:
        """The current model, settings, result and reading as a Markdown record."""
        parts = [f"# {t('models.doc.title')}\n", f"## {t('models.doc.settings')}\n"]
        if self.model.value == "rules":
            parts += [
                f"- {t('models.rules')}",
                f"- {t('models.slider.homework')} {self.homework_below.value}%",
                f"- {t('models.slider.drop')} {self.drop_at_least.value}",
                f"- {t('models.slider.score')} {self.score_below.value}\n",
                t("models.rules_help") + "\n",
                f"## {t('models.doc.result')}\n",
                self.summary.value.replace("<b>", "**").replace("</b>", "**") + "\n",
            ]
            if len(self.flagged):
                table = self.flagged.fillna("—")
                header = "| " + " | ".join(str(c) for c in table.columns) + " |"
                rows = [
                    "| " + " | ".join(f"{v:.0f}" if isinstance(v, float) else str(v) for v in row) + " |"
                    for row in table.itertuples(index=False)
                ]
                parts += [header, "|" + "---|" * len(table.columns), *rows]
        elif self.fit is not None:
            parts += [
                f"- {t('models.linear')}",
                f"- {t('models.target')}：{self.fit.target}",
                f"- {t('models.feature')}：{'、'.join(self.fit.features)}",
                f"- n = {self.fit.n}\n",
                f"## {t('models.doc.reading')}\n",
                *[f"- {line}" for line in self.fit.explain().splitlines()],
            ]
        parts += [f"\n## {t('models.doc.action')}\n", "（ ）"]
        return "\n".join(parts) + "\n"

    def export(self) -> tuple[Path, Path]:
        """Write outputs/C6_model_record.md and .doc and record them in the teacher's progress."""
        md_path, doc_path = write_document("C6_model_record", self.markdown(), title=t("models.doc.title"))
        record_output(CODE, "model_record", md_path)
        done = t("models.exported", md=md_path.name, doc=doc_path.name)
        self.status.value = f"<div style='color:#2e7d32'>✔ {html.escape(done)}</div>" + download_links(
            md_path, doc_path
        )
        return md_path, doc_path
