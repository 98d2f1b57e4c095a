"""B8 rotation planner: set sessions and priority, generate the plan, see each student's turns, export."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from toolkit.classroom.classtable import NAME, STUDENT_ID, require_columns, write_csv
from toolkit.classroom.rotation.model import (
    DEFAULT_PRIORITY_COLUMN,
    DEFAULT_PRIORITY_VALUES,
    DEVICE,
    POINT,
    SESSION,
    STATUS,
    FairnessReport,
    available_devices,
    fairness_report,
    rotation_schedule,
    schedule_grid,
    unavailable_devices,
)
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.work.outputs import download_links, outputs_dir
from toolkit.work.progress import record_output

EXPORT_SCHEDULE = "B8_rotation.csv"
EXPORT_COUNTS = "B8_rotation_counts.csv"

add_messages(
    {
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


def fairness_html(report: FairnessReport) -> str:
    """The fairness check as HTML: one sentence, then how many students had each number of turns."""
    note = t(
        "rotation.summary",
        students=len(report.counts),
        low=report.minimum,
        high=report.maximum,
        gap=report.gap,
    )
    return f"<p>{html.escape(note)}</p>" + report.distribution().reset_index().to_html(index=False)


class RotationPlanner(widgets.VBox):
    """Set sessions and priority, click 生成, see the plan and each student's turns, export CSV."""

    def __init__(
        self,
        students: pd.DataFrame,
        devices: pd.DataFrame,
        *,
        priority_column: str = DEFAULT_PRIORITY_COLUMN,
        priority_values: Sequence[str] = DEFAULT_PRIORITY_VALUES,
        id_column: str = STUDENT_ID,
        name_column: str = NAME,
        device_column: str = DEVICE,
        status_column: str = STATUS,
    ) -> None:
        require_columns(students, [id_column, name_column])
        require_columns(devices, [device_column, status_column])
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
        left_out = unavailable_devices(
            self.devices, device_column=self.device_column, status_column=self.status_column
        )
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
        self.counts.value = fairness_html(report)
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
        write_csv(schedule_path, self._grid(), index=True)
        write_csv(counts_path, self.report.counts)
        record_output(POINT, "rotation", schedule_path)
        self._say(t("rotation.exported", schedule=schedule_path.name, counts=counts_path.name))
        self.status.value += download_links(schedule_path, counts_path)
        return schedule_path, counts_path
