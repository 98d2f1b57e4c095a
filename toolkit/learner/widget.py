"""The A1 learner-analysis widget: load a class's quiz, read the item analysis, export the report."""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.learner.analysis import item_analysis, need_groups, score_summary, topic_mastery
from toolkit.learner.data import QuizData, load_quiz
from toolkit.learner.report import export_report, report_markdown
from toolkit.learner.survey import load_survey, survey_summary, survey_with_scores
from toolkit.modules.data import sample_path
from toolkit.plotting import figure_png, new_figure
from toolkit.widgets.upload import save_upload, upload_button
from toolkit.work.outputs import download_links, markdown_to_html
from toolkit.work.progress import record_output

add_messages(
    {
        "learner.source.sample": {
            "zh": "示例：七年级数学“一元一次方程”测验（42 人）",
            "en": "Sample: grade-7 maths quiz on linear equations (42 students)",
        },
        "learner.source.upload": {"zh": "上传我的班级数据", "en": "Upload my class data"},
        "learner.upload.responses": {"zh": "作答表", "en": "Responses"},
        "learner.upload.key": {"zh": "答案表（可选）", "en": "Answer key (optional)"},
        "learner.analyse": {"zh": "开始分析", "en": "Analyse"},
        "learner.need_upload": {
            "zh": "请先上传作答表（csv 或 xlsx）。作答是选项字母时，还要上传答案表。",
            "en": "Upload the responses first (csv or xlsx), and the key when answers are letters.",
        },
        "learner.tab.overview": {"zh": "总体情况", "en": "Overview"},
        "learner.tab.items": {"zh": "题目分析", "en": "Items"},
        "learner.tab.topics": {"zh": "知识点", "en": "Knowledge points"},
        "learner.tab.groups": {"zh": "分层与关注", "en": "Groups"},
        "learner.tab.report": {"zh": "分析报告", "en": "Report"},
        "learner.tab.survey": {"zh": "问卷", "en": "Survey"},
        "learner.survey.sample": {
            "zh": "示例：学习情况问卷（42 人）",
            "en": "Sample: learning survey (42 students)",
        },
        "learner.survey.upload": {"zh": "上传我的问卷数据", "en": "Upload my survey"},
        "learner.survey.analyse": {"zh": "分析问卷", "en": "Analyse the survey"},
        "learner.survey.need_upload": {
            "zh": "请先上传问卷表（csv 或 xlsx）。",
            "en": "Upload the survey first.",
        },
        "learner.survey.with_scores": {
            "zh": "问卷与测验成绩（先在上方完成测验分析）",
            "en": "Survey and quiz scores (analyse the quiz above first)",
        },
        "learner.context": {
            "zh": "补充说明（班级、测验时间、课堂观察等，会写进报告开头）",
            "en": "Context for the report (class, date, classroom observations)",
        },
        "learner.export": {"zh": "导出学情分析报告", "en": "Export the report"},
        "learner.exported": {
            "zh": "已导出 outputs/{md} 和 outputs/{doc}（可用 Word/WPS 打开）",
            "en": "Exported outputs/{md} and outputs/{doc} (opens in Word/WPS)",
        },
        "learner.chart.distribution": {"zh": "总分分布", "en": "Score distribution"},
        "learner.chart.items": {"zh": "各题通过率与区分度", "en": "Item difficulty and discrimination"},
        "learner.chart.topics": {"zh": "各知识点全班得分率", "en": "Class mastery by knowledge point"},
        "learner.axis.students": {"zh": "人数", "en": "students"},
        "learner.axis.score": {"zh": "总分", "en": "total score"},
        "learner.options": {"zh": "各选项选择人数", "en": "How many chose each option"},
        "learner.rekey.item": {"zh": "修正答案：题号", "en": "Correct the key: item"},
        "learner.rekey.answer": {"zh": "正确答案", "en": "right answer"},
        "learner.rekey.apply": {"zh": "按新答案重新分析", "en": "Re-analyse with this key"},
        "learner.rekey.done": {
            "zh": "已把 {item} 的答案改为 {answer} 并重新计分（原答案 {old}）。平均分 {before:g} → {after:g}",
            "en": "Key of {item} changed to {answer} (was {old}) and re-scored. Mean {before:g} → {after:g}",
        },
    }
)


def _frame_html(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, border=0, classes="workshop-table", escape=True)


