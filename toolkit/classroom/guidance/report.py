"""C5 guidance in the teacher's language: each need's finding and recommendation, the plan, the class list.

The model gives needs as kinds and numbers; here they become sentences, a
numbered plan a teacher edits, the plan document (Markdown and .doc) and the
class list of needs (:func:`class_needs`) that the course notebook shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.classroom.classtable import NAME, STUDENT_ID
from toolkit.classroom.guidance.model import (
    CODE,
    HOMEWORK_BELOW,
    MASTERY_BELOW,
    SLOPE_AT_MOST,
    Need,
    StudentProfile,
    all_profiles,
    most_urgent,
)
from toolkit.i18n import add_messages, t
from toolkit.work.outputs import write_document
from toolkit.work.progress import record_output

add_messages(
    {
        "guidance.quiz": {"zh": "测验得分", "en": "Quiz score"},
        "guidance.homework": {"zh": "作业完成率", "en": "Homework completion"},
        "guidance.trend": {"zh": "单元测验趋势", "en": "Unit-test trend"},
        "guidance.per_unit": {"zh": "{slope:+.1f} 分/单元", "en": "{slope:+.1f} points per unit"},
        "guidance.units": {"zh": "单元成绩", "en": "Unit scores"},
        "guidance.needs": {"zh": "数据显示的需求", "en": "Needs shown by the data"},
        "guidance.no_needs": {
            "zh": "数据没有显示需要个别干预的问题。",
            "en": "The data shows nothing that calls for individual intervention.",
        },
        "guidance.unknown": {"zh": "—", "en": "—"},
        "guidance.finding.mastery": {
            "zh": "“{point}”掌握率 {mastery:.0f}%（{items}，全班平均 {average:.0f}%）",
            "en": "'{point}' mastery {mastery:.0f}% ({items}; class average {average:.0f}%)",
        },
        "guidance.items": {"zh": "第{numbers}题", "en": "items {numbers}"},
        "guidance.items_join": {"zh": "、", "en": ", "},
        "guidance.rec.mastery": {
            "zh": "针对“{point}”做一次专项补救：先请学生订正{items}并说出错因，"
            "再完成 3–5 道由易到难的同类题；一周内用 2 道新题复测，正确率达到 80% 再结束。",
            "en": "Targeted practice on '{point}': the student corrects {items} and explains each error, "
            "then works 3-5 similar items from easy to hard; re-test with 2 new items within a week "
            "until 80% are right.",
        },
        "guidance.finding.trend": {
            "zh": "单元成绩持续下滑：{scores}，趋势约每单元 {slope:+.1f} 分",
            "en": "Unit scores slide steadily: {scores}, about {slope:+.1f} points per unit",
        },
        "guidance.rec.trend": {
            "zh": "本周安排一次 10 分钟左右的个别谈话，了解下滑的原因（方法、情绪、家庭或同伴变化）；"
            "之后每周一次简短跟进（面批作业或当面做 2–3 道小题），连续记录 3 周，必要时与家长沟通。",
            "en": "Hold a 10-minute one-to-one talk this week to learn why the scores slide (methods, "
            "mood, home or friends); then a short weekly check-in (marking homework together or 2-3 "
            "items on the spot) for three weeks, recorded each time; involve the parents if needed.",
        },
        "guidance.finding.homework": {
            "zh": "作业完成率 {homework:.0f}%（全班平均 {average:.0f}%）",
            "en": "Homework completion {homework:.0f}% (class average {average:.0f}%)",
        },
        "guidance.rec.homework": {
            "zh": "和学生一起订一个作业计划：约定每天完成作业的固定时段，先做基础题再做提高题，"
            "用记录表每天打勾；每周五一起看一次完成情况并肯定进步，"
            "连续两周仍低于 {threshold:.0f}% 时联系家长了解课后安排。",
            "en": "Agree a homework plan with the student: a fixed daily slot, basic items before harder "
            "ones, a tick sheet every day; review it together each Friday and praise progress; if "
            "completion stays below {threshold:.0f}% for two weeks, talk to the parents about "
            "after-school time.",
        },
        "guidance.plan.none": {
            "zh": "保持常规关注；可以给该生安排拓展任务或请他/她在小组中担任讲解员。",
            "en": "Keep the usual attention; offer extension tasks or let the student explain to the group.",
        },
        "guidance.plan.shared": {
            "zh": "另：{points} 是全班共性问题，随全班讲评一起解决，之后再看该生是否仍然落后。",
            "en": "Also: {points} is a whole-class problem; deal with it in whole-class review, "
            "then check whether the student still lags.",
        },
        "guidance.plan.follow_up": {
            "zh": "跟进方式：每周记录一次（日期、做了什么、学生表现），三周后对照本画像复查数据。",
            "en": "Follow-up: a weekly note (date, what was done, how the student responded); "
            "re-check the data against this profile after three weeks.",
        },
        "guidance.doc.title": {
            "zh": "个别化指导方案：{name}（{id}）",
            "en": "Individual guidance plan: {name} ({id})",
        },
        "guidance.doc.data": {"zh": "数据画像", "en": "Data profile"},
        "guidance.doc.point": {"zh": "知识点", "en": "Knowledge point"},
        "guidance.doc.mastery": {"zh": "掌握率", "en": "Mastery"},
        "guidance.doc.class": {"zh": "全班平均", "en": "Class average"},
        "guidance.doc.plan": {"zh": "指导方案", "en": "Guidance plan"},
        "guidance.doc.record": {"zh": "跟进记录", "en": "Follow-up record"},
        "guidance.doc.record_head": {
            "zh": "| 日期 | 做了什么 | 学生表现 |",
            "en": "| Date | What was done | How the student responded |",
        },
        "guidance.table.urgency": {"zh": "紧急度", "en": "Urgency"},
        "guidance.table.needs": {"zh": "需求", "en": "Needs"},
        "guidance.table.count": {"zh": "需求数", "en": "Needs count"},
        "guidance.label.trend": {
            "zh": "成绩下滑（{slope:+.1f}分/单元）",
            "en": "sliding ({slope:+.1f}/unit)",
        },
        "guidance.label.homework": {"zh": "作业 {homework:.0f}%", "en": "homework {homework:.0f}%"},
        "guidance.label.mastery": {"zh": "薄弱：{point}", "en": "weak: {point}"},
    }
)


def joined(words: Iterable[str]) -> str:
    """Words listed the way the teacher's language lists them (顿号 in Chinese)."""
    return t("guidance.items_join").join(words)


