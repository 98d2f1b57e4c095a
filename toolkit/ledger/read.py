"""Read a research ledger (研修记录) per the DESIGN.md contract, checked against a scheme's activities.

The same (person, activity) recorded twice counts once; two such rows that disagree are an
input error naming both rows, because guessing which one is right would change someone's hours.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.roster.read import TEACHER_ID
from toolkit.scheme import ActivityKind, Scheme
from toolkit.tables import ColumnSpec, Table, normalise_label, read_table
from toolkit.work.numbers import parse_number

add_messages(
    {
        "ledger.bad_id": {
            "zh": "工号“{value}”只能由字母、数字、下划线和连字符组成",
            "en": "teacher ID '{value}' may only hold letters, digits, '_' and '-'",
        },
        "ledger.unknown_kind": {
            "zh": "类型“{value}”不是方案“{scheme}”中的活动（可用：{known}）",
            "en": "kind '{value}' is not an activity of scheme '{scheme}' (known: {known})",
        },
        "ledger.sentence_break": {"zh": "。", "en": ". "},
        "ledger.did_you_mean": {
            "zh": "是不是“{kind}”？",
            "en": "Did you mean '{kind}'?",
        },
        "ledger.use_kind_map": {
            "zh": "如果这是平台自己的叫法，请做一份对照表（两列：平台类型、方案类型），用 --kinds 指定",
            "en": "If this is the platform's own name, give a mapping file (two columns: 平台类型, 方案类型) "
            "with --kinds",
        },
        "ledger.map_unknown_kind": {
            "zh": "方案类型“{value}”不是方案“{scheme}”中的活动（可用：{known}）",
            "en": "'{value}' is not an activity of scheme '{scheme}' (known: {known})",
        },
        "ledger.map_conflict": {
            "zh": "平台类型“{value}”在第 {first} 行已对应“{kind}”，这里又对应到别的类型",
            "en": "platform kind '{value}' already maps to '{kind}' on row {first}, and to another kind here",
        },
        "ledger.no_evidence_column": {
            "zh": (
                "方案“{scheme}”中的“{kind}”要有佐证才计学时，但这份记录没有“佐证”列"
                "（第 {rows} 行是{kind}）。请导出带佐证列的记录；确实没有佐证的行，佐证留空（计 0 学时）"
            ),
            "en": "under scheme '{scheme}', '{kind}' earns hours only with evidence, and this ledger has no "
            "佐证/evidence column (rows {rows} are {kind}); export the ledger with that column, leaving it "
            "blank where there is no evidence (0 hours)",
        },
        "ledger.not_number": {"zh": "“{value}”不是数字", "en": "'{value}' is not a number"},
        "ledger.negative": {"zh": "不能为负数：{value}", "en": "must not be negative: {value}"},
        "ledger.needs_hours": {
            "zh": "“{kind}”的学时由记录填写，这一行没有填学时",
            "en": "'{kind}' takes its hours from the ledger, and this row has none",
        },
        "ledger.needs_minutes": {
            "zh": "“{kind}”按分钟计，这一行没有填分钟",
            "en": "'{kind}' is counted in minutes, and this row has none",
        },
        "ledger.bad_date": {
            "zh": "“{value}”不是日期（例如 2026-03-01）",
            "en": "'{value}' is not a date (for example 2026-03-01)",
        },
        "ledger.conflict": {
            "zh": (
                "工号 {teacher} 的活动 {activity} 已在第 {first} 行记录，两行内容不同；"
                "同一人同一活动只计一次，请删去或改正其中一行"
            ),
            "en": "{teacher}'s activity {activity} is already on row {first} with different values; "
            "the same activity counts once, so delete or correct one of the rows",
        },
    }
)

COLUMNS = (
    ColumnSpec("teacher_id", ("工号", "teacher_id", "person_id", "教师工号"), required=True),
    ColumnSpec("activity_id", ("活动编号", "activity_id", "活动ID"), required=True),
    ColumnSpec("kind", ("类型", "kind", "活动类型"), required=True),
    ColumnSpec("hours", ("学时", "hours")),
    ColumnSpec("minutes", ("分钟", "minutes", "时长（分钟）")),
    ColumnSpec("score", ("评分", "score", "得分")),
    ColumnSpec("date", ("日期", "date")),
    ColumnSpec("evidence", ("佐证", "evidence", "佐证材料")),
    ColumnSpec("lesson", ("课例", "lesson", "课例编号", "课例名称")),
)

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


@dataclass(frozen=True)
class LedgerRow:
    row: int  # as a spreadsheet program shows it
    teacher_id: str
    activity_id: str
    kind: ActivityKind
    hours: float | None
    minutes: float | None
    score: float | None
    date: dt.date | None
    evidence: str
    lesson: str = ""  # the lesson a lesson-study stage belongs to

    def content(self) -> tuple[object, ...]:
        """What decides credit: two rows for one activity must agree on all of it."""
        return (self.kind.id, self.hours, self.minutes, self.score, bool(self.evidence), self.lesson)


@dataclass(frozen=True)
class Ledger:
    file: Path
    scheme: Scheme
    rows: tuple[LedgerRow, ...]
    duplicates: tuple[tuple[int, int], ...]  # (row dropped, row kept)


KIND_MAP_COLUMNS = (
    ColumnSpec("platform", ("平台类型", "platform", "platform_kind", "平台名称"), required=True),
    ColumnSpec("scheme", ("方案类型", "scheme", "scheme_kind", "方案名称"), required=True),
)
_SUGGESTION_CUTOFF = 0.4  # difflib ratio below which a "did you mean" would mislead


def kinds_by_spelling(scheme: Scheme) -> dict[str, ActivityKind]:
    """The scheme's kinds under every spelling (name, id, aliases), normalised as labels are."""
    return {normalise_label(spelling): kind for kind in scheme.activities for spelling in kind.spellings()}


