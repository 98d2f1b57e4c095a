"""校本研修管理: the research flow's steps for the school administrator and the group leaders, in
the course service beside the rubric desk. Every button calls :class:`ResearchDesk`, so the page
checks exactly what ``workshop research`` checks, and the tables below show what each group lacks."""

from __future__ import annotations

import getpass
import html
import os
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from toolkit.dashboard.markup import COURSE_ENV, DASHBOARD_CLASS, header, table
from toolkit.environment import GRADER_ENV
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.research.commands import ResearchDesk
from toolkit.widgets.upload import upload_button

add_messages(
    {
        "research.page": {"zh": "校本研修管理", "en": "School-based research"},
        "research.actor": {"zh": "操作人", "en": "Acting as"},
        "research.acting": {"zh": "操作人：{name}（{role}）", "en": "Acting as {name} ({role})"},
        "research.not_on_roster": {
            "zh": "{user} 不在本课程名单中：这里只能查看完成情况。请用名单中的管理员或坊主账号登录。",
            "en": "{user} is not on the course roster: you can only look. "
            "Log in as an administrator or leader.",
        },
        "research.officers_only": {
            "zh": "这一页由学校管理员和坊主操作，{user} 在这里只能查看完成情况。",
            "en": "Administrators and leaders act on this page; {user} can only look.",
        },
        "research.school_part": {"zh": "学校（管理员）", "en": "School (administrator)"},
        "research.group_part": {"zh": "教研组（组长）", "en": "Group (leader)"},
        "research.status_part": {"zh": "完成情况", "en": "Progress"},
        "research.theme": {"zh": "校本研修主题", "en": "Research theme"},
        "research.save_theme": {"zh": "保存主题", "en": "Save theme"},
        "research.group_name": {"zh": "教研组名称", "en": "Group name"},
        "research.leader": {"zh": "组长", "en": "Leader"},
        "research.members": {"zh": "组员", "en": "Members"},
        "research.form_group": {"zh": "创建 / 更新教研组", "en": "Form or update the group"},
        "research.to_confirm": {"zh": "待确认的研修计划", "en": "Plan to confirm"},
        "research.confirm": {"zh": "确认研修计划", "en": "Confirm the plan"},
        "research.accept": {"zh": "整校验收通过", "en": "Pass the school's acceptance"},
        "research.group": {"zh": "教研组", "en": "Group"},
        "research.plan_file": {"zh": "上传研修计划", "en": "Upload the plan"},
        "research.topic_title": {"zh": "专题名称", "en": "Topic"},
        "research.open_topic": {"zh": "新建研修专题", "en": "Open a topic"},
        "research.topic": {"zh": "研修专题", "en": "Topic"},
        "research.kind": {"zh": "活动类型", "en": "Kind"},
        "research.title": {"zh": "活动名称", "en": "Title"},
        "research.hours": {"zh": "学时（线下活动）", "en": "Hours (offline)"},
        "research.participants": {"zh": "指定组员（线下活动）", "en": "Participants (offline)"},
        "research.add_activity": {"zh": "新建研修活动", "en": "Add the activity"},
        "research.online_activity": {"zh": "线上活动", "en": "Online activity"},
        "research.completed_by": {"zh": "完成的组员", "en": "Members who completed it"},
        "research.record_done": {"zh": "记录完成", "en": "Record completions"},
        "research.offline_activity": {"zh": "线下活动", "en": "Offline activity"},
        "research.evidence_files": {"zh": "上传佐证", "en": "Upload evidence"},
        "research.choose_file": {"zh": "先选择文件", "en": "choose a file first"},
        "research.nothing": {"zh": "（无）", "en": "(none)"},
    }
)


# Labels such as 待确认的研修计划 are longer than ipywidgets' default label column.
LABEL = {"description_width": "initial"}


def _choose(dropdown: widgets.Dropdown, options: list[object]) -> None:
    """New options, keeping the choice when it is still there, else the first one."""
    values = [option[1] if isinstance(option, tuple) else option for option in options]
    current = dropdown.value
    dropdown.options = options
    dropdown.value = current if current in values else (values[0] if values else None)


def _uploads(upload: widgets.FileUpload) -> list[tuple[str, bytes]]:
    return [(str(item["name"]), bytes(item["content"])) for item in upload.value]


