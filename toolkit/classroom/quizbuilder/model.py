"""Quizzes and practice (B1): multiple-choice questions, the key in the course's format, scored answers.

``QuizDraft`` holds questions with a prompt, 2–6 options, the key letter, a
knowledge point and points; it checks them (each problem a :class:`Problem`)
and writes the key in the course's format (``题号,答案,知识点,分值``, as
course/data/class_7a_quiz_key.csv). ``score_responses`` marks an answer sheet
(学号, 姓名, Q1 …) against a key.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.classroom.classtable import NAME, STUDENT_ID, tidy_number, write_csv
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.tables import ColumnSpec, clean, read_table
from toolkit.work.outputs import outputs_dir
from toolkit.work.progress import record_output

LETTERS = "ABCDEF"
DEFAULT_POINTS = 5  # points per question unless the teacher sets another value
DEFAULT_TITLE = "课堂小测"
MIN_OPTIONS, MAX_OPTIONS = 2, len(LETTERS)
ITEM, KEY, KNOWLEDGE, POINTS = "题号", "答案", "知识点", "分值"
KEY_COLUMNS = (ITEM, KEY, KNOWLEDGE, POINTS)
STUDENT = STUDENT_ID
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


def points_text(value: float) -> str:
    """Points as written on the paper and in the key: 5, 2.5."""
    return str(tidy_number(value))


@dataclass(frozen=True)
class Problem:
    """One thing that keeps a question, or the quiz, from being used.

    ``key`` names it ("blank_prompt", "option_count", "option_gap", "duplicate_option",
    "key_not_option", "blank_knowledge", "bad_points", "no_questions"); ``values`` are
    the details (e.g. the option letter); ``question`` is the 1-based question number
    when a whole quiz was checked.
    """

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)
    question: int | None = None


def problem_text(problem: Problem) -> str:
    """The problem in the teacher's words (as in the error raised for it)."""
    values = dict(problem.values)
    if problem.key == "key_not_option":
        values["letters"] = "、".join(values["letters"]) or "-"
    text = t(f"quizbuilder.{problem.key}", **values)
    if problem.question is not None:
        return t("quizbuilder.number", number=problem.question, problem=text)
    return text


def _refuse(problems: Sequence[Problem]) -> InputError:
    return InputError("；".join(problem_text(p) for p in problems))


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
            points = tidy_number(float(points))
        question = cls(
            clean(prompt), tuple(cleaned), clean(key or "").upper(), clean(knowledge_point), points
        )
        problems = question.problems()
        if problems:
            raise _refuse(problems)
        return question

    @property
    def letters(self) -> str:
        return LETTERS[: len(self.options)]

    def problems(self) -> list[Problem]:
        """Everything that keeps this question from being used (empty when it is fine)."""
        found = []
        if not self.prompt.strip():
            found.append(Problem("blank_prompt"))
        count = len(self.options)
        if not MIN_OPTIONS <= count <= MAX_OPTIONS:
            found.append(Problem("option_count", {"low": MIN_OPTIONS, "high": MAX_OPTIONS, "count": count}))
        for letter, option in zip(LETTERS, self.options, strict=False):
            if not option.strip():
                found.append(Problem("option_gap", {"letter": letter}))
        seen: dict[str, str] = {}
        for letter, option in zip(LETTERS, self.options, strict=False):
            if option.strip() and option in seen:
                found.append(Problem("duplicate_option", {"first": seen[option], "second": letter}))
            seen.setdefault(option, letter)
        if len(self.key) != 1 or self.key not in self.letters:
            found.append(Problem("key_not_option", {"answer": self.key or "-", "letters": self.letters}))
        if not self.knowledge_point.strip():
            found.append(Problem("blank_knowledge"))
        if isinstance(self.points, bool) or not isinstance(self.points, numbers.Real) or not self.points > 0:
            found.append(Problem("bad_points", {"value": self.points}))
        return found


@dataclass
class QuizDraft:
    """A quiz being written: a title and numbered questions (Q1, Q2 … by position)."""

    title: str = DEFAULT_TITLE
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
        return tidy_number(sum(q.points for q in self.questions))

    def validate(self) -> list[Problem]:
        """Problems with the whole quiz, each with its question number; empty when it is ready."""
        if not self.questions:
            return [Problem("no_questions")]
        return [
            Problem(problem.key, problem.values, number)
            for number, question in enumerate(self.questions, start=1)
            for problem in question.problems()
        ]

    def key_frame(self) -> pd.DataFrame:
        """The key as a table with the columns 题号, 答案, 知识点, 分值."""
        rows = [
            (f"Q{n}", q.key, q.knowledge_point, tidy_number(q.points))
            for n, q in enumerate(self.questions, start=1)
        ]
        frame = pd.DataFrame(rows, columns=list(KEY_COLUMNS))
        return frame.astype({ITEM: str, KEY: str, KNOWLEDGE: str})

    def write_key_csv(self, path: str | Path) -> Path:
        """Write the key in the layout of course/data/class_7a_quiz_key.csv (``题号,答案,知识点,分值``)."""
        problems = self.validate()
        if problems:
            raise _refuse(problems)
        rows = [
            (f"Q{number}", q.key, q.knowledge_point, points_text(q.points))
            for number, q in enumerate(self.questions, start=1)
        ]
        return write_csv(path, pd.DataFrame(rows, columns=list(KEY_COLUMNS), dtype=str))

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
                q.get("points", DEFAULT_POINTS),
            )
            for q in data.get("questions", [])
        ]
        return cls(str(data.get("title") or DEFAULT_TITLE), questions)


def export_key(draft: QuizDraft, code: str) -> Path:
    """Write outputs/<code>_quiz_key.csv and note it in the teacher's progress (InputError if not ready)."""
    path = draft.write_key_csv(outputs_dir() / f"{code}_quiz_key.csv")
    record_output(code, "quiz_key", path)
    return path


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
        rows.append((item, key, values.get("knowledge", ""), tidy_number(points)))
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
    points = [tidy_number(float(p)) for p in key[POINTS]] if POINTS in key.columns else [1] * len(items)

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
    return QuizResults(students, item_table, knowledge_table, tidy_number(sum(points)))