def _closest_kind(value: str, scheme: Scheme) -> ActivityKind | None:
    kinds = kinds_by_spelling(scheme)
    found = difflib.get_close_matches(normalise_label(value), list(kinds), n=1, cutoff=_SUGGESTION_CUTOFF)
    return kinds[found[0]] if found else None


def _unknown_kind(
    table: Table, value: str, scheme: Scheme, number: int, key: str, message: str
) -> InputError:
    """The unknown name, the closest kind of the scheme, and (in a ledger) how to map platform names."""
    known = "、".join(kind.name for kind in scheme.activities) or "-"
    sentences = [t(message, value=value, scheme=scheme.id, known=known)]
    closest = _closest_kind(value, scheme)
    if closest is not None:
        sentences.append(t("ledger.did_you_mean", kind=closest.name))
    if key == "kind":
        sentences.append(t("ledger.use_kind_map"))
    return table.error(t("ledger.sentence_break").join(sentences), row=number, key=key)


def read_kind_map(path: str | Path, scheme: Scheme) -> dict[str, ActivityKind]:
    """A trainer's mapping from the platform's kind names to the scheme's (``--kinds MAP.csv``),
    keyed by the normalised platform spelling; every target must be a kind of ``scheme``."""
    table = read_table(path, KIND_MAP_COLUMNS)
    kinds = kinds_by_spelling(scheme)
    mapping: dict[str, ActivityKind] = {}
    first: dict[str, int] = {}
    for number, values in table.rows:
        kind = kinds.get(normalise_label(values["scheme"]))
        if kind is None:
            raise _unknown_kind(table, values["scheme"], scheme, number, "scheme", "ledger.map_unknown_kind")
        platform = normalise_label(values["platform"])
        if platform in mapping and mapping[platform] is not kind:
            raise table.error(
                t(
                    "ledger.map_conflict",
                    value=values["platform"],
                    first=first[platform],
                    kind=mapping[platform].name,
                ),
                row=number,
                key="platform",
            )
        mapping[platform] = kind
        first.setdefault(platform, number)
    return mapping


