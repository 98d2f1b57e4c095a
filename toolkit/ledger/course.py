"""The research ledger inside a course: imported into the gradebook database and merged with what
nbgrader knows (a submitted self-test or plan counts as that activity when the scheme has one)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import create_engine, select, text

from toolkit.course import tables
from toolkit.course.config import load_course
from toolkit.course.research_log import ResearchState, participations, replay
from toolkit.course.research_store import read_events
from toolkit.course.stored import store_setting, stored_setting
from toolkit.errors import InputError
from toolkit.gradebook import CourseData, read_course
from toolkit.i18n import add_messages, t
from toolkit.ledger.read import Ledger, LedgerRow, read_kind_map, read_ledger
from toolkit.roster import Roster, Teacher
from toolkit.scheme import DEFAULT_SCHEME, ActivityKind, Scheme, load_scheme

add_messages(
    {
        "ledger.not_in_course": {
            "zh": "工号 {teacher} 不是本课程的教师，请先用 workshop init 把他加入名单",
            "en": "{teacher} is not a teacher of this course; add them with workshop init first",
        },
        "ledger.imported": {
            "zh": "已导入 {file}：新增 {added} 条，未变 {unchanged} 条，更新 {updated} 条（旧记录已存档）",
            "en": "Imported {file}: {added} new, {unchanged} unchanged, {updated} updated (old rows kept)",
        },
    }
)

KIND_MAP_SETTING = "ledger_kinds"  # {platform spelling (normalised): scheme kind id}, as JSON
NBGRADER_ROW = 0  # rows that come from nbgrader, not from a ledger file
_ID_BLOCK = 500  # IDs per UPDATE … WHERE id IN (…), well under every database's parameter limit


@dataclass(frozen=True)
class ImportReport:
    file: Path
    added: int
    unchanged: int
    updated: int

    def message(self) -> str:
        return t(
            "ledger.imported",
            file=self.file,
            added=self.added,
            unchanged=self.unchanged,
            updated=self.updated,
        )


def course_scheme(course_dir: str | Path) -> Scheme:
    """The scheme chosen at ``workshop init`` (a course's own scheme file included)."""
    settings = load_course(course_dir)
    found = stored_setting(settings.db_url, "scheme")
    return load_scheme(found or DEFAULT_SCHEME, course_dir=settings.root)


def _stored(row: LedgerRow, source: Path, now: dt.datetime) -> dict[str, object]:
    return {
        "teacher_id": row.teacher_id,
        "activity_id": row.activity_id,
        "kind": row.kind.id,
        "hours": row.hours,
        "minutes": row.minutes,
        "score": row.score,
        "activity_date": row.date.isoformat() if row.date else None,
        "evidence": row.evidence,
        "lesson": row.lesson or None,
        "source_file": str(source),
        "source_row": row.row,
        "imported_at": now,
        "superseded": False,
    }


def _same(stored: dict[str, object], new: dict[str, object]) -> bool:
    keys = ("kind", "hours", "minutes", "score", "activity_date", "evidence", "lesson")
    return all(stored[key] == new[key] for key in keys)


def stored_kind_map(db_url: str, scheme: Scheme) -> dict[str, ActivityKind]:
    """The platform spellings a trainer mapped on an earlier import (kinds the scheme no longer has
    are left out)."""
    found = json.loads(stored_setting(db_url, KIND_MAP_SETTING) or "{}")
    ids = {kind.id: kind for kind in scheme.activities}
    return {platform: ids[kind_id] for platform, kind_id in found.items() if kind_id in ids}


def import_ledger(
    course_dir: str | Path, ledger_file: str | Path, *, kinds_file: str | Path | None = None
) -> ImportReport:
    """Check the whole file first, then store it in one transaction; a changed row supersedes the old one.

    ``kinds_file`` maps the platform's kind names to the scheme's; the course keeps the mapping,
    so later imports from the same platform need no file (a new file adds to it and wins).
    """
    settings = load_course(course_dir)
    scheme = course_scheme(course_dir)
    kinds = stored_kind_map(settings.db_url, scheme)
    if kinds_file is not None:
        kinds.update(read_kind_map(kinds_file, scheme))
    ledger = read_ledger(ledger_file, scheme, kinds=kinds)
    now = dt.datetime.now().replace(microsecond=0)
    engine = create_engine(settings.db_url, future=True)
    try:
        with engine.connect() as connection:
            known = set(connection.execute(text("SELECT id FROM student")).scalars())
        for row in ledger.rows:
            if row.teacher_id not in known:
                raise InputError(
                    t("ledger.not_in_course", teacher=row.teacher_id),
                    file=ledger.file,
                    row=row.row,
                    column="工号",
                )
        tables.metadata.create_all(engine)
        tables.add_missing_columns(engine)
        with engine.begin() as connection:
            active = {
                (r.teacher_id, r.activity_id): dict(r._mapping)
                for r in connection.execute(
                    select(tables.ledger).where(tables.ledger.c.superseded.is_(False))
                )
            }
            inserts: list[dict[str, object]] = []
            superseded: list[int] = []
            unchanged = 0
            for row in ledger.rows:
                new = _stored(row, ledger.file, now)
                old = active.get((row.teacher_id, row.activity_id))
                if old is not None and _same(old, new):
                    unchanged += 1
                    continue
                if old is not None:
                    superseded.append(int(old["id"]))
                inserts.append(new)
            # Set-based: one UPDATE per block of IDs and one multi-row INSERT, in the same transaction.
            for start in range(0, len(superseded), _ID_BLOCK):
                block = superseded[start : start + _ID_BLOCK]
                connection.execute(
                    tables.ledger.update().where(tables.ledger.c.id.in_(block)).values(superseded=True)
                )
            if inserts:
                connection.execute(tables.ledger.insert(), inserts)
            if kinds_file is not None:
                mapping = {platform: kind.id for platform, kind in sorted(kinds.items())}
                store_setting(connection, KIND_MAP_SETTING, json.dumps(mapping, ensure_ascii=False))
    finally:
        engine.dispose()
    updated = len(superseded)
    added = len(inserts) - updated
    return ImportReport(ledger.file, added, unchanged, updated)


def _stored_rows(settings_url: str) -> pd.DataFrame:
    engine = create_engine(settings_url, future=True)
    try:
        tables.metadata.create_all(engine)
        tables.add_missing_columns(engine)
        with engine.connect() as connection:
            return pd.read_sql_query(
                text("SELECT * FROM workshop_ledger WHERE superseded = :no ORDER BY id"),
                connection,
                params={"no": False},
            )
    finally:
        engine.dispose()


def course_ledger(course_dir: str | Path, *, data: CourseData | None = None) -> Ledger:
    """The imported ledger plus one row per nbgrader submission whose assignment is a scheme activity."""
    data = data or read_course(course_dir)
    scheme = course_scheme(course_dir)
    kinds = {kind.id: kind for kind in scheme.activities}
    stored = _stored_rows(data.settings.db_url)
    # Records of teachers who left the course are kept in the database but not counted.
    active = set(data.teachers.loc[data.teachers["active"], "teacher_id"])
    rows: list[LedgerRow] = []
    seen: set[tuple[str, str]] = set()
    for record in stored.itertuples():
        kind = kinds.get(record.kind)
        if kind is None or record.teacher_id not in active:
            continue  # a kind the course's current scheme does not know is not counted either
        seen.add((record.teacher_id, record.kind))
        rows.append(
            LedgerRow(
                row=int(record.source_row),
                teacher_id=record.teacher_id,
                activity_id=record.activity_id,
                kind=kind,
                hours=None if pd.isna(record.hours) else float(record.hours),
                minutes=None if pd.isna(record.minutes) else float(record.minutes),
                score=None if pd.isna(record.score) else float(record.score),
                date=dt.date.fromisoformat(_text(record.activity_date))
                if _text(record.activity_date)
                else None,
                evidence=_text(record.evidence),
                lesson=_text(record.lesson),
            )
        )
    for submission in data.submissions.itertuples():
        kind = kinds.get(submission.assignment)
        if kind is None or submission.teacher_id not in active or (submission.teacher_id, kind.id) in seen:
            continue  # already in the ledger: the same activity counts once
        submitted = pd.Timestamp(submission.submitted_at)
        rows.append(
            LedgerRow(
                row=NBGRADER_ROW,
                teacher_id=submission.teacher_id,
                activity_id=f"nbgrader:{submission.assignment}",
                kind=kind,
                hours=None,
                minutes=None,
                score=None,
                date=None if pd.isna(submitted) else submitted.date(),
                evidence="nbgrader",
            )
        )
    state = replay(read_events(data.settings.db_url))
    if state.accepted is not None:  # the flow's hours are registered after 整校验收 only
        rows += [row for row in research_rows(state, scheme) if row.teacher_id in active]
    return Ledger(file=Path(data.settings.db_url), scheme=scheme, rows=tuple(rows), duplicates=())


def _text(value: object) -> str:
    """A stored text value; SQL NULL comes back from pandas as None or NaN."""
    return value if isinstance(value, str) else ""


def research_rows(state: ResearchState, scheme: Scheme) -> list[LedgerRow]:
    """The school-based research flow's participations as ledger rows (kinds the scheme lacks
    are left out, as for imported rows)."""
    kinds = {kind.id: kind for kind in scheme.activities}
    return [
        LedgerRow(
            row=NBGRADER_ROW,
            teacher_id=part.teacher_id,
            activity_id=f"research:{part.activity.id}",
            kind=kinds[part.activity.kind],
            hours=part.activity.hours,
            minutes=None,
            score=None,
            date=None,
            evidence=part.evidence,
        )
        for part in participations(state)
        if part.activity.kind in kinds
    ]


def course_roster(data: CourseData) -> Roster:
    """The course's active teachers as a roster (role, school and group from the roster details)."""
    active = data.teachers[data.teachers["active"]]
    return Roster(
        file=Path(data.settings.db_url),
        teachers=tuple(
            Teacher(
                teacher_id=row.teacher_id,
                name=row.name,
                school=row.school,
                subject=row.subject,
                stage=row.stage,
                group=row.research_group,
                role=row.role,
            )
            for row in active.itertuples()
        ),
    )


def hours_of(ledger: Ledger, data: CourseData) -> pd.DataFrame | None:
    """``workshop hours`` for the course's active teachers (zero without records); None if the
    course's scheme has no hours rule."""
    from toolkit.ledger.hours import count_hours

    if ledger.scheme.hours is None:
        return None
    return count_hours(ledger, people=list(data.teachers.loc[data.teachers["active"], "teacher_id"]))


def course_hours(course_dir: str | Path, *, data: CourseData | None = None) -> pd.DataFrame | None:
    """:func:`hours_of` the course's merged ledger."""
    data = data or read_course(course_dir)
    return hours_of(course_ledger(course_dir, data=data), data)
