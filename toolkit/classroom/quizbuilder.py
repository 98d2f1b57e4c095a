"""Quizzes and practice (B1): write multiple-choice questions, export the key, score the answers.

``QuizDraft`` is the plain model: questions with a prompt, 2–6 options, the key
letter, a knowledge point and points; it exports the key in the course's
format (``题号,答案,知识点,分值``, as course/data/class_7a_quiz_key.csv) and the
paper as Markdown. ``score_responses`` marks an answer sheet (学号, 姓名, Q1 …)
against a key. ``QuizBuilder`` is the no-code widget around the draft.
"""

from __future__ import annotations

import csv
import html
import io
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from toolkit.atomic import write_text_atomic
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.tables import ColumnSpec, clean, read_table
from toolkit.work.outputs import download_links, markdown_to_html, outputs_dir, write_document
from toolkit.work.progress import progress_store, record_output

LETTERS = "ABCDEF"
DEFAULT_POINTS = 5  # points per question unless the teacher sets another value
MIN_OPTIONS, MAX_OPTIONS = 2, len(LETTERS)
ITEM, KEY, KNOWLEDGE, POINTS = "题号", "答案", "知识点", "分值"
KEY_COLUMNS = (ITEM, KEY, KNOWLEDGE, POINTS)
STUDENT, NAME = "学号", "姓名"
RIGHT, SCORE = "答对题数", "得分"
RATE, BLANK, TOP_WRONG, TOP_WRONG_COUNT, ITEMS = "正确率", "未作答", "错选最多", "错选人数", "题数"

_KEY_SPECS = (
    ColumnSpec("item", (ITEM, "item", "question"), required=True),
    ColumnSpec("key", (KEY, "key", "answer"), required=True),
    ColumnSpec("knowledge", (KNOWLEDGE, "knowledge_point", "topic")),
    ColumnSpec("points", (POINTS, "points", "score")),
)

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
        "quizbuilder.paper_summary": {
            "zh": "共 {count} 题，满分 {total} 分。每题只有一个正确答案。",
            "en": "{count} questions, {total} points. Each has one right answer.",
        },
        "quizbuilder.paper_points": {"zh": "（{points} 分）", "en": " ({points} pts)"},
        "quizbuilder.paper_key": {"zh": "参考答案", "en": "Key"},
        "quizbuilder.number": {"zh": "第 {number} 题：{problem}", "en": "question {number}: {problem}"},
        "quizbuilder.blank_prompt": {"zh": "题干还没有填写", "en": "the prompt is blank"},
        "quizbuilder.option_count": {
            "zh": "选项需要 {low}–{high} 个，现在有 {count} 个",
            "en": "give {low} to {high} options, not {count}",
        },
        "quizbuilder.option_gap": {
            "zh": "选项 {letter} 是空的，但后面还有选项；请按 A、B、C……连续填写",
            "en": "option {letter} is blank but later ones are not; fill options in order",
        },
        "quizbuilder.duplicate_option": {
            "zh": "选项 {first} 和 {second} 内容相同",
            "en": "options {first} and {second} are the same",
        },
        "quizbuilder.key_not_option": {
            "zh": "正确答案 {answer} 不在已填写的选项 {letters} 之中",
            "en": "the key {answer} is not one of the options {letters}",
        },
        "quizbuilder.blank_knowledge": {"zh": "知识点还没有填写", "en": "the knowledge point is blank"},
        "quizbuilder.bad_points": {
            "zh": "分值“{value}”应为大于 0 的数",
            "en": "points '{value}' must be a number above 0",
        },
        "quizbuilder.no_questions": {"zh": "测验还没有题目", "en": "the quiz has no questions"},
        "quizbuilder.bad_key": {
            "zh": "答案“{value}”应为 A–F 中的一个字母",
            "en": "key '{value}' must be one letter from A to F",
        },
        "quizbuilder.duplicate_item": {
            "zh": "题号“{value}”重复，第 {first} 行已经出现过",
            "en": "item '{value}' repeats row {first}",
        },
        "quizbuilder.missing_item": {
            "zh": "作答表中没有题目“{item}”这一列",
            "en": "the answer sheet has no column for item '{item}'",
        },
        "quizbuilder.missing_student": {
            "zh": "作答表缺少“学号”列",
            "en": "the answer sheet has no 学号 (student number) column",
        },
        "quizbuilder.key_columns": {
            "zh": "答案表缺少“{column}”列",
            "en": "the key has no '{column}' column",
        },
    }
)


