"""The A11 rubric builder: criteria × levels with descriptors and weights, preview, trial scoring, export."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from toolkit.i18n import add_messages, t
from toolkit.modules.data import load_sample, sample_path
from toolkit.rubric.files import save_markdown, save_xlsx, save_yaml, to_markdown
from toolkit.rubric.model import Criterion, Level, Rubric, load_rubric, score
from toolkit.work.outputs import download_links, markdown_to_html, outputs_dir
from toolkit.work.progress import record_output

add_messages(
    {
        "rubricui.title": {"zh": "量规名称", "en": "Rubric title"},
        "rubricui.levels": {"zh": "等级", "en": "Levels"},
        "rubricui.aggregation": {"zh": "总评方式", "en": "Overall result"},
        "rubricui.weighted": {"zh": "加权计分", "en": "Weighted score"},
        "rubricui.conjunctive": {"zh": "取最低等级", "en": "Lowest level"},
        "rubricui.criterion": {"zh": "评价维度", "en": "Criterion"},
        "rubricui.weight": {"zh": "权重", "en": "Weight"},
        "rubricui.add": {"zh": "添加评价维度", "en": "Add criterion"},
        "rubricui.remove": {"zh": "删除", "en": "Remove"},
        "rubricui.tab.edit": {"zh": "编辑", "en": "Edit"},
        "rubricui.tab.preview": {"zh": "预览", "en": "Preview"},
        "rubricui.tab.try": {"zh": "试用评分", "en": "Try it"},
        "rubricui.tab.export": {"zh": "导出", "en": "Export"},
        "rubricui.work": {"zh": "学生作品", "en": "Student work"},
        "rubricui.score": {"zh": "计算结果", "en": "Score it"},
        "rubricui.result": {
            "zh": "加权平均 {mean:g} 分（满分 {top:g} 分），折合 {score:g} / 100，总评：{level}",
            "en": "Weighted mean {mean:g} of {top:g}, i.e. {score:g} / 100, overall: {level}",
        },
        "rubricui.export": {"zh": "导出 YAML、Excel 和 Markdown", "en": "Export YAML, Excel and Markdown"},
        "rubricui.exported": {"zh": "已导出：{files}", "en": "Exported: {files}"},
        "rubricui.weights_sum": {"zh": "权重合计 {total:g}", "en": "weights add up to {total:g}"},
    }
)

LEVEL_SETS = {
    "三级：不合格 / 合格 / 优秀": (("fail", "不合格", 0), ("pass", "合格", 1), ("excellent", "优秀", 2)),
    "四级：待改进 / 合格 / 良好 / 优秀": (
        ("developing", "待改进", 1),
        ("pass", "合格", 2),
        ("good", "良好", 3),
        ("excellent", "优秀", 4),
    ),
}
SAMPLE_RUBRIC = "rubric_lab_report.yaml"


class _CriterionEditor(widgets.VBox):
    def __init__(
        self, criterion: Criterion, levels: tuple[Level, ...], on_remove: Callable[[_CriterionEditor], None]
    ) -> None:
        self.criterion_id = criterion.id
        self.name = widgets.Text(value=criterion.name, description=t("rubricui.criterion"))
        self.weight = widgets.BoundedFloatText(
            value=criterion.weight, min=0.5, max=100, step=5, description=t("rubricui.weight")
        )
        self.remove = widgets.Button(
            description=t("rubricui.remove"), icon="trash", layout=widgets.Layout(width="90px")
        )
        self.remove.on_click(lambda _: on_remove(self))
        self.descriptors: dict[str, widgets.Textarea] = {}
        self.set_levels(levels, criterion.descriptors)
        super().__init__(layout=widgets.Layout(border="1px solid #ddd", padding="6px", margin="4px 0"))
        self._layout()

    def set_levels(self, levels: tuple[Level, ...], texts: dict[str, str] | None = None) -> None:
        old = {lid: box.value for lid, box in getattr(self, "descriptors", {}).items()}
        texts = {**old, **(texts or {})}
        self.descriptors = {
            lv.id: widgets.Textarea(
                value=texts.get(lv.id, ""),
                placeholder=lv.name,
                description=lv.name,
                rows=2,
                layout=widgets.Layout(width="95%"),
            )
            for lv in levels
        }
        if self.children:
            self._layout()

    def _layout(self) -> None:
        self.children = [widgets.HBox([self.name, self.weight, self.remove]), *self.descriptors.values()]

    def criterion(self) -> Criterion:
        texts = {lid: box.value.strip() for lid, box in self.descriptors.items() if box.value.strip()}
        return Criterion(
            self.criterion_id, self.name.value.strip() or self.criterion_id, float(self.weight.value), texts
        )


class RubricBuilder(widgets.VBox):
    """Edit a rubric (the sample lab-report rubric unless given another file), try it, export it."""

    def __init__(self, rubric: str | Path | None = None) -> None:
        start = load_rubric(rubric or sample_path(SAMPLE_RUBRIC))
        self.rubric_id = start.id
        self.point = start.point
        self.title = widgets.Text(
            value=start.title, description=t("rubricui.title"), layout=widgets.Layout(width="95%")
        )
        current = tuple((lv.id, lv.name, lv.points) for lv in start.levels)
        level_options = dict(LEVEL_SETS)
        if current not in level_options.values():
            level_options["（文件中的等级）"] = current
        self.level_set = widgets.Dropdown(
            options=[(name, levels) for name, levels in level_options.items()],
            value=current,
            description=t("rubricui.levels"),
            layout=widgets.Layout(width="420px"),
        )
        self.aggregation = widgets.ToggleButtons(
            options=[(t("rubricui.weighted"), "weighted"), (t("rubricui.conjunctive"), "conjunctive")],
            value=start.aggregation,
            description=t("rubricui.aggregation"),
        )
        self.editors = widgets.VBox([_CriterionEditor(c, start.levels, self._remove) for c in start.criteria])
        self.add_button = widgets.Button(description=t("rubricui.add"), icon="plus")
        self.add_button.on_click(lambda _: self.add_criterion())
        self.weights_note = widgets.HTML("")
        self.preview = widgets.HTML("")
        edit = widgets.VBox(
            [
                self.title,
                widgets.HBox([self.level_set]),
                self.aggregation,
                self.editors,
                widgets.HBox([self.add_button, self.weights_note]),
            ]
        )

        works = load_sample("lab_reports.csv")
        self.work = widgets.Dropdown(
            options=list(zip(works["学生"], works["作品摘要"], strict=True)), description=t("rubricui.work")
        )
        self.work_text = widgets.HTML("")
        self.work.observe(lambda _: self._show_work(), names="value")
        self.choices = widgets.VBox()
        self.score_button = widgets.Button(
            description=t("rubricui.score"), button_style="primary", icon="calculator"
        )
        self.score_button.on_click(lambda _: self.score())
        self.result = widgets.HTML("")
        trial = widgets.VBox([self.work, self.work_text, self.choices, self.score_button, self.result])

        self.export_button = widgets.Button(
            description=t("rubricui.export"), button_style="success", icon="download"
        )
        self.export_button.on_click(lambda _: self.export())
        self.export_message = widgets.HTML("")
        export = widgets.VBox([self.export_button, self.export_message])

        self.tabs = widgets.Tab(
            children=[edit, widgets.VBox([self.preview]), trial, export],
            titles=[t(f"rubricui.tab.{key}") for key in ("edit", "preview", "try", "export")],
        )
        self.tabs.observe(lambda _: self.refresh(), names="selected_index")
        self.level_set.observe(lambda _: self._levels_changed(), names="value")
        super().__init__([self.tabs])
        self.add_class("workshop-rubric-builder")
        self._show_work()
        self.refresh()

    # ---- editing ------------------------------------------------------------------------------
    def levels(self) -> tuple[Level, ...]:
        return tuple(Level(lid, name, float(points)) for lid, name, points in self.level_set.value)

    def _levels_changed(self) -> None:
        for editor in self.editors.children:
            editor.set_levels(self.levels())
        self.refresh()

    def _remove(self, editor: _CriterionEditor) -> None:
        if len(self.editors.children) > 1:
            self.editors.children = tuple(e for e in self.editors.children if e is not editor)
            self.refresh()

    def add_criterion(self, name: str = "", weight: float = 10) -> None:
        used = {e.criterion_id for e in self.editors.children}
        number = next(n for n in range(1, 100) if f"c{n}" not in used)
        criterion = Criterion(f"c{number}", name or f"评价维度{number}", weight)
        self.editors.children = (
            *self.editors.children,
            _CriterionEditor(criterion, self.levels(), self._remove),
        )
        self.refresh()

    def rubric(self) -> Rubric:
        """The rubric as currently edited."""
        return Rubric(
            id=self.rubric_id,
            title=self.title.value.strip() or self.rubric_id,
            levels=self.levels(),
            criteria=tuple(e.criterion() for e in self.editors.children),
            aggregation=self.aggregation.value,
            point=self.point,
        )

    def refresh(self) -> None:
        rubric = self.rubric()
        self.preview.value = markdown_to_html(to_markdown(rubric))
        self.weights_note.value = t("rubricui.weights_sum", total=rubric.total_weight)
        chosen = {box.description: box.value for box in self.choices.children}
        self.choices.children = [
            widgets.Dropdown(
                description=c.name,
                options=[("—", None), *[(lv.name, lv.id) for lv in rubric.levels]],
                value=chosen.get(c.name) if chosen.get(c.name) in [lv.id for lv in rubric.levels] else None,
                style={"description_width": "120px"},
            )
            for c in rubric.criteria
        ]

    # ---- trying it out ------------------------------------------------------------------------
    def _show_work(self) -> None:
        self.work_text.value = (
            f"<div style='background:#fafafa;padding:6px'>{html.escape(self.work.value or '')}</div>"
        )

    def choose(self, levels: dict[str, str]) -> None:
        """Pick a level per criterion by name (as a teacher would in the dropdowns)."""
        for box in self.choices.children:
            if box.description in levels:
                box.value = levels[box.description]

    def score(self) -> None:
        rubric = self.rubric()
        chosen = {c.id: box.value for c, box in zip(rubric.criteria, self.choices.children, strict=True)}
        try:
            result = score(rubric, chosen)
        except ValueError as error:
            self.result.value = f"<span style='color:#c62828'>{html.escape(str(error))}</span>"
            return
        text = t(
            "rubricui.result",
            mean=result.mean_points,
            top=rubric.levels[-1].points,
            score=result.score,
            level=result.level.name,
        )
        self.result.value = f"<b>{text}</b>"

    # ---- export -------------------------------------------------------------------------------
    def export(self) -> list[Path]:
        rubric = self.rubric()
        stem = "A11_" + (re.sub(r"[^A-Za-z0-9_-]+", "_", rubric.id).strip("_") or "rubric")
        folder = outputs_dir()
        paths = [
            save_yaml(rubric, folder / f"{stem}.yaml"),
            save_xlsx(rubric, folder / f"{stem}.xlsx"),
            save_markdown(rubric, folder / f"{stem}.md"),
        ]
        record_output("A11", "rubric", paths[0])
        self.export_message.value = html.escape(
            t("rubricui.exported", files="、".join(f"outputs/{p.name}" for p in paths))
        ) + download_links(*paths)
        return paths