def _date(value: str) -> dt.date | None:
    if not value:
        return None
    match = _DATE.match(value) or re.match(r"^(\d{4})-(\d{2})-(\d{2})T", value)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def read_ledger(
    path: str | Path, scheme: Scheme, *, kinds: Mapping[str, ActivityKind] | None = None
) -> Ledger:
    """Read and check a ledger; any problem raises InputError naming the file, row and column.

    ``kinds`` (from :func:`read_kind_map`) adds the platform's spellings of the scheme's kinds.
    """
    table = read_table(path, COLUMNS)
    known_kinds = {**kinds_by_spelling(scheme), **(kinds or {})}
    rows: list[LedgerRow] = []
    first: dict[tuple[str, str], LedgerRow] = {}
    duplicates: list[tuple[int, int]] = []
    for number, values in table.rows:
        teacher_id = values["teacher_id"]
        if not TEACHER_ID.match(teacher_id):
            raise table.error(t("ledger.bad_id", value=teacher_id), row=number, key="teacher_id")
        kind = known_kinds.get(normalise_label(values["kind"]))
        if kind is None:
            raise _unknown_kind(table, values["kind"], scheme, number, "kind", "ledger.unknown_kind")
        numbers: dict[str, float | None] = {}
        for key in ("hours", "minutes", "score"):
            text = values.get(key, "")
            if not text:
                numbers[key] = None
                continue
            number_value = parse_number(text)
            if number_value is None or text.endswith(("%", "％")):
                raise table.error(t("ledger.not_number", value=text), row=number, key=key)
            if number_value < 0:
                raise table.error(t("ledger.negative", value=text), row=number, key=key)
            numbers[key] = number_value
        if kind.needs_hours and numbers["hours"] is None:
            raise table.error(t("ledger.needs_hours", kind=kind.name), row=number, key="hours")
        if kind.needs_minutes and numbers["minutes"] is None:
            raise table.error(t("ledger.needs_minutes", kind=kind.name), row=number, key="minutes")
        date = _date(values.get("date", ""))
        if values.get("date") and date is None:
            raise table.error(t("ledger.bad_date", value=values["date"]), row=number, key="date")
        record = LedgerRow(
            row=number,
            teacher_id=teacher_id,
            activity_id=values["activity_id"],
            kind=kind,
            hours=numbers["hours"],
            minutes=numbers["minutes"],
            score=numbers["score"],
            date=date,
            evidence=values.get("evidence", ""),
            lesson=values.get("lesson", ""),
        )
        key = (teacher_id, record.activity_id)
        if key in first:
            earlier = first[key]
            if earlier.content() != record.content():
                raise table.error(
                    t("ledger.conflict", teacher=teacher_id, activity=record.activity_id, first=earlier.row),
                    row=number,
                    key="activity_id",
                )
            duplicates.append((number, earlier.row))
            continue
        first[key] = record
        rows.append(record)
    _check_evidence_column(table, scheme, rows)
    return Ledger(file=table.file, scheme=scheme, rows=tuple(rows), duplicates=tuple(duplicates))


def _check_evidence_column(table: Table, scheme: Scheme, rows: list[LedgerRow]) -> None:
    """Without a 佐证 column every evidence-bound row would silently earn 0: refuse instead."""
    if "evidence" in table.headers:
        return
    bound = [row for row in rows if row.kind.needs_evidence]
    if not bound:
        return
    numbers = "、".join(str(row.row) for row in bound[:5]) + ("…" if len(bound) > 5 else "")
    raise InputError(
        t("ledger.no_evidence_column", scheme=scheme.name, kind=bound[0].kind.name, rows=numbers),
        file=table.file,
        row=table.header_row,
    )
