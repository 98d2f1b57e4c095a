"""C7 micro-model builder: tick indicators, set weights and directions, compute, read the check, export."""

from __future__ import annotations

import html
import warnings
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from toolkit.classroom.micromodel.chart import check_chart, index_chart
from toolkit.classroom.micromodel.model import ID_COLUMNS, Indicator, MicroModel, Validation, export_model
from toolkit.classroom.micromodel.report import describe, direction_label
from toolkit.i18n import add_messages, t
from toolkit.work.outputs import download_links

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
    }
)


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
                options=[(direction_label(True), True), (direction_label(False), False)],
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
        self.spec.value = f"<b>{html.escape(describe(self.model))}</b>"
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
        yaml_path, csv_path = export_model(self.model, self.result)
        done = t("micromodel.exported", yaml=yaml_path.name, csv=csv_path.name)
        self.status.value = f"<div style='color:#2e7d32'>✔ {html.escape(done)}</div>" + download_links(
            yaml_path, csv_path
        )
        return yaml_path, csv_path