def _number(value: float) -> int | float:
    """5.0 → 5, so integral points print without a decimal point."""
    return int(value) if float(value).is_integer() else float(value)


def _points_text(value: float) -> str:
    return str(_number(value))


@dataclass(frozen=True)
class Question:
    """One single-answer multiple-choice question."""

    prompt: str
    options: tuple[str, ...]
    key: str
    knowledge_point: str
    points: float = DEFAULT_POINTS

    @classmethod
    def create(
        cls,
        prompt: str,
        options: Sequence[str],
        key: str,
        knowledge_point: str,
        points: float = DEFAULT_POINTS,
    ) -> Question:
        """Build a question from form values: text trimmed, trailing blank options dropped.

        Raises InputError listing everything that is wrong with it.
        """
        cleaned = [clean(o) for o in options]
        while cleaned and not cleaned[-1]:
            cleaned.pop()
        if isinstance(points, numbers.Real) and not isinstance(points, bool) and points == points:
            points = _number(float(points))
        question = cls(
            clean(prompt), tuple(cleaned), clean(key or "").upper(), clean(knowledge_point), points
        )
        problems = question.problems()
        if problems:
            raise InputError("；".join(problems))
        return question

    @property
    def letters(self) -> str:
        return LETTERS[: len(self.options)]

    def problems(self) -> list[str]:
        """Everything that keeps this question from being used, in the teacher's words."""
        found = []
        if not self.prompt.strip():
            found.append(t("quizbuilder.blank_prompt"))
        count = len(self.options)
        if not MIN_OPTIONS <= count <= MAX_OPTIONS:
            found.append(t("quizbuilder.option_count", low=MIN_OPTIONS, high=MAX_OPTIONS, count=count))
        for letter, option in zip(LETTERS, self.options, strict=False):
            if not option.strip():
                found.append(t("quizbuilder.option_gap", letter=letter))
        seen: dict[str, str] = {}
        for letter, option in zip(LETTERS, self.options, strict=False):
            if option.strip() and option in seen:
                found.append(t("quizbuilder.duplicate_option", first=seen[option], second=letter))
            seen.setdefault(option, letter)
        if len(self.key) != 1 or self.key not in self.letters:
            letters = "、".join(self.letters) or "-"
            found.append(t("quizbuilder.key_not_option", answer=self.key or "-", letters=letters))
        if not self.knowledge_point.strip():
            found.append(t("quizbuilder.blank_knowledge"))
        if isinstance(self.points, bool) or not isinstance(self.points, numbers.Real) or not self.points > 0:
            found.append(t("quizbuilder.bad_points", value=self.points))
        return found


