"""``workshop assess``: read, compute, then write whole files or print CSV."""

from __future__ import annotations

from pathlib import Path

from toolkit.assess.score import assess
from toolkit.i18n import add_messages, t
from toolkit.ledger.commands import emit_table, note_duplicates, read_with_kinds

add_messages(
    {
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


def assess_command(
    ledger_file: str | Path,
    *,
    scheme: str,
    roster: str | Path,
    out: str | Path | None = None,
    school_out: str | Path | None = None,
    kinds: str | Path | None = None,
) -> int:
    """Role scores (and, with ``school_out``, school pass rates); both files are written only
    after everything has been read and computed."""
    from toolkit.export import check_output, write_table
    from toolkit.roster import read_roster

    for target in (out, school_out):
        if target is not None:
            check_output(target)
    people = read_roster(roster)
    ledger = read_with_kinds(ledger_file, scheme, kinds)
    result = assess(ledger, people)
    note_duplicates(ledger)
    emit_table(
        result.people,
        out,
        t("assess.written", file=out, people=len(result.people), passed=int(result.people["passed"].sum())),
    )
    if school_out is not None:
        write_table(result.schools, school_out)
        print(t("assess.schools_written", file=school_out, schools=len(result.schools)))
    return 0
