"""Teacher portrait (教师画像): the four dimensions as a radar from the self-test and the evidence
graded at the desk, strengths, gaps and the course modules recommended for the gaps."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from toolkit.assess.help import MIN_GROUP, HelpGroup, help_groups
from toolkit.catalogue import load_catalogue
from toolkit.dashboard.data import DashboardData, load_dashboard_data
from toolkit.dashboard.markup import (
    COURSE_ENV,
    DASHBOARD_CLASS,
    header,
    link,
    percent,
    query_parameter,
    role_label,
)
from toolkit.dashboard.radar import Series, radar_svg
from toolkit.dashboard.status import LOW_SHARE, desk_href, is_task
from toolkit.dashboard.view import TeacherFilters
from toolkit.i18n import add_messages, t
from toolkit.modules.data import MODULE_FILE
from toolkit.resources import content_dir

add_messages(
    {
        "portrait.title": {"zh": "教师画像", "en": "Teacher portrait"},
        "portrait.teacher": {"zh": "教师", "en": "Teacher"},
        "portrait.nobody": {"zh": "没有符合筛选条件的教师。", "en": "No teacher matches the filters."},
        "portrait.self_test": {"zh": "自测诊断", "en": "Self-test"},
        "portrait.evidence": {"zh": "证据评定", "en": "Graded evidence"},
        "portrait.cohort": {"zh": "全体平均（自测）", "en": "Cohort mean (self-test)"},
        "portrait.dimension": {"zh": "维度", "en": "Dimension"},
        "portrait.strengths": {"zh": "优势", "en": "Strengths"},
        "portrait.gaps": {"zh": "短板", "en": "Gaps"},
        "portrait.modules": {"zh": "推荐学习的模块", "en": "Recommended modules"},
        "portrait.to_grade": {"zh": "待评分的证据", "en": "Evidence to grade"},
        "portrait.none": {"zh": "暂无", "en": "none yet"},
        "portrait.point_share": {"zh": "{point}（自测 {share}）", "en": "{point} (self-test {share})"},
        "portrait.point_level": {
            "zh": "{point}（证据评定{level}）",
            "en": "{point} (evidence rated {level})",
        },
        "portrait.no_self_test": {
            "zh": "还没有自测诊断结果：请先完成并提交 self_test，画像才能给出推荐。",
            "en": "No self-test result yet: submit the self_test first for recommendations.",
        },
        "portrait.consolidate": {
            "zh": "没有明显短板；以下是自测中相对最弱、可以继续巩固的能力点。",
            "en": "No clear gaps; these are the relatively weakest points to consolidate.",
        },
        "portrait.module": {"zh": "{point} · 课程模块 {file}", "en": "{point} · course module {file}"},
        "portrait.process": {"zh": "学习过程", "en": "Learning process"},
        "portrait.outcomes": {"zh": "学习成果", "en": "Outcomes"},
        "portrait.scenario_count": {"zh": "{name}活动", "en": "{name} activities"},
        "portrait.times": {"zh": "{count:g} 次", "en": "{count:g}"},
        "portrait.self_test_total": {"zh": "自测诊断得分率", "en": "Self-test share"},
        "portrait.desk_levels": {"zh": "能力点证据评定", "en": "Points graded at the desk"},
        "portrait.levels_line": {
            "zh": "优秀 {top}、合格 {middle}、不合格 {low}",
            "en": "{top} excellent, {middle} pass, {low} below",
        },
        "portrait.credits": {"zh": "认证学分", "en": "Credits"},
        "portrait.hours": {"zh": "计入学时", "en": "Counted hours"},
        "portrait.score": {"zh": "考核得分", "en": "Role score"},
        "portrait.cycles": {"zh": "课例研磨", "en": "Lesson study"},
        "portrait.cycle": {
            "zh": "{lesson}：已完成 {done}；{next}{order}{evidence}",
            "en": "{lesson}: done {done}; {next}{order}{evidence}",
        },
        "portrait.cycle_next": {"zh": "下一步 {stage}", "en": "next: {stage}"},
        "portrait.cycle_complete": {"zh": "四步全部完成", "en": "every stage done"},
        "portrait.cycle_order": {
            "zh": "；顺序有误（后面的步骤早于前面的步骤）",
            "en": "; stages out of order",
        },
        "portrait.cycle_evidence": {"zh": "；{stages}缺评价清单", "en": "; {stages} lacks the checklist"},
        "portrait.help": {"zh": "精准帮扶分组", "en": "Targeted help groups"},
        "portrait.help_rule": {
            "zh": "同校 {size} 人以上在同一能力点上有短板（自测低于 60% 或证据评定为最低等级）即成一组；"
            "建议导师是本校在该点上表现突出（证据评定最高等级或自测不低于 80%）的教师，优先同教研组。",
            "en": "Teachers of one school sharing a gap on a point ({size} or more) form a group; the "
            "suggested mentor is a colleague strong on that point, from their own group first.",
        },
        "portrait.help_point": {"zh": "能力点", "en": "Point"},
        "portrait.help_teachers": {"zh": "需要帮扶的教师", "en": "Teachers"},
        "portrait.help_module": {"zh": "推荐模块", "en": "Module"},
        "portrait.help_mentor": {"zh": "建议导师", "en": "Suggested mentor"},
        "portrait.no_mentor": {
            "zh": "本校暂无，请区域名师指导",
            "en": "none in the school: ask a district mentor",
        },
        "portrait.rules": {
            "zh": "优势：自测得分率不低于 80% 的能力点、证据评定为最高等级的能力点；"
            "短板：自测得分率低于 60% 的能力点、证据评定为最低等级的能力点。"
            "推荐只含本课程教学环境允许的能力点。",
            "en": "Strengths: points with a self-test share of 80% or more, evidence rated at the top level. "
            "Gaps: points below 60%, evidence rated at the lowest level. Only points the course's "
            "environment allows are recommended.",
        },
    }
)

STRONG_SHARE = 0.8  # a point at or above this self-test share is a strength
SHOWN = 3  # strengths, gaps and modules listed at most
COLOURS = {"self_test": "#1f77b4", "evidence": "#2ca02c", "cohort": "#888888"}


@dataclass(frozen=True)
class Portrait:
    teacher: dict[str, object]
    dimensions: pd.DataFrame  # label, self_test, evidence, cohort (shares, NaN where missing)
    strengths: list[str]
    gaps: list[str]
    modules: list[str]
    advice: str  # why the modules were chosen, or what to do first
    to_grade: list[str]  # submitted tasks the desk has not graded yet
    process: list[tuple[str, str]] = field(default_factory=list)  # (measure, value with unit)
    outcomes: list[tuple[str, str]] = field(default_factory=list)
    cycles: list[str] = field(default_factory=list)  # one line per lesson studied


def module_files() -> dict[str, str]:
    """Point code → the shipped course module's file name (other course pages, such as
    case_writing.ipynb, are not modules)."""
    found = (MODULE_FILE.match(path.name) for path in sorted(content_dir("course").glob("*.ipynb")))
    return {match["code"]: match.string for match in found if match}


class PortraitBook:
    """Everything portraits need, grouped once for the whole cohort; ``portrait`` then costs little."""

    def __init__(self, data: DashboardData) -> None:
        self.data = data
        catalogue = load_catalogue()
        self.points = {point.code: point for point in catalogue.points}
        self.dimensions = catalogue.dimensions
        allowed = catalogue.environment(data.environment).allows
        self.allowed = {code for code in self.points if code[0] in allowed}
        self.modules = module_files()
        items = data.item_scores
        by_point = items.groupby(["teacher_id", "point"])[["score", "max_score"]].sum()
        self.point_shares = (by_point["score"] / by_point["max_score"]).dropna()
        by_dimension = items.groupby(["teacher_id", "dimension"])[["score", "max_score"]].sum()
        self.dimension_shares = (by_dimension["score"] / by_dimension["max_score"]).dropna()
        everyone = items[items["teacher_id"].isin(set(data.teachers["teacher_id"]))]
        totals = everyone.groupby("dimension")[["score", "max_score"]].sum()
        self.cohort = totals["score"] / totals["max_score"]
        levels = data.levels.assign(dimension=data.levels["point"].map(lambda c: self.points[c].dimension.id))
        self.levels = levels.set_index("teacher_id").sort_index()
        submitted = data.course.submissions
        tasks = submitted.loc[submitted["assignment"].map(is_task).astype(bool)]
        self.submitted_tasks = tasks.groupby("teacher_id")["assignment"].agg(list)
        self.people = data.teachers.set_index("teacher_id")

    def shares_of(self, teacher_id: str) -> pd.Series:
        return (
            self.point_shares.loc[teacher_id]
            if teacher_id in self.point_shares.index
            else pd.Series(dtype=float)
        )

    def levels_of(self, teacher_id: str) -> pd.DataFrame:
        return self.levels.loc[[teacher_id]] if teacher_id in self.levels.index else self.levels.iloc[0:0]

    def gap_points(self, teacher_id: str) -> set[str]:
        """Points below LOW_SHARE in the self-test or rated at the desk's lowest level."""
        shares, mine = self.shares_of(teacher_id), self.levels_of(teacher_id)
        return set(shares[shares < LOW_SHARE].index) | set(mine.loc[mine["share"] <= 0, "point"])

    def strong_points(self, teacher_id: str) -> dict[str, float]:
        """Strong points with a strength to rank mentors by: the desk's top level counts above any
        self-test share (2), else the self-test share itself (0.8–1)."""
        shares, mine = self.shares_of(teacher_id), self.levels_of(teacher_id)
        strong = {code: float(share) for code, share in shares[shares >= STRONG_SHARE].items()}
        strong.update(dict.fromkeys(mine.loc[mine["share"] >= 1, "point"], 2.0))
        return strong

    def help_groups(self, teacher_ids: list[str]) -> list[HelpGroup]:
        """Targeted-help groups among ``teacher_ids``; mentors come from the whole school."""
        everyone = list(self.people.index)
        return help_groups(
            {teacher: self.gap_points(teacher) for teacher in teacher_ids},
            {teacher: self.strong_points(teacher) for teacher in everyone},
            self.data.teachers[["teacher_id", "school", "research_group"]],
            point_order=list(self.points),
        )

    def process_lines(self, teacher_id: str) -> list[tuple[str, str]]:
        process, scheme = self.data.process, self.data.scheme
        if process is None or process.empty:
            return []
        row = process.set_index("teacher_id").reindex([teacher_id]).fillna(0).iloc[0]
        lines = [(m.name, f"{row[m.id]:g} {m.unit}") for m in scheme.measures]
        lines += [
            (t("portrait.scenario_count", name=name), t("portrait.times", count=row[f"scenario:{sid}"]))
            for sid, name in scheme.scenarios.items()
        ]
        return lines

    def outcome_lines(self, teacher_id: str) -> list[tuple[str, str]]:
        data = self.data
        items = data.item_scores[data.item_scores["teacher_id"] == teacher_id]
        total = items["max_score"].sum()
        lines = [(t("portrait.self_test_total"), percent(items["score"].sum() / total) if total else "—")]
        mine = self.levels_of(teacher_id)
        top, low = int((mine["share"] >= 1).sum()), int((mine["share"] <= 0).sum())
        middle = len(mine) - top - low
        lines.append((t("portrait.desk_levels"), t("portrait.levels_line", top=top, middle=middle, low=low)))
        if data.credits is not None and data.scheme.credits is not None:
            found = data.credits.set_index("teacher_id")
            credits = float(found.at[teacher_id, "credits"]) if teacher_id in found.index else 0.0
            lines.append((t("portrait.credits"), f"{credits:g} / {data.scheme.credits.target:g}"))
        if data.hours is not None and data.scheme.hours is not None:
            found = data.hours.set_index("teacher_id")
            hours = float(found.at[teacher_id, "counted_hours"]) if teacher_id in found.index else 0.0
            lines.append((t("portrait.hours"), f"{hours:g} / {data.scheme.hours.target:g}"))
        if data.assessment is not None:
            found = data.assessment.people.set_index("person_id")
            if teacher_id in found.index:
                row = found.loc[teacher_id]
                lines.append((t("portrait.score"), f"{float(row['score']):g} / {float(row['max_score']):g}"))
        return lines

    def cycle_lines(self, teacher_id: str) -> list[str]:
        lines = []
        for cycle in self.data.cycles:
            if cycle.teacher_id != teacher_id:
                continue
            lines.append(
                t(
                    "portrait.cycle",
                    lesson=cycle.lesson or "—",
                    done=" → ".join(cycle.done),
                    next=t("portrait.cycle_next", stage=cycle.next_stage)
                    if cycle.next_stage
                    else t("portrait.cycle_complete"),
                    order="" if cycle.in_order else t("portrait.cycle_order"),
                    evidence=t("portrait.cycle_evidence", stages="、".join(cycle.evidence_missing))
                    if cycle.evidence_missing
                    else "",
                )
            )
        return lines

    def portrait(self, teacher_id: str) -> Portrait:
        person = self.people.loc[teacher_id]
        shares = self.shares_of(teacher_id)
        # Catalogue order first, so equal shares list A1 … C7 rather than A1, A10, A11 ….
        shares = shares.reindex([code for code in self.points if code in shares.index])
        mine = self.levels_of(teacher_id)
        evidence = mine.groupby("dimension")["share"].mean()
        dims = self.dimension_shares
        rows = [
            {
                "label": d.label(),
                "self_test": dims.get((teacher_id, d.id), float("nan")),
                "evidence": evidence.get(d.id, float("nan")),
                "cohort": self.cohort.get(d.id, float("nan")),
            }
            for d in self.dimensions
        ]

        def by_share(code: str) -> str:
            return t("portrait.point_share", point=self.points[code].label(), share=percent(shares[code]))

        def by_level(code: str, level: str) -> str:
            return t("portrait.point_level", point=self.points[code].label(), level=level)

        strong = shares[shares >= STRONG_SHARE].sort_values(ascending=False, kind="stable")
        weak = shares[shares < LOW_SHARE].sort_values(kind="stable")
        top = mine[mine["share"] >= 1]
        bottom = mine[mine["share"] <= 0]
        strengths = [by_level(c, lv) for c, lv in zip(top["point"], top["level_name"], strict=True)]
        strengths += [by_share(code) for code in strong.index[:SHOWN]]
        gaps = [by_level(c, lv) for c, lv in zip(bottom["point"], bottom["level_name"], strict=True)]
        gaps += [by_share(code) for code in weak.index[:SHOWN]]

        wanted = [c for c in [*bottom["point"], *weak.index] if c in self.allowed]
        if shares.empty:
            advice = t("portrait.no_self_test")
        elif wanted:
            advice = t("portrait.rules")
        else:
            wanted = [c for c in shares[shares < 1].sort_values(kind="stable").index if c in self.allowed]
            advice = t("portrait.consolidate")
        modules = [
            t("portrait.module", point=self.points[code].label(), file=self.modules.get(code, "—"))
            for code in list(dict.fromkeys(wanted))[:SHOWN]
        ]
        graded = set(mine["assignment"])
        pending = [name for name in self.submitted_tasks.get(teacher_id, []) if name not in graded]
        return Portrait(
            teacher={"teacher_id": teacher_id, **person.to_dict()},
            dimensions=pd.DataFrame(rows),
            strengths=strengths,
            gaps=gaps,
            modules=modules,
            advice=advice,
            to_grade=sorted(pending),
            process=self.process_lines(teacher_id),
            outcomes=self.outcome_lines(teacher_id),
            cycles=self.cycle_lines(teacher_id),
        )


