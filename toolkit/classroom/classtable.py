"""The class tables the classroom tools share: student lists, unit tests, homework, and CSV for Excel.

A class comes as pandas tables keyed by 学号 (course/data/class_7a_*.csv are the samples):
a student list (学号, 姓名, …, 作业完成率), a unit-test table (学号, 姓名, one score column per
unit), quiz answers. The tools check and read them the same way, so they do it here: column
checks that name the missing column, student numbers as clean text, names looked up across
tables, the unit-test scores and their trend, and tables written as CSV that Excel and WPS
open with the Chinese intact. Nothing here loads a widget or a plotting library.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.atomic import write_text_atomic
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.tables import clean

# The course's column names, as in its sample files and in every file the tools export.
STUDENT_ID = "学号"
NAME = "姓名"
HOMEWORK = "作业完成率"  # percent of homework handed in, 0–100

# Excel opens a UTF-8 CSV as Chinese only when the file starts with a byte-order mark.
BOM = "\ufeff"

add_messages(
    {
        "classtable.missing_column": {
            "zh": "表中没有“{column}”列。现有的列：{found}",
            "en": "there is no column '{column}'; the table has: {found}",
        },
        "classtable.missing_column_in": {
            "zh": "{table}缺少“{column}”列（需要的列：{needed}）",
            "en": "the {table} lacks column '{column}' (needed: {needed})",
        },
        "classtable.not_numeric": {
            "zh": "“{column}”列不是数值，无法参与计算",
            "en": "column '{column}' is not numeric and cannot be used in a calculation",
        },
        "classtable.no_students": {"zh": "名单中没有学生", "en": "the list has no students"},
        "classtable.no_units": {"zh": "单元成绩表里没有成绩列", "en": "the unit table has no score columns"},
    }
)


def require_columns(frame: pd.DataFrame, columns: Sequence[str | None], *, table: str | None = None) -> None:
    """Raise :class:`InputError` naming the first of ``columns`` (None entries skipped) that ``frame`` lacks.

    ``table`` (e.g. “测验答案表”) names the table in the message, for tools that take several.
    """
    for column in columns:
        if column is not None and column not in frame.columns:
            if table is None:
                found = "、".join(str(c) for c in frame.columns)
                message = t("classtable.missing_column", column=column, found=found)
            else:
                needed = "、".join(str(c) for c in columns if c is not None)
                message = t("classtable.missing_column_in", table=table, column=column, needed=needed)
            raise InputError(message, column=column)


def require_students(frame: pd.DataFrame) -> None:
    """Raise :class:`InputError` when the list has no rows."""
    if frame.empty:
        raise InputError(t("classtable.no_students"))


def student_ids(frame: pd.DataFrame, column: str = STUDENT_ID) -> pd.Series:
    """The ID column as clean text, so that 202507001 read as a number and " 202507001" match."""
    return frame[column].map(clean)


def by_student(frame: pd.DataFrame, column: str = STUDENT_ID) -> pd.DataFrame:
    """The table indexed by its clean student IDs (the ID column stays in it)."""
    return frame.set_axis(student_ids(frame, column), axis=0)


def names_by_id(*tables: pd.DataFrame) -> pd.Series:
    """学号 → 姓名 over the tables that have a 姓名 column; the first table naming a student wins."""
    found = [by_student(table)[NAME] for table in tables if NAME in table.columns]
    if not found:
        return pd.Series(dtype=str)
    names = pd.concat(found)
    return names[~names.index.duplicated()].astype(str)


def roster_names(roster: pd.DataFrame) -> dict[str, str]:
    """学号 → 姓名 of a class list, in list order; ValueError when a column is missing or an ID repeats.

    A roster is what a widget is built around, so a bad one is a programming error (ValueError),
    not a teacher's file to point into (InputError).
    """
    missing = [c for c in (STUDENT_ID, NAME) if c not in roster.columns]
    if missing:
        raise ValueError(f"the roster needs the columns 学号 and 姓名; missing {', '.join(missing)}")
    ids = list(student_ids(roster))
    if len(set(ids)) != len(ids):
        raise ValueError("the roster repeats a 学号")
    return dict(zip(ids, roster[NAME].map(clean), strict=True))


def numeric_column(frame: pd.DataFrame, column: str) -> pd.Series:
    """``frame[column]`` as numbers, a blank or unreadable cell as NaN.

    Raises :class:`InputError` when cells are filled but none is a number (a text column).
    """
    values = pd.to_numeric(frame[column], errors="coerce")
    if values.isna().all() and frame[column].notna().any():
        raise InputError(t("classtable.not_numeric", column=column), column=column)
    return values


def homework_rates(students: pd.DataFrame) -> pd.Series | None:
    """Each student's 作业完成率 (percent) by 学号, or None when the list has no such column."""
    if HOMEWORK not in students.columns:
        return None
    return pd.to_numeric(by_student(students)[HOMEWORK], errors="coerce")


def unit_columns(units: pd.DataFrame) -> list[str]:
    """The score columns of a unit-test table, in file order (everything but 学号 and 姓名)."""
    columns = [c for c in units.columns if c not in (STUDENT_ID, NAME)]
    if not columns:
        raise InputError(t("classtable.no_units"))
    return columns


def unit_scores(units: pd.DataFrame) -> pd.DataFrame:
    """The unit-test scores by 学号, one column per unit; a blank or text cell is NaN."""
    return by_student(units)[unit_columns(units)].apply(pd.to_numeric, errors="coerce")


def unit_trend(scores: Iterable[float | None] | pd.Series) -> float:
    """Least-squares slope of scores against 1, 2, 3 …: points gained (+) or lost (−) per unit.

    Missing scores are left out; with fewer than two scores the trend is NaN.
    """
    values = pd.to_numeric(pd.Series(list(scores), dtype=object), errors="coerce").to_numpy(dtype=float)
    positions = np.arange(1, len(values) + 1, dtype=float)
    known = ~np.isnan(values)
    if known.sum() < 2:
        return float("nan")
    x, y = positions[known], values[known]
    return float(((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum())


def write_csv(path: str | Path, frame: pd.DataFrame, *, index: bool = False) -> Path:
    """Write ``frame`` as a UTF-8 CSV with a byte-order mark (so Excel and WPS show the Chinese).

    The file is written whole or not at all; returns its path.
    """
    target = Path(path)
    write_text_atomic(target, BOM + frame.to_csv(index=index, lineterminator="\n"))
    return target


def file_name(text: str, fallback: str = "file") -> str:
    """``text`` made safe as (part of) a file name: runs of other characters become “_”."""
    return re.sub(r"[^\w.\-]+", "_", clean(text)).strip("._") or fallback


def tidy_number(value: float) -> int | float:
    """5.0 → 5, so that whole numbers print and save without a decimal point."""
    return int(value) if float(value).is_integer() else float(value)


def timestamp() -> str:
    """The local time to the second, as saved ratings and portfolio entries store it (2025-10-01T08:00:00)."""
    return dt.datetime.now().isoformat(timespec="seconds")
