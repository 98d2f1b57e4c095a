"""A teacher's profile for the portrait (教师画像) and the development report, computed once for the
cohort: dimension shares from the self-test and the desk, strengths, gaps, recommended modules,
process measures beside outcomes, lesson-study cycles and targeted-help groups. No widgets here."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from toolkit.assess.help import HelpGroup, help_groups
from toolkit.catalogue import load_catalogue
from toolkit.dashboard.data import DashboardData
from toolkit.dashboard.markup import percent
from toolkit.dashboard.status import LOW_SHARE, is_task
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
        "portrait.lessons": {"zh": "课堂评价", "en": "Lesson evaluations"},
        "portrait.lesson": {
            "zh": "《{lesson}》综合 {overall:.2f} 分，各方一致性 {agreement}（{parties}）",
            "en": "'{lesson}': overall {overall:.2f}, agreement {agreement} ({parties})",
        },
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
    lessons: list[str] = field(default_factory=list)  # one line per lesson evaluated by every party


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

    def lesson_lines(self, teacher_id: str) -> list[str]:
        lines = []
        for evaluation in self.data.lessons:
            if evaluation.teacher_id != teacher_id:
                continue
            parties = "、".join(
                f"{evaluation.party_names[party]} {score:.2f}"
                for party, score in evaluation.party_scores.items()
            )
            lines.append(
                t(
                    "portrait.lesson",
                    lesson=evaluation.lesson,
                    overall=evaluation.overall,
                    agreement=evaluation.agreement_text,
                    parties=parties,
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
            lessons=self.lesson_lines(teacher_id),
        )