def portrait_html(portrait: Portrait, *, links: bool) -> str:
    """The portrait card: who, the radar, the dimension table, strengths, gaps and modules."""
    person = portrait.teacher
    dims = portrait.dimensions
    series = [
        Series(t("portrait.self_test"), list(dims["self_test"]), COLOURS["self_test"]),
        Series(t("portrait.evidence"), list(dims["evidence"]), COLOURS["evidence"]),
        Series(t("portrait.cohort"), list(dims["cohort"]), COLOURS["cohort"], dashed=True),
    ]
    rows = "".join(
        f"<tr><td>{html.escape(r.label)}</td><td>{percent(r.self_test)}</td>"
        f"<td>{percent(r.evidence)}</td><td>{percent(r.cohort)}</td></tr>"
        for r in dims.itertuples()
    )
    dimension_table = (
        f"<table class='workshop-table'><tr><th>{t('portrait.dimension')}</th>"
        f"<th>{t('portrait.self_test')}</th><th>{t('portrait.evidence')}</th>"
        f"<th>{t('portrait.cohort')}</th></tr>{rows}</table>"
    )

    def listing(title: str, entries: list[str], css: str) -> str:
        items = (
            "".join(f"<li>{html.escape(entry)}</li>" for entry in entries) or f"<li>{t('portrait.none')}</li>"
        )
        return f"<h4>{title}</h4><ul class='{css}'>{items}</ul>"

    pending = ""
    if portrait.to_grade:
        tid = str(person["teacher_id"])
        entries = [
            link(desk_href(name, tid), name) if links else html.escape(name) for name in portrait.to_grade
        ]
        pending = f"<h4>{t('portrait.to_grade')}</h4><p>{' · '.join(entries)}</p>"
    who = " · ".join(
        html.escape(str(value))
        for value in (
            person["teacher_id"],
            person["name"],
            person["school"],
            person["research_group"],
            person["subject"],
            role_label(str(person["role"])),
        )
        if value
    )

    def pairs(title: str, entries: list[tuple[str, str]], css: str) -> str:
        rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>" for k, v in entries)
        return f"<div><h4>{title}</h4><table class='workshop-table {css}'>{rows}</table></div>"

    measures = (
        "<div style='display:flex;flex-wrap:wrap;gap:24px'>"
        + (pairs(t("portrait.process"), portrait.process, "workshop-process") if portrait.process else "")
        + pairs(t("portrait.outcomes"), portrait.outcomes, "workshop-outcomes")
        + "</div>"
    )
    if portrait.cycles:
        measures += listing(t("portrait.cycles"), portrait.cycles, "workshop-cycles")
    return (
        f"<div class='workshop-portrait'><h3>{who}</h3>"
        "<div style='display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start'>"
        f"<div>{radar_svg([r for r in dims['label']], series)}</div>"
        f"<div style='min-width:320px;max-width:560px'>{dimension_table}"
        f"{listing(t('portrait.strengths'), portrait.strengths, 'workshop-strengths')}"
        f"{listing(t('portrait.gaps'), portrait.gaps, 'workshop-gaps')}"
        f"{listing(t('portrait.modules'), portrait.modules, 'workshop-modules')}"
        f"<p style='color:#666;font-size:12px'>{html.escape(portrait.advice)}</p>{pending}</div></div>"
        f"{measures}</div>"
    )


