"""The A13 chart advisor: pick data and a question, get suitable charts, warnings and a guided reading."""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from toolkit.charts.advice import (
    QUESTIONS,
    ChartSpec,
    category_columns,
    chart_warnings,
    numeric_columns,
    recommend,
)
from toolkit.charts.draw import draw_chart
from toolkit.charts.interpret import findings, prompts
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.modules.data import TEXT_COLUMNS, load_sample
from toolkit.plotting import figure_png
from toolkit.tables import read_frame
from toolkit.widgets.upload import save_upload
from toolkit.work.outputs import download_links, outputs_dir
from toolkit.work.progress import record_output

add_messages(
    {
        "charts.data": {"zh": "数据", "en": "Data"},
        "charts.question": {"zh": "我想看", "en": "Question"},
        "charts.category": {"zh": "分组列", "en": "Group by"},
        "charts.values": {"zh": "数值列", "en": "Measures"},
        "charts.none": {"zh": "（不分组）", "en": "(none)"},
        "charts.upload": {"zh": "或上传 csv/xlsx", "en": "or upload csv/xlsx"},
        "charts.recommend": {"zh": "推荐图表", "en": "Suggest charts"},
        "charts.kind": {"zh": "图表", "en": "Chart"},
        "charts.y_start": {"zh": "纵轴起点", "en": "y-axis starts at"},
        "charts.draw": {"zh": "画图", "en": "Draw"},
        "charts.export": {"zh": "导出 PNG", "en": "Export PNG"},
        "charts.exported": {"zh": "已导出 outputs/{name}", "en": "Exported outputs/{name}"},
        "charts.warnings": {"zh": "⚠ 可能误导读者：", "en": "⚠ Could mislead:"},
        "charts.no_warnings": {"zh": "✔ 没有发现常见的误导问题。", "en": "✔ No common pitfalls found."},
        "charts.findings": {"zh": "数据告诉我们：", "en": "What the data says:"},
        "charts.prompts": {"zh": "下结论之前，再问问自己：", "en": "Before concluding, ask:"},
        "charts.not_ready": {"zh": "还不能画：{missing}", "en": "Not ready: {missing}"},
    }
)

SAMPLES = {
    "grade7_midterm.csv": "七年级四个班期中数学成绩",
    "class_7a_units.csv": "七(A)班（42 人）五次单元测验",
    "class_7a_students.csv": "七(A)班（42 人）学生学习情况",
    "class_7a_survey.csv": "七(A)班（42 人）学习情况问卷",
}


