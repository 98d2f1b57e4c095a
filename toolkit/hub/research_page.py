"""我的校本研修: a teacher's own steps of the school-based research flow, behind the hub's login.

Served by the teacher-pages service beside the portrait (``/services/portrait/research``). The
logged-in teacher sees their group's activities and their hours, marks an online activity done,
and hands in their improvement plan and one summary per point their plan chose. Every step goes
through the research desk's checks and is logged as the teacher's own.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from tornado import web

from toolkit.catalogue import load_catalogue
from toolkit.course.research_log import Upload
from toolkit.errors import InputError
from toolkit.hub.pages import TeacherPage, button, form, frame, picker, report
from toolkit.i18n import add_messages, t
from toolkit.research.commands import ResearchDesk
from toolkit.research.teacher import COMPLETE, PLAN, SUMMARY, TeacherResearch, teacher_research, teacher_step

add_messages(
    {
        "mine.title": {"zh": "我的校本研修", "en": "My school-based research"},
        "mine.theme": {"zh": "校本主题：{theme}", "en": "Theme: {theme}"},
        "mine.group": {"zh": "教研组：{group}（组长 {leader}）", "en": "Group: {group} (leader {leader})"},
        "mine.no_group": {
            "zh": "学校还没有把您编入教研组；编组后，这里会列出组长发布的研修活动。",
            "en": "The school has not put you in a group yet; your group's activities will show here.",
        },
        "mine.hours": {
            "zh": "校本研修学时：{earned:g} / {target:g}",
            "en": "Research hours: {earned:g} / {target:g}",
        },
        "mine.registered": {
            "zh": "学校已整校验收，学时已登记。",
            "en": "Accepted by the school: hours registered.",
        },
        "mine.pending": {
            "zh": "整校验收后学时才登记。",
            "en": "Hours are registered after the school's acceptance.",
        },
        "mine.short": {
            "zh": "还差 {short:g} 学时，请及时联系教研组长。",
            "en": "{short:g} hours short: talk to your group leader.",
        },
        "mine.activities": {"zh": "研修活动", "en": "Activities"},
        "mine.no_activities": {
            "zh": "组长还没有发布研修活动。",
            "en": "Your leader has not published any activity yet.",
        },
        "mine.col.topic": {"zh": "研修专题", "en": "Topic"},
        "mine.col.kind": {"zh": "类型", "en": "Kind"},
        "mine.col.title": {"zh": "活动", "en": "Activity"},
        "mine.col.hours": {"zh": "学时", "en": "Hours"},
        "mine.col.status": {"zh": "状态", "en": "Status"},
        "mine.complete": {"zh": "我已完成", "en": "I have done it"},
        "mine.completed": {"zh": "✓ 已完成", "en": "✓ done"},
        "mine.offline_done": {"zh": "✓ 组长已上传佐证", "en": "✓ the leader's evidence is in"},
        "mine.offline_waiting": {
            "zh": "线下参加，组长上传佐证后计学时",
            "en": "offline: counted once the leader uploads the evidence",
        },
        "mine.plan": {"zh": "个人信息技术应用能力提升计划", "en": "Improvement plan"},
        "mine.plan_upload": {"zh": "上传提升计划", "en": "Upload the plan"},
        "mine.summaries": {"zh": "能力点提升总结（每个能力点一份）", "en": "Point summaries (one per point)"},
        "mine.no_points": {
            "zh": "您的个人研修计划还没有评分或没有选择能力点；计划评分后，这里会列出要写总结的能力点。",
            "en": "Your personal plan is not graded yet or chose no points; they will show here once it is.",
        },
        "mine.summary_upload": {"zh": "上传总结", "en": "Upload"},
        "mine.handed": {"zh": "✓ 已上传 {file}（{at}）", "en": "✓ {file} ({at})"},
        "mine.missing": {"zh": "尚未上传", "en": "not handed in"},
        "mine.formats": {
            "zh": "PDF 或 Word 文档（.pdf、.doc、.docx），不超过 20 MB；再次上传以最后一次为准。",
            "en": "PDF or Word (.pdf, .doc, .docx), up to 20 MB; a new upload replaces the last.",
        },
    }
)

_ACCEPT = ".pdf,.doc,.docx"


def _handed(upload: Upload | None) -> str:
    if upload is None:
        return f"<span class='mine-missing'>{html.escape(t('mine.missing'))}</span>"
    name = upload.file.rsplit("/", 1)[-1]
    return html.escape(t("mine.handed", file=name, at=f"{upload.at:%Y-%m-%d %H:%M}"))


def _upload_form(xsrf: str, action: str, label: str, **fields: str) -> str:
    return form(xsrf, action, picker(_ACCEPT) + button(label), upload=True, **fields)


def page_html(
    view: TeacherResearch,
    *,
    xsrf: str,
    message: str = "",
    error: str = "",
    links: Sequence[tuple[str, str]] = (),
) -> str:
    """The whole page for ``view``; ``message`` or ``error`` reports the step just taken, ``links``
    are (label, address) pairs to the teacher's other pages."""
    parts = [f"<h2>{html.escape(t('mine.title'))} · {html.escape(view.name)}</h2>", report(message, error)]
    if view.theme:
        parts.append(f"<p>{html.escape(t('mine.theme', theme=view.theme))}</p>")
    if not view.group:
        parts.append(f"<p>{html.escape(t('mine.no_group'))}</p>")
    else:
        parts.append(f"<p>{html.escape(t('mine.group', group=view.group, leader=view.leader))}</p>")
        if view.target:
            lines = [t("mine.hours", earned=view.earned, target=view.target)]
            lines.append(t("mine.registered") if view.accepted else t("mine.pending"))
            if view.earned < view.target:
                lines.append(t("mine.short", short=view.target - view.earned))
            parts.append(f"<div class='mine-card' id='mine-hours'>{html.escape(' '.join(lines))}</div>")
        parts.append(f"<h3>{html.escape(t('mine.activities'))}</h3>")
        parts.append(_activities(view, xsrf))
    parts.append(f"<h3>{html.escape(t('mine.plan'))}</h3>")
    parts.append(
        f"<div id='mine-plan'>{_handed(view.improvement_plan)} "
        f"{_upload_form(xsrf, PLAN, t('mine.plan_upload'))}</div>"
    )
    parts.append(f"<h3>{html.escape(t('mine.summaries'))}</h3>")
    parts.append(_summaries(view, xsrf))
    parts.append(f"<p style='color:#666'>{html.escape(t('mine.formats'))}</p>")
    return frame(t("mine.title"), parts, links=links)


