"""B1 quiz builder: write multiple-choice questions by filling in fields, try the quiz, export it."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

import ipywidgets as widgets

from toolkit.classroom.classtable import tidy_number
from toolkit.classroom.quizbuilder.model import (
    DEFAULT_POINTS,
    LETTERS,
    Problem,
    Question,
    QuizDraft,
    export_key,
    points_text,
    problem_text,
)
from toolkit.classroom.quizbuilder.report import export_paper, paper_markdown, points_label
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.work.outputs import download_links, markdown_to_html
from toolkit.work.progress import progress_store

add_messages(
    {
        "quizbuilder.title": {"zh": "选择题测验编制器", "en": "Multiple-choice quiz builder"},
        "quizbuilder.intro": {
            "zh": "逐题填写题干、选项、正确答案、知识点和分值，点“添加”。选项至少 2 个，不用的留空。"
            "写好后可以预览试做，再导出试卷和答案表。",
            "en": "Fill in the prompt, options, key, knowledge point and points, then click Add. "
            "Give at least 2 options and leave unused ones blank. Preview, then export.",
        },
        "quizbuilder.quiz_title": {"zh": "测验标题", "en": "Quiz title"},
        "quizbuilder.default_title": {"zh": "课堂小测", "en": "Class quiz"},
        "quizbuilder.prompt": {"zh": "题干", "en": "Prompt"},
        "quizbuilder.option": {"zh": "选项 {letter}", "en": "Option {letter}"},
        "quizbuilder.key": {"zh": "正确答案", "en": "Key"},
        "quizbuilder.knowledge_point": {"zh": "知识点", "en": "Knowledge point"},
        "quizbuilder.points": {"zh": "分值", "en": "Points"},
        "quizbuilder.add": {"zh": "添加", "en": "Add"},
        "quizbuilder.added": {"zh": "已添加第 {number} 题。", "en": "Question {number} added."},
        "quizbuilder.not_added": {"zh": "还不能添加：", "en": "Not added yet:"},
        "quizbuilder.remove": {"zh": "删除", "en": "Remove"},
        "quizbuilder.removed": {"zh": "已删除第 {number} 题。", "en": "Question {number} removed."},
        "quizbuilder.list": {
            "zh": "已添加 {count} 题，满分 {total} 分",
            "en": "{count} questions, {total} points in all",
        },
        "quizbuilder.empty": {"zh": "还没有题目。", "en": "No questions yet."},
        "quizbuilder.preview": {"zh": "预览并试做", "en": "Preview and try"},
        "quizbuilder.submit": {"zh": "交卷", "en": "Hand in"},
        "quizbuilder.right": {"zh": "正确", "en": "right"},
        "quizbuilder.wrong": {"zh": "错误，正确答案 {answer}", "en": "wrong; the key is {answer}"},
        "quizbuilder.blank": {"zh": "未作答，正确答案 {answer}", "en": "not answered; the key is {answer}"},
        "quizbuilder.result": {
            "zh": "答对 {right} / {count} 题，得 {score} / {total} 分",
            "en": "{right} of {count} right, {score} of {total} points",
        },
        "quizbuilder.export_key": {"zh": "导出答案表 CSV", "en": "Export key CSV"},
        "quizbuilder.export_paper": {"zh": "导出试卷", "en": "Export paper"},
        "quizbuilder.exported_key": {
            "zh": "已导出答案表到 outputs/{file}（可直接用于成绩统计）",
            "en": "Key exported to outputs/{file} (ready for scoring)",
        },
        "quizbuilder.exported_paper": {
            "zh": "已导出试卷到 outputs/{md}（Markdown）和 outputs/{doc}（可用 Word/WPS 打开）",
            "en": "Paper exported to outputs/{md} (Markdown) and outputs/{doc} (opens in Word/WPS)",
        },
    }
)


class QuizBuilder(widgets.VBox):
    """Write a multiple-choice quiz by filling in fields; preview it, export the paper and the key.

    The draft is saved to the teacher's progress file after every change.
    Exports go to outputs/<code>_quiz_key.csv and outputs/<code>_quiz_paper.md/.doc.
    """

    def __init__(self, code: str = "B1", *, title: str | None = None) -> None:
        self.code = code
        self.store = progress_store()
        self.key_name = f"quizbuilder:{code}"
        saved = self.store.get(self.key_name)
        self.draft = (
            QuizDraft.from_dict(saved) if saved else QuizDraft(title or t("quizbuilder.default_title"))
        )
        wide = widgets.Layout(width="95%")
        self.title_field = widgets.Text(
            value=self.draft.title, description=t("quizbuilder.quiz_title"), layout=wide
        )
        self.title_field.observe(lambda _: self._title_changed(), names="value")
        self.prompt = widgets.Textarea(placeholder=t("quizbuilder.prompt"), rows=3, layout=wide)
        self.option_fields = [
            widgets.Text(description=t("quizbuilder.option", letter=letter), layout=wide)
            for letter in LETTERS
        ]
        self.key_choice = widgets.Dropdown(options=list(LETTERS), value="A", description=t("quizbuilder.key"))
        self.knowledge_point = widgets.Text(description=t("quizbuilder.knowledge_point"))
        self.points = widgets.BoundedFloatText(
            value=5, min=0, max=100, step=1, description=t("quizbuilder.points")
        )
        self.add_button = widgets.Button(
            description=t("quizbuilder.add"), icon="plus", button_style="primary"
        )
        self.add_button.on_click(lambda _: self.add())
        self.message = widgets.HTML("")
        self.listing = widgets.VBox([])
        self.remove_buttons: list[widgets.Button] = []
        self.preview_button = widgets.Button(description=t("quizbuilder.preview"), icon="eye")
        self.export_key_button = widgets.Button(
            description=t("quizbuilder.export_key"), icon="download", button_style="success"
        )
        self.export_paper_button = widgets.Button(
            description=t("quizbuilder.export_paper"), icon="file", button_style="success"
        )
        self.preview_button.on_click(lambda _: self.show_preview())
        self.export_key_button.on_click(lambda _: self.export_key())
        self.export_paper_button.on_click(lambda _: self.export_paper())
        self.preview = widgets.VBox([])
        self.answer_controls: list[widgets.RadioButtons] = []
        self.submit_button = widgets.Button(description=t("quizbuilder.submit"), icon="check")
        self.submit_button.on_click(lambda _: self.mark_preview())
        self.preview_feedback: list[widgets.HTML] = []
        self.preview_result = widgets.HTML("")
        intro = html.escape(t("quizbuilder.intro"))
        super().__init__(
            [
                widgets.HTML(f"<h4>{t('quizbuilder.title')}</h4><div style='color:#555'>{intro}</div>"),
                self.title_field,
                widgets.HTML(f"<b>{t('quizbuilder.prompt')}</b>"),
                self.prompt,
                *self.option_fields,
                widgets.HBox(
                    [self.key_choice, self.knowledge_point, self.points],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self.add_button,
                self.message,
                self.listing,
                widgets.HBox([self.preview_button, self.export_key_button, self.export_paper_button]),
                self.preview,
            ],
            layout=widgets.Layout(border="1px solid #ddd", padding="8px"),
        )
        self.add_class("workshop-quiz-builder")
        self._show_list()

    def _save(self) -> None:
        self.store.set(self.key_name, self.draft.to_dict())

    def _title_changed(self) -> None:
        self.draft.title = self.title_field.value.strip() or t("quizbuilder.default_title")
        self._save()

    def fill(
        self,
        prompt: str,
        options: Sequence[str],
        key: str,
        knowledge_point: str = "",
        points: float = DEFAULT_POINTS,
    ) -> None:
        """Type a question into the fields as a teacher would (used by tests and examples)."""
        self.prompt.value = prompt
        for index, box in enumerate(self.option_fields):
            box.value = options[index] if index < len(options) else ""
        self.key_choice.value = key
        if knowledge_point:
            self.knowledge_point.value = knowledge_point
        self.points.value = points

    def add(self) -> Question | None:
        """Add the question in the fields (what 添加 does); shows the problems instead when there are any."""
        try:
            question = self.draft.add(
                self.prompt.value,
                [box.value for box in self.option_fields],
                self.key_choice.value,
                self.knowledge_point.value,
                self.points.value,
            )
        except InputError as error:
            items = "".join(f"<li>{html.escape(p)}</li>" for p in error.message.split("；"))
            self.message.value = (
                f"<div style='color:#c62828'>{t('quizbuilder.not_added')}<ul>{items}</ul></div>"
            )
            return None
        self._save()
        # The next question often shares the knowledge point and the points, so those stay.
        self.prompt.value = ""
        for box in self.option_fields:
            box.value = ""
        self.key_choice.value = "A"
        self.message.value = (
            f"<span style='color:#2e7d32'>✔ {t('quizbuilder.added', number=len(self.draft))}</span>"
        )
        self._show_list()
        return question

    def remove(self, index: int) -> Question:
        """Remove question ``index`` (0-based), as its 删除 button does."""
        question = self.draft.remove(index)
        self._save()
        self.message.value = t("quizbuilder.removed", number=index + 1)
        self._show_list()
        return question

    def _show_list(self) -> None:
        rows: list[widgets.Widget] = []
        self.remove_buttons = []
        for index, q in enumerate(self.draft.questions):
            options = "　".join(
                f"<b>{letter}</b>. {html.escape(o)}" if letter == q.key else f"{letter}. {html.escape(o)}"
                for letter, o in zip(LETTERS, q.options, strict=False)
            )
            text = widgets.HTML(
                f"<b>Q{index + 1}</b> {html.escape(q.prompt)} "
                f"<span style='color:#666'>[{html.escape(q.knowledge_point)} · "
                f"{points_text(q.points)}]</span>"
                f"<br><span style='font-size:90%'>{options} → {q.key}</span>",
                layout=widgets.Layout(width="80%"),
            )
            button = widgets.Button(
                description=t("quizbuilder.remove"), icon="times", layout=widgets.Layout(width="90px")
            )
            button.on_click(lambda _, i=index: self.remove(i))
            self.remove_buttons.append(button)
            rows.append(widgets.HBox([text, button], layout=widgets.Layout(border_bottom="1px solid #eee")))
        if self.draft.questions:
            head = t("quizbuilder.list", count=len(self.draft), total=self.draft.total)
        else:
            head = t("quizbuilder.empty")
        self.listing.children = [widgets.HTML(f"<b>{html.escape(head)}</b>"), *rows]

    def show_preview(self) -> None:
        """Show the quiz as a student would take it, with a 交卷 button that marks it."""
        self.answer_controls = []
        self.preview_feedback = []
        blocks: list[widgets.Widget] = [widgets.HTML(f"<h4>{html.escape(self.draft.title)}</h4>")]
        for number, q in enumerate(self.draft.questions, start=1):
            control = widgets.RadioButtons(
                options=[(f"{letter}. {o}", letter) for letter, o in zip(LETTERS, q.options, strict=False)],
                value=None,
                layout=widgets.Layout(width="auto"),
            )
            feedback = widgets.HTML("")
            self.answer_controls.append(control)
            self.preview_feedback.append(feedback)
            points = points_label(q.points)
            blocks += [widgets.HTML(f"<b>{number}.</b> {html.escape(q.prompt)}{points}"), control, feedback]
        if not self.draft.questions:
            blocks.append(widgets.HTML(t("quizbuilder.empty")))
        else:
            self.preview_result.value = ""
            blocks += [self.submit_button, self.preview_result]
        self.preview.children = blocks

    def mark_preview(self) -> tuple[int, int | float]:
        """Mark the preview answers; returns (questions right, points scored)."""
        right, score = 0, 0.0
        for q, control, feedback in zip(
            self.draft.questions, self.answer_controls, self.preview_feedback, strict=False
        ):
            if control.value == q.key:
                right += 1
                score += q.points
                feedback.value = f"<span style='color:#2e7d32'>✔ {t('quizbuilder.right')}</span>"
            elif control.value is None:
                feedback.value = f"<span style='color:#999'>○ {t('quizbuilder.blank', answer=q.key)}</span>"
            else:
                feedback.value = (
                    f"<span style='color:#c62828'>✘ {t('quizbuilder.wrong', answer=q.key)}</span>"
                )
        self.preview_result.value = "<b>{}</b>".format(
            t(
                "quizbuilder.result",
                right=right,
                count=len(self.draft),
                score=tidy_number(score),
                total=self.draft.total,
            )
        )
        return right, tidy_number(score)

    def _problems_html(self, problems: list[Problem]) -> str:
        items = "".join(f"<li>{html.escape(problem_text(p))}</li>" for p in problems)
        return f"<div style='color:#c62828'><ul>{items}</ul></div>"

    def export_key(self) -> Path | None:
        """Write outputs/<code>_quiz_key.csv and return its path; None (problems shown) if not ready."""
        problems = self.draft.validate()
        if problems:
            self.message.value = self._problems_html(problems)
            return None
        path = export_key(self.draft, self.code)
        self.message.value = html.escape(t("quizbuilder.exported_key", file=path.name)) + download_links(path)
        return path

    def export_paper(self) -> tuple[Path, Path] | None:
        """Write the paper as outputs/<code>_quiz_paper.md and a Word-compatible .doc."""
        problems = self.draft.validate()
        if problems:
            self.message.value = self._problems_html(problems)
            return None
        md_path, doc_path = export_paper(self.draft, self.code)
        self.message.value = html.escape(
            t("quizbuilder.exported_paper", md=md_path.name, doc=doc_path.name)
        ) + download_links(md_path, doc_path)
        self.message.value += (
            "<div style='border-top:1px dashed #aaa;margin-top:6px;padding-top:6px'>"
            f"{markdown_to_html(paper_markdown(self.draft))}</div>"
        )
        return md_path, doc_path
