"""Portfolio assessment (B10): each student's dated entries, growth over the unit tests, a summary document.

``Portfolio`` holds one student's entries (作业、作品、测验、反思、获奖、其他),
each with a date, a title, a file or a link, the student's reflection, the
teacher's comment and tags. Entries are added, edited and archived, never
deleted: archiving only sets the entry's status. ``PortfolioStore`` keeps one
JSON file per student in a folder (atomic writes; a damaged file is renamed
``*.damaged-<stamp>.json`` and reported), copies attached files beside them,
builds the growth view from the unit-test scores and exports a summary
document. ``PortfolioBuilder`` is the no-code widget.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from toolkit.atomic import write_atomic, write_text_atomic
from toolkit.i18n import add_messages, t
from toolkit.plotting import figure_png, new_figure
from toolkit.tables import clean
from toolkit.work.outputs import download_links, markdown_cell, outputs_dir, write_document
from toolkit.work.progress import record_output
from toolkit.work.store import set_aside

KINDS: tuple[str, ...] = ("作业", "作品", "测验", "反思", "获奖", "其他")
ACTIVE, ARCHIVED = "active", "archived"
SAMPLE_ROSTER = "class_7a_students.csv"
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
        "portfolio.damaged": {
            "zh": "{file} 已损坏，已改名保存为 {backup}（没有删除），该学生的档案袋从空白开始。",
            "en": "{file} was damaged; kept as {backup} (not deleted); this portfolio starts blank.",
        },
        "portfolio.status.active": {"zh": "在用", "en": "active"},
        "portfolio.status.archived": {"zh": "已归档", "en": "archived"},
        "portfolio.title": {"zh": "成长档案袋", "en": "Portfolio builder"},
        "portfolio.intro": {
            "zh": "选择学生 → 在“记录条目”页填写一条（可附文件或链接）并保存 → 在“时间线”页查看和归档 → "
            "在“成长”页对照五个单元的测验成绩 → 导出档案袋小结。条目只归档、不删除。",
            "en": "Pick a student → record an entry (with a file or link) → see and archive it on the "
            "timeline → compare with the five unit tests → export a summary. Entries are archived, "
            "never deleted.",
        },
        "portfolio.where": {
            "zh": "档案袋保存在 {folder}（每位学生一个文件）",
            "en": "Portfolios are kept in {folder} (one file per student)",
        },
        "portfolio.student": {"zh": "学生", "en": "Student"},
        "portfolio.tab.entry": {"zh": "记录条目", "en": "Entry"},
        "portfolio.tab.timeline": {"zh": "时间线", "en": "Timeline"},
        "portfolio.tab.growth": {"zh": "成长", "en": "Growth"},
        "portfolio.tab.export": {"zh": "导出", "en": "Export"},
        "portfolio.field.date": {"zh": "日期", "en": "Date"},
        "portfolio.field.title": {"zh": "标题", "en": "Title"},
        "portfolio.field.kind": {"zh": "类型", "en": "Kind"},
        "portfolio.field.link": {"zh": "链接", "en": "Link"},
        "portfolio.field.tags": {"zh": "标签", "en": "Tags"},
        "portfolio.field.tags_hint": {
            "zh": "用逗号或顿号分隔，例如：第2单元、方程",
            "en": "separate with commas, e.g. unit 2, equations",
        },
        "portfolio.field.selected": {"zh": "列为精选作品", "en": "Selected work"},
        "portfolio.field.reflection": {"zh": "学生反思", "en": "Student reflection"},
        "portfolio.field.comment": {"zh": "教师评语", "en": "Teacher comment"},
        "portfolio.upload": {"zh": "附加文件", "en": "Attach a file"},
        "portfolio.save": {"zh": "保存条目", "en": "Save entry"},
        "portfolio.new": {"zh": "清空表单（新条目）", "en": "Clear form (new entry)"},
        "portfolio.added": {
            "zh": "已为 {name} 保存条目 {id}“{title}”（在用 {count} 条）",
            "en": "Saved entry {id} '{title}' for {name} ({count} active)",
        },
        "portfolio.edited": {"zh": "已修改条目 {id}“{title}”", "en": "Entry {id} '{title}' updated"},
        "portfolio.editing": {
            "zh": "正在修改条目 {id}；点“保存条目”保存修改，点“清空表单”改为新建。",
            "en": "Editing entry {id}; 'Save entry' saves the changes, 'Clear form' starts a new one.",
        },
        "portfolio.pick_entry": {"zh": "条目", "en": "Entry"},
        "portfolio.load_entry": {"zh": "载入修改", "en": "Edit"},
        "portfolio.archive": {"zh": "归档", "en": "Archive"},
        "portfolio.restore": {"zh": "恢复", "en": "Restore"},
        "portfolio.archived": {
            "zh": "已归档条目 {id}“{title}”：它仍保存在档案袋中，可随时恢复。",
            "en": "Archived entry {id} '{title}': it stays in the portfolio and can be restored.",
        },
        "portfolio.restored": {"zh": "已恢复条目 {id}“{title}”", "en": "Restored entry {id} '{title}'"},
        "portfolio.show_archived": {"zh": "显示已归档的条目", "en": "Show archived entries"},
        "portfolio.empty": {"zh": "还没有条目。", "en": "No entries yet."},
        "portfolio.no_scores": {
            "zh": "成绩表中没有这位学生的单元测验成绩。",
            "en": "The score table has no unit-test scores for this student.",
        },
        "portfolio.chart.title": {"zh": "{name} 的单元测验成绩", "en": "Unit tests of {name}"},
        "portfolio.chart.score": {"zh": "得分", "en": "Score"},
        "portfolio.chart.mean": {"zh": "班级平均", "en": "Class mean"},
        "portfolio.chart.entries": {"zh": "有相关档案", "en": "Has entries"},
        "portfolio.growth.summary": {
            "zh": "{count} 个单元从 {first:g} 分到 {last:g} 分（{direction}）；"
            "比上一单元下降的有 {drops} 次；最后一个单元比班级平均{relation} {distance:g} 分。",
            "en": "From {first:g} to {last:g} over {count} units ({direction}); {drops} drops from the unit "
            "before; the last unit is {distance:g} points {relation} the class mean.",
        },
        "portfolio.growth.up": {"zh": "上升 {n:g} 分", "en": "up {n:g}"},
        "portfolio.growth.down": {"zh": "下降 {n:g} 分", "en": "down {n:g}"},
        "portfolio.growth.flat": {"zh": "持平", "en": "flat"},
        "portfolio.growth.above": {"zh": "高", "en": "above"},
        "portfolio.growth.below": {"zh": "低", "en": "below"},
        "portfolio.export": {"zh": "导出档案袋小结", "en": "Export portfolio summary"},
        "portfolio.exported": {
            "zh": "已导出到 outputs：{files}（.doc 可用 Word/WPS 打开）",
            "en": "Exported to outputs: {files} (.doc opens in Word/WPS)",
        },
        "portfolio.doc.title": {"zh": "{name} 成长档案袋小结", "en": "Portfolio summary: {name}"},
    }
)


# ---- entries ----------------------------------------------------------------------------------


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


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
        now = _now()
        entry = Entry(id=self._next_id(), created=now, updated=now, **values)
        self.entries.append(entry)
        return entry

    def _replace(self, entry_id: str, **changes: Any) -> Entry:
        old = self.entry(entry_id)
        new = replace(old, updated=_now(), **changes)
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
        """Entries by date: 编号, 日期, 类型, 标题, 精选, 标签, 文件或链接, 学生反思, 教师评语, 状态."""
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
                t(f"portfolio.status.{e.status}"),
            ]
            for e in sorted(chosen, key=lambda e: (e.date, e.id))
        ]
        columns = [ID, DATE, KIND, TITLE, SELECTED, TAGS, SOURCE, REFLECTION, COMMENT, STATUS]
        return pd.DataFrame(rows, columns=columns, dtype=object)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": _FORMAT,
            "kind": "portfolio",
            "saved_at": _now(),
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


def unit_columns(units: pd.DataFrame) -> list[str]:
    """The score columns of a unit-test table: those named 第N单元, in table order."""
    return [c for c in units.columns if _UNIT.fullmatch(str(c))]


def growth_table(units: pd.DataFrame, student_id: str, entries: Iterable[Entry] = ()) -> pd.DataFrame:
    """One row per unit: 单元, 得分, 班级平均, 比上一单元, 相关档案 (titles of entries tagged with that unit).

    ``units`` is a table like class_7a_units.csv (学号, 姓名, 第1单元 … 第5单元).
    Empty when the student is not in it.
    """
    columns = unit_columns(units)
    ids = units["学号"].astype(str).map(clean)
    row = units[ids == clean(student_id)]
    if row.empty:
        return pd.DataFrame(columns=[UNIT, SCORE, CLASS_MEAN, CHANGE, RELATED])
    scores = row.iloc[0][columns].astype(float)
    means = units[columns].astype(float).mean().round(1)
    related: dict[int, list[str]] = {}
    for entry in entries:
        if not entry.archived:
            for number in entry.units():
                related.setdefault(number, []).append(entry.title)
    frame = pd.DataFrame(
        {
            UNIT: columns,
            SCORE: scores.values,
            CLASS_MEAN: means.values,
            CHANGE: scores.diff().values,
            RELATED: ["；".join(related.get(_unit_number(c), [])) for c in columns],
        }
    )
    return frame


def _unit_number(column: str) -> int:
    number = _UNIT.fullmatch(column).group(1)  # type: ignore[union-attr]
    return int(number) if number.isdigit() else _chinese_number(number)


def growth_summary(table: pd.DataFrame) -> str:
    """One plain sentence on a growth table: first → last, drops, last unit against the class mean."""
    if table.empty:
        return t("portfolio.no_scores")
    first, last = float(table[SCORE].iloc[0]), float(table[SCORE].iloc[-1])
    change = last - first
    if change > 0:
        direction = t("portfolio.growth.up", n=change)
    elif change < 0:
        direction = t("portfolio.growth.down", n=-change)
    else:
        direction = t("portfolio.growth.flat")
    distance = round(last - float(table[CLASS_MEAN].iloc[-1]), 1)
    return t(
        "portfolio.growth.summary",
        count=len(table),
        first=first,
        last=last,
        direction=direction,
        drops=int((table[CHANGE] < 0).sum()),
        relation=t("portfolio.growth.above" if distance >= 0 else "portfolio.growth.below"),
        distance=abs(distance),
    )


def growth_chart_png(table: pd.DataFrame, name: str) -> bytes:
    """The student's unit scores as a line, the class mean dashed, units with entries marked; PNG bytes."""
    figure = new_figure(5.6, 3.2)
    axes = figure.subplots()
    if not table.empty:
        positions = list(range(len(table)))
        axes.plot(positions, table[SCORE], marker="o", color="#4c78a8", label=t("portfolio.chart.score"))
        for x, y in zip(positions, table[SCORE], strict=True):
            axes.annotate(
                f"{y:g}", (x, y), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=8
            )
        axes.plot(
            positions,
            table[CLASS_MEAN],
            linestyle="--",
            color="#999999",
            label=t("portfolio.chart.mean"),
        )
        marked = [(x, y) for x, y, r in zip(positions, table[SCORE], table[RELATED], strict=True) if r]
        if marked:
            axes.scatter(
                [x for x, _ in marked],
                [y for _, y in marked],
                s=160,
                facecolors="none",
                edgecolors="#f58518",
                linewidths=2,
                zorder=3,
                label=t("portfolio.chart.entries"),
            )
        axes.set_xticks(positions, list(table[UNIT]))
        axes.legend(loc="lower left", fontsize=8)
    axes.set_ylim(0, 105)
    axes.set_ylabel(t("portfolio.chart.score"))
    axes.set_title(t("portfolio.chart.title", name=name))
    return figure_png(figure, dpi=90)