def _activities(view: TeacherResearch, xsrf: str) -> str:
    if not view.activities:
        return f"<p>{html.escape(t('mine.no_activities'))}</p>"
    columns = ("topic", "kind", "title", "hours", "status")
    head = "".join(f"<th>{html.escape(t(f'mine.col.{c}'))}</th>" for c in columns)
    rows = []
    for line in view.activities:
        if line.can_complete:
            status = form(xsrf, COMPLETE, button(t("mine.complete")), activity=line.id)
        elif line.online:
            status = html.escape(t("mine.completed"))
        else:
            status = html.escape(t("mine.offline_done") if line.done else t("mine.offline_waiting"))
        hours = "—" if line.hours is None else f"{line.hours:g}"
        cells = (html.escape(line.topic), html.escape(line.kind), html.escape(line.title), hours, status)
        rows.append(
            f"<tr data-activity='{html.escape(line.id)}'>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
        )
    return f"<table class='mine' id='mine-activities'><tr>{head}</tr>{''.join(rows)}</table>"


def _summaries(view: TeacherResearch, xsrf: str) -> str:
    if not view.points:
        return f"<p>{html.escape(t('mine.no_points'))}</p>"
    catalogue = load_catalogue()
    rows = []
    for code in view.points:
        point = catalogue.point(code)
        upload = _upload_form(xsrf, SUMMARY, t("mine.summary_upload"), point=code)
        rows.append(
            f"<tr data-point='{code}'><td>{code} {html.escape(point.name)}</td>"
            f"<td>{_handed(view.summaries.get(code))}</td><td>{upload}</td></tr>"
        )
    return f"<table class='mine' id='mine-summaries'>{''.join(rows)}</table>"


class MyResearchHandler(TeacherPage):
    """GET shows the page; POST takes one step and shows the page again with what happened."""

    def _page(self, xsrf: str, message: str = "", error: str = "") -> str:
        try:
            view = teacher_research(ResearchDesk(self.course_dir), self.teacher)
        except InputError:
            raise web.HTTPError(404) from None  # not an active teacher of this course
        return page_html(view, xsrf=xsrf, message=message, error=error, links=self.links)

    @web.authenticated
    async def get(self) -> None:
        await self.show(self._page)

    @web.authenticated
    async def post(self) -> None:
        action = self.get_body_argument("action", "")
        activity = self.get_body_argument("activity", "")
        point = self.get_body_argument("point", "")
        uploaded = self.request.files.get("file") or []
        file = (uploaded[0].filename, uploaded[0].body) if uploaded else ("", b"")

        def step(xsrf: str) -> str:
            try:
                desk = ResearchDesk(self.course_dir)
                said = teacher_step(desk, self.teacher, action, activity=activity, point=point, file=file)
            except InputError as problem:
                return self._page(xsrf, error=problem.message)
            return self._page(xsrf, message=said)

        await self.show(step)