class ResearchPanel(widgets.VBox):
    """The administrator's and leaders' steps of the flow, and its progress per group and teacher."""

    def __init__(self, course_dir: str | Path | None = None, *, actor: str | None = None) -> None:
        folder = course_dir or os.environ.get(COURSE_ENV)
        if not folder:
            super().__init__([widgets.HTML(f"<b>{t('dashboard.no_course')}</b>")])
            return
        self.folder = folder
        self.desk = ResearchDesk(folder)
        fixed = actor or os.environ.get(GRADER_ENV)
        officers = [
            (f"{tid} {self.desk.names[tid]}", tid)
            for tid, role in self.desk.roles.items()
            if role in ("admin", "leader")
        ]
        ids = [tid for _, tid in officers]
        # On the hub the logged-in grader acts (anyone else only looks); on one machine the
        # trainer chooses whom to act for.
        if fixed is not None:
            officers = officers if fixed in ids else []
        self.actor = widgets.Dropdown(
            options=officers,
            value=(fixed if fixed in ids else None) if fixed is not None else (ids[0] if ids else None),
            description=t("research.actor"),
            disabled=fixed is not None,
            layout=widgets.Layout(width="360px"),
        )
        self.user = fixed or getpass.getuser()
        self.message = widgets.HTML()
        self.status = widgets.HTML()
        self.school = self._school_part()
        self.group_part = self._group_part()
        title = header(t("research.page"), str(self.desk.settings.root), current="research", links=True)
        super().__init__(
            [widgets.HTML(title), self.actor, self.message, self.school, self.group_part, self.status]
        )
        self.add_class(DASHBOARD_CLASS)
        self.add_class("workshop-research")
        self.actor.observe(lambda _: self.refresh(), names="value")
        self.refresh()

    # ---- building ---------------------------------------------------------------------------
    def _button(self, label: str, action: Callable[[], str]) -> widgets.Button:
        button = widgets.Button(
            description=label, button_style="primary", layout=widgets.Layout(width="auto")
        )
        button.on_click(lambda _: self.run(action))
        return button

    def _school_part(self) -> widgets.VBox:
        self.theme = widgets.Text(description=t("research.theme"), layout=widgets.Layout(width="520px"))
        self.group_name = widgets.Text(description=t("research.group_name"), style=LABEL)
        people = [(f"{tid} {name}", tid) for tid, name in self.desk.names.items()]
        self.leader = widgets.Dropdown(options=people, description=t("research.leader"))
        self.members = widgets.SelectMultiple(options=people, description=t("research.members"), rows=6)
        self.to_confirm = widgets.Dropdown(description=t("research.to_confirm"), style=LABEL)
        return widgets.VBox(
            [
                widgets.HTML(f"<h3>{t('research.school_part')}</h3>"),
                widgets.HBox([self.theme, self._button(t("research.save_theme"), self._save_theme)]),
                widgets.HBox([self.group_name, self.leader]),
                widgets.HBox([self.members, self._button(t("research.form_group"), self._form_group)]),
                widgets.HBox([self.to_confirm, self._button(t("research.confirm"), self._confirm)]),
                self._button(t("research.accept"), lambda: self.desk.accept(by=self.actor.value)),
            ]
        )

    def _group_part(self) -> widgets.VBox:
        self.group = widgets.Dropdown(description=t("research.group"))
        self.plan_file = upload_button(description=t("research.plan_file"), multiple=False)
        self.topic_title = widgets.Text(description=t("research.topic_title"))
        self.topic = widgets.Dropdown(description=t("research.topic"))
        self.kind = widgets.Dropdown(
            options=[(k.name, k.id) for k in self.desk.scheme.activities], description=t("research.kind")
        )
        self.title = widgets.Text(description=t("research.title"))
        self.hours = widgets.BoundedFloatText(
            value=0, min=0, max=100, step=0.5, description=t("research.hours"), style=LABEL
        )
        self.participants = widgets.SelectMultiple(
            description=t("research.participants"), style=LABEL, rows=5
        )
        self.online = widgets.Dropdown(description=t("research.online_activity"), style=LABEL)
        self.completed = widgets.SelectMultiple(description=t("research.completed_by"), style=LABEL, rows=5)
        self.offline = widgets.Dropdown(description=t("research.offline_activity"), style=LABEL)
        self.evidence = upload_button(description=t("research.evidence_files"), multiple=True)
        self.group.observe(lambda _: self._fill_group(), names="value")
        return widgets.VBox(
            [
                widgets.HTML(f"<h3>{t('research.group_part')}</h3>"),
                self.group,
                widgets.HBox([self.plan_file, self._button(t("research.plan_file"), self._upload_plan)]),
                widgets.HBox([self.topic_title, self._button(t("research.open_topic"), self._open_topic)]),
                widgets.HBox([self.topic, self.kind, self.title]),
                widgets.HBox(
                    [
                        self.hours,
                        self.participants,
                        self._button(t("research.add_activity"), self._add_activity),
                    ]
                ),
                widgets.HBox(
                    [self.online, self.completed, self._button(t("research.record_done"), self._record_done)]
                ),
                widgets.HBox(
                    [
                        self.offline,
                        self.evidence,
                        self._button(t("research.evidence_files"), self._add_evidence),
                    ]
                ),
            ]
        )

    # ---- actions ----------------------------------------------------------------------------
    def run(self, action: Callable[[], str]) -> None:
        """Do one step; say what was recorded, or why nothing was (never a traceback)."""
        try:
            said = action()
        except InputError as error:
            self.message.value = (
                f"<p class='workshop-research-error' style='color:#c00'>{html.escape(error.message)}</p>"
            )
            return
        self.message.value = f"<p class='workshop-research-done' style='color:#060'>{html.escape(said)}</p>"
        self.desk = ResearchDesk(self.folder)  # read the log again: the next step sees this one
        self.refresh()

    def _save_theme(self) -> str:
        return self.desk.set_theme(self.theme.value, by=self.actor.value)

    def _form_group(self) -> str:
        return self.desk.form_group(
            self.group_name.value.strip(),
            leader=self.leader.value,
            members=list(self.members.value),
            by=self.actor.value,
        )

    def _confirm(self) -> str:
        return self.desk.confirm_plan(self.to_confirm.value or "", by=self.actor.value)

    def _upload_plan(self) -> str:
        files = _uploads(self.plan_file)
        if not files:
            raise InputError(t("research.choose_file"))
        return self.desk.upload_group_plan(self.group.value or "", files[0], by=self.actor.value)

    def _open_topic(self) -> str:
        return self.desk.open_topic(self.group.value or "", self.topic_title.value, by=self.actor.value)

    def _add_activity(self) -> str:
        kind = self.desk.scheme.activity(self.kind.value)
        return self.desk.add_activity(
            self.topic.value or "",
            kind.name,
            self.title.value,
            hours=self.hours.value if kind.needs_hours else None,
            participants=list(self.participants.value) if kind.needs_hours else (),
            by=self.actor.value,
        )

    def _record_done(self) -> str:
        said = [
            self.desk.complete(self.online.value or "", teacher=m, by=self.actor.value)
            for m in self.completed.value
        ]
        return "；".join(said) or t("research.nothing")

    def _add_evidence(self) -> str:
        files = _uploads(self.evidence)
        if not files:
            raise InputError(t("research.choose_file"))
        return self.desk.add_evidence(self.offline.value or "", files, by=self.actor.value)

    # ---- showing ----------------------------------------------------------------------------
    def refresh(self) -> None:
        state, actor = self.desk.state, self.actor.value
        role = self.desk.roles.get(actor or "")
        self.school.layout.display = "" if role == "admin" else "none"
        self.group_part.layout.display = "" if role in ("admin", "leader") else "none"
        if actor is None:
            key = "research.officers_only" if self.user in self.desk.roles else "research.not_on_roster"
            self.message.value = f"<p>{html.escape(t(key, user=self.user))}</p>"
        self.theme.value = state.theme
        _choose(self.to_confirm, [g.name for g in state.groups.values() if g.plan and not g.plan_confirmed])
        _choose(self.group, [g.name for g in state.groups.values() if role == "admin" or g.leader == actor])
        self._fill_group()
        status = self.desk.status()
        self.status.value = (
            f"<h3>{t('research.status_part')}</h3><p>{html.escape(self.desk.summary())}</p>"
            f"{table(status.groups, css_class='workshop-research-groups')}"
            f"{table(status.teachers, css_class='workshop-research-people')}"
        )

    def _fill_group(self) -> None:
        state = self.desk.state
        group = state.groups.get(self.group.value or "")
        members = [(f"{m} {self.desk.names.get(m, '')}", m) for m in group.members] if group else []
        _choose(self.topic, [(f"{tid} {title}", tid) for tid, title in group.topics.items()] if group else [])
        activities = [a for a in state.activities.values() if group and a.group == group.name]
        _choose(self.online, [(f"{a.id} {a.title}", a.id) for a in activities if not a.participants])
        _choose(self.offline, [(f"{a.id} {a.title}", a.id) for a in activities if a.participants])
        self.participants.options = members
        self.completed.options = members
