"""Read a class's quiz results: chosen letters plus an answer key, or item scores.

Accepted layouts (CSV in any common Chinese encoding, xlsx or xls):
- one row per student: an ID column (学号/工号/id), an optional name column
  (姓名/name), then one column per item;
- item cells are option letters (A–H, several letters for multiple choice),
  or numbers (points earned; 0/1 for right/wrong);
- letters need a key file with columns 题号, 答案, and optionally 知识点, 分值.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.tables import column_letter, read_rows

add_messages(
    {
        "learner.no_id": {
            "zh": "找不到学号列（表头应为 学号、工号 或 id）",
            "en": "no student ID column (header 学号, 工号 or id)",
        },
        "learner.no_items": {"zh": "表中没有题目列", "en": "the table has no item columns"},
        "learner.no_students": {"zh": "表中没有学生数据", "en": "the table has no student rows"},
        "learner.bad_cell": {
            "zh": "无法识别的作答“{value}”：应为选项字母（如 B 或 AC）或得分数字",
            "en": "unrecognised answer '{value}': expected option letters (B, AC) or a score",
        },
        "learner.mixed": {
            "zh": "同一张表里既有选项字母又有分数，请只用一种",
            "en": "the table mixes option letters and scores; use one kind",
        },
        "learner.need_key": {
            "zh": "作答是选项字母，需要同时提供答案文件（题号、答案）",
            "en": "answers are letters, so an answer key (题号, 答案) is needed too",
        },
        "learner.key_missing_item": {
            "zh": "答案文件里没有题目 {item}",
            "en": "the answer key has no entry for item {item}",
        },
        "learner.key_bad_points": {
            "zh": "分值“{value}”不是正数",
            "en": "points '{value}' is not a positive number",
        },
        "learner.duplicate_id": {
            "zh": "学号 {id} 重复（第一次出现在第 {first} 行）",
            "en": "student ID {id} appears twice (first in row {first})",
        },
    }
)

ID_HEADERS = {"学号", "工号", "id", "student_id", "编号"}
NAME_HEADERS = {"姓名", "name", "学生", "学生姓名"}
_LETTERS = re.compile(r"^[A-Ha-h]+$")


@dataclass
class QuizData:
    """Points earned per student and item, with each item's maximum and knowledge point."""

    scores: pd.DataFrame  # index: student id; columns: items
    names: pd.Series  # student id -> name ("" when the file has none)
    max_points: pd.Series  # item -> maximum points
    topics: pd.Series  # item -> knowledge point ("" when unknown)
    source: str
    choices: pd.DataFrame | None = None  # the letters chosen, when the file held letters
    key: pd.Series | None = None  # item -> right letters, when scored against a key

    def with_key(self, item: str, answer: str) -> QuizData:
        """The same answers re-scored after correcting the key of ``item`` (e.g. a mistyped key)."""
        if self.choices is None or self.key is None:
            raise ValueError("only letter answers scored against a key can be re-keyed")
        if item not in self.key.index or not _LETTERS.match(answer.strip()):
            raise ValueError(f"unknown item {item!r} or answer {answer!r}")
        key = self.key.copy()
        key[item] = _canonical(answer.strip())
        scores = self.scores.copy()
        scores[item] = (self.choices[item] == key[item]) * self.max_points[item]
        return QuizData(scores, self.names, self.max_points, self.topics, self.source, self.choices, key)

    def option_counts(self) -> pd.DataFrame:
        """How many students chose each option of each item (blank counted as 未答), with the key."""
        if self.choices is None or self.key is None:
            raise ValueError("option counts need letter answers")
        counts = (
            self.choices.replace("", "未答")
            .apply(lambda column: column.value_counts())
            .T.fillna(0)
            .astype(int)
        )
        counts = counts[sorted(counts.columns, key=lambda c: (c == "未答", c))]
        counts.insert(0, "答案", self.key.reindex(counts.index))
        counts.index.name = "题号"
        return counts

    @property
    def totals(self) -> pd.Series:
        return self.scores.sum(axis=1)

    @property
    def full_marks(self) -> float:
        return float(self.max_points.sum())


def _header_positions(file: Path, header: list[str]) -> tuple[int, int | None, list[int]]:
    lowered = [h.lower() for h in header]
    id_col = next((i for i, h in enumerate(lowered) if h in ID_HEADERS), None)
    if id_col is None:
        raise InputError(t("learner.no_id"), file=file, row=1)
    name_col = next((i for i, h in enumerate(lowered) if h in NAME_HEADERS), None)
    items = [i for i, h in enumerate(header) if h and i not in (id_col, name_col)]
    if not items:
        raise InputError(t("learner.no_items"), file=file, row=1)
    return id_col, name_col, items


