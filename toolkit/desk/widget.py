"""The grading desk as widgets: served by ``workshop dashboard`` (Voila) and usable in JupyterLab."""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as widgets

from toolkit.dashboard.markup import COURSE_ENV, query_parameter
from toolkit.desk.model import GradingDesk, Submission
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.submission.titles import assignment_title
from toolkit.widgets.style import WRAP_CLASS, WRAP_OPTIONS_CSS

add_messages(
    {
        "desk.title": {"zh": "量规评分台", "en": "Rubric grading desk"},
        "desk.assignment": {"zh": "作业", "en": "Assignment"},
        "desk.mode": {"zh": "评分方式", "en": "Mode"},
        "desk.by_teacher": {"zh": "按教师", "en": "By teacher"},
        "desk.by_task": {"zh": "按任务（跨教师）", "en": "By task, across teachers"},
        "desk.teacher": {"zh": "教师", "en": "Teacher"},
        "desk.item": {"zh": "评价项", "en": "Item"},
        "desk.next": {"zh": "下一位", "en": "Next"},
        "desk.save": {"zh": "保存评分", "en": "Save grade"},
        "desk.recommend": {"zh": "推荐入选成果集", "en": "Recommend for the collections"},
        "desk.recommended": {
            "zh": "{what}：{teacher} 的 {assignment}",
            "en": "{what}: {teacher}'s {assignment}",
        },
        "desk.recommend_on": {"zh": "已推荐入选成果集", "en": "Recommended"},
        "desk.recommend_off": {"zh": "已取消推荐", "en": "Recommendation withdrawn"},
        "desk.saved": {
            "zh": "已保存：{teacher} {level}（{score:g} 分），写入成绩库",
            "en": "Saved {teacher}: {level} ({score:g} points), written to the gradebook",
        },
        "desk.level_now": {"zh": "按所勾指标，当前等级：{level}", "en": "Level from the ticks: {level}"},
        "desk.bank": {"zh": "评语库", "en": "Comment bank"},
        "desk.insert": {"zh": "插入评语", "en": "Insert"},
        "desk.keep": {"zh": "存入评语库", "en": "Add to bank"},
        "desk.comment": {"zh": "评语", "en": "Comment"},
        "desk.none": {"zh": "没有需要量规评分的作业。", "en": "No rubric-graded assignment yet."},
        "desk.files": {"zh": "提交的证据", "en": "Evidence handed in"},
        "desk.rules": {"zh": "结构规则（自动评分）", "en": "Structural rules (autograded)"},
    }
)


def _submission_html(submission: Submission) -> str:
    if submission.plan is not None or submission.rules:
        rules = "".join(
            f"<li style='color:{'#2e7d32' if r.passed else '#c62828'}'>{'✓' if r.passed else '✗'} "
            f"{html.escape(r.name)}{'：' + html.escape(r.detail) if not r.passed and r.detail else ''}</li>"
            for r in submission.rules
        )
        points = (submission.plan or {}).get("points", {})
        rows = "".join(
            f"<tr><td>{html.escape(str(code))}</td><td>{html.escape(str(e.get('reason', '')))}</td>"
            f"<td>{html.escape(str(e.get('goal', '')))}</td>"
            f"<td>{html.escape(str(e.get('activities', '')))}</td>"
            f"<td>{html.escape(str(e.get('online_hours', '')))} + "
            f"{html.escape(str(e.get('practice_hours', '')))}</td></tr>"
            for code, e in points.items()
            if isinstance(e, dict)
        )
        return (
            f"<h4>{t('desk.rules')}</h4><ul>{rules}</ul>"
            "<table border='1' cellpadding='4' style='border-collapse:collapse'>"
            "<tr><th>能力点</th><th>理由</th><th>目标</th><th>活动</th><th>学时</th></tr>"
            f"{rows}</table>"
        )
    items = "".join(
        f"<li><b>{html.escape(s.criterion.name)}</b>：{html.escape(s.summary())}<ul>"
        + "".join(
            f"<li>{'✓' if f.ok else '✗'} {html.escape(f.name)} ({f.size_mb:.1f} MB) "
            f"{html.escape('；'.join(f.problems))}</li>"
            for f in s.files
        )
        + "</ul></li>"
        for s in submission.evidence
    )
    where = html.escape(str(submission.folder))
    notes = "".join(f"<p><b>{html.escape(note)}</b></p>" for note in submission.notes)
    return f"{notes}<h4>{t('desk.files')}</h4><p style='color:#666'>{where}</p><ul>{items}</ul>"