def help_html(book: PortraitBook, teacher_ids: list[str]) -> str:
    """The targeted-help groups among the teachers shown, with module and mentor."""
    groups = book.help_groups(teacher_ids)
    names = book.people["name"]
    rows = []
    for group in groups:
        point = book.points[group.point]
        module = book.modules.get(group.point, "—")
        who = "、".join(f"{names[m]}（{m}）" for m in group.teachers)
        mentor = (
            f"{names[group.mentor]}（{group.mentor}，{group.mentor_group}）"
            if group.mentor
            else t("portrait.no_mentor")
        )
        rows.append(
            f"<tr><td>{html.escape(group.school)}</td><td>{html.escape(point.label())}</td>"
            f"<td>{html.escape(who)}</td><td>{html.escape(module)}</td><td>{html.escape(mentor)}</td></tr>"
        )
    body = "".join(rows) or f"<tr><td colspan='5'>{t('portrait.none')}</td></tr>"
    return (
        f"<div class='workshop-help'><h3>{t('portrait.help')}</h3>"
        f"<p style='color:#666;font-size:12px'>{t('portrait.help_rule', size=MIN_GROUP)}</p>"
        f"<table class='workshop-table'><tr><th>{t('dashboard.school')}</th>"
        f"<th>{t('portrait.help_point')}</th><th>{t('portrait.help_teachers')}</th><th>{t('portrait.help_module')}</th>"
        f"<th>{t('portrait.help_mentor')}</th></tr>{body}</table></div>"
    )