# ---- the folder -------------------------------------------------------------------------------


def _safe_name(text: str) -> str:
    return re.sub(r"[^\w.\-]+", "_", clean(text)).strip("._") or "file"


class PortfolioStore:
    """A folder of portfolios: ``<学号>.json`` per student, attached files under ``files/<学号>/``.

    ``notices`` collects the messages about damaged files that were set aside.
    ``units`` is the unit-test table for the growth view (the course sample by default).
    """

    def __init__(self, folder: str | Path, *, units: pd.DataFrame | None = None) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.notices: list[str] = []
        self._units = units

    @property
    def units(self) -> pd.DataFrame:
        if self._units is None:
            from toolkit.modules.data import load_sample

            self._units = load_sample(SAMPLE_UNITS)
        return self._units

    def path(self, student_id: str) -> Path:
        return self.folder / f"{_safe_name(student_id)}.json"

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

        A file that cannot be read is renamed ``<学号>.damaged-<stamp>.json``, a
        notice is added to ``notices``, and an empty portfolio is returned.
        """
        file = self.path(student_id)
        if not file.exists():
            return Portfolio(student_id, name)
        try:
            portfolio = Portfolio.from_dict(json.loads(file.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError, AttributeError):
            backup = set_aside(file)
            self.notices.append(t("portfolio.damaged", file=file.name, backup=backup.name))
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
        target_dir = self.folder / FILES / _safe_name(student_id)
        target_dir.mkdir(parents=True, exist_ok=True)
        name = _safe_name(Path(filename).name)
        stem, suffix = Path(name).stem, Path(name).suffix
        target = target_dir / name
        number = 1
        while target.exists():
            number += 1
            target = target_dir / f"{stem}-{number}{suffix}"
        write_atomic(target, lambda partial: partial.write_bytes(content))
        return target.relative_to(self.folder).as_posix()

    def growth(self, student_id: str, portfolio: Portfolio | None = None) -> pd.DataFrame:
        """The growth view: unit scores with the class mean and the entries about each unit."""
        portfolio = portfolio or self.load(student_id)
        return growth_table(self.units, student_id, portfolio.entries)

    def markdown(self, student_id: str, portfolio: Portfolio | None = None) -> str:
        """The portfolio summary: timeline, selected works, reflections and growth."""
        portfolio = portfolio or self.load(student_id)
        active = portfolio.active
        archived = len(portfolio) - len(active)
        title = t("portfolio.doc.title", name=portfolio.name)
        lines = [
            f"# {title}",
            "",
            f"- 学生：{portfolio.name}（学号 {portfolio.student_id}）",
            f"- 在用条目 {len(active)} 条" + (f"，另有已归档 {archived} 条（未列出）" if archived else ""),
            f"- 生成时间：{_now().replace('T', ' ')}",
            "",
            "## 时间线",
            "",
        ]
        if active:
            lines += ["| 日期 | 类型 | 标题 | 标签 | 文件或链接 |", "|---|---|---|---|---|"]
            for e in active:
                mark = "★ " if e.selected else ""
                cells = [e.date, e.kind, mark + e.title, "、".join(e.tags), e.file or e.link]
                lines.append("| " + " | ".join(markdown_cell(c) for c in cells) + " |")
        else:
            lines.append(t("portfolio.empty"))
        lines += ["", "## 精选作品", ""]
        selected = [e for e in active if e.selected]
        if not selected:
            lines.append("（还没有标记为精选的作品。）")
        for e in selected:
            lines += [f"### {e.title}（{e.date}，{e.kind}）", ""]
            if e.file or e.link:
                lines.append(f"- 作品：{e.file or e.link}")
            if e.reflection:
                lines.append(f"- 学生反思：{e.reflection}")
            if e.comment:
                lines.append(f"- 教师评语：{e.comment}")
            lines.append("")
        lines += ["", "## 学生反思", ""]
        reflections = [e for e in active if e.reflection]
        if not reflections:
            lines.append("（还没有学生反思。）")
        lines += [f"- {e.date}《{e.title}》：{e.reflection}" for e in reflections]
        growth = growth_table(self.units, portfolio.student_id, portfolio.entries)
        lines += ["", "## 成长证据：单元测验", ""]
        if growth.empty:
            lines.append(t("portfolio.no_scores"))
        else:
            lines += ["| 单元 | 得分 | 班级平均 | 比上一单元 | 相关档案 |", "|---|---|---|---|---|"]
            for row in growth.itertuples(index=False):
                change = "—" if pd.isna(row[3]) else (f"{row[3]:+g}" if row[3] else "0")
                lines.append(f"| {row[0]} | {row[1]:g} | {row[2]:g} | {change} | {markdown_cell(row[4])} |")
            lines += ["", growth_summary(growth)]
        comments = [e for e in active if e.comment]
        if comments:
            lines += ["", "## 教师评语", ""]
            lines += [f"- {e.date}《{e.title}》：{e.comment}" for e in comments]
        return "\n".join(lines) + "\n"

    def export_markdown(self, student_id: str, portfolio: Portfolio | None = None) -> tuple[Path, Path]:
        """Write outputs/B10_portfolio_<学号>.md and a Word-compatible .doc; returns both paths."""
        portfolio = portfolio or self.load(student_id)
        return write_document(
            f"B10_portfolio_{_safe_name(student_id)}",
            self.markdown(student_id, portfolio),
            title=t("portfolio.doc.title", name=portfolio.name),
        )


# ---- the widget -------------------------------------------------------------------------------


class PortfolioBuilder(widgets.VBox):
    """Build students' portfolios without code: add entries (with files), see the timeline and growth, export.

    ``folder`` defaults to outputs/portfolios, ``roster`` (columns 学号, 姓名) to
    the sample class, ``units`` to the sample unit tests (class_7a_units.csv).
    """

    def __init__(
        self,
        folder: str | Path | None = None,
        roster: pd.DataFrame | None = None,
        *,
        units: pd.DataFrame | None = None,
        code: str = "B10",
    ) -> None:
        from toolkit.modules.data import load_sample

        self.code = code
        if roster is None:
            roster = load_sample(SAMPLE_ROSTER)
        missing = [c for c in ("学号", "姓名") if c not in roster.columns]
        if missing:
            raise ValueError(f"the roster needs the columns 学号 and 姓名; missing {', '.join(missing)}")
        ids = [clean(v) for v in roster["学号"]]
        self.names = dict(zip(ids, (clean(v) for v in roster["姓名"]), strict=True))
        self.store = PortfolioStore(folder or outputs_dir() / "portfolios", units=units)
        self.portfolio: Portfolio | None = None
        self.editing: str | None = None

        self.student = widgets.Dropdown(
            options=[(f"{self.names[i]}（{i}）", i) for i in ids],
            value=ids[0] if ids else None,
            description=t("portfolio.student"),
            layout=widgets.Layout(width="320px"),
        )
        self.student.observe(lambda _: self.open_student(), names="value")

        wide = widgets.Layout(width="560px")
        self.fields: dict[str, widgets.Widget] = {
            "date": widgets.DatePicker(value=dt.date.today(), description=t("portfolio.field.date")),
            "title": widgets.Text(description=t("portfolio.field.title"), layout=wide),
            "kind": widgets.Dropdown(options=KINDS, value="作业", description=t("portfolio.field.kind")),
            "link": widgets.Text(description=t("portfolio.field.link"), layout=wide),
            "tags": widgets.Text(
                description=t("portfolio.field.tags"),
                placeholder=t("portfolio.field.tags_hint"),
                layout=wide,
            ),
            "selected": widgets.Checkbox(description=t("portfolio.field.selected"), value=False),
            "reflection": widgets.Textarea(
                description=t("portfolio.field.reflection"),
                layout=widgets.Layout(width="560px", height="70px"),
            ),
            "comment": widgets.Textarea(
                description=t("portfolio.field.comment"), layout=widgets.Layout(width="560px", height="70px")
            ),
        }
        self.upload = widgets.FileUpload(description=t("portfolio.upload"), multiple=False)
        self.save_button = widgets.Button(
            description=t("portfolio.save"), button_style="primary", icon="save"
        )
        self.new_button = widgets.Button(description=t("portfolio.new"), icon="eraser")
        self.save_button.on_click(lambda _: self.save_entry())
        self.new_button.on_click(lambda _: self.clear_form())
        self.message = widgets.HTML("")
        entry_tab = widgets.VBox(
            [
                *self.fields.values(),
                self.upload,
                widgets.HBox([self.save_button, self.new_button]),
                self.message,
            ]
        )

        self.entry_pick = widgets.Dropdown(description=t("portfolio.pick_entry"), layout=wide)
        self.load_button = widgets.Button(description=t("portfolio.load_entry"), icon="edit")
        self.archive_button = widgets.Button(description=t("portfolio.archive"), icon="archive")
        self.restore_button = widgets.Button(description=t("portfolio.restore"), icon="undo")
        self.load_button.on_click(lambda _: self.load_entry())
        self.archive_button.on_click(lambda _: self.archive_entry())
        self.restore_button.on_click(lambda _: self.restore_entry())
        self.show_archived = widgets.Checkbox(description=t("portfolio.show_archived"), value=False)
        self.show_archived.observe(lambda _: self.refresh(), names="value")
        self.timeline_table = widgets.HTML("")
        timeline_tab = widgets.VBox(
            [
                self.show_archived,
                self.timeline_table,
                widgets.HBox([self.entry_pick, self.load_button, self.archive_button, self.restore_button]),
            ]
        )

        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="620px"))
        self.growth_table = widgets.HTML("")
        self.growth_note = widgets.HTML("")
        growth_tab = widgets.VBox([self.chart, self.growth_note, self.growth_table])

        self.export_button = widgets.Button(
            description=t("portfolio.export"), button_style="success", icon="download"
        )
        self.export_button.on_click(lambda _: self.export())
        self.export_message = widgets.HTML("")
        export_tab = widgets.VBox([self.export_button, self.export_message])

        self.tabs = widgets.Tab(
            children=[entry_tab, timeline_tab, growth_tab, export_tab],
            titles=[t(f"portfolio.tab.{key}") for key in ("entry", "timeline", "growth", "export")],
        )
        where = t("portfolio.where", folder=str(self.store.folder))
        super().__init__(
            [
                widgets.HTML(
                    f"<h4>{t('portfolio.title')}</h4>"
                    f"<div style='color:#555'>{html.escape(t('portfolio.intro'))}</div>"
                    f"<div style='color:#666;font-size:90%'>{html.escape(where)}</div>"
                ),
                self.student,
                self.tabs,
            ],
            layout=widgets.Layout(border="1px solid #ddd", padding="8px"),
        )
        self.add_class("workshop-portfolio-builder")
        self.open_student()

    # ---- state ----

    def open_student(self) -> None:
        """Load the chosen student's portfolio (reporting a damaged file) and redraw."""
        sid = self.student.value
        self.portfolio = None if sid is None else self.store.load(sid, self.names.get(sid, ""))
        self.clear_form()
        if self.store.notices:
            notices = "<br>".join(html.escape(n) for n in self.store.notices)
            self.message.value = f"<span style='color:#c62828'>{notices}</span>"
            self.store.notices.clear()
        self.export_message.value = ""
        self.refresh()

    def clear_form(self) -> None:
        self.editing = None
        self.fields["date"].value = dt.date.today()
        for key in ("title", "link", "tags", "reflection", "comment"):
            self.fields[key].value = ""
        self.fields["kind"].value = "作业"
        self.fields["selected"].value = False
        self.upload.value = ()
        self.message.value = ""

    def _values(self) -> dict[str, Any]:
        values = {key: control.value for key, control in self.fields.items()}
        values["link"] = values["link"].strip()
        return values

    # ---- actions ----

    def save_entry(self) -> Entry | None:
        """Add the form as a new entry, or save the changes to the entry being edited."""
        if self.portfolio is None:
            return None
        values = self._values()
        try:
            if self.upload.value:
                item = self.upload.value[0]
                values["file"] = self.store.attach(
                    self.portfolio.student_id, str(item["name"]), bytes(item["content"])
                )
            if self.editing:
                entry = self.portfolio.edit(self.editing, **values)
                message = t("portfolio.edited", id=entry.id, title=entry.title)
            else:
                title = values.pop("title")
                kind = values.pop("kind")
                entry = self.portfolio.add(title, kind, **values)
                message = t(
                    "portfolio.added",
                    name=self.portfolio.name,
                    id=entry.id,
                    title=entry.title,
                    count=len(self.portfolio.active),
                )
        except (ValueError, KeyError) as error:
            text = error.args[0] if error.args else str(error)
            self.message.value = f"<span style='color:#c62828'>{html.escape(str(text))}</span>"
            return None
        self.store.save(self.portfolio)
        self.clear_form()
        self.message.value = html.escape(message)
        self.refresh()
        return entry

    def load_entry(self) -> Entry | None:
        """Put the picked entry into the form for editing."""
        if self.portfolio is None or not self.entry_pick.value:
            return None
        entry = self.portfolio.entry(self.entry_pick.value)
        self.clear_form()
        self.fields["date"].value = dt.date.fromisoformat(entry.date)
        self.fields["title"].value = entry.title
        self.fields["kind"].value = entry.kind
        self.fields["link"].value = entry.link
        self.fields["tags"].value = "、".join(entry.tags)
        self.fields["selected"].value = entry.selected
        self.fields["reflection"].value = entry.reflection
        self.fields["comment"].value = entry.comment
        self.editing = entry.id
        self.message.value = html.escape(t("portfolio.editing", id=entry.id))
        self.tabs.selected_index = 0
        return entry

    def archive_entry(self) -> Entry | None:
        if self.portfolio is None or not self.entry_pick.value:
            return None
        entry = self.portfolio.archive(self.entry_pick.value)
        self.store.save(self.portfolio)
        self.timeline_message(t("portfolio.archived", id=entry.id, title=entry.title))
        return entry

    def restore_entry(self) -> Entry | None:
        if self.portfolio is None or not self.entry_pick.value:
            return None
        entry = self.portfolio.restore(self.entry_pick.value)
        self.store.save(self.portfolio)
        self.timeline_message(t("portfolio.restored", id=entry.id, title=entry.title))
        return entry

    def timeline_message(self, text: str) -> None:
        self.refresh()
        self.timeline_table.value += f"<div>{html.escape(text)}</div>"

    def export(self) -> tuple[Path, Path] | None:
        """Write the chosen student's portfolio summary to outputs (Markdown and .doc)."""
        if self.portfolio is None:
            return None
        md_path, doc_path = self.store.export_markdown(self.portfolio.student_id, self.portfolio)
        record_output(self.code, "portfolio", md_path)
        self.export_message.value = html.escape(
            t("portfolio.exported", files=f"{md_path.name}、{doc_path.name}")
        ) + download_links(md_path, doc_path)
        return md_path, doc_path

    def growth(self) -> pd.DataFrame:
        if self.portfolio is None:
            return growth_table(self.store.units, "", ())
        return self.store.growth(self.portfolio.student_id, self.portfolio)

    def refresh(self) -> None:
        """Redraw the timeline, the entry picker, the growth chart and table."""
        portfolio = self.portfolio
        if portfolio is None:
            return
        timeline = portfolio.timeline(include_archived=self.show_archived.value)
        if timeline.empty:
            self.timeline_table.value = f"<i style='color:#666'>{t('portfolio.empty')}</i>"
        else:
            self.timeline_table.value = timeline.to_html(index=False, border=1, classes="workshop-table")
        archived = t("portfolio.status.archived")
        self.entry_pick.options = [
            (f"{e.id} {e.date} {e.title}" + (f"（{archived}）" if e.archived else ""), e.id)
            for e in sorted(portfolio.entries, key=lambda e: (e.date, e.id))
        ]
        growth = self.growth()
        self.chart.value = growth_chart_png(growth, portfolio.name)
        self.growth_note.value = html.escape(growth_summary(growth))
        self.growth_table.value = (
            ""
            if growth.empty
            else growth.to_html(index=False, border=1, classes="workshop-table", na_rep="—")
        )
