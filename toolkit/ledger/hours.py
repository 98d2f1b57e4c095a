"""Research hours per teacher under a scheme's hours rule (``workshop hours``)."""

from __future__ import annotations

import pandas as pd

from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.ledger.read import Ledger, LedgerRow
from toolkit.scheme import HoursCategory, HoursRule

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


def credited_hours(row: LedgerRow, rule: HoursRule | None = None) -> float:
    """The hours one ledger row earns: fixed hours, or the recorded hours (else its minutes at the
    rule's ``minutes_per_hour``) up to the activity's cap; nothing for an activity that needs
    evidence and has none."""
    kind = row.kind
    if kind.needs_evidence and not row.evidence:
        return 0.0
    if kind.fixed_hours is not None:
        return kind.fixed_hours
    hours = row.hours
    if hours is None and row.minutes is not None and rule is not None and rule.minutes_per_hour:
        hours = row.minutes / rule.minutes_per_hour
    hours = hours or 0.0
    return min(hours, kind.max_hours) if kind.max_hours is not None else hours


def category_column(category: HoursCategory) -> str:
    """The output column of a category's hours: hours_online, hours_practice."""
    return f"hours_{category.id}"


def count_hours(ledger: Ledger, *, people: list[str] | None = None) -> pd.DataFrame:
    """teacher_id, counted_hours, complete for everyone in the ledger (and in ``people``, with 0),
    then one hours_<category> column per category of the rule. Complete means the target is met,
    and every category's minimum and the practice share where the rule sets them."""
    from toolkit.scheme import available_schemes

    rule = ledger.scheme.hours
    if rule is None:
        with_rule = available_schemes(having=lambda scheme: scheme.hours)
        raise InputError(t("hours.no_rule", scheme=ledger.scheme.id, known="、".join(with_rule)))
    totals: dict[str, float] = dict.fromkeys(people or [], 0.0)
    by_category: dict[tuple[str, str], float] = {}
    for row in ledger.rows:
        hours = credited_hours(row, rule)
        totals[row.teacher_id] = totals.get(row.teacher_id, 0.0) + hours
        key = (row.teacher_id, row.kind.category)
        by_category[key] = by_category.get(key, 0.0) + hours
    records = []
    for teacher_id, total in totals.items():
        counted = min(total, rule.cap) if rule.cap is not None else total
        complete = counted >= rule.target - _EPSILON
        if rule.min_practice_share is not None:
            practice = by_category.get((teacher_id, "practice"), 0.0)
            complete = complete and practice >= rule.min_practice_share * total - _EPSILON
        parts = [by_category.get((teacher_id, category.id), 0.0) for category in rule.categories]
        for part, category in zip(parts, rule.categories, strict=True):
            complete = complete and part >= category.minimum - _EPSILON
        records.append((teacher_id, round(counted, 2), bool(complete), *(round(p, 2) for p in parts)))
    columns = [*HOURS_COLUMNS, *(category_column(category) for category in rule.categories)]
    return pd.DataFrame(records, columns=columns)
