"""``workshop hours``: read, compute, then write a whole file or print CSV."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from toolkit.i18n import add_messages, t
from toolkit.ledger.hours import count_hours
from toolkit.ledger.read import Ledger, read_kind_map, read_ledger

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
    }
)


def note_duplicates(ledger: Ledger) -> None:
    """Say on stderr how many rows repeat an earlier record (they count once)."""
    if ledger.duplicates:
        row, first = ledger.duplicates[0]
        print(t("ledger.duplicates", count=len(ledger.duplicates), row=row, first=first), file=sys.stderr)


def emit_table(frame: pd.DataFrame, out: str | Path | None, message: str) -> None:
    """``frame`` to ``out`` (then ``message``), or as CSV to stdout."""
    from toolkit.export import write_table

    if out is None:
        frame.to_csv(sys.stdout, index=False)
    else:
        write_table(frame, out)
        print(message)


def read_with_kinds(ledger_file: str | Path, scheme: str, kinds: str | Path | None) -> Ledger:
    """The ledger under ``scheme``, platform kind names mapped by the ``kinds`` file if given."""
    from toolkit.scheme import load_scheme

    loaded = load_scheme(scheme)
    mapping = read_kind_map(kinds, loaded) if kinds is not None else None
    return read_ledger(ledger_file, loaded, kinds=mapping)


def hours_command(
    ledger_file: str | Path,
    *,
    scheme: str,
    out: str | Path | None = None,
    kinds: str | Path | None = None,
) -> int:
    """Counted hours per teacher; 0 on success (bad input raises InputError → exit 2)."""
    from toolkit.export import check_output

    if out is not None:
        check_output(out)
    ledger = read_with_kinds(ledger_file, scheme, kinds)
    frame = count_hours(ledger)
    note_duplicates(ledger)
    emit_table(
        frame, out, t("hours.written", file=out, people=len(frame), complete=int(frame["complete"].sum()))
    )
    return 0
