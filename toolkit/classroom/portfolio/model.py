"""Portfolio assessment (B10): each student's dated entries, and their growth over the unit tests.

``Portfolio`` holds one student's entries (作业、作品、测验、反思、获奖、其他),
each with a date, a title, a file or a link, the student's reflection, the
teacher's comment and tags. Entries are added, edited and archived, never
deleted: archiving only sets the entry's status. ``PortfolioStore`` keeps one
JSON file per student in a folder (atomic writes; a damaged file is renamed
``*.damaged-<stamp>.json`` and listed in ``damaged``), copies attached files
beside them and builds the growth view from the unit-test scores.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.atomic import free_path, write_atomic, write_text_atomic
from toolkit.classroom.classtable import file_name, student_ids, timestamp
from toolkit.i18n import add_messages, t
from toolkit.modules.data import load_sample
from toolkit.tables import clean
from toolkit.work.store import set_aside

KINDS: tuple[str, ...] = ("作业", "作品", "测验", "反思", "获奖", "其他")
ACTIVE, ARCHIVED = "active", "archived"
SAMPLE_UNITS = "class_7a_units.csv"
FILES = "files"
_FORMAT = 1

# Column names of the tables shown to teachers.
ID, DATE, KIND, TITLE, SELECTED, TAGS, SOURCE = "编号", "日期", "类型", "标题", "精选", "标签", "文件或链接"
REFLECTION, COMMENT, STATUS = "学生反思", "教师评语", "状态"
UNIT, SCORE, CLASS_MEAN, CHANGE, RELATED = "单元", "得分", "班级平均", "比上一单元", "相关档案"
_UNIT = re.compile(r"第\s*([0-9一二三四五六七八九十]+)\s*单元")
_CHINESE_DIGITS = {c: n for n, c in enumerate("一二三四五六七八九", start=1)}

add_messages(
    {
        "portfolio.blank_student": {"zh": "学号不能为空", "en": "the student number is blank"},
        "portfolio.blank_title": {"zh": "请填写条目标题", "en": "give the entry a title"},
        "portfolio.bad_kind": {
            "zh": "类型“{kind}”不在可选范围内（{known}）",
            "en": "kind '{kind}' is not one of {known}",
        },
        "portfolio.bad_date": {
            "zh": "日期“{value}”应写成 年-月-日，例如 2025-09-15",
            "en": "date '{value}' should be year-month-day, e.g. 2025-09-15",
        },
        "portfolio.unknown_entry": {"zh": "没有编号为“{id}”的条目", "en": "no entry numbered '{id}'"},
        "portfolio.bad_field": {"zh": "条目没有“{field}”这一项", "en": "entries have no field '{field}'"},
    }
)


# ---- entries ----------------------------------------------------------------------------------


def normalise_date(value: str | dt.date | None) -> str:
    """A date as ``YYYY-MM-DD`` (today for None); accepts 2025-9-5, 2025/09/05 and 2025.9.5."""
    if value is None:
        return dt.date.today().isoformat()
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = clean(value)
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    try:
        if not match:
            raise ValueError(text)
        return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        raise ValueError(t("portfolio.bad_date", value=text)) from None


def split_tags(value: str | Iterable[str]) -> tuple[str, ...]:
    """Tags from ``"第2单元、方程, 小组"`` (commas, 顿号, semicolons or spaces) or a list, without repeats."""
    parts = re.split(r"[,，、;；\s]+", value) if isinstance(value, str) else [clean(v) for v in value]
    return tuple(dict.fromkeys(p for p in (clean(x) for x in parts) if p))


@dataclass(frozen=True)
class Entry:
    """One piece of evidence in a portfolio. ``file`` is relative to the portfolio folder."""

    id: str
    date: str
    title: str
    kind: str = "作业"
    file: str = ""
    link: str = ""
    reflection: str = ""
    comment: str = ""
    tags: tuple[str, ...] = ()
    selected: bool = False
    status: str = ACTIVE
    created: str = ""
    updated: str = ""

    @property
    def archived(self) -> bool:
        return self.status == ARCHIVED

    def units(self) -> set[int]:
        """The unit numbers this entry is about, from 第N单元 in its title or tags."""
        found = set()
        for text in (self.title, *self.tags):
            for number in _UNIT.findall(text):
                found.add(int(number) if number.isdigit() else _chinese_number(number))
        return found

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["tags"] = list(self.tags)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entry:
        known = set(cls.__dataclass_fields__)
        values = {k: v for k, v in data.items() if k in known}
        values["tags"] = tuple(str(x) for x in values.get("tags") or ())
        values["selected"] = bool(values.get("selected", False))
        return cls(**values)


def _chinese_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CHINESE_DIGITS.get(text[1:], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return 10 * _CHINESE_DIGITS.get(tens, 0) + _CHINESE_DIGITS.get(ones, 0)
    return _CHINESE_DIGITS.get(text, 0)


_EDITABLE = ("date", "title", "kind", "file", "link", "reflection", "comment", "tags", "selected")


class Portfolio:
    """One student's portfolio: entries in the order they were added, none ever removed."""

    def __init__(self, student_id: str, name: str = "", entries: Iterable[Entry] = ()) -> None:
        self.student_id = clean(student_id)
        if not self.student_id:
            raise ValueError(t("portfolio.blank_student"))
        self.name = clean(name) or self.student_id
        self.entries: list[Entry] = list(entries)

    def __repr__(self) -> str:
        return f"Portfolio({self.student_id!r}, {self.name!r}, {len(self.entries)} entries)"

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def active(self) -> list[Entry]:
        """Entries in use, by date (then by number)."""
        return sorted((e for e in self.entries if not e.archived), key=lambda e: (e.date, e.id))

    def entry(self, entry_id: str) -> Entry:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(t("portfolio.unknown_entry", id=entry_id))

    def _next_id(self) -> str:
        numbers = [int(e.id[1:]) for e in self.entries if re.fullmatch(r"e\d+", e.id)]
        return f"e{max(numbers, default=0) + 1:03d}"

    @staticmethod
    def _checked(values: dict[str, Any]) -> dict[str, Any]:
        if "title" in values:
            values["title"] = clean(values["title"])
            if not values["title"]:
                raise ValueError(t("portfolio.blank_title"))
        if "kind" in values:
            values["kind"] = clean(values["kind"])
            if values["kind"] not in KINDS:
                raise ValueError(t("portfolio.bad_kind", kind=values["kind"], known="、".join(KINDS)))
        if "date" in values:
            values["date"] = normalise_date(values["date"])
        if "tags" in values:
            values["tags"] = split_tags(values["tags"])
        for key in ("file", "link", "reflection", "comment"):
            if key in values:
                values[key] = str(values[key] or "").strip()
        if "selected" in values:
            values["selected"] = bool(values["selected"])
        return values

    def add(
        self,
        title: str,
        kind: str = "作业",
        *,
        date: str | dt.date | None = None,
        file: str = "",
        link: str = "",
        reflection: str = "",
        comment: str = "",
        tags: str | Iterable[str] = (),
        selected: bool = False,
    ) -> Entry:
        """Add an entry (numbered e001, e002 …); ValueError for a blank title, unknown kind or bad date."""
        values = self._checked(
            {
                "title": title,
                "kind": kind,
                "date": date,
                "file": file,
                "link": link,
                "reflection": reflection,
                "comment": comment,
                "tags": tags,
                "selected": selected,
            }
        )
        now = timestamp()
        entry = Entry(id=self._next_id(), created=now, updated=now, **values)
        self.entries.append(entry)
        return entry

    def _replace(self, entry_id: str, **changes: Any) -> Entry:
        old = self.entry(entry_id)
        new = replace(old, updated=timestamp(), **changes)
        self.entries[self.entries.index(old)] = new
        return new

    def edit(self, entry_id: str, **changes: Any) -> Entry:
        """Change fields of an entry (date, title, kind, file, link, reflection, comment, tags, selected)."""
        for key in changes:
            if key not in _EDITABLE:
                raise ValueError(t("portfolio.bad_field", field=key))
        return self._replace(entry_id, **self._checked(dict(changes)))

    def archive(self, entry_id: str) -> Entry:
        """Take an entry out of the timeline; it stays in the portfolio (status ``archived``)."""
        return self._replace(entry_id, status=ARCHIVED)

    def restore(self, entry_id: str) -> Entry:
        return self._replace(entry_id, status=ACTIVE)

    def timeline(self, *, include_archived: bool = False) -> pd.DataFrame:
        """Entries by date: 编号, 日期, 类型, 标题, 精选, 标签, 文件或链接, 学生反思, 教师评语, 状态.

        状态 is the entry's status key, ``active`` or ``archived``.
        """
        chosen = self.entries if include_archived else [e for e in self.entries if not e.archived]
        rows = [
            [
                e.id,
                e.date,
                e.kind,
                e.title,
                "★" if e.selected else "",
                "、".join(e.tags),
                e.file or e.link,
                e.reflection,
                e.comment,
                e.status,
            ]
            for e in sorted(chosen, key=lambda e: (e.date, e.id))
        ]
        columns = [ID, DATE, KIND, TITLE, SELECTED, TAGS, SOURCE, REFLECTION, COMMENT, STATUS]
        return pd.DataFrame(rows, columns=columns, dtype=object)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": _FORMAT,
            "kind": "portfolio",
            "saved_at": timestamp(),
            "student_id": self.student_id,
            "name": self.name,
            "entries": [e.to_dict() for e in self.entries],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Portfolio:
        if data.get("kind") != "portfolio":
            raise ValueError("kind is not portfolio")
        entries = data["entries"]
        if not isinstance(entries, list):
            raise TypeError("entries is not a list")
        return cls(
            str(data["student_id"]), str(data.get("name") or ""), (Entry.from_dict(e) for e in entries)
        )