@dataclass
class QuizDraft:
    """A quiz being written: a title and numbered questions (Q1, Q2 … by position)."""

    title: str = "课堂小测"
    questions: list[Question] = field(default_factory=list)

    def add(
        self,
        prompt: str,
        options: Sequence[str],
        key: str,
        knowledge_point: str,
        points: float = DEFAULT_POINTS,
    ) -> Question:
        """Append a question; raises InputError (with every problem) when it is not usable."""
        question = Question.create(prompt, options, key, knowledge_point, points)
        self.questions.append(question)
        return question

    def remove(self, index: int) -> Question:
        """Remove and return the question at ``index`` (0-based: Q1 is 0)."""
        return self.questions.pop(index)

    def __len__(self) -> int:
        return len(self.questions)

    @property
    def total(self) -> int | float:
        return _number(sum(q.points for q in self.questions))

    def validate(self) -> list[str]:
        """Problems with the whole quiz, each naming its question; empty when it is ready."""
        if not self.questions:
            return [t("quizbuilder.no_questions")]
        return [
            t("quizbuilder.number", number=number, problem=problem)
            for number, question in enumerate(self.questions, start=1)
            for problem in question.problems()
        ]

    def key_frame(self) -> pd.DataFrame:
        """The key as a table with the columns 题号, 答案, 知识点, 分值."""
        rows = [
            (f"Q{n}", q.key, q.knowledge_point, _number(q.points))
            for n, q in enumerate(self.questions, start=1)
        ]
        frame = pd.DataFrame(rows, columns=list(KEY_COLUMNS))
        return frame.astype({ITEM: str, KEY: str, KNOWLEDGE: str})

    def write_key_csv(self, path: str | Path) -> Path:
        """Write the key in the layout of course/data/class_7a_quiz_key.csv (``题号,答案,知识点,分值``)."""
        problems = self.validate()
        if problems:
            raise InputError("；".join(problems))
        target = Path(path)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(KEY_COLUMNS)
        for number, q in enumerate(self.questions, start=1):
            writer.writerow([f"Q{number}", q.key, q.knowledge_point, _points_text(q.points)])
        write_text_atomic(target, "\ufeff" + buffer.getvalue())  # BOM: Excel then reads the Chinese
        return target

    def paper_markdown(self, *, with_key: bool = False) -> str:
        """The paper for students as Markdown (``with_key`` adds a key table for the teacher)."""
        lines = [
            f"# {self.title}",
            "",
            t("quizbuilder.paper_summary", count=len(self.questions), total=self.total),
            "",
        ]
        for number, q in enumerate(self.questions, start=1):
            points = t("quizbuilder.paper_points", points=_points_text(q.points))
            lines.append(f"**{number}.** {q.prompt}{points}")
            lines.append("")
            lines.extend(f"- {letter}. {option}" for letter, option in zip(LETTERS, q.options, strict=False))
            lines.append("")
        if with_key:
            lines += [f"## {t('quizbuilder.paper_key')}", "", "| " + " | ".join(KEY_COLUMNS) + " |"]
            lines.append("|---|---|---|---|")
            for row in self.key_frame().itertuples(index=False):
                lines.append("| " + " | ".join(str(v) for v in row) + " |")
            lines.append("")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "questions": [asdict(q) for q in self.questions]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> QuizDraft:
        questions = [
            Question(
                str(q["prompt"]),
                tuple(q["options"]),
                str(q["key"]),
                str(q["knowledge_point"]),
                q.get("points", 5),
            )
            for q in data.get("questions", [])
        ]
        return cls(str(data.get("title") or t("quizbuilder.default_title")), questions)


def read_key(path: str | Path) -> pd.DataFrame:
    """Read a key file (CSV, xlsx or xls with 题号, 答案 and optional 知识点, 分值).

    Returns the columns 题号, 答案, 知识点, 分值 (分值 1 when the file has none).
    Raises InputError naming the file, row and column of a bad value.
    """
    table = read_table(path, _KEY_SPECS)
    rows = []
    first_row: dict[str, int] = {}
    for number, values in table.rows:
        item = values["item"]
        if item in first_row:
            raise table.error(
                t("quizbuilder.duplicate_item", value=item, first=first_row[item]), row=number, key="item"
            )
        first_row[item] = number
        key = values["key"].upper()
        if len(key) != 1 or key not in LETTERS:
            raise table.error(t("quizbuilder.bad_key", value=values["key"]), row=number, key="key")
        raw_points = values.get("points", "") or "1"
        try:
            points = float(raw_points)
        except ValueError:
            points = float("nan")
        if not points > 0:
            raise table.error(t("quizbuilder.bad_points", value=raw_points), row=number, key="points")
        rows.append((item, key, values.get("knowledge", ""), _number(points)))
    frame = pd.DataFrame(rows, columns=list(KEY_COLUMNS))
    return frame.astype({ITEM: str, KEY: str, KNOWLEDGE: str})


@dataclass(frozen=True)
class QuizResults:
    """What ``score_responses`` finds.

    ``students``: per student (index 学号) 姓名 when given, 答对题数 and 得分.
    ``items``: per item (index 题号) 答案, 知识点, 分值, 正确率 (0–1, blank counts
    as wrong), 未作答, and the wrong option chosen most often with how many chose it.
    ``knowledge_points``: per 知识点 the number of items and the correct rate.
    """

    students: pd.DataFrame
    items: pd.DataFrame
    knowledge_points: pd.DataFrame
    max_score: int | float


def _answer(value: object) -> str:
    return "" if value is None or pd.isna(value) else clean(value).upper()


