"""Research hours per teacher under a scheme's hours rule (``workshop hours``)."""

from __future__ import annotations

import pandas as pd

from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.ledger.read import Ledger, LedgerRow

add_messages(
    {
        "hours.no_rule": {
            "zh": "方案“{scheme}”没有学时规则（有学时规则的方案：{known}）",
            "en": "scheme '{scheme}' has no hours rule (schemes with one: {known})",
        },
    }
)

HOURS_COLUMNS = ["teacher_id", "counted_hours", "complete"]
_EPSILON = 1e-9  # sums of fractional hours such as 0.1 + 0.2 must still reach a target of 0.3


def credited_hours(row: LedgerRow) -> float:
    """The hours one ledger row earns: fixed hours, or the recorded hours up to the activity's cap;
    nothing for an activity that needs evidence and has none."""
    kind = row.kind
    if kind.needs_evidence and not row.evidence:
        return 0.0
    if kind.fixed_hours is not None:
        return kind.fixed_hours
    hours = row.hours or 0.0
    return min(hours, kind.max_hours) if kind.max_hours is not None else hours


def count_hours(ledger: Ledger, *, people: list[str] | None = None) -> pd.DataFrame:
    """teacher_id, counted_hours, complete for everyone in the ledger (and in ``people``, with 0)."""
    from toolkit.scheme import available_schemes

    rule = ledger.scheme.hours
    if rule is None:
        with_rule = available_schemes(having=lambda scheme: scheme.hours)
        raise InputError(t("hours.no_rule", scheme=ledger.scheme.id, known="、".join(with_rule)))
    totals: dict[str, float] = dict.fromkeys(people or [], 0.0)
    practice: dict[str, float] = dict.fromkeys(people or [], 0.0)
    for row in ledger.rows:
        hours = credited_hours(row)
        totals[row.teacher_id] = totals.get(row.teacher_id, 0.0) + hours
        if row.kind.category == "practice":
            practice[row.teacher_id] = practice.get(row.teacher_id, 0.0) + hours
    records = []
    for teacher_id, total in totals.items():
        counted = min(total, rule.cap) if rule.cap is not None else total
        complete = counted >= rule.target - _EPSILON
        if rule.min_practice_share is not None:
            complete = (
                complete and practice.get(teacher_id, 0.0) >= rule.min_practice_share * total - _EPSILON
            )
        records.append((teacher_id, round(counted, 2), bool(complete)))
    return pd.DataFrame(records, columns=HOURS_COLUMNS)