def item_list(items: Iterable[str]) -> str:
    """Item numbers as the teacher reads them: ("3", "4") → 第3、4题."""
    return t("guidance.items", numbers=joined(items))


def need_label(need: Need) -> str:
    """A few words for lists, e.g. 成绩下滑（-5.0分/单元）."""
    if need.kind == "trend":
        return t("guidance.label.trend", slope=need.value)
    if need.kind == "homework":
        return t("guidance.label.homework", homework=need.value)
    return t("guidance.label.mastery", point=need.point)


def need_finding(need: Need) -> str:
    """What the data shows, with its numbers."""
    if need.kind == "trend":
        scores = "→".join(f"{v:.0f}" for v in need.scores)
        return t("guidance.finding.trend", scores=scores, slope=need.value)
    if need.kind == "homework":
        return t("guidance.finding.homework", homework=need.value, average=need.average)
    return t(
        "guidance.finding.mastery",
        point=need.point,
        mastery=need.value,
        items=item_list(need.items),
        average=need.average,
    )


def need_recommendation(need: Need) -> str:
    """What to do about it, concretely enough to check later."""
    if need.kind == "trend":
        return t("guidance.rec.trend")
    if need.kind == "homework":
        return t("guidance.rec.homework", threshold=need.threshold)
    return t("guidance.rec.mastery", point=need.point, items=item_list(need.items))


def quiz_text(profile: StudentProfile) -> str:
    """Quiz points as "earned / total", or a dash when the student has no quiz answers."""
    if np.isnan(profile.quiz_score):
        return t("guidance.unknown")
    return f"{profile.quiz_score:.0f} / {profile.quiz_total:.0f}"