class LearnerAnalysis(widgets.VBox):
    """Choose data, press 开始分析, read five tabs, export the 学情分析报告."""

    def __init__(self) -> None:
        self.quiz: QuizData | None = None
        self.source = widgets.RadioButtons(
            options=[(t("learner.source.sample"), "sample"), (t("learner.source.upload"), "upload")],
            value="sample",
            layout=widgets.Layout(width="auto"),
        )
        self.responses_upload = upload_button(
            accept=".csv,.xlsx,.xls", description=t("learner.upload.responses")
        )
        self.key_upload = upload_button(accept=".csv,.xlsx,.xls", description=t("learner.upload.key"))
        self.analyse_button = widgets.Button(
            description=t("learner.analyse"), button_style="primary", icon="play"
        )
        self.analyse_button.on_click(lambda _: self.analyse())
        self.message = widgets.HTML("")
        self.overview = widgets.VBox()
        self.items = widgets.VBox()
        self.rekey_item = widgets.Dropdown(
            description=t("learner.rekey.item"), style={"description_width": "initial"}
        )
        self.rekey_answer = widgets.Text(
            description=t("learner.rekey.answer"), layout=widgets.Layout(width="160px")
        )
        self.rekey_button = widgets.Button(description=t("learner.rekey.apply"), icon="refresh")
        self.rekey_button.on_click(lambda _: self.rekey())
        self.rekey_message = widgets.HTML("")
        self.topics = widgets.VBox()
        self.groups = widgets.VBox()
        self.context = widgets.Textarea(
            placeholder=t("learner.context"), layout=widgets.Layout(width="95%"), rows=3
        )
        self.context.observe(lambda _: self.quiz is not None and self.refresh_report(), names="value")
        self.report_preview = widgets.HTML("")
        self.export_button = widgets.Button(
            description=t("learner.export"), button_style="success", icon="download"
        )
        self.export_button.on_click(lambda _: self.export())
        self.export_message = widgets.HTML("")
        report = widgets.VBox([self.context, self.export_button, self.export_message, self.report_preview])
        self.survey: pd.DataFrame | None = None
        self.survey_source = widgets.RadioButtons(
            options=[(t("learner.survey.sample"), "sample"), (t("learner.survey.upload"), "upload")],
            value="sample",
            layout=widgets.Layout(width="auto"),
        )
        self.survey_upload = upload_button(accept=".csv,.xlsx,.xls", description=t("learner.survey.upload"))
        self.survey_button = widgets.Button(description=t("learner.survey.analyse"), icon="list")
        self.survey_button.on_click(lambda _: self.analyse_survey())
        self.survey_result = widgets.HTML("")
        survey = widgets.VBox(
            [self.survey_source, self.survey_upload, self.survey_button, self.survey_result]
        )
        self.tabs = widgets.Tab(
            children=[self.overview, self.items, self.topics, self.groups, survey, report],
            titles=[
                t(f"learner.tab.{key}")
                for key in ("overview", "items", "topics", "groups", "survey", "report")
            ],
        )
        super().__init__(
            [
                self.source,
                widgets.HBox([self.responses_upload, self.key_upload]),
                self.analyse_button,
                self.message,
                self.tabs,
            ]
        )
        self.add_class("workshop-learner-analysis")

    def load(self) -> QuizData:
        """The chosen data: the course sample, or the uploaded files."""
        if self.source.value == "sample":
            return load_quiz(sample_path("class_7a_quiz.csv"), sample_path("class_7a_quiz_key.csv"))
        with tempfile.TemporaryDirectory() as folder:
            responses = save_upload(self.responses_upload, Path(folder))
            if responses is None:
                raise InputError(t("learner.need_upload"))
            return load_quiz(responses, save_upload(self.key_upload, Path(folder)))

    def analyse(self) -> None:
        """Run the analysis and fill every tab; bad data gives a message, not a traceback."""
        try:
            self.quiz = self.load()
        except InputError as error:
            self.message.value = f"<div style='color:#c62828'>{html.escape(error.describe())}</div>"
            return
        self.message.value = self.rekey_message.value = ""
        self.render()

    def rekey(self) -> None:
        """Correct one item's key (after checking the option counts) and redo every tab."""
        if self.quiz is None or self.quiz.key is None or not self.rekey_item.value:
            return
        item, answer = self.rekey_item.value, self.rekey_answer.value.strip().upper()
        before, old = self.quiz.totals.mean(), self.quiz.key[item]
        try:
            self.quiz = self.quiz.with_key(item, answer)
        except ValueError as error:
            self.rekey_message.value = f"<span style='color:#c62828'>{html.escape(str(error))}</span>"
            return
        self.render()
        self.rekey_message.value = t(
            "learner.rekey.done",
            item=item,
            answer=answer,
            old=old,
            before=round(before, 2),
            after=round(self.quiz.totals.mean(), 2),
        )

    def render(self) -> None:
        """Fill every tab from the current data."""
        assert self.quiz is not None
        quiz = self.quiz
        summary = score_summary(quiz)
        shown = {
            name: f"{value:.1%}" if name == "及格率" else f"{value:g}" for name, value in summary.items()
        }
        cards = "".join(
            f"<div style='display:inline-block;margin:4px 12px 4px 0'><div style='color:#666'>{name}</div>"
            f"<div style='font-size:140%;font-weight:bold'>{value}</div></div>"
            for name, value in shown.items()
        )
        self.overview.children = [widgets.HTML(cards), widgets.Image(value=self._distribution_png(quiz))]
        items = item_analysis(quiz)
        self.items.children = [
            widgets.Image(value=self._items_png(items)),
            widgets.HTML(_frame_html(items.reset_index())),
        ]
        if quiz.key is not None:
            self.rekey_item.options = list(quiz.key.index)
            self.items.children += (
                widgets.HTML(
                    f"<b>{t('learner.options')}</b>" + _frame_html(quiz.option_counts().reset_index())
                ),
                widgets.HBox([self.rekey_item, self.rekey_answer, self.rekey_button]),
                self.rekey_message,
            )
        mastery = topic_mastery(quiz).mean().sort_values()
        self.topics.children = [widgets.Image(value=self._topics_png(mastery))]
        groups = need_groups(quiz)
        self.groups.children = [
            widgets.HTML(
                _frame_html(groups["分组"].value_counts().rename_axis("分组").reset_index(name="人数"))
            ),
            widgets.HTML(_frame_html(groups.drop(columns="需要关注")[groups["需要关注"]])),
        ]
        self.refresh_report()

    def analyse_survey(self) -> None:
        """Summarise the survey and, once the quiz is analysed, set it beside the scores."""
        try:
            if self.survey_source.value == "sample":
                self.survey = load_survey(sample_path("class_7a_survey.csv"))
            else:
                with tempfile.TemporaryDirectory() as folder:
                    path = save_upload(self.survey_upload, Path(folder))
                    if path is None:
                        raise InputError(t("learner.survey.need_upload"))
                    self.survey = load_survey(path)
        except InputError as error:
            self.survey_result.value = f"<div style='color:#c62828'>{html.escape(error.describe())}</div>"
            return
        parts = [_frame_html(survey_summary(self.survey))]
        if self.quiz is not None:
            parts.append(f"<b>{t('learner.survey.with_scores')}</b>")
            parts.append(_frame_html(survey_with_scores(self.survey, self.quiz.totals)))
            self.refresh_report()
        self.survey_result.value = "".join(parts)

    def report(self) -> str:
        if self.quiz is None:
            self.analyse()
        assert self.quiz is not None
        return report_markdown(self.quiz, context=self.context.value.strip(), survey=self.survey)

    def refresh_report(self) -> None:
        self.report_preview.value = markdown_to_html(self.report())

    def export(self) -> tuple[Path, Path]:
        md_path, doc_path = export_report(self.report())
        record_output("A1", "learner_analysis_report", md_path)
        self.export_message.value = html.escape(
            t("learner.exported", md=md_path.name, doc=doc_path.name)
        ) + download_links(md_path, doc_path)
        return md_path, doc_path

    @staticmethod
    def _distribution_png(quiz: QuizData) -> bytes:
        figure = new_figure(6, 3)
        axes = figure.subplots()
        axes.hist(quiz.totals, bins=10, range=(0, quiz.full_marks), color="#1565c0", edgecolor="white")
        axes.set_title(t("learner.chart.distribution"))
        axes.set_xlabel(t("learner.axis.score"))
        axes.set_ylabel(t("learner.axis.students"))
        return figure_png(figure)

    @staticmethod
    def _items_png(items: pd.DataFrame) -> bytes:
        figure = new_figure(8, 3.2)
        axes = figure.subplots()
        positions = range(len(items))
        axes.bar([p - 0.2 for p in positions], items["通过率P"], width=0.4, label="通过率 P", color="#1565c0")
        axes.bar([p + 0.2 for p in positions], items["区分度D"], width=0.4, label="区分度 D", color="#ef6c00")
        axes.axhline(0, color="black", linewidth=0.8)
        axes.set_xticks(list(positions), items.index, fontsize=8)
        axes.set_ylim(min(-0.3, float(items["区分度D"].min()) - 0.05), 1.05)
        axes.set_title(t("learner.chart.items"))
        axes.legend(loc="lower left", fontsize=8)
        return figure_png(figure)

    @staticmethod
    def _topics_png(mastery: pd.Series) -> bytes:
        figure = new_figure(6, 0.45 * len(mastery) + 1)
        axes = figure.subplots()
        axes.barh(
            mastery.index, mastery.values, color=["#c62828" if v < 0.5 else "#2e7d32" for v in mastery.values]
        )
        axes.set_xlim(0, 1)
        axes.set_title(t("learner.chart.topics"))
        return figure_png(figure)
