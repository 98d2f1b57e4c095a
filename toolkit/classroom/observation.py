"""Collecting assessment data while teaching (A12): tap a student, tap a behaviour, get a tally.

``ObservationLog`` is the plain model: records of time ("HH:MM"), student
number and behaviour, with undo, a students × behaviours tally, and CSV in the
course's format (``时间,学号,行为``, as in course/data/class_7a_observation.csv).
``ObservationRecorder`` is the no-code widget a teacher uses during a lesson.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from matplotlib.ticker import MaxNLocator

from toolkit.atomic import write_text_atomic
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.plotting import figure_png, new_figure
from toolkit.tables import ColumnSpec, clean, read_table
from toolkit.work.outputs import download_links, outputs_dir
from toolkit.work.progress import progress_store, record_output

DEFAULT_BEHAVIOURS: tuple[str, ...] = ("举手发言", "回答正确", "小组讨论中发言", "需要提醒专注")
TIME, STUDENT, BEHAVIOUR = "时间", "学号", "行为"
COLUMNS = (TIME, STUDENT, BEHAVIOUR)
TOTAL = "合计"
NAME = "姓名"

_SPECS = (
    ColumnSpec("time", (TIME, "time"), required=True),
    ColumnSpec("student", (STUDENT, "student_id", "student"), required=True),
    ColumnSpec("behaviour", (BEHAVIOUR, "behaviour", "behavior"), required=True),
)
_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})(?:[:：]\d{2})?$")

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
        "observation.chart_title": {"zh": "各类行为记录次数", "en": "Records per behaviour"},
        "observation.count": {"zh": "次数", "en": "Times"},
        "observation.unseen": {
            "zh": "还没有任何记录的学生（{count} 人）：{names}",
            "en": "Students with no record yet ({count}): {names}",
        },
        "observation.all_seen": {
            "zh": "全班每位学生都至少有一条记录。",
            "en": "Every student has at least one record.",
        },
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
        target = Path(path)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(self._row(r) for r in self._records)
        write_text_atomic(target, "\ufeff" + buffer.getvalue())
        return target

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
        missing = [c for c in COLUMNS if c not in frame.columns]
        if missing:
            raise InputError(
                t(
                    "table.missing_column",
                    column=missing[0],
                    accepted=missing[0],
                    found="、".join(frame.columns),
                )
            )
        log = cls(behaviours)
        for offset, row in enumerate(frame[list(COLUMNS)].itertuples(index=False)):
            values = ["" if pd.isna(v) else str(v) for v in row]
            try:
                log.add(*values)
            except InputError as error:
                # Row numbers as a spreadsheet shows them: the header is row 1.
                raise InputError(error.message, row=offset + 2, column=error.column) from error
        return log


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
        missing = [c for c in (STUDENT, NAME) if c not in roster.columns]
        if missing:
            raise ValueError(f"the roster needs the columns 学号 and 姓名; missing {', '.join(missing)}")
        ids = [clean(v) for v in roster[STUDENT]]
        if len(set(ids)) != len(ids):
            raise ValueError("the roster repeats a 学号")
        if not behaviours:
            raise ValueError("give at least one behaviour")
        self.code = code
        self.names = dict(zip(ids, (clean(v) for v in roster[NAME]), strict=True))
        self.clock = clock or current_time
        self.store = progress_store()
        self.key = f"observation:{code}"
        saved = ObservationLog.from_dict(self.store.get(self.key) or {})
        # Records kept from before a kernel restart come back; the buttons are today's behaviours.
        self.observations = ObservationLog(behaviours, saved.records)
        self._confirm_clear = False

        self.student = widgets.Dropdown(
            options=[(t("observation.choose"), None), *[(f"{self.names[i]}（{i}）", i) for i in ids]],
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
        path = self.observations.write_csv(outputs_dir() / f"{self.code}_observation.csv")
        record_output(self.code, "observation", path)
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
        self.chart.value = self.chart_png()

    def chart_png(self) -> bytes:
        """A bar chart of the records per behaviour, Chinese labels, as PNG bytes."""
        counts = self.observations.behaviour_counts()
        figure = new_figure(4.8, 3.0)
        axes = figure.subplots()
        bars = axes.bar(list(counts.index), list(counts.values), color="#4c78a8")
        axes.bar_label(bars)
        axes.set_title(t("observation.chart_title"))
        axes.set_ylabel(t("observation.count"))
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylim(0, max(1, int(counts.max()) if len(counts) else 1) * 1.2)
        axes.tick_params(axis="x", labelsize=9)
        return figure_png(figure, dpi=90)