def homework_text(profile: StudentProfile) -> str:
    """Homework completion as a percentage, or a dash when it is unknown."""
    return f"{profile.homework:.0f}%" if profile.homework is not None else t("guidance.unknown")


def suggested_plan(profile: StudentProfile) -> str:
    """The recommendations as a numbered plan, most urgent first, ready to edit."""
    steps = [f"{n}. {need_recommendation(need)}" for n, need in enumerate(profile.needs, start=1)]
    paragraphs = ["\n".join(steps) if steps else f"1. {t('guidance.plan.none')}"]
    if profile.shared_weak:
        paragraphs.append(t("guidance.plan.shared", points=joined(profile.shared_weak)))
    paragraphs.append(t("guidance.plan.follow_up"))
    return "\n\n".join(paragraphs)


def plan_title(profile: StudentProfile) -> str:
    return t("guidance.doc.title", name=profile.name, id=profile.student_id)


def plan_markdown(profile: StudentProfile, plan: str | None = None) -> str:
    """The plan document: data profile, needs, plan (the teacher's edit if given) and a record table."""
    scores = "、".join(f"{c} {v:.0f}" for c, v in profile.unit_scores.dropna().items())
    parts = [
        f"# {plan_title(profile)}\n",
        f"## {t('guidance.doc.data')}\n",
        f"- {t('guidance.quiz')}：{quiz_text(profile)}",
        f"- {t('guidance.homework')}：{homework_text(profile)}",
        f"- {t('guidance.units')}：{scores}",
        f"- {t('guidance.trend')}：{t('guidance.per_unit', slope=profile.slope)}\n",
        f"| {t('guidance.doc.point')} | {t('guidance.doc.mastery')} | {t('guidance.doc.class')} |",
        "|---|---|---|",
        *[
            f"| {point} | {value:.0f}% | {profile.class_mastery[point]:.0f}% |"
            for point, value in profile.mastery.items()
        ],
        f"\n## {t('guidance.needs')}\n",
        *([f"- {need_finding(need)}" for need in profile.needs] or [t("guidance.no_needs")]),
        f"\n## {t('guidance.doc.plan')}\n",
        (plan if plan is not None else suggested_plan(profile)).strip(),
        f"\n## {t('guidance.doc.record')}\n",
        t("guidance.doc.record_head"),
        "|---|---|---|",
        *["|  |  |  |"] * 3,
    ]
    return "\n".join(parts) + "\n"


def export_plan(profile: StudentProfile, plan: str | None = None) -> tuple[Path, Path]:
    """Write outputs/C5_guidance_<学号>.md and .doc and record them in the teacher's progress."""
    md_path, doc_path = write_document(
        f"{CODE}_guidance_{profile.student_id}", plan_markdown(profile, plan), title=plan_title(profile)
    )
    record_output(CODE, f"guidance_{profile.student_id}", md_path)
    return md_path, doc_path


def needs_table(profiles: Iterable[StudentProfile]) -> pd.DataFrame:
    """学号, 姓名, 紧急度, 需求数, 需求 for every student with a need, most urgent first."""
    urgency, count, needs = t("guidance.table.urgency"), t("guidance.table.count"), t("guidance.table.needs")
    rows = [
        {
            STUDENT_ID: p.student_id,
            NAME: p.name,
            urgency: p.urgency,
            count: len(p.needs),
            needs: "；".join(need_label(need) for need in p.needs),
        }
        for p in most_urgent(profiles)
    ]
    return pd.DataFrame(rows, columns=[STUDENT_ID, NAME, urgency, count, needs])


def class_needs(
    *,
    quiz: pd.DataFrame,
    key: pd.DataFrame,
    units: pd.DataFrame,
    students: pd.DataFrame,
    mastery_below: float = MASTERY_BELOW,
    slope_at_most: float = SLOPE_AT_MOST,
    homework_below: float = HOMEWORK_BELOW,
) -> pd.DataFrame:
    """Every student with at least one need, most urgent first (a slide, then homework, then weak points)."""
    profiles = all_profiles(
        quiz=quiz,
        key=key,
        units=units,
        students=students,
        mastery_below=mastery_below,
        slope_at_most=slope_at_most,
        homework_below=homework_below,
    )
    return needs_table(profiles)
