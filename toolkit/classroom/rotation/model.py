"""B8 公平管理技术资源: a fair device rotation for a class and its fairness check, in plain pandas.

The rule (:func:`rotation_schedule`)
------------------------------------
1. Only devices whose 状态 is exactly 可用 take part (a tablet 维修中 or 借出 is
   left out); they are used in the order of the device list.
2. Students are put in one queue. Without a priority rule the queue is ordered
   by 学号 (compared as text). With ``priority_column`` the students whose value
   is in ``priority_values`` come first, in the order of that tuple (by default
   家中设备 == "无" before "手机": no device at home at all before a phone only),
   then everybody else; within each tier by 学号.
3. Each session, the next ``min(devices, students)`` students in the queue each
   get one device (first student → first device, and so on), and the queue
   wraps around (round-robin). So no student appears twice in one session and,
   over the whole schedule, turns differ by at most 1 between students. When
   the turns do not share out evenly, the extra turns fall to the front of the
   queue, that is, to the prioritised students first.

Everything is deterministic: the same lists give the same plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from toolkit.classroom.classtable import NAME, STUDENT_ID, require_columns, require_students
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t

POINT = "B8"
SESSION = "节次"
TURNS = "次数"
HEADCOUNT = "人数"
NAMES = "名单"
AVAILABLE = "可用"
DEVICE, STATUS = "设备编号", "状态"
DEFAULT_PRIORITY_COLUMN = "家中设备"
DEFAULT_PRIORITY_VALUES = ("无", "手机")

add_messages(
    {
        "rotation.bad_sessions": {
            "zh": "节次数应是不小于 1 的整数，现在是 {sessions}",
            "en": "the number of sessions must be a whole number of at least 1, got {sessions}",
        },
        "rotation.duplicate_id": {
            "zh": "学号“{value}”出现了不止一次",
            "en": "student ID '{value}' appears more than once",
        },
        "rotation.no_devices": {
            "zh": "没有状态为“可用”的设备，无法安排轮换",
            "en": "no device has the status '可用' (available), so there is nothing to rotate",
        },
    }
)


def _text(values: pd.Series) -> pd.Series:
    """Cells as trimmed text (a blank cell is ""), so that " 可用" still counts as 可用."""
    return values.fillna("").astype(str).str.strip()


def available_devices(
    devices: pd.DataFrame, *, device_column: str = DEVICE, status_column: str = STATUS
) -> pd.DataFrame:
    """The devices whose status is exactly 可用, in list order."""
    require_columns(devices, [device_column, status_column])
    return devices[_text(devices[status_column]) == AVAILABLE].reset_index(drop=True)


def unavailable_devices(
    devices: pd.DataFrame, *, device_column: str = DEVICE, status_column: str = STATUS
) -> pd.DataFrame:
    """The devices left out of the rotation (any status but 可用, e.g. 维修中), in list order."""
    require_columns(devices, [device_column, status_column])
    return devices[_text(devices[status_column]) != AVAILABLE].reset_index(drop=True)


def priority_queue(
    students: pd.DataFrame,
    *,
    priority_column: str | None = None,
    priority_values: Sequence[str] = DEFAULT_PRIORITY_VALUES,
    id_column: str = STUDENT_ID,
) -> pd.DataFrame:
    """Students in the order they take turns: priority tiers first (see the module docstring), then by ID."""
    require_columns(students, [id_column, priority_column])
    tiers = pd.Series(len(priority_values), index=students.index)
    if priority_column is not None:
        values = _text(students[priority_column])
        for tier, value in reversed(list(enumerate(priority_values))):
            tiers[values == value] = tier
    keys = pd.DataFrame({"tier": tiers, "id": students[id_column].astype(str), "row": range(len(students))})
    order = keys.sort_values(["tier", "id", "row"], kind="stable").index
    return students.loc[order].reset_index(drop=True)


def rotation_schedule(
    students: pd.DataFrame,
    devices: pd.DataFrame,
    *,
    sessions: int,
    priority_column: str | None = None,
    priority_values: Sequence[str] = DEFAULT_PRIORITY_VALUES,
    id_column: str = STUDENT_ID,
    name_column: str = NAME,
    device_column: str = DEVICE,
    status_column: str = STATUS,
) -> pd.DataFrame:
    """A round-robin plan: one row per turn with 节次 (1…sessions), 设备编号, 学号, 姓名.

    With ``priority_column`` that column is carried along too. The rule is in the
    module docstring. Raises :class:`InputError` for a missing column, a repeated
    学号, no available device or a session count below 1.
    """
    require_columns(students, [id_column, name_column, priority_column])
    require_columns(devices, [device_column, status_column])
    if isinstance(sessions, bool) or not isinstance(sessions, int) or sessions < 1:
        raise InputError(t("rotation.bad_sessions", sessions=sessions))
    require_students(students)
    ids = students[id_column].astype(str)
    repeated = ids.duplicated()
    if repeated.any():
        position = int(repeated.to_numpy().argmax())
        raise InputError(
            t("rotation.duplicate_id", value=ids.iloc[position]), row=position + 2, column=id_column
        )
    usable = available_devices(devices, device_column=device_column, status_column=status_column)
    if usable.empty:
        raise InputError(t("rotation.no_devices"), column=status_column)
    queue = priority_queue(
        students, priority_column=priority_column, priority_values=priority_values, id_column=id_column
    )
    columns = [id_column, name_column] + ([priority_column] if priority_column else [])
    per_session = min(len(usable), len(queue))
    rows = []
    for session in range(sessions):
        for seat in range(per_session):
            student = queue.iloc[(session * per_session + seat) % len(queue)]
            rows.append([session + 1, usable[device_column].iloc[seat], *student[columns]])
    return pd.DataFrame(rows, columns=[SESSION, device_column, *columns])


def schedule_grid(
    schedule: pd.DataFrame, *, device_column: str = DEVICE, name_column: str = NAME
) -> pd.DataFrame:
    """The plan as a wall chart: one row per session, one column per device, student names inside."""
    require_columns(schedule, [SESSION, device_column, name_column])
    devices = list(dict.fromkeys(schedule[device_column]))
    grid = schedule.pivot(index=SESSION, columns=device_column, values=name_column)
    return grid.reindex(columns=devices).fillna("").rename_axis(columns=None)


@dataclass(frozen=True)
class FairnessReport:
    """Turns per student (``counts``: 学号, 姓名, [priority column,] 次数) and the fewest and most turns."""

    counts: pd.DataFrame
    minimum: int
    maximum: int

    @property
    def gap(self) -> int:
        return self.maximum - self.minimum

    @property
    def fair(self) -> bool:
        """True when no student has more than one turn more than another."""
        return self.gap <= 1

    def distribution(self, *, name_column: str = NAME) -> pd.DataFrame:
        """How many students had each number of turns, and who they are."""
        by_turns = self.counts.groupby(TURNS, sort=True)[name_column]
        table = pd.DataFrame(
            {HEADCOUNT: by_turns.size(), NAMES: by_turns.agg(lambda s: "、".join(map(str, s)))}
        )
        return table.sort_index(ascending=False)


def fairness_report(
    schedule: pd.DataFrame,
    students: pd.DataFrame | None = None,
    *,
    id_column: str = STUDENT_ID,
    name_column: str = NAME,
    device_column: str = DEVICE,
) -> FairnessReport:
    """Count each student's turns in ``schedule``; pass ``students`` to include those with none.

    Columns of the schedule besides 节次, the device, ID and name (such as the
    priority column) are carried into ``counts``.
    """
    require_columns(schedule, [SESSION, device_column, id_column, name_column])
    extra = [c for c in schedule.columns if c not in (SESSION, device_column, id_column, name_column)]
    people = schedule[[id_column, name_column, *extra]].drop_duplicates(id_column)
    if students is not None:
        require_columns(students, [id_column, name_column, *extra])
        people = students[[id_column, name_column, *extra]]
    turns = schedule.groupby(id_column).size()
    counts = people.assign(**{TURNS: people[id_column].map(turns).fillna(0).astype(int)})
    counts = counts.sort_values([TURNS, id_column], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )
    return FairnessReport(counts=counts, minimum=int(counts[TURNS].min()), maximum=int(counts[TURNS].max()))