def _read_key(path: Path) -> pd.DataFrame:
    rows = read_rows(path)
    if not rows:
        raise InputError(t("table.empty"), file=path)
    header = rows[0][1]
    wanted = {"item": ("题号", "item"), "answer": ("答案", "answer", "key"), "topic": ("知识点", "topic")}
    wanted["points"] = ("分值", "points", "满分")
    positions = {
        key: next((i for i, h in enumerate(header) if h.lower() in names), None)
        for key, names in wanted.items()
    }
    for key in ("item", "answer"):
        if positions[key] is None:
            raise InputError(
                t(
                    "table.missing_column",
                    column=wanted[key][0],
                    accepted=" / ".join(wanted[key]),
                    found="、".join(header),
                ),
                file=path,
                row=rows[0][0],
            )
    records = []
    for number, cells in rows[1:]:

        def cell(key: str, cells: list[str] = cells) -> str:
            index = positions[key]
            return cells[index] if index is not None and index < len(cells) else ""

        points_text = cell("points") or "1"
        try:
            points = float(points_text)
        except ValueError:
            points = -1.0
        if points <= 0:
            column = f"{header[positions['points'] or 0]} ({column_letter(positions['points'] or 0)})"
            raise InputError(
                t("learner.key_bad_points", value=points_text), file=path, row=number, column=column
            )
        answer = _canonical(cell("answer"))
        if not _LETTERS.match(answer):
            column = f"{header[positions['answer'] or 0]} ({column_letter(positions['answer'] or 0)})"
            raise InputError(t("learner.bad_cell", value=answer), file=path, row=number, column=column)
        records.append({"item": cell("item"), "answer": answer, "topic": cell("topic"), "points": points})
    return pd.DataFrame.from_records(records).set_index("item")


def load_quiz(responses: str | Path, key: str | Path | None = None) -> QuizData:
    """Read responses (and the key when they are letters) into points earned per item.

    Multiple-choice letters must match the key exactly to earn the points; a blank
    answer earns nothing. Raises InputError naming the file, row and column.
    """
    file = Path(responses)
    rows = read_rows(file)
    if not rows:
        raise InputError(t("table.empty"), file=file)
    header_row, header = rows[0]
    id_col, name_col, item_cols = _header_positions(file, header)
    if len(rows) < 2:
        raise InputError(t("learner.no_students"), file=file)

    kinds: set[str] = set()
    seen: dict[str, int] = {}
    raw: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for number, cells in rows[1:]:
        padded = cells + [""] * (len(header) - len(cells))
        student = padded[id_col]
        if not student:
            raise InputError(
                t("table.blank_required"),
                file=file,
                row=number,
                column=f"{header[id_col]} ({column_letter(id_col)})",
            )
        if student in seen:
            raise InputError(
                t("learner.duplicate_id", id=student, first=seen[student]), file=file, row=number
            )
        seen[student] = number
        names[student] = padded[name_col] if name_col is not None else ""
        values = []
        for index in item_cols:
            value = padded[index]
            if value:
                kind = "letters" if _LETTERS.match(value) else "number" if _is_number(value) else ""
                if not kind:
                    column = f"{header[index]} ({column_letter(index)})"
                    raise InputError(t("learner.bad_cell", value=value), file=file, row=number, column=column)
                kinds.add(kind)
            values.append(_canonical(value) if _LETTERS.match(value) else value)
        raw[student] = values
    if len(kinds) > 1:
        raise InputError(t("learner.mixed"), file=file)
    items = [header[i] for i in item_cols]
    table = pd.DataFrame.from_dict(raw, orient="index", columns=items)
    table.index.name = "student"

    if kinds == {"letters"}:
        if key is None:
            raise InputError(t("learner.need_key"), file=file)
        key_table = _read_key(Path(key))
        missing = [item for item in items if item not in key_table.index]
        if missing:
            raise InputError(t("learner.key_missing_item", item=missing[0]), file=Path(key))
        key_table = key_table.loc[items]
        scores = pd.DataFrame(
            {
                item: (table[item] == key_table.at[item, "answer"]) * key_table.at[item, "points"]
                for item in items
            }
        ).astype(float)
        max_points = key_table["points"].astype(float)
        topics = key_table["topic"].astype(str)
        choices, answers = table, key_table["answer"]
    else:
        scores = table.replace("", "0").astype(float)
        key_table = _read_key(Path(key)) if key is not None else None
        observed = scores.max().clip(lower=1.0)
        if key_table is not None:
            max_points = key_table["points"].reindex(items).fillna(observed).astype(float)
            topics = key_table["topic"].reindex(items).fillna("").astype(str)
        else:
            max_points, topics = observed, pd.Series("", index=items)
        choices, answers = None, None
    max_points.index.name = topics.index.name = "item"
    return QuizData(
        scores=scores,
        names=pd.Series(names),
        max_points=max_points,
        topics=topics,
        source=file.name,
        choices=choices,
        key=answers,
    )


def _canonical(letters: str) -> str:
    """Option letters in a fixed order, so that CA and AC are the same answer."""
    return "".join(sorted(set(letters.upper())))


def _is_number(value: str) -> bool:
    """A score: a number that is not negative."""
    try:
        return float(value) >= 0
    except ValueError:
        return False