DESK_CLASS = "workshop-desk"


class GradingDeskApp(widgets.VBox):
    """Choose an assignment, then grade by teacher or by one item across teachers."""

    def __init__(self, course_dir: str | Path | None = None, *, grader: str | None = None) -> None:
        folder = course_dir or os.environ.get(COURSE_ENV)
        if not folder:
            super().__init__([widgets.HTML(f"<b>{t('dashboard.no_course')}</b>")])
            return
        self.desk = GradingDesk(folder, grader=grader)
        assignments = self.desk.assignments()
        if not assignments:
            super().__init__([widgets.HTML(f"<p>{t('desk.none')}</p>")])
            return
        # A link from a dashboard (desk.ipynb?assignment=task_A1&teacher=T0001) opens that submission.
        wanted = query_parameter("assignment")
        self.assignment = widgets.Dropdown(
            options=[(f"{assignment_title(name)}（{name}）", name) for name in assignments],
            value=wanted if wanted in assignments else assignments[0],
            description=t("desk.assignment"),
        )
        self.requested_teacher = query_parameter("teacher")
        self.mode = widgets.ToggleButtons(
            options=[(t("desk.by_teacher"), "teacher"), (t("desk.by_task"), "task")],
            description=t("desk.mode"),
        )
        self.teacher = widgets.Dropdown(description=t("desk.teacher"))
        self.item = widgets.Dropdown(description=t("desk.item"), layout={"width": "420px"})
        self.next_button = widgets.Button(description=t("desk.next"), icon="arrow-right")
        self.view = widgets.HTML()
        self.indicators = widgets.VBox()
        self.level = widgets.HTML()
        self.bank = widgets.Dropdown(description=t("desk.bank"), layout={"width": "620px"})
        self.insert = widgets.Button(description=t("desk.insert"))
        self.keep = widgets.Button(description=t("desk.keep"))
        self.comment = widgets.Textarea(
            description=t("desk.comment"), layout={"width": "620px", "height": "80px"}
        )
        self.save_button = widgets.Button(description=t("desk.save"), button_style="primary", icon="check")
        self.message = widgets.HTML()
        # Beyond the level: a 合格 submission can still be a good example for the collections.
        self.recommend = widgets.Checkbox(description=t("desk.recommend"), indent=False)
        self.recommend.add_class("workshop-desk-recommend")
        self.recommend.observe(lambda _: None if self.rebuilding else self._recommend(), names="value")
        self.boxes: dict[str, list[tuple[str, widgets.Checkbox]]] = {}
        self.shown_key: tuple[str, str] | None = None
        self.assignment.observe(lambda _: self._assignment_changed(), names="value")
        self.rebuilding = False  # while the choices are replaced, their change events show nothing
        for control in (self.mode, self.item, self.teacher):
            control.observe(lambda _: None if self.rebuilding else self._show_teacher(), names="value")
        self.next_button.on_click(lambda _: self.next_teacher())
        self.insert.on_click(lambda _: self._insert_comment())
        self.keep.on_click(lambda _: self._keep_comment())
        self.save_button.on_click(lambda _: self.save())
        super().__init__(
            [
                widgets.HTML(f"{WRAP_OPTIONS_CSS}<h2>{t('desk.title')}</h2>"),
                widgets.HBox([self.assignment, self.mode]),
                widgets.HBox([self.teacher, self.item, self.next_button]),
                self.view,
                self.indicators,
                self.level,
                widgets.HBox([self.bank, self.insert]),
                widgets.HBox([self.comment, self.keep]),
                widgets.HBox([self.save_button, self.recommend]),
                self.message,
            ]
        )
        self.add_class(WRAP_CLASS)
        self.add_class(DESK_CLASS)
        self._assignment_changed()

    def _assignment_changed(self) -> None:
        self.rebuilding = True
        try:
            self.rubric = self.desk.rubric(self.assignment.value)
            frame = self.desk.submissions(self.assignment.value)
            current = self.teacher.value or self.requested_teacher
            self.requested_teacher = ""  # only the first showing follows the link
            self.teacher.options = [
                (
                    f"{row.teacher_id} {row.name}"
                    + (f" · {row.level_name}" if isinstance(row.level_name, str) else ""),
                    row.teacher_id,
                )
                for row in frame.itertuples()
            ]
            ids = [value for _, value in self.teacher.options]
            self.teacher.value = current if current in ids else (ids[0] if ids else None)
            item = self.item.value
            self.item.options = [(c.name, c.id) for c in self.rubric.criteria]
            items = [value for _, value in self.item.options]
            self.item.value = item if item in items else (items[0] if items else None)
            self.bank.options = self.desk.comment_bank(self.assignment.value)
        finally:
            self.rebuilding = False
        self._show_teacher()

    def _show_teacher(self) -> None:
        self.item.layout.display = "" if self.mode.value == "task" else "none"
        if self.teacher.value is None:
            self.view.value, self.indicators.children, self.shown_key = "", (), None
            return
        key = (self.assignment.value, self.teacher.value)
        if key == self.shown_key:
            # Only the view changed (mode or item): keep the ticks not yet saved.
            ticked = self.ticks()
        else:
            try:
                submission = self.desk.submission(*key)
            except InputError as error:
                self.view.value = f"<p style='color:#c62828'>{html.escape(error.message)}</p>"
                self.indicators.children, self.shown_key = (), None
                return
            self.view.value = _submission_html(submission)
            self.shown_submission, self.shown_key = submission, key
            self.rebuilding = True
            try:
                self.recommend.value = key in self.desk.recommended(key[0])
            finally:
                self.rebuilding = False
            # A remark belongs to one teacher: never carry it over to the next.
            ticked, self.comment.value = self.desk.last_grading(*key)
        shown = (
            [self.rubric.criterion(self.item.value)]
            if self.mode.value == "task" and self.item.value
            else self.rubric.criteria
        )
        self.boxes, parts = {}, []
        for criterion in self.rubric.criteria:
            boxes = [
                (
                    indicator,
                    widgets.Checkbox(
                        value=indicator in ticked.get(criterion.id, set()),
                        description=f"[{level.name}] {indicator}",
                        indent=False,
                        layout={"width": "auto"},
                    ),
                )
                for level in self.rubric.levels[1:]
                for indicator in criterion.indicators.get(level.id, ())
            ]
            self.boxes[criterion.id] = boxes
            for _, box in boxes:
                box.observe(lambda _: self._show_level(), names="value")
            if criterion in shown:
                parts.append(
                    widgets.VBox(
                        [widgets.HTML(f"<b>{html.escape(criterion.name)}</b>"), *[b for _, b in boxes]]
                    )
                )
        self.indicators.children = parts
        self._show_level()

    def ticks(self) -> dict[str, set[str]]:
        return {cid: {text for text, box in boxes if box.value} for cid, boxes in self.boxes.items()}

    def _show_level(self) -> None:
        result = self.desk.preview(self.shown_submission, self.ticks())
        self.level.value = f"<b>{html.escape(t('desk.level_now', level=result.level.name))}</b>"

    def next_teacher(self) -> None:
        values = [value for _, value in self.teacher.options]
        if values:
            position = values.index(self.teacher.value) if self.teacher.value in values else -1
            self.teacher.value = values[(position + 1) % len(values)]

    def _insert_comment(self) -> None:
        if self.bank.value:
            self.comment.value = (self.comment.value + " " + self.bank.value).strip()

    def _keep_comment(self) -> None:
        self.bank.options = self.desk.add_comment(self.assignment.value, self.comment.value)

    def _recommend(self) -> None:
        if self.shown_key is None:
            return
        assignment, teacher = self.shown_key
        self.desk.recommend(assignment, teacher, recommended=self.recommend.value)
        what = t("desk.recommend_on") if self.recommend.value else t("desk.recommend_off")
        said = t("desk.recommended", what=what, teacher=teacher, assignment=assignment)
        self.message.value = html.escape(said)

    def save(self) -> None:
        grade = self.desk.grade(
            self.assignment.value, self.teacher.value, self.ticks(), comment=self.comment.value
        )
        self.message.value = html.escape(
            t("desk.saved", teacher=grade.teacher_id, level=grade.result.level.name, score=grade.score)
        )
        self._assignment_changed()  # the teacher list shows the new level