class PortraitDashboard(widgets.VBox):
    """Pick a teacher (the filters narrow the list) and see their portrait."""

    def __init__(self, course_dir: str | Path | None = None, *, data: DashboardData | None = None) -> None:
        folder = course_dir or os.environ.get(COURSE_ENV)
        if not folder:
            super().__init__([widgets.HTML(f"<b>{t('dashboard.no_course')}</b>")])
            return
        self.data = data or load_dashboard_data(folder)
        self.book = PortraitBook(self.data)
        self.filters = TeacherFilters(self.data.teachers)
        self.teacher = widgets.Dropdown(
            description=t("portrait.teacher"), layout=widgets.Layout(width="420px")
        )
        self.card = widgets.HTML()
        self.help = widgets.HTML()
        self.filters.on_change(self._filtered)
        self.rebuilding = False
        self.teacher.observe(lambda _: None if self.rebuilding else self.refresh(), names="value")
        title = header(
            t("portrait.title"), str(self.data.course.settings.root), current="portrait", links=True
        )
        super().__init__([widgets.HTML(title), self.filters, self.teacher, self.card, self.help])
        self.add_class(DASHBOARD_CLASS)
        self.add_class("workshop-portraits")
        self._filtered(query_parameter("teacher"))

    def _filtered(self, wanted: str = "") -> None:
        teachers = self.filters.apply(self.data.teachers)
        options = [
            (f"{tid} {name}" + (f" · {school}" if school else ""), tid)
            for tid, name, school in zip(
                teachers["teacher_id"], teachers["name"], teachers["school"], strict=True
            )
        ]
        current = wanted or self.teacher.value
        ids = [tid for _, tid in options]
        # Replacing the options fires value changes of its own: draw once, at the end.
        self.rebuilding = True
        try:
            self.teacher.options = options
            self.teacher.value = current if current in ids else (ids[0] if ids else None)
        finally:
            self.rebuilding = False
        self.help.value = help_html(self.book, ids)
        self.refresh()

    def refresh(self) -> None:
        if self.teacher.value is None:
            self.card.value = f"<p>{t('portrait.nobody')}</p>"
            return
        self.card.value = portrait_html(self.book.portrait(self.teacher.value), links=True)