class ChartAdvisor(widgets.VBox):
    """Choose data and a question; the advisor suggests charts, draws one and helps read it."""

    def __init__(self, sample: str = "grade7_midterm.csv") -> None:
        self.data = load_sample(sample)
        self.figure_bytes = b""
        self.dataset = widgets.Dropdown(
            description=t("charts.data"),
            options=[(label, name) for name, label in SAMPLES.items()],
            value=sample,
        )
        self.upload = widgets.FileUpload(accept=".csv,.xlsx,.xls", description=t("charts.upload"))
        self.question = widgets.Dropdown(
            description=t("charts.question"), options=[(t(f"charts.q.{q}"), q) for q in QUESTIONS]
        )
        self.category = widgets.Dropdown(description=t("charts.category"))
        self.values = widgets.SelectMultiple(description=t("charts.values"), rows=5)
        self.recommend_button = widgets.Button(
            description=t("charts.recommend"), button_style="info", icon="lightbulb-o"
        )
        self.advice = widgets.HTML("")
        self.kind = widgets.ToggleButtons(options=[], description=t("charts.kind"))
        self.y_start = widgets.FloatText(
            value=0, description=t("charts.y_start"), layout=widgets.Layout(width="180px")
        )
        self.draw_button = widgets.Button(
            description=t("charts.draw"), button_style="primary", icon="bar-chart"
        )
        self.export_button = widgets.Button(description=t("charts.export"), icon="download")
        self.image = widgets.Image(format="png")
        self.reading = widgets.HTML("")
        self.dataset.observe(lambda change: self.use_data(load_sample(change["new"])), names="value")
        self.upload.observe(lambda _: self._load_upload(), names="value")
        self.recommend_button.on_click(lambda _: self.suggest())
        self.draw_button.on_click(lambda _: self.draw())
        self.export_button.on_click(lambda _: self.export_png())
        super().__init__(
            [
                widgets.HBox([self.dataset, self.upload]),
                self.question,
                widgets.HBox([self.category, self.values]),
                self.recommend_button,
                self.advice,
                self.kind,
                widgets.HBox([self.y_start, self.draw_button, self.export_button]),
                self.image,
                self.reading,
            ]
        )
        self.add_class("workshop-chart-advisor")
        self.use_data(self.data)

    def use_data(self, data: pd.DataFrame) -> None:
        """Switch to ``data`` and offer its columns."""
        self.data = data
        self.category.options = [(t("charts.none"), None), *[(c, c) for c in category_columns(data)]]
        self.category.value = None
        self.values.options = numeric_columns(data)
        self.values.value = ()
        self.advice.value = self.reading.value = ""
        self.kind.options = []

    def _load_upload(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = save_upload(self.upload, Path(folder))
            if path is None:
                return
            try:
                data = read_frame(path, keep_text=lambda header: header in TEXT_COLUMNS)
            except InputError as error:
                self.advice.value = f"<div style='color:#c62828'>{html.escape(error.describe())}</div>"
                return
        self.use_data(data)

    def spec(self) -> ChartSpec:
        return ChartSpec(
            kind=self.kind.value,
            category=self.category.value,
            values=tuple(self.values.value),
            y_start=float(self.y_start.value),
            question=self.question.value,
        )

    def suggest(self) -> None:
        """List suitable charts with reasons and select the best one that can be drawn."""
        advice = recommend(self.question.value, category=self.category.value, values=tuple(self.values.value))
        rows = []
        for rank, item in enumerate(advice.recommendations, start=1):
            status = (
                ""
                if item.ready
                else f" <span style='color:#c62828'>（{t('charts.not_ready', missing=item.missing)}）</span>"
            )
            rows.append(f"<li><b>{rank}. {item.label()}</b>：{html.escape(item.reason)}{status}</li>")
        self.advice.value = f"<ol style='list-style:none;padding-left:0'>{''.join(rows)}</ol>"
        ready = [(r.label(), r.kind) for r in advice.recommendations if r.ready]
        self.kind.options = ready
        if ready:
            self.kind.value = ready[0][1]

    def draw(self) -> None:
        """Draw the chosen chart, then show the warnings, the findings and the questions to ask."""
        if not self.kind.value:
            self.suggest()
            if not self.kind.value:
                return
        spec = self.spec()
        self.figure_bytes = figure_png(draw_chart(spec, self.data))
        self.image.value = self.figure_bytes
        warnings = chart_warnings(spec, self.data)
        if warnings:
            listed = "".join(f"<li>{html.escape(w)}</li>" for w in warnings)
            warn_html = f"<div style='color:#c62828'>{t('charts.warnings')}<ul>{listed}</ul></div>"
        else:
            warn_html = f"<div style='color:#2e7d32'>{t('charts.no_warnings')}</div>"
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in findings(spec, self.data))
        asks = "".join(f"<li>{html.escape(p)}</li>" for p in prompts(spec.question))
        self.reading.value = (
            f"{warn_html}<div><b>{t('charts.findings')}</b><ul>{notes}</ul></div>"
            f"<div><b>{t('charts.prompts')}</b><ul>{asks}</ul></div>"
        )

    def export_png(self) -> Path | None:
        if not self.figure_bytes:
            self.draw()
        if not self.figure_bytes:
            return None
        path = outputs_dir() / f"A13_{self.question.value}_{self.kind.value}.png"
        path.write_bytes(self.figure_bytes)
        record_output("A13", path.stem, path)
        self.reading.value += f"<div>{t('charts.exported', name=path.name)}</div>" + download_links(path)
        return path
