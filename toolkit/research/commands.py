"""``workshop research``: each step of the school-based research flow, checked against the course's
roster, roles and scheme before it is logged (a step that does not fit changes nothing)."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from toolkit.catalogue import load_catalogue
from toolkit.course.config import load_course
from toolkit.course.research_log import ResearchState, replay
from toolkit.course.research_store import append_event, keep_file, read_events
from toolkit.errors import InputError
from toolkit.evidence.check import check_file
from toolkit.gradebook import CourseData, read_course
from toolkit.i18n import add_messages, t
from toolkit.ledger.read import kinds_by_spelling
from toolkit.research.flow import FlowStatus, flow_status_of
from toolkit.rubric import FileRule
from toolkit.scheme import ActivityKind, Scheme
from toolkit.tables import normalise_label

add_messages(
    {
        "research.unknown_person": {
            "zh": "工号 {teacher} 不是本课程的在册教师",
            "en": "{teacher} is not an active teacher of this course",
        },
        "research.not_admin": {
            "zh": "这一步由学校管理员完成，{teacher} 的角色是{role}",
            "en": "this step is the school administrator's, and {teacher} is a {role}",
        },
        "research.not_leader": {
            "zh": "这一步由教研组“{group}”的组长 {leader} 完成，不是 {teacher}",
            "en": "this step is for {leader}, leader of group '{group}', not {teacher}",
        },
        "research.unknown_group": {
            "zh": "没有名为“{group}”的教研组（已有：{known}）",
            "en": "no group named '{group}' (there are: {known})",
        },
        "research.no_members": {
            "zh": "名单中没有“{group}”教研组的教师；请用 --members 列出组员",
            "en": "no roster teacher is in group '{group}'; list the members with --members",
        },
        "research.plan_first": {
            "zh": "教研组“{group}”还没有上传研修计划，无法确认",
            "en": "group '{group}' has not uploaded a plan to confirm",
        },
        "research.unknown_topic": {
            "zh": "没有编号为“{topic}”的研修专题",
            "en": "no research topic '{topic}'",
        },
        "research.unknown_activity": {
            "zh": "没有编号为“{activity}”的研修活动",
            "en": "no activity '{activity}'",
        },
        "research.unknown_kind": {
            "zh": "“{value}”不是方案“{scheme}”中的研修活动类型（可用：{known}）",
            "en": "'{value}' is not an activity kind of scheme '{scheme}' (known: {known})",
        },
        "research.offline_needs": {
            "zh": "“{kind}”要由组长设定学时（--hours，最多 {most:g}）并指定参与组员（--participants）",
            "en": "'{kind}' needs the leader's hours (--hours, at most {most:g}) "
            "and participants (--participants)",
        },
        "research.online_takes_no": {
            "zh": "“{kind}”是固定学时的线上活动，组员自主参与，不设学时和指定组员",
            "en": "'{kind}' is an online activity with fixed hours that members join themselves",
        },
        "research.too_many_hours": {
            "zh": "学时 {hours:g} 超过“{kind}”的上限 {most:g}",
            "en": "{hours:g} hours exceed the limit of {most:g} for '{kind}'",
        },
        "research.not_member": {
            "zh": "{teacher} 不是教研组“{group}”的成员",
            "en": "{teacher} is not a member of group '{group}'",
        },
        "research.offline_evidence": {
            "zh": "“{title}”是线下活动：由组长上传佐证，参与组员自动计学时，无需逐人完成",
            "en": "'{title}' is offline: the leader uploads evidence and the participants are credited",
        },
        "research.evidence_online": {
            "zh": "“{title}”是线上活动，不需要佐证",
            "en": "'{title}' is an online activity and needs no evidence",
        },
        "research.not_a_file": {"zh": "找不到这个文件", "en": "no such file"},
        "research.bad_file": {
            "zh": "“{name}”不能上传：{problems}",
            "en": "'{name}' cannot be kept: {problems}",
        },
        "research.unknown_point": {
            "zh": "“{value}”不是能力点（A1–A13、B1–B10、C1–C7）",
            "en": "'{value}' is not a point (A1–A13, B1–B10, C1–C7)",
        },
        "research.point_not_chosen": {
            "zh": "{teacher} 的研修计划选择的是 {chosen}，没有 {point}",
            "en": "{teacher}'s plan chose {chosen}, not {point}",
        },
        "research.no_file": {"zh": "请先选择要上传的文件", "en": "choose a file to upload first"},
        "research.recorded": {"zh": "已记录：{what}", "en": "Recorded: {what}"},
        "research.summary_line": {
            "zh": "校本主题：{theme}；教研组 {groups} 个；研修活动 {activities} 个；整校验收：{accepted}",
            "en": "Theme: {theme}; {groups} groups; {activities} activities; acceptance: {accepted}",
        },
        "research.accepted_by": {"zh": "已通过（{by}，{at}）", "en": "passed ({by}, {at})"},
        "research.not_accepted": {
            "zh": "未验收，学时暂不登记",
            "en": "not yet; hours are not registered",
        },
    }
)


# A file handed to the desk: a path (the command) or an upload's name and bytes (a page).
HandedFile = str | Path | tuple[str, bytes]
# What the flow keeps: plans and summaries are documents; an activity's evidence may also be
# photos, a sheet (评课表) or a recording (听课视频). Content is checked, not only the name.
DOCUMENTS = FileRule(formats=("pdf", "doc", "docx"), max_mb=20)
EVIDENCE = FileRule(formats=("pdf", "doc", "docx", "xls", "xlsx", "jpg", "png", "mp4"), max_mb=500)


class ResearchDesk:
    """One course's research flow: its roster, roles, scheme and current state, read once."""

    def __init__(self, course_dir: str | Path) -> None:
        from toolkit.ledger.course import course_scheme

        self.settings = load_course(course_dir)
        self.data: CourseData = read_course(course_dir)
        self.scheme: Scheme = course_scheme(course_dir)
        active = self.data.teachers[self.data.teachers["active"]]
        self.roles = dict(zip(active["teacher_id"], active["role"], strict=True))
        self.names = dict(zip(active["teacher_id"], active["name"], strict=True))
        self.groups_in_roster = dict(zip(active["teacher_id"], active["research_group"], strict=True))
        self.state: ResearchState = replay(read_events(self.settings.db_url))

    # Who may do what -----------------------------------------------------------------------
    def person(self, teacher_id: str) -> str:
        if teacher_id not in self.roles:
            raise InputError(t("research.unknown_person", teacher=teacher_id))
        return teacher_id

    def admin(self, teacher_id: str) -> str:
        if self.roles.get(self.person(teacher_id)) != "admin":
            role = t(f"role.{self.roles[teacher_id]}")
            raise InputError(t("research.not_admin", teacher=teacher_id, role=role))
        return teacher_id

    def group(self, name: str) -> str:
        if name not in self.state.groups:
            known = "、".join(self.state.groups) or "-"
            raise InputError(t("research.unknown_group", group=name, known=known))
        return name

    def leader(self, group: str, teacher_id: str) -> str:
        leader = self.state.groups[self.group(group)].leader
        if self.person(teacher_id) != leader and self.roles[teacher_id] != "admin":
            raise InputError(t("research.not_leader", group=group, leader=leader, teacher=teacher_id))
        return teacher_id

    def record(self, event: str, subject: str, actor: str, **data: object) -> None:
        append_event(self.settings.db_url, event, subject, actor, dict(data))

    def kept(self, folder: str, file: HandedFile, rule: FileRule = DOCUMENTS) -> str:
        """Keep a file given by path, or uploaded in a page as (name, bytes), once it passes ``rule``."""
        return keep_file(self.settings.root, folder, self.checked(file, rule))

    def checked(self, file: HandedFile, rule: FileRule) -> Path | tuple[str, bytes]:
        """``file`` once its content passes ``rule``: a renamed program or an empty upload is refused."""
        if isinstance(file, tuple):
            name, content = Path(file[0]).name, file[1]
            if not name or not content:
                raise InputError(t("research.no_file"))
            with tempfile.TemporaryDirectory() as folder:
                probe = Path(folder) / name
                probe.write_bytes(content)
                self._refuse_unless(probe, rule)
            return name, content
        source = Path(file)
        if not source.is_file():
            raise InputError(t("research.not_a_file"), file=source)
        self._refuse_unless(source, rule)
        return source

    @staticmethod
    def _refuse_unless(path: Path, rule: FileRule) -> None:
        found = check_file(path, rule)
        if not found.ok:
            raise InputError(t("research.bad_file", name=path.name, problems="；".join(found.problems)))

    def kind(self, value: str) -> ActivityKind:
        found = kinds_by_spelling(self.scheme).get(normalise_label(value))
        if found is not None:
            return found
        known = "、".join(kind.name for kind in self.scheme.activities) or "-"
        raise InputError(t("research.unknown_kind", value=value, scheme=self.scheme.id, known=known))

    # The steps --------------------------------------------------------------------------------
    def set_theme(self, theme: str, *, by: str) -> str:
        self.record("theme", "school", self.admin(by), theme=theme.strip())
        return t("research.recorded", what=f"校本主题 {theme.strip()}")

    def form_group(self, name: str, *, leader: str, members: Sequence[str] = (), by: str) -> str:
        self.admin(by)
        self.person(leader)
        chosen = [self.person(m) for m in members] or [
            teacher for teacher, group in self.groups_in_roster.items() if group == name
        ]
        if not chosen:
            raise InputError(t("research.no_members", group=name))
        everyone = [leader, *(m for m in chosen if m != leader)]
        self.record("group", name, by, leader=leader, members=everyone)
        return t("research.recorded", what=f"教研组 {name}：组长 {self.names[leader]}，{len(everyone)} 人")

    def upload_group_plan(self, group: str, file: HandedFile, *, by: str) -> str:
        self.leader(group, by)
        self.record("group_plan", group, by, file=self.kept(f"{group}/研修计划", file))
        return t("research.recorded", what=f"{group} 研修计划")

    def confirm_plan(self, group: str, *, by: str) -> str:
        self.admin(by)
        if self.state.groups[self.group(group)].plan is None:
            raise InputError(t("research.plan_first", group=group))
        self.record("plan_confirmed", group, by)
        return t("research.recorded", what=f"{group} 研修计划已确认")

    def open_topic(self, group: str, title: str, *, by: str) -> str:
        self.leader(group, by)
        topic = f"T{sum(len(g.topics) for g in self.state.groups.values()) + 1}"
        self.record("topic", topic, by, group=group, title=title.strip())
        return t("research.recorded", what=f"研修专题 {topic}：{title.strip()}")

    def add_activity(
        self,
        topic: str,
        kind: str,
        title: str,
        *,
        hours: float | None = None,
        participants: Sequence[str] = (),
        by: str,
    ) -> str:
        group = self.state.topic_group(topic)
        if group is None:
            raise InputError(t("research.unknown_topic", topic=topic))
        self.leader(group.name, by)
        found = self.kind(kind)
        if found.needs_hours:
            most = found.max_hours if found.max_hours is not None else float("inf")
            if hours is None or not participants:
                raise InputError(t("research.offline_needs", kind=found.name, most=most))
            if hours > most:
                raise InputError(t("research.too_many_hours", hours=hours, kind=found.name, most=most))
            for teacher in participants:
                if self.person(teacher) not in group.members:
                    raise InputError(t("research.not_member", teacher=teacher, group=group.name))
        elif hours is not None or participants:
            raise InputError(t("research.online_takes_no", kind=found.name))
        activity = f"A{len(self.state.activities) + 1}"
        self.record(
            "activity", activity, by, topic=topic, group=group.name, kind=found.id, title=title.strip(),
            hours=hours, participants=list(participants),
        )  # fmt: skip
        return t("research.recorded", what=f"研修活动 {activity}（{found.name}）：{title.strip()}")

    def complete(self, activity: str, *, teacher: str, by: str | None = None) -> str:
        """``teacher`` completed an online activity, said by themselves or (``by``) by their leader."""
        found = self.state.activities.get(activity)
        if found is None:
            raise InputError(t("research.unknown_activity", activity=activity))
        if by is not None:
            self.leader(found.group, by)
        if found.participants:
            raise InputError(t("research.offline_evidence", title=found.title))
        if self.person(teacher) not in self.state.groups[found.group].members:
            raise InputError(t("research.not_member", teacher=teacher, group=found.group))
        self.record("completion", activity, by or teacher, teacher=teacher)
        return t("research.recorded", what=f"{self.names[teacher]} 完成 {found.title}")

    def add_evidence(self, activity: str, files: Sequence[HandedFile], *, by: str) -> str:
        found = self.state.activities.get(activity)
        if found is None:
            raise InputError(t("research.unknown_activity", activity=activity))
        self.leader(found.group, by)
        if not found.participants:
            raise InputError(t("research.evidence_online", title=found.title))
        checked = [self.checked(file, EVIDENCE) for file in files]  # all of them before any is kept
        kept = [keep_file(self.settings.root, f"{found.group}/{activity} 佐证", file) for file in checked]
        for path in kept:
            self.record("evidence", activity, by, file=path)
        return t("research.recorded", what=f"{found.title} 佐证 {len(kept)} 份（上传人 {self.names[by]}）")

    def improvement_plan(self, teacher: str, file: HandedFile) -> str:
        self.person(teacher)
        self.record("improvement_plan", teacher, teacher, file=self.kept(f"提升计划/{teacher}", file))
        return t("research.recorded", what=f"{self.names[teacher]} 的提升计划")

    def point_summary(self, teacher: str, point: str, file: HandedFile) -> str:
        from toolkit.plan.choices import chosen_points

        self.person(teacher)
        try:
            code = load_catalogue().point(point).code
        except KeyError:
            raise InputError(t("research.unknown_point", value=point)) from None
        chosen = chosen_points(self.settings.root, [teacher]).get(teacher, [])
        if chosen and code not in chosen:
            raise InputError(
                t("research.point_not_chosen", teacher=teacher, chosen="、".join(chosen), point=code)
            )
        self.record("summary", teacher, teacher, point=code, file=self.kept(f"能力点总结/{teacher}", file))
        return t("research.recorded", what=f"{self.names[teacher]} 的 {code} 提升总结")

    def accept(self, *, by: str) -> str:
        self.record("acceptance", "school", self.admin(by))
        return t("research.recorded", what="整校验收通过，学时开始登记")

    def status(self) -> FlowStatus:
        # From the state this desk has already replayed: the log is not read a second time.
        return flow_status_of(self.data, self.scheme, self.state)

    def summary(self) -> str:
        accepted = self.state.accepted
        return t(
            "research.summary_line",
            theme=self.state.theme or "—",
            groups=len(self.state.groups),
            activities=len(self.state.activities),
            accepted=t("research.accepted_by", by=accepted.by, at=f"{accepted.at:%Y-%m-%d}")
            if accepted
            else t("research.not_accepted"),
        )