# ---- growth -----------------------------------------------------------------------------------


def numbered_unit_columns(units: pd.DataFrame) -> list[str]:
    """The score columns of a unit-test table that are named 第N单元, in table order."""
    return [c for c in units.columns if _UNIT.fullmatch(str(c))]


def growth_table(units: pd.DataFrame, student_id: str, entries: Iterable[Entry] = ()) -> pd.DataFrame:
    """One row per unit: 单元, 得分, 班级平均, 比上一单元, 相关档案 (titles of entries tagged with that unit).

    ``units`` is a table like class_7a_units.csv (学号, 姓名, 第1单元 … 第5单元).
    Empty when the student is not in it.
    """
    columns = numbered_unit_columns(units)
    row = units[student_ids(units) == clean(student_id)]
    if row.empty:
        return pd.DataFrame(columns=[UNIT, SCORE, CLASS_MEAN, CHANGE, RELATED])
    scores = row.iloc[0][columns].astype(float)
    means = units[columns].astype(float).mean().round(1)
    related: dict[int, list[str]] = {}
    for entry in entries:
        if not entry.archived:
            for number in entry.units():
                related.setdefault(number, []).append(entry.title)
    return pd.DataFrame(
        {
            UNIT: columns,
            SCORE: scores.values,
            CLASS_MEAN: means.values,
            CHANGE: scores.diff().values,
            RELATED: ["；".join(related.get(_unit_number(c), [])) for c in columns],
        }
    )


