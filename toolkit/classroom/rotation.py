"""B8 公平管理技术资源: a fair device rotation for a class, its fairness check, and a no-code planner.

The model is plain pandas; :class:`RotationPlanner` puts it behind a few clicks.

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

import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.work.outputs import download_links, outputs_dir
from toolkit.work.progress import record_output

POINT = "B8"
SESSION = "节次"
TURNS = "次数"
HEADCOUNT = "人数"
NAMES = "名单"
AVAILABLE = "可用"
DEFAULT_PRIORITY_COLUMN = "家中设备"
DEFAULT_PRIORITY_VALUES = ("无", "手机")
EXPORT_SCHEDULE = "B8_rotation.csv"
EXPORT_COUNTS = "B8_rotation_counts.csv"

add_messages(
    {
        "rotation.missing_column": {
            "zh": "表中没有“{column}”列。现有的列：{found}",
            "en": "there is no column '{column}'; the table has: {found}",
        },
        "rotation.bad_sessions": {
            "zh": "节次数应是不小于 1 的整数，现在是 {sessions}",
            "en": "the number of sessions must be a whole number of at least 1, got {sessions}",
        },
        "rotation.no_students": {"zh": "名单中没有学生", "en": "the list has no students"},
        "rotation.duplicate_id": {
            "zh": "学号“{value}”出现了不止一次",
            "en": "student ID '{value}' appears more than once",
        },
        "rotation.no_devices": {
            "zh": "没有状态为“可用”的设备，无法安排轮换",
            "en": "no device has the status '可用' (available), so there is nothing to rotate",
        },
        "rotation.title": {"zh": "设备轮换排班工具", "en": "Device rotation planner"},
        "rotation.intro": {
            "zh": "设定要排的节次数，选择是否让家中缺少设备的学生优先，点击“生成”。"
            "维修中的设备会自动排除；每节课没有人重复，全程每人次数最多相差 1 次。满意后导出 CSV。",
            "en": "Set the number of sessions, choose whether students without a device at home come "
            "first, and click 'Generate'. Devices under repair are left out; nobody gets two devices "
            "in one session and turns differ by at most 1. Export the plan as CSV.",
        },
        "rotation.sessions": {"zh": "节次数", "en": "Sessions"},
        "rotation.priority": {"zh": "优先", "en": "Priority"},
        "rotation.no_priority": {"zh": "不设优先（按学号轮流）", "en": "none (by student ID)"},
        "rotation.priority_option": {
            "zh": "“{column}”为 {values} 的学生优先",
            "en": "students whose '{column}' is {values} first",
        },
        "rotation.run": {"zh": "生成", "en": "Generate"},
        "rotation.export": {"zh": "导出 CSV", "en": "Export CSV"},
        "rotation.devices": {
            "zh": "可用设备 {count} 台",
            "en": "{count} devices available",
        },
        "rotation.excluded": {"zh": "，已排除：{devices}", "en": "; left out: {devices}"},
        "rotation.done": {
            "zh": "{devices}。{sessions} 节课每节 {per} 人使用，共 {turns} 人次；每人 {low}–{high} 次。",
            "en": "{devices}. {sessions} sessions with {per} students each, {turns} turns in all; "
            "{low}–{high} turns per student.",
        },
        "rotation.summary": {
            "zh": "共 {students} 名学生，每人使用 {low}–{high} 次（最多相差 {gap} 次）",
            "en": "{students} students, {low}–{high} turns each (difference {gap})",
        },
        "rotation.export_first": {"zh": "请先点击“生成”。", "en": "Click 'Generate' first."},
        "rotation.exported": {
            "zh": "已导出 {schedule} 和 {counts}（在 outputs 文件夹中，可用 Excel 或 WPS 打开）。",
            "en": "Exported {schedule} and {counts} (in the outputs folder; open them in Excel or WPS).",
        },
        "rotation.session_label": {"zh": "第{number}节", "en": "Session {number}"},
    }
)


def _require_columns(frame: pd.DataFrame, columns: Sequence[str | None]) -> None:
    for column in columns:
        if column is not None and column not in frame.columns:
            found = "、".join(str(c) for c in frame.columns)
            raise InputError(t("rotation.missing_column", column=column, found=found), column=column)


def _text(values: pd.Series) -> pd.Series:
    return values.fillna("").astype(str).str.strip()


def available_devices(
    devices: pd.DataFrame, *, device_column: str = "设备编号", status_column: str = "状态"
) -> pd.DataFrame:
    """The devices whose status is exactly 可用, in list order."""
    _require_columns(devices, [device_column, status_column])
    return devices[_text(devices[status_column]) == AVAILABLE].reset_index(drop=True)


def priority_queue(
    students: pd.DataFrame,
    *,
    priority_column: str | None = None,
    priority_values: Sequence[str] = DEFAULT_PRIORITY_VALUES,
    id_column: str = "学号",
) -> pd.DataFrame:
    """Students in the order they take turns: priority tiers first (see the module docstring), then by ID."""
    _require_columns(students, [id_column, priority_column])
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
    id_column: str = "学号",
    name_column: str = "姓名",
    device_column: str = "设备编号",
    status_column: str = "状态",
) -> pd.DataFrame:
    """A round-robin plan: one row per turn with 节次 (1…sessions), 设备编号, 学号, 姓名.

    With ``priority_column`` that column is carried along too. The rule is in the
    module docstring. Raises :class:`InputError` for a missing column, a repeated
    学号, no available device or a session count below 1.
    """
    _require_columns(students, [id_column, name_column, priority_column])
    _require_columns(devices, [device_column, status_column])
    if isinstance(sessions, bool) or not isinstance(sessions, int) or sessions < 1:
        raise InputError(t("rotation.bad_sessions", sessions=sessions))
    if students.empty:
        raise InputError(t("rotation.no_students"))
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
    schedule: pd.DataFrame, *, device_column: str = "设备编号", name_column: str = "姓名"
) -> pd.DataFrame:
    """The plan as a wall chart: one row per session, one column per device, student names inside."""
    _require_columns(schedule, [SESSION, device_column, name_column])
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

    def distribution(self, *, name_column: str = "姓名") -> pd.DataFrame:
        """How many students had each number of turns, and who they are."""
        by_turns = self.counts.groupby(TURNS, sort=True)[name_column]
        table = pd.DataFrame(
            {HEADCOUNT: by_turns.size(), NAMES: by_turns.agg(lambda s: "、".join(map(str, s)))}
        )
        return table.sort_index(ascending=False)

    def _repr_html_(self) -> str:
        note = t(
            "rotation.summary", students=len(self.counts), low=self.minimum, high=self.maximum, gap=self.gap
        )
        return f"<p>{html.escape(note)}</p>" + self.distribution().reset_index().to_html(index=False)


def fairness_report(
    schedule: pd.DataFrame,
    students: pd.DataFrame | None = None,
    *,
    id_column: str = "学号",
    name_column: str = "姓名",
    device_column: str = "设备编号",
) -> FairnessReport:
    """Count each student's turns in ``schedule``; pass ``students`` to include those with none.

    Columns of the schedule besides 节次, the device, ID and name (such as the
    priority column) are carried into ``counts``.
    """
    _require_columns(schedule, [SESSION, device_column, id_column, name_column])
    extra = [c for c in schedule.columns if c not in (SESSION, device_column, id_column, name_column)]
    people = schedule[[id_column, name_column, *extra]].drop_duplicates(id_column)
    if students is not None:
        _require_columns(students, [id_column, name_column, *extra])
        people = students[[id_column, name_column, *extra]]
    turns = schedule.groupby(id_column).size()
    counts = people.assign(**{TURNS: people[id_column].map(turns).fillna(0).astype(int)})
    counts = counts.sort_values([TURNS, id_column], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )
    return FairnessReport(counts=counts, minimum=int(counts[TURNS].min()), maximum=int(counts[TURNS].max()))


class RotationPlanner(widgets.VBox):
    """Set sessions and priority, click 生成, see the plan and each student's turns, export CSV."""

    def __init__(
        self,
        students: pd.DataFrame,
        devices: pd.DataFrame,
        *,
        priority_column: str = DEFAULT_PRIORITY_COLUMN,
        priority_values: Sequence[str] = DEFAULT_PRIORITY_VALUES,
        id_column: str = "学号",
        name_column: str = "姓名",
        device_column: str = "设备编号",
        status_column: str = "状态",
    ) -> None:
        _require_columns(students, [id_column, name_column])
        _require_columns(devices, [device_column, status_column])
        self.students, self.devices = students, devices
        self.priority_values = tuple(priority_values)
        self.id_column, self.name_column = id_column, name_column
        self.device_column, self.status_column = device_column, status_column
        self.schedule: pd.DataFrame | None = None
        self.report: FairnessReport | None = None
        options: list[tuple[str, str | None]] = [(t("rotation.no_priority"), None)]
        if priority_column in students.columns:
            label = t(
                "rotation.priority_option", column=priority_column, values="/".join(self.priority_values)
            )
            options.append((label, priority_column))
        self.sessions = widgets.BoundedIntText(description=t("rotation.sessions"), value=5, min=1, max=60)
        self.priority = widgets.Dropdown(
            description=t("rotation.priority"),
            options=options,
            value=options[-1][1],
            layout=widgets.Layout(width="auto"),
        )
        self.run_button = widgets.Button(
            description=t("rotation.run"), button_style="primary", icon="calendar"
        )
        self.export_button = widgets.Button(description=t("rotation.export"), icon="download")
        self.run_button.on_click(lambda _: self.run())
        self.export_button.on_click(lambda _: self.export())
        self.status = widgets.HTML("")
        self.grid = widgets.HTML("")
        self.counts = widgets.HTML("")
        super().__init__(
            [
                widgets.HTML(
                    f"<h4>{t('rotation.title')}</h4><div style='color:#555'>{t('rotation.intro')}</div>"
                ),
                widgets.HBox([self.sessions, self.priority]),
                widgets.HBox([self.run_button, self.export_button]),
                self.status,
                self.grid,
                self.counts,
            ],
            layout=widgets.Layout(border="1px solid #ddd", padding="8px"),
        )
        self.add_class("workshop-rotation-planner")

    def _say(self, message: str, *, error: bool = False) -> None:
        colour = "#c62828" if error else "#2e7d32"
        self.status.value = f"<div style='color:{colour}'>{html.escape(message)}</div>"

    def _devices_note(self) -> str:
        usable = available_devices(
            self.devices, device_column=self.device_column, status_column=self.status_column
        )
        note = t("rotation.devices", count=len(usable))
        left_out = self.devices[_text(self.devices[self.status_column]) != AVAILABLE]
        if not left_out.empty:
            listed = "、".join(
                f"{row[self.device_column]}（{row[self.status_column]}）" for _, row in left_out.iterrows()
            )
            note += t("rotation.excluded", devices=listed)
        return note

    def run(self) -> pd.DataFrame | None:
        """Build the plan from the current choices and show it (what the 生成 button does)."""
        try:
            schedule = rotation_schedule(
                self.students,
                self.devices,
                sessions=int(self.sessions.value),
                priority_column=self.priority.value,
                priority_values=self.priority_values,
                id_column=self.id_column,
                name_column=self.name_column,
                device_column=self.device_column,
                status_column=self.status_column,
            )
        except InputError as error:
            self._say(str(error), error=True)
            return None
        report = fairness_report(
            schedule,
            self.students,
            id_column=self.id_column,
            name_column=self.name_column,
            device_column=self.device_column,
        )
        self.schedule, self.report = schedule, report
        per_session = int(schedule.groupby(SESSION).size().iloc[0])
        self._say(
            t(
                "rotation.done",
                devices=self._devices_note(),
                sessions=int(self.sessions.value),
                per=per_session,
                turns=len(schedule),
                low=report.minimum,
                high=report.maximum,
            )
        )
        self.grid.value = self._grid().reset_index().to_html(index=False, classes="workshop-rotation")
        self.counts.value = report._repr_html_()
        return schedule

    def _grid(self) -> pd.DataFrame:
        assert self.schedule is not None
        grid = schedule_grid(self.schedule, device_column=self.device_column, name_column=self.name_column)
        grid.index = [t("rotation.session_label", number=n) for n in grid.index]
        grid.index.name = SESSION
        return grid

    def export(self) -> tuple[Path, Path] | None:
        """Write the wall chart (session × device) and each student's turns to outputs/ as CSV."""
        if self.schedule is None or self.report is None:
            self._say(t("rotation.export_first"), error=True)
            return None
        folder = outputs_dir()
        schedule_path, counts_path = folder / EXPORT_SCHEDULE, folder / EXPORT_COUNTS
        self._grid().to_csv(schedule_path, encoding="utf-8-sig")
        self.report.counts.to_csv(counts_path, index=False, encoding="utf-8-sig")
        record_output(POINT, "rotation", schedule_path)
        self._say(t("rotation.exported", schedule=schedule_path.name, counts=counts_path.name))
        self.status.value += download_links(schedule_path, counts_path)
        return schedule_path, counts_path
