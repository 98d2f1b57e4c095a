"""``workshop hours`` and ``workshop assess``: read, compute, then write whole files or print CSV."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from toolkit.i18n import add_messages, t
from toolkit.ledger.hours import count_hours
from toolkit.ledger.read import Ledger, read_ledger

add_messages(
    {
        "ledger.duplicates": {
            "zh": "有 {count} 行与前面的记录重复，只计一次（如第 {row} 行同第 {first} 行）",
            "en": "{count} rows repeat an earlier record and count once (e.g. row {row} repeats row {first})",
        },
        "hours.written": {
            "zh": "已写入 {file}：{people} 人，其中 {complete} 人学时达标",
            "en": "Wrote {file}: {people} people, {complete} with enough hours",
        },
        "assess.written": {
            "zh": "已写入 {file}：{people} 人，其中 {passed} 人合格",
            "en": "Wrote {file}: {people} people, {passed} passed",
        },
        "assess.schools_written": {
            "zh": "已写入 {file}：{schools} 所学校",
            "en": "Wrote {file}: {schools} schools",
        },
    }
)


def _note_duplicates(ledger: Ledger) -> None:
    if ledger.duplicates:
        row, first = ledger.duplicates[0]
        print(t("ledger.duplicates", count=len(ledger.duplicates), row=row, first=first), file=sys.stderr)


def _emit(frame: pd.DataFrame, out: str | Path | None, message: str) -> None:
    from toolkit.export import write_table

    if out is None:
        frame.to_csv(sys.stdout, index=False)
    else:
        write_table(frame, out)
        print(message)


def hours_command(ledger_file: str | Path, *, scheme: str, out: str | Path | None = None) -> int:
    """Counted hours per teacher; 0 on success (bad input raises InputError → exit 2)."""
    from toolkit.export import check_output
    from toolkit.scheme import load_scheme

    if out is not None:
        check_output(out)
    ledger = read_ledger(ledger_file, load_scheme(scheme))
    frame = count_hours(ledger)
    _note_duplicates(ledger)
    _emit(frame, out, t("hours.written", file=out, people=len(frame), complete=int(frame["complete"].sum())))
    return 0


def assess_command(
    ledger_file: str | Path,
    *,
    scheme: str,
    roster: str | Path,
    out: str | Path | None = None,
    school_out: str | Path | None = None,
) -> int:
    """Role scores (and, with ``school_out``, school pass rates); both files are written only
    after everything has been read and computed."""
    from toolkit.assess import assess
    from toolkit.export import check_output, write_table
    from toolkit.roster import read_roster
    from toolkit.scheme import load_scheme

    for target in (out, school_out):
        if target is not None:
            check_output(target)
    people = read_roster(roster)
    ledger = read_ledger(ledger_file, load_scheme(scheme))
    result = assess(ledger, people)
    _note_duplicates(ledger)
    _emit(
        result.people,
        out,
        t("assess.written", file=out, people=len(result.people), passed=int(result.people["passed"].sum())),
    )
    if school_out is not None:
        write_table(result.schools, school_out)
        print(t("assess.schools_written", file=school_out, schools=len(result.schools)))
    return 0