def _unit_number(column: str) -> int:
    number = _UNIT.fullmatch(column).group(1)  # type: ignore[union-attr]
    return int(number) if number.isdigit() else _chinese_number(number)


@dataclass(frozen=True)
class Growth:
    """The numbers a growth table comes down to: first and last unit, drops, the last against the class."""

    units: int
    first: float
    last: float
    drops: int  # units that scored below the unit before
    above_mean: float  # last unit minus the class mean of that unit (negative: below), one decimal

    @property
    def change(self) -> float:
        return self.last - self.first


def growth_figures(table: pd.DataFrame) -> Growth | None:
    """The figures of a :func:`growth_table`; None when it is empty (no scores for the student)."""
    if table.empty:
        return None
    last = float(table[SCORE].iloc[-1])
    return Growth(
        units=len(table),
        first=float(table[SCORE].iloc[0]),
        last=last,
        drops=int((table[CHANGE] < 0).sum()),
        above_mean=round(last - float(table[CLASS_MEAN].iloc[-1]), 1),
    )


# ---- the folder -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SetAside:
    """A portfolio file that could not be read, and the name it was kept under instead."""

    file: Path
    backup: Path


class PortfolioStore:
    """A folder of portfolios: ``<学号>.json`` per student, attached files under ``files/<学号>/``.

    ``damaged`` lists the files that could not be read and were set aside.
    ``units`` is the unit-test table for the growth view (the course sample by default).
    """

    def __init__(self, folder: str | Path, *, units: pd.DataFrame | None = None) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.damaged: list[SetAside] = []
        self._units = units

    @property
    def units(self) -> pd.DataFrame:
        if self._units is None:
            self._units = load_sample(SAMPLE_UNITS)
        return self._units

    def path(self, student_id: str) -> Path:
        return self.folder / f"{file_name(student_id)}.json"

    def students(self) -> list[str]:
        """学号 of every student with a portfolio file here."""
        found = []
        for file in sorted(self.folder.glob("*.json")):
            if ".damaged-" in file.name:
                continue
            try:
                found.append(str(json.loads(file.read_text(encoding="utf-8"))["student_id"]))
            except (ValueError, KeyError, TypeError):
                continue
        return found

    def load(self, student_id: str, name: str = "") -> Portfolio:
        """The student's portfolio (a new, empty one when there is no file yet).

        A file that cannot be read is renamed ``<学号>.damaged-<stamp>.json``, listed in
        ``damaged``, and an empty portfolio is returned.
        """
        file = self.path(student_id)
        if not file.exists():
            return Portfolio(student_id, name)
        try:
            portfolio = Portfolio.from_dict(json.loads(file.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError, AttributeError):
            self.damaged.append(SetAside(file, set_aside(file)))
            return Portfolio(student_id, name)
        if name and portfolio.name == portfolio.student_id:
            portfolio.name = clean(name)
        return portfolio

    def save(self, portfolio: Portfolio) -> Path:
        """Write the portfolio's file atomically (the old file is replaced only by a complete new one)."""
        file = self.path(portfolio.student_id)
        write_text_atomic(file, json.dumps(portfolio.to_dict(), ensure_ascii=False, indent=1))
        return file

    def attach(self, student_id: str, filename: str, content: bytes) -> str:
        """Copy a file into ``files/<学号>/`` (never over another); returns its path within the folder."""
        target_dir = self.folder / FILES / file_name(student_id)
        target_dir.mkdir(parents=True, exist_ok=True)
        target = free_path(target_dir, file_name(Path(filename).name))
        write_atomic(target, lambda partial: partial.write_bytes(content))
        return target.relative_to(self.folder).as_posix()

    def growth(self, student_id: str, portfolio: Portfolio | None = None) -> pd.DataFrame:
        """The growth view: unit scores with the class mean and the entries about each unit."""
        portfolio = portfolio or self.load(student_id)
        return growth_table(self.units, student_id, portfolio.entries)
