"""Collecting assessment data while teaching (A12): records of who showed which behaviour when, and a tally.

``ObservationLog`` holds records of time ("HH:MM"), student number and
behaviour, with undo, a students × behaviours tally, and CSV in the course's
format (``时间,学号,行为``, as in course/data/class_7a_observation.csv).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from toolkit.classroom.classtable import STUDENT_ID, require_columns, write_csv
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.tables import ColumnSpec, clean, read_table
from toolkit.work.outputs import outputs_dir
from toolkit.work.progress import record_output

DEFAULT_BEHAVIOURS: tuple[str, ...] = ("举手发言", "回答正确", "小组讨论中发言", "需要提醒专注")
TIME, STUDENT, BEHAVIOUR = "时间", STUDENT_ID, "行为"
COLUMNS = (TIME, STUDENT, BEHAVIOUR)
TOTAL = "合计"

_SPECS = (
    ColumnSpec("time", (TIME, "time"), required=True),
    ColumnSpec("student", (STUDENT, "student_id", "student"), required=True),
    ColumnSpec("behaviour", (BEHAVIOUR, "behaviour", "behavior"), required=True),
)
_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})(?:[:：]\d{2})?$")

add_messages(
    {
        "observation.bad_time": {
            "zh": "时间“{value}”不是“时:分”格式（例如 08:05）",
            "en": "time '{value}' is not in hours:minutes form (e.g. 08:05)",
        },
        "observation.blank_student": {"zh": "学号不能为空", "en": "the student number is blank"},
        "observation.blank_behaviour": {"zh": "行为不能为空", "en": "the behaviour is blank"},
    }
)


def normalise_time(value: str) -> str | None:
    """``"8:05"``, ``"08:05"`` or ``"08:05:30"`` as ``"08:05"``; None when it is not a clock time."""
    match = _TIME.match(clean(value))
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"


def current_time() -> str:
    """The wall-clock time as ``"HH:MM"`` (the recorder's default clock)."""
    return dt.datetime.now().strftime("%H:%M")


@dataclass(frozen=True)
class Observation:
    """One record: at ``time`` ("HH:MM") student ``student_id`` showed ``behaviour``."""

    time: str
    student_id: str
    behaviour: str


class ObservationLog:
    """The records of one lesson, in the order they were taken.

    ``behaviours`` fixes the column order of the tally; behaviours met in the
    records that are not in it are added after it, in the order first seen.
    """

    def __init__(
        self, behaviours: Sequence[str] = DEFAULT_BEHAVIOURS, records: Iterable[Observation] = ()
    ) -> None:
        self.behaviours: list[str] = []
        self._records: list[Observation] = []
        for behaviour in behaviours:
            self._note_behaviour(clean(behaviour))
        for record in records:
            self.add(record.time, record.student_id, record.behaviour)

    def _note_behaviour(self, behaviour: str) -> None:
        if behaviour and behaviour not in self.behaviours:
            self.behaviours.append(behaviour)

    @property
    def records(self) -> tuple[Observation, ...]:
        return tuple(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __repr__(self) -> str:
        return f"ObservationLog({len(self)} records, behaviours={self.behaviours!r})"

    def add(self, time: str, student_id: str, behaviour: str) -> Observation:
        """Append a record; raises InputError for a time that is not "HH:MM" or a blank value."""
        normal = normalise_time(time)
        if normal is None:
            raise InputError(t("observation.bad_time", value=time), column=TIME)
        student, action = clean(student_id), clean(behaviour)
        if not student:
            raise InputError(t("observation.blank_student"), column=STUDENT)
        if not action:
            raise InputError(t("observation.blank_behaviour"), column=BEHAVIOUR)
        record = Observation(normal, student, action)
        self._note_behaviour(action)
        self._records.append(record)
        return record

    def undo(self) -> Observation | None:
        """Remove and return the latest record (None when there is none)."""
        return self._records.pop() if self._records else None

    def clear(self) -> None:
        self._records.clear()

    def to_frame(self) -> pd.DataFrame:
        """The records as a table with the columns 时间, 学号, 行为 (all text)."""
        rows = [(r.time, r.student_id, r.behaviour) for r in self._records]
        return pd.DataFrame(rows, columns=list(COLUMNS), dtype=str)

    def tally(self, students: Iterable[str] | None = None, *, totals: bool = True) -> pd.DataFrame:
        """Counts per student (rows, by 学号) and behaviour (columns).

        ``students`` (e.g. a roster's 学号) lists every student to show, in that
        order, including those with no record; students recorded but not listed
        follow. With ``totals`` a 合计 column and a 合计 row are added.
        """
        order = [clean(s) for s in students] if students is not None else []
        seen = set(order)
        for record in self._records:
            if record.student_id not in seen:
                seen.add(record.student_id)
                order.append(record.student_id)
        if students is None:
            order.sort()
        counts: dict[tuple[str, str], int] = {}
        for record in self._records:
            cell = (record.student_id, record.behaviour)
            counts[cell] = counts.get(cell, 0) + 1
        table = pd.DataFrame(
            [[counts.get((student, b), 0) for b in self.behaviours] for student in order],
            index=pd.Index(order, name=STUDENT, dtype=str),
            columns=pd.Index(self.behaviours, name=BEHAVIOUR, dtype=str),
            dtype=int,
        )
        if totals:
            table[TOTAL] = table.sum(axis=1)
            table.loc[TOTAL] = table.sum(axis=0)
        return table

    def behaviour_counts(self) -> pd.Series:
        """How many times each behaviour was recorded, in the log's behaviour order."""
        return self.tally(totals=False).sum(axis=0).reindex(self.behaviours, fill_value=0).astype(int)

    def to_dict(self) -> dict[str, list]:
        return {"behaviours": list(self.behaviours), "records": [list(self._row(r)) for r in self._records]}

    @classmethod
    def from_dict(cls, data: dict[str, list]) -> ObservationLog:
        rows = data.get("records", [])
        return cls(data.get("behaviours", DEFAULT_BEHAVIOURS), (Observation(*row) for row in rows))

    @staticmethod
    def _row(record: Observation) -> tuple[str, str, str]:
        return (record.time, record.student_id, record.behaviour)

    def write_csv(self, path: str | Path) -> Path:
        """Write ``时间,学号,行为`` rows as the course's sample file, with a BOM so Excel reads the Chinese.

        The file is written whole or not at all.
        """
        return write_csv(path, self.to_frame())

    @classmethod
    def read_csv(cls, path: str | Path, behaviours: Sequence[str] = DEFAULT_BEHAVIOURS) -> ObservationLog:
        """Read a record file (CSV, xlsx or xls with the columns 时间, 学号, 行为).

        Raises InputError naming the file, row and column of the first bad value.
        """
        table = read_table(path, _SPECS)
        log = cls(behaviours)
        for number, values in table.rows:
            if normalise_time(values["time"]) is None:
                raise table.error(t("observation.bad_time", value=values["time"]), row=number, key="time")
            log.add(values["time"], values["student"], values["behaviour"])
        return log

    @classmethod
    def from_frame(
        cls, frame: pd.DataFrame, behaviours: Sequence[str] = DEFAULT_BEHAVIOURS
    ) -> ObservationLog:
        """A log from a table with the columns 时间, 学号, 行为 (e.g. ``load_sample(...)``)."""
        require_columns(frame, COLUMNS)
        log = cls(behaviours)
        for offset, row in enumerate(frame[list(COLUMNS)].itertuples(index=False)):
            values = ["" if pd.isna(v) else str(v) for v in row]
            try:
                log.add(*values)
            except InputError as error:
                # Row numbers as a spreadsheet shows them: the header is row 1.
                raise InputError(error.message, row=offset + 2, column=error.column) from error
        return log


def export_log(log: ObservationLog, code: str) -> Path:
    """Write the records to outputs/<code>_observation.csv and note it in the teacher's progress."""
    path = log.write_csv(outputs_dir() / f"{code}_observation.csv")
    record_output(code, "observation", path)
    return path
