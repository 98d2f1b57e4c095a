"""A12 observation recorder: tap a student, tap a behaviour; see the tally and a chart as you go."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from toolkit.classroom.classtable import NAME, roster_names
from toolkit.classroom.observation.chart import behaviour_chart
from toolkit.classroom.observation.model import (
    DEFAULT_BEHAVIOURS,
    TOTAL,
    Observation,
    ObservationLog,
    current_time,
    export_log,
)
from toolkit.i18n import add_messages, t
from toolkit.tables import clean
from toolkit.work.outputs import download_links
from toolkit.work.progress import progress_store

add_messages(
    {
        "observation.title": {"zh": "课堂观察记录器", "en": "Classroom observation recorder"},
        "observation.intro": {
            "zh": "先选学生，再点行为按钮；每点一次记一条（自动记下时间）。点错了就点“撤销上一条”。",
            "en": "Pick a student, then click a behaviour: each click is one record, timed. "
            "Clicked the wrong one? Use 'Undo last'.",
        },
        "observation.student": {"zh": "学生", "en": "Student"},
        "observation.choose": {"zh": "— 选择学生 —", "en": "— choose a student —"},
        "observation.pick_first": {"zh": "请先在上方选择学生。", "en": "Choose a student first."},
        "observation.recorded": {
            "zh": "已记录：{time} {name} · {behaviour}（共 {count} 条）",
            "en": "Recorded: {time} {name} · {behaviour} ({count} in all)",
        },
        "observation.undo": {"zh": "撤销上一条", "en": "Undo last"},
        "observation.undone": {
            "zh": "已撤销：{time} {name} · {behaviour}（还剩 {count} 条）",
            "en": "Undone: {time} {name} · {behaviour} ({count} left)",
        },
        "observation.nothing_to_undo": {"zh": "没有可撤销的记录。", "en": "Nothing to undo."},
        "observation.export": {"zh": "导出 CSV", "en": "Export CSV"},
        "observation.exported": {
            "zh": "已导出 {count} 条记录到 outputs/{file}（可用 Excel/WPS 打开）",
            "en": "Exported {count} records to outputs/{file} (opens in Excel/WPS)",
        },
        "observation.clear": {"zh": "清空，开始新的一节课", "en": "Clear for a new lesson"},
        "observation.clear_confirm": {
            "zh": "确定要清空全部 {count} 条记录吗？建议先导出。再点一次“清空”确认。",
            "en": "Clear all {count} records? Export them first. Click 'Clear' again to confirm.",
        },
        "observation.cleared": {
            "zh": "已清空，可以开始记录新的一节课。",
            "en": "Cleared: ready for a new lesson.",
        },
        "observation.empty": {
            "zh": "还没有记录。选择学生后点击行为按钮开始。",
            "en": "No records yet. Choose a student and click a behaviour.",
        },
        "observation.tally": {
            "zh": "统计表（每人每类行为的次数）",
            "en": "Tally (times per student and behaviour)",
        },
        "observation.unseen": {
            "zh": "还没有任何记录的学生（{count} 人）：{names}",
            "en": "Students with no record yet ({count}): {names}",
        },
        "observation.all_seen": {
            "zh": "全班每位学生都至少有一条记录。",
            "en": "Every student has at least one record.",
        },
    }
)


class ObservationRecorder(widgets.VBox):
    """Record behaviours during a lesson by clicking; see the tally and a chart as you go.

    ``roster`` needs the columns 学号 and 姓名. ``clock`` returns the time to
    stamp ("HH:MM"; the wall clock by default). Records are saved to the
    teacher's progress file after every click, so a restarted kernel keeps them.
    """

    def __init__(
        self,
        roster: pd.DataFrame,
        behaviours: Sequence[str] = DEFAULT_BEHAVIOURS,
        clock: Callable[[], str] | None = None,
        *,
        code: str = "A12",
    ) -> None:
        self.names = roster_names(roster)
        if not behaviours:
            raise ValueError("give at least one behaviour")
        self.code = code
        self.clock = clock or current_time
        self.store = progress_store()
        self.key = f"observation:{code}"
        saved = ObservationLog.from_dict(self.store.get(self.key) or {})
        # Records kept from before a kernel restart come back; the buttons are today's behaviours.
        self.observations = ObservationLog(behaviours, saved.records)
        self._confirm_clear = False

        self.student = widgets.Dropdown(
            options=[
                (t("observation.choose"), None),
                *[(f"{name}（{i}）", i) for i, name in self.names.items()],
            ],
            value=None,
            description=t("observation.student"),
            layout=widgets.Layout(width="320px"),
        )
        self.behaviour_buttons: dict[str, widgets.Button] = {}
        for behaviour in dict.fromkeys(clean(b) for b in behaviours):
            button = widgets.Button(description=behaviour, layout=widgets.Layout(width="auto"))
            button.on_click(lambda _, b=behaviour: self.record(b))
            self.behaviour_buttons[behaviour] = button
        self.undo_button = widgets.Button(description=t("observation.undo"), icon="undo")
        self.export_button = widgets.Button(
            description=t("observation.export"), icon="download", button_style="success"
        )
        self.clear_button = widgets.Button(description=t("observation.clear"), icon="trash")
        self.undo_button.on_click(lambda _: self.undo())
        self.export_button.on_click(lambda _: self.export())
        self.clear_button.on_click(lambda _: self.clear())
        self.status = widgets.HTML("")
        self.table = widgets.HTML("")
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="480px"))
        self.unseen = widgets.HTML("")
        super().__init__(
            [
                widgets.HTML(
                    f"<h4>{t('observation.title')}</h4><div style='color:#555'>{t('observation.intro')}</div>"
                ),
                self.student,
                widgets.HBox(
                    list(self.behaviour_buttons.values()), layout=widgets.Layout(flex_flow="row wrap")
                ),
                widgets.HBox([self.undo_button, self.export_button, self.clear_button]),
                self.status,
                widgets.HBox(
                    [
                        widgets.VBox(
                            [widgets.HTML(f"<b>{t('observation.tally')}</b>"), self.table],
                            layout=widgets.Layout(max_height="360px", overflow="auto", margin="0 12px 0 0"),
                        ),
                        self.chart,
                    ],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self.unseen,
            ],
            layout=widgets.Layout(border="1px solid #ddd", padding="8px"),
        )
        self.add_class("workshop-observation-recorder")
        self.refresh()

    def _describe(self, record: Observation) -> dict[str, str]:
        name = self.names.get(record.student_id, record.student_id)
        return {"time": record.time, "name": name, "behaviour": record.behaviour}

    def record(self, behaviour: str) -> Observation | None:
        """Record ``behaviour`` for the chosen student at the clock's time (what a button click does)."""
        self._confirm_clear = False
        if self.student.value is None:
            self.status.value = f"<span style='color:#c62828'>{t('observation.pick_first')}</span>"
            return None
        record = self.observations.add(self.clock(), self.student.value, behaviour)
        self._changed()
        details = self._describe(record)
        self.status.value = html.escape(t("observation.recorded", count=len(self.observations), **details))
        return record

    def undo(self) -> Observation | None:
        """Take back the latest record."""
        self._confirm_clear = False
        record = self.observations.undo()
        if record is None:
            self.status.value = t("observation.nothing_to_undo")
            return None
        self._changed()
        details = self._describe(record)
        self.status.value = html.escape(t("observation.undone", count=len(self.observations), **details))
        return record

    def clear(self) -> bool:
        """Empty the log; the first click only asks for confirmation. Returns whether it cleared."""
        if self._confirm_clear or not len(self.observations):
            self._confirm_clear = False
            self.observations.clear()
            self._changed()
            self.status.value = t("observation.cleared")
            return True
        self._confirm_clear = True
        question = html.escape(t("observation.clear_confirm", count=len(self.observations)))
        self.status.value = f"<span style='color:#c62828'>{question}</span>"
        return False

    def export(self) -> Path:
        """Write the records to outputs/<code>_observation.csv and note it in the teacher's progress."""
        self._confirm_clear = False
        path = export_log(self.observations, self.code)
        self.status.value = html.escape(
            t("observation.exported", count=len(self.observations), file=path.name)
        ) + download_links(path)
        return path

    def _changed(self) -> None:
        self.store.set(self.key, self.observations.to_dict())
        self.refresh()

    def tally(self) -> pd.DataFrame:
        """The tally over the whole roster (students without records count 0)."""
        return self.observations.tally(students=self.names)

    def refresh(self) -> None:
        """Redraw the table, the chart and the list of students not yet observed."""
        tally = self.tally()
        observed = tally[(tally[TOTAL] > 0) | (tally.index == TOTAL)]
        if len(self.observations):
            shown = observed.copy()
            shown.insert(0, NAME, [self.names.get(i, "") if i != TOTAL else "" for i in shown.index])
            shown = shown.rename_axis(columns=None).reset_index()
            self.table.value = shown.to_html(index=False, border=1, classes="workshop-tally")
        else:
            self.table.value = f"<i style='color:#666'>{t('observation.empty')}</i>"
        unseen = [self.names[i] for i in tally.index if i in self.names and tally.loc[i, TOTAL] == 0]
        if unseen:
            self.unseen.value = html.escape(
                t("observation.unseen", count=len(unseen), names="、".join(unseen))
            )
        else:
            self.unseen.value = f"<span style='color:#2e7d32'>{t('observation.all_seen')}</span>"
        self.chart.value = behaviour_chart(self.observations.behaviour_counts())
