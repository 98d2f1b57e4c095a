"""C6 model explorer: try the rules model with sliders and the regression with chosen variables; export."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from toolkit.classroom.classtable import HOMEWORK, NAME, STUDENT_ID
from toolkit.classroom.models.chart import fit_chart
from toolkit.classroom.models.model import CODE, LEVEL, LinearFit, fit_linear, warning_flags
from toolkit.classroom.models.report import warning_table
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.modules.data import load_sample
from toolkit.work.outputs import download_links, write_document
from toolkit.work.progress import record_output

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
    }
)


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
        self.students = students if students is not None else load_sample("class_7a_students.csv")
        self.units = units if units is not None else load_sample("class_7a_units.csv")
        self.data = self.students.merge(
            self.units.drop(columns=[NAME], errors="ignore"), on=STUDENT_ID, how="left", validate="one_to_one"
        )
        numeric = [
            c
            for c in self.data.columns
            if c not in (STUDENT_ID, NAME) and pd.api.types.is_numeric_dtype(self.data[c])
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
        thresholds = {
            "homework_below": self.homework_below.value,
            "drop_at_least": self.drop_at_least.value,
            "score_below": self.score_below.value,
        }
        flags = warning_flags(self.students, self.units, **thresholds)
        self.flagged = warning_table(flags, **thresholds)
        high = int((flags[LEVEL] == "high").sum())
        medium = int((flags[LEVEL] == "medium").sum())
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
        md_path, doc_path = write_document(
            f"{CODE}_model_record", self.markdown(), title=t("models.doc.title")
        )
        record_output(CODE, "model_record", md_path)
        done = t("models.exported", md=md_path.name, doc=doc_path.name)
        self.status.value = f"<div style='color:#2e7d32'>✔ {html.escape(done)}</div>" + download_links(
            md_path, doc_path
        )
        return md_path, doc_path
