"""Process measures (学习时长, 讨论数量, 学习笔记, 教学案例, 实践反思, 教学论文) and the lesson-study cycle
(备课 → 磨课 → 听评课 → 修改) from a ledger, under the measures and stages its scheme defines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from toolkit.ledger.read import Ledger


def process_measures(ledger: Ledger, *, people: list[str]) -> pd.DataFrame:
    """teacher_id, then one column per scheme measure (minutes summed, or rows counted), then one
    ``scenario:<id>`` column per learning scenario counting that teacher's activities in it."""
    scheme = ledger.scheme
    columns = [measure.id for measure in scheme.measures] + [f"scenario:{s}" for s in scheme.scenarios]
    totals = {person: dict.fromkeys(columns, 0.0) for person in people}
    by_id = {measure.id: measure for measure in scheme.measures}
    for row in ledger.rows:
        mine = totals.setdefault(row.teacher_id, dict.fromkeys(columns, 0.0))
        measure = by_id.get(row.kind.measure or "")
        if measure is not None:
            mine[measure.id] += (row.minutes or 0.0) if measure.from_minutes else 1
        if row.kind.scenario in scheme.scenarios:
            mine[f"scenario:{row.kind.scenario}"] += 1
    frame = pd.DataFrame.from_dict(totals, orient="index", columns=columns)
    return frame.rename_axis("teacher_id").reset_index()


@dataclass(frozen=True)
class LessonCycle:
    """One teacher's lesson study of one lesson: the stages done, the next one, and whether the
    stages came in order (by date, where the ledger gives dates)."""

    teacher_id: str
    lesson: str
    scenario: str
    done: tuple[str, ...]  # stage names, in stage order
    next_stage: str | None  # None once the last stage is done
    in_order: bool
    evidence_missing: tuple[str, ...]  # stages that need evidence (the checklist) and have none


def lesson_cycles(ledger: Ledger) -> list[LessonCycle]:
    """Every (teacher, lesson) with at least one staged row, in teacher then lesson order."""
    scheme = ledger.scheme
    stages: dict[str, list[tuple[int, str]]] = {}
    for kind in scheme.activities:
        if kind.stage is not None and kind.scenario is not None:
            stages.setdefault(kind.scenario, []).append((kind.stage, kind.name))
    found: dict[tuple[str, str, str], list[tuple[int, dt.date | None, bool, str]]] = {}
    for row in ledger.rows:
        kind = row.kind
        if kind.stage is None or kind.scenario is None:
            continue
        evidence_ok = bool(row.evidence) or not kind.needs_evidence
        found.setdefault((row.teacher_id, row.lesson, kind.scenario), []).append(
            (kind.stage, row.date, evidence_ok, kind.name)
        )
    cycles = []
    for (teacher_id, lesson, scenario), rows in sorted(found.items()):
        order = sorted(stages[scenario])
        done_stages = {stage for stage, _, _, _ in rows}
        dated = sorted((date, stage) for stage, date, _, _ in rows if date is not None)
        in_order = all(a[1] <= b[1] for a, b in zip(dated, dated[1:], strict=False))
        # A stage done before an earlier one is missing is out of order too (听评课 without 磨课).
        first_missing = next((stage for stage, _ in order if stage not in done_stages), None)
        if first_missing is not None and any(stage > first_missing for stage in done_stages):
            in_order = False
        cycles.append(
            LessonCycle(
                teacher_id=teacher_id,
                lesson=lesson,
                scenario=scenario,
                done=tuple(name for stage, name in order if stage in done_stages),
                next_stage=next((name for stage, name in order if stage not in done_stages), None),
                in_order=in_order,
                evidence_missing=tuple(sorted({name for _, _, ok, name in rows if not ok})),
            )
        )
    return cycles


MONTH_COLUMNS = ["teacher_id", "month", "activities", "hours", "minutes"]


def monthly_activity(ledger: Ledger) -> pd.DataFrame:
    """Per teacher and month (YYYY-MM, from dated rows): activities recorded, hours credited under
    the scheme's hours rule and minutes of study; the trend a development report draws."""
    from toolkit.ledger.hours import credited_hours

    records = [
        (row.teacher_id, f"{row.date:%Y-%m}", 1, credited_hours(row, ledger.scheme.hours), row.minutes or 0.0)
        for row in ledger.rows
        if row.date is not None
    ]
    frame = pd.DataFrame(records, columns=MONTH_COLUMNS)
    return frame.groupby(["teacher_id", "month"], as_index=False)[["activities", "hours", "minutes"]].sum()
