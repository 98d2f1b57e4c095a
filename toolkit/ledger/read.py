"""Read a research ledger (研修记录) per the DESIGN.md contract, checked against a scheme's activities.

The same (person, activity) recorded twice counts once; two such rows that disagree are an
input error naming both rows, because guessing which one is right would change someone's hours.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from toolkit.i18n import add_messages, t
from toolkit.roster.read import TEACHER_ID
from toolkit.scheme import ActivityKind, Scheme
from toolkit.tables import ColumnSpec, normalise_label, read_table
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

    def content(self) -> tuple[object, ...]:
        """What decides credit: two rows for one activity must agree on all of it."""
        return (self.kind.id, self.hours, self.minutes, self.score, bool(self.evidence))


@dataclass(frozen=True)
class Ledger:
    file: Path
    scheme: Scheme
    rows: tuple[LedgerRow, ...]
    duplicates: tuple[tuple[int, int], ...]  # (row dropped, row kept)


def _kinds(scheme: Scheme) -> dict[str, ActivityKind]:
    return {normalise_label(spelling): kind for kind in scheme.activities for spelling in kind.spellings()}


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


def read_ledger(path: str | Path, scheme: Scheme) -> Ledger:
    """Read and check a ledger; any problem raises InputError naming the file, row and column."""
    table = read_table(path, COLUMNS)
    kinds = _kinds(scheme)
    known = "、".join(kind.name for kind in scheme.activities) or "-"
    rows: list[LedgerRow] = []
    first: dict[tuple[str, str], LedgerRow] = {}
    duplicates: list[tuple[int, int]] = []
    for number, values in table.rows:
        teacher_id = values["teacher_id"]
        if not TEACHER_ID.match(teacher_id):
            raise table.error(t("ledger.bad_id", value=teacher_id), row=number, key="teacher_id")
        kind = kinds.get(normalise_label(values["kind"]))
        if kind is None:
            raise table.error(
                t("ledger.unknown_kind", value=values["kind"], scheme=scheme.id, known=known),
                row=number,
                key="kind",
            )
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
    return Ledger(file=table.file, scheme=scheme, rows=tuple(rows), duplicates=tuple(duplicates))