def score_responses(responses: pd.DataFrame, key: pd.DataFrame) -> QuizResults:
    """Mark an answer sheet (学号, optional 姓名, one column per 题号) against ``key``.

    A blank answer is wrong. Answers are compared ignoring case and spaces.
    Raises InputError naming a column the key needs but the sheet lacks.
    """
    for column in (ITEM, KEY):
        if column not in key.columns:
            raise InputError(t("quizbuilder.key_columns", column=column), column=column)
    if STUDENT not in responses.columns:
        raise InputError(t("quizbuilder.missing_student"), column=STUDENT)
    items = [clean(i) for i in key[ITEM]]
    for item in items:
        if item not in responses.columns:
            raise InputError(t("quizbuilder.missing_item", item=item), column=item)
    answers = [_answer(k) for k in key[KEY]]
    knowledge = [clean(k) for k in key[KNOWLEDGE]] if KNOWLEDGE in key.columns else [""] * len(items)
    points = [_number(float(p)) for p in key[POINTS]] if POINTS in key.columns else [1] * len(items)

    given = pd.DataFrame({item: responses[item].map(_answer) for item in items})
    right = pd.DataFrame({item: given[item] == answer for item, answer in zip(items, answers, strict=True)})
    ids = pd.Index([clean(s) for s in responses[STUDENT]], name=STUDENT, dtype=str)
    right.index = given.index = ids

    students = pd.DataFrame(index=ids)
    if NAME in responses.columns:
        students[NAME] = [clean(n) for n in responses[NAME]]
    students[RIGHT] = right.sum(axis=1).astype(int)
    score = (right * pd.Series(points, index=items, dtype=float)).sum(axis=1)
    students[SCORE] = score.astype(int) if all(isinstance(p, int) for p in points) else score

    wrong_top: list[str] = []
    wrong_count: list[int] = []
    for item, answer in zip(items, answers, strict=True):
        wrong = given[item][(given[item] != answer) & (given[item] != "")].value_counts()
        if wrong.empty:
            wrong_top.append("")
            wrong_count.append(0)
        else:
            # Ties go to the earlier letter, so the result does not depend on row order.
            most = int(wrong.max())
            wrong_top.append(sorted(wrong[wrong == most].index)[0])
            wrong_count.append(most)
    item_table = pd.DataFrame(
        {
            KEY: answers,
            KNOWLEDGE: knowledge,
            POINTS: points,
            RATE: [float(right[i].mean()) if len(right) else 0.0 for i in items],
            BLANK: [int((given[i] == "").sum()) for i in items],
            TOP_WRONG: wrong_top,
            TOP_WRONG_COUNT: wrong_count,
        },
        index=pd.Index(items, name=ITEM, dtype=str),
    )
    by_point = pd.DataFrame({KNOWLEDGE: knowledge, "right": right.sum(axis=0).to_numpy(), "n": 1})
    grouped = by_point.groupby(KNOWLEDGE, sort=False).sum()
    knowledge_table = pd.DataFrame(
        {
            ITEMS: grouped["n"].astype(int),
            RATE: grouped["right"] / (grouped["n"] * max(len(right), 1)),
        }
    )
    return QuizResults(students, item_table, knowledge_table, _number(sum(points)))


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
                f"{_points_text(q.points)}]</span>"
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
            points = t("quizbuilder.paper_points", points=_points_text(q.points))
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
                score=_number(score),
                total=self.draft.total,
            )
        )
        return right, _number(score)

    def _problems_html(self, problems: list[str]) -> str:
        items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
        return f"<div style='color:#c62828'><ul>{items}</ul></div>"

    def export_key(self) -> Path | None:
        """Write outputs/<code>_quiz_key.csv and return its path; None (problems shown) if not ready."""
        problems = self.draft.validate()
        if problems:
            self.message.value = self._problems_html(problems)
            return None
        path = self.draft.write_key_csv(outputs_dir() / f"{self.code}_quiz_key.csv")
        record_output(self.code, "quiz_key", path)
        self.message.value = html.escape(t("quizbuilder.exported_key", file=path.name)) + download_links(path)
        return path

    def export_paper(self) -> tuple[Path, Path] | None:
        """Write the paper as outputs/<code>_quiz_paper.md and a Word-compatible .doc."""
        problems = self.draft.validate()
        if problems:
            self.message.value = self._problems_html(problems)
            return None
        md_path, doc_path = write_document(
            f"{self.code}_quiz_paper", self.draft.paper_markdown(), title=self.draft.title
        )
        record_output(self.code, "quiz_paper", md_path)
        self.message.value = html.escape(
            t("quizbuilder.exported_paper", md=md_path.name, doc=doc_path.name)
        ) + download_links(md_path, doc_path)
        self.message.value += (
            "<div style='border-top:1px dashed #aaa;margin-top:6px;padding-top:6px'>"
            f"{markdown_to_html(self.draft.paper_markdown())}</div>"
        )
        return md_path, doc_path
