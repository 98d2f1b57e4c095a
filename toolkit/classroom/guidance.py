"""C5 基于数据的个别化指导: one student's data read as needs, with a plan the teacher edits.

The model joins a class's quiz answers (scored against the key, per knowledge
point), its unit tests (least-squares trend) and homework completion, and
turns what stands out into needs with concrete recommendations. A knowledge
point that the whole class has not mastered is a matter for whole-class
teaching, so it is reported separately and not as an individual need.
The widget lets a teacher pick a student, read the profile, edit the plan and
export it as the draft of the point's evidence.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.plotting import figure_png, new_figure
from toolkit.work.outputs import download_links, write_document
from toolkit.work.progress import record_output

CODE = "C5"
ID = "学号"
NAME = "姓名"
HOMEWORK = "作业完成率"
KEY_COLUMNS = ("题号", "答案", "知识点")
POINTS = "分值"

MASTERY_BELOW = 60.0
SLOPE_AT_MOST = -3.0
HOMEWORK_BELOW = 70.0

# How much each kind of need weighs when the class list is ordered: a steady slide is news
# and comes first (it outweighs everything else together), then homework, then each
# individually weak point (at most four count).
URGENCY = {"trend": 8, "homework": 3, "mastery": 1}
MASTERY_URGENCY_CAP = 4

add_messages(
    {
        "guidance.title": {"zh": "个别化指导规划器", "en": "Individual guidance planner"},
        "guidance.intro": {
            "zh": "选择一名学生，查看数据画像和系统建议，再把建议改成您自己的指导方案并导出。",
            "en": "Pick a student, read the data profile and the suggestions, "
            "turn them into your own plan and export it.",
        },
        "guidance.student": {"zh": "学生", "en": "Student"},
        "guidance.attention": {"zh": "需关注", "en": "needs attention"},
        "guidance.plan": {"zh": "指导方案（可直接修改）", "en": "Guidance plan (edit freely)"},
        "guidance.reset": {"zh": "恢复系统建议", "en": "Restore suggestion"},
        "guidance.export": {"zh": "导出方案", "en": "Export plan"},
        "guidance.exported": {
            "zh": "已导出：outputs/{md} 和 outputs/{doc}（可用 Word/WPS 打开）",
            "en": "Exported: outputs/{md} and outputs/{doc} (opens in Word/WPS)",
        },
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
        "guidance.shared": {
            "zh": "全班共性薄弱点（全班平均也低于 {threshold:.0f}%，放在全班讲评中处理）：{points}",
            "en": "Weak for the whole class (class average also below {threshold:.0f}%; "
            "handle in whole-class review): {points}",
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
        "guidance.chart.mastery": {"zh": "各知识点掌握率（%）", "en": "Mastery per knowledge point (%)"},
        "guidance.chart.threshold": {"zh": "{threshold:.0f}% 线", "en": "{threshold:.0f}% line"},
        "guidance.chart.class": {"zh": "全班平均", "en": "class average"},
        "guidance.chart.weak": {"zh": "个人薄弱", "en": "weak for this student"},
        "guidance.chart.shared": {"zh": "全班共性薄弱", "en": "weak for the whole class"},
        "guidance.chart.units": {"zh": "单元测验成绩与趋势线", "en": "Unit tests and trend line"},
        "guidance.chart.score": {"zh": "分数", "en": "Score"},
        "guidance.chart.fit": {"zh": "趋势线", "en": "trend line"},
        "guidance.table.urgency": {"zh": "紧急度", "en": "Urgency"},
        "guidance.table.needs": {"zh": "需求", "en": "Needs"},
        "guidance.table.count": {"zh": "需求数", "en": "Needs count"},
        "guidance.label.trend": {
            "zh": "成绩下滑（{slope:+.1f}分/单元）",
            "en": "sliding ({slope:+.1f}/unit)",
        },
        "guidance.label.homework": {"zh": "作业 {homework:.0f}%", "en": "homework {homework:.0f}%"},
        "guidance.label.mastery": {"zh": "薄弱：{point}", "en": "weak: {point}"},
        "guidance.error.columns": {
            "zh": "{table}缺少“{column}”列（需要的列：{needed}）",
            "en": "the {table} lacks column '{column}' (needed: {needed})",
        },
        "guidance.table.quiz": {"zh": "测验作答表", "en": "quiz answer table"},
        "guidance.table.key": {"zh": "测验答案表", "en": "quiz key table"},
        "guidance.table.units": {"zh": "单元成绩表", "en": "unit-test table"},
        "guidance.table.students": {"zh": "学生信息表", "en": "student table"},
        "guidance.error.student": {
            "zh": "找不到学号为 {id} 的学生",
            "en": "no student with number {id}",
        },
        "guidance.error.units": {"zh": "单元成绩表里没有成绩列", "en": "the unit table has no score columns"},
    }
)


def _require(table: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    """``what`` is quiz, key, units or students."""
    for column in columns:
        if column not in table.columns:
            table_name = t(f"guidance.table.{what}")
            needed = "、".join(columns)
            raise InputError(t("guidance.error.columns", table=table_name, column=column, needed=needed))


def _ids(table: pd.DataFrame) -> pd.Series:
    return table[ID].astype(str).str.strip()


def unit_columns(units: pd.DataFrame) -> list[str]:
    """The score columns of a unit-test table, in file order (everything but 学号 and 姓名)."""
    columns = [c for c in units.columns if c not in (ID, NAME)]
    if not columns:
        raise InputError(t("guidance.error.units"))
    return columns


def unit_trend(scores: Sequence[float] | pd.Series) -> float:
    """Least-squares slope of scores against 1, 2, 3 …: points gained (+) or lost (−) per unit.

    Missing scores are left out; with fewer than two scores the trend is NaN.
    """
    values = pd.to_numeric(pd.Series(list(scores), dtype=object), errors="coerce").to_numpy(dtype=float)
    positions = np.arange(1, len(values) + 1, dtype=float)
    known = ~np.isnan(values)
    if known.sum() < 2:
        return float("nan")
    x, y = positions[known], values[known]
    return float(((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum())


def item_points(quiz: pd.DataFrame, key: pd.DataFrame) -> pd.DataFrame:
    """Points earned per student (rows, by 学号) and item (columns); a blank or wrong answer earns 0."""
    _require(quiz, [ID], "quiz")
    _require(key, KEY_COLUMNS, "key")
    earned = {}
    for row in key.itertuples(index=False):
        item, answer = str(row.题号), str(row.答案).strip().upper()
        if item not in quiz.columns:
            raise InputError(
                t("guidance.error.columns", table=t("guidance.table.quiz"), column=item, needed=item)
            )
        worth = float(getattr(row, POINTS)) if POINTS in key.columns else 1.0
        given = quiz[item].fillna("").astype(str).str.strip().str.upper()
        earned[item] = (given == answer).astype(float) * worth
    return pd.DataFrame(earned).set_axis(_ids(quiz), axis=0)


def mastery_table(quiz: pd.DataFrame, key: pd.DataFrame) -> pd.DataFrame:
    """Per student and knowledge point: the share of that point's points earned, in percent (0–100)."""
    earned = item_points(quiz, key)
    topic = key.set_index(key["题号"].astype(str))["知识点"]
    worth = key[POINTS].astype(float) if POINTS in key.columns else pd.Series(1.0, index=key.index)
    possible = worth.groupby(key["知识点"].to_numpy()).sum()
    order = list(dict.fromkeys(key["知识点"]))  # knowledge points in the order the quiz teaches them
    by_point = earned.T.groupby(topic.reindex(earned.columns).to_numpy()).sum().T
    return (by_point / possible * 100)[order]


@dataclass(frozen=True)
class Need:
    """One thing the data shows about a student, with what to do about it."""

    kind: str  # "mastery", "trend" or "homework"
    label: str  # a few words for lists
    finding: str  # what the data shows
    recommendation: str
    urgency: int


@dataclass(frozen=True)
class StudentProfile:
    """A student's data profile and the needs read from it (percentages are 0–100)."""

    student_id: str
    name: str
    quiz_score: float
    quiz_total: float
    mastery: pd.Series
    class_mastery: pd.Series
    unit_scores: pd.Series
    slope: float
    homework: float | None
    class_homework: float | None
    needs: tuple[Need, ...]
    shared_weak: tuple[str, ...] = field(default=())
    mastery_below: float = MASTERY_BELOW

    @property
    def urgency(self) -> int:
        """How urgently this student needs individual attention (0 = not at all)."""
        return sum(need.urgency for need in self.needs)

    def quiz_text(self) -> str:
        """Quiz points as "earned / total", or a dash when the student has no quiz answers."""
        if np.isnan(self.quiz_score):
            return t("guidance.unknown")
        return f"{self.quiz_score:.0f} / {self.quiz_total:.0f}"

    @property
    def weak_points(self) -> tuple[str, ...]:
        """Knowledge points below the threshold for this student but not for the class as a whole."""
        below = self.mastery[self.mastery < self.mastery_below].index
        return tuple(p for p in below if p not in self.shared_weak)

    def suggested_plan(self) -> str:
        """The recommendations as a numbered plan, most urgent first, ready to edit."""
        steps = [f"{n}. {need.recommendation}" for n, need in enumerate(self.needs, start=1)]
        paragraphs = ["\n".join(steps) if steps else f"1. {t('guidance.plan.none')}"]
        if self.shared_weak:
            paragraphs.append(
                t("guidance.plan.shared", points=t("guidance.items_join").join(self.shared_weak))
            )
        paragraphs.append(t("guidance.plan.follow_up"))
        return "\n\n".join(paragraphs)

    def markdown(self, plan: str | None = None) -> str:
        """The plan document: data profile, needs, plan (the teacher's edit if given) and a record table."""
        title = t("guidance.doc.title", name=self.name, id=self.student_id)
        homework = f"{self.homework:.0f}%" if self.homework is not None else t("guidance.unknown")
        scores = "、".join(f"{c} {v:.0f}" for c, v in self.unit_scores.dropna().items())
        parts = [
            f"# {title}\n",
            f"## {t('guidance.doc.data')}\n",
            f"- {t('guidance.quiz')}：{self.quiz_text()}",
            f"- {t('guidance.homework')}：{homework}",
            f"- {t('guidance.units')}：{scores}",
            f"- {t('guidance.trend')}：{t('guidance.per_unit', slope=self.slope)}\n",
            f"| {t('guidance.doc.point')} | {t('guidance.doc.mastery')} | {t('guidance.doc.class')} |",
            "|---|---|---|",
            *[
                f"| {point} | {value:.0f}% | {self.class_mastery[point]:.0f}% |"
                for point, value in self.mastery.items()
            ],
            f"\n## {t('guidance.needs')}\n",
            *([f"- {need.finding}" for need in self.needs] or [t("guidance.no_needs")]),
            f"\n## {t('guidance.doc.plan')}\n",
            (plan if plan is not None else self.suggested_plan()).strip(),
            f"\n## {t('guidance.doc.record')}\n",
            t("guidance.doc.record_head"),
            "|---|---|---|",
            *["|  |  |  |"] * 3,
        ]
        return "\n".join(parts) + "\n"


def _item_list(key: pd.DataFrame, point: str) -> str:
    items = key.loc[key["知识点"] == point, "题号"].astype(str).str.lstrip("Qq")
    return t("guidance.items", numbers=t("guidance.items_join").join(items))


class _ClassData:
    """The four tables, checked and scored once, so many profiles are cheap."""

    def __init__(
        self, quiz: pd.DataFrame, key: pd.DataFrame, units: pd.DataFrame, students: pd.DataFrame
    ) -> None:
        _require(units, [ID], "units")
        _require(students, [ID], "students")
        self.key = key
        self.mastery = mastery_table(quiz, key)
        self.class_mastery = self.mastery.mean()
        self.quiz_scores = item_points(quiz, key).sum(axis=1)
        worth = key[POINTS].astype(float) if POINTS in key.columns else pd.Series(1.0, index=key.index)
        self.quiz_total = float(worth.sum())
        self.units = units.set_axis(_ids(units), axis=0)[unit_columns(units)].apply(
            pd.to_numeric, errors="coerce"
        )
        self.students = students.set_axis(_ids(students), axis=0)
        self.homework = (
            pd.to_numeric(self.students[HOMEWORK], errors="coerce") if HOMEWORK in students.columns else None
        )
        names = pd.concat(
            [table.set_axis(_ids(table), axis=0)[NAME] for table in (students, units, quiz) if NAME in table]
        )
        self.names = names[~names.index.duplicated()].astype(str)
        self.ids = list(dict.fromkeys([*self.students.index, *self.units.index, *self.mastery.index]))

    def profile(
        self, student_id: str, *, mastery_below: float, slope_at_most: float, homework_below: float
    ) -> StudentProfile:
        student_id = str(student_id).strip()
        if student_id not in self.ids:
            raise InputError(t("guidance.error.student", id=student_id))
        needs: list[Need] = []
        scores = self.units.loc[student_id] if student_id in self.units.index else pd.Series(dtype=float)
        slope = unit_trend(scores)
        if not np.isnan(slope) and slope <= slope_at_most:
            shown = "→".join(f"{v:.0f}" for v in scores.dropna())
            needs.append(
                Need(
                    "trend",
                    t("guidance.label.trend", slope=slope),
                    t("guidance.finding.trend", scores=shown, slope=slope),
                    t("guidance.rec.trend"),
                    URGENCY["trend"],
                )
            )
        homework = None
        class_homework = None
        if self.homework is not None and student_id in self.homework.index:
            value = self.homework.loc[student_id]
            homework = None if pd.isna(value) else float(value)
            class_homework = float(self.homework.mean())
        if homework is not None and homework < homework_below:
            needs.append(
                Need(
                    "homework",
                    t("guidance.label.homework", homework=homework),
                    t("guidance.finding.homework", homework=homework, average=class_homework),
                    t("guidance.rec.homework", threshold=homework_below),
                    URGENCY["homework"],
                )
            )
        if student_id in self.mastery.index:
            mastery = self.mastery.loc[student_id]
            quiz_score = float(self.quiz_scores.loc[student_id])
        else:
            mastery = pd.Series(np.nan, index=self.mastery.columns)
            quiz_score = float("nan")
        shared = tuple(p for p in mastery.index if self.class_mastery[p] < mastery_below)
        weak = [p for p in mastery.index if mastery[p] < mastery_below and p not in shared]
        weak.sort(key=lambda p: mastery[p] - self.class_mastery[p])  # furthest behind the class first
        for rank, point in enumerate(weak):
            items = _item_list(self.key, point)
            needs.append(
                Need(
                    "mastery",
                    t("guidance.label.mastery", point=point),
                    t(
                        "guidance.finding.mastery",
                        point=point,
                        mastery=mastery[point],
                        items=items,
                        average=self.class_mastery[point],
                    ),
                    t("guidance.rec.mastery", point=point, items=items),
                    URGENCY["mastery"] if rank < MASTERY_URGENCY_CAP else 0,
                )
            )
        return StudentProfile(
            student_id=student_id,
            name=str(self.names.get(student_id, "")),
            quiz_score=quiz_score,
            quiz_total=self.quiz_total,
            mastery=mastery.astype(float),
            class_mastery=self.class_mastery.astype(float),
            unit_scores=scores.astype(float),
            slope=slope,
            homework=homework,
            class_homework=class_homework,
            needs=tuple(needs),
            shared_weak=shared,
            mastery_below=mastery_below,
        )


def student_profile(
    student_id: str,
    *,
    quiz: pd.DataFrame,
    key: pd.DataFrame,
    units: pd.DataFrame,
    students: pd.DataFrame,
    mastery_below: float = MASTERY_BELOW,
    slope_at_most: float = SLOPE_AT_MOST,
    homework_below: float = HOMEWORK_BELOW,
) -> StudentProfile:
    """One student's profile: mastery per knowledge point, unit trend, homework, and needs.

    Needs: a knowledge point below ``mastery_below`` percent (unless the whole class is
    below it too), a unit trend of ``slope_at_most`` points per unit or worse, homework
    completion below ``homework_below`` percent.
    """
    data = _ClassData(quiz, key, units, students)
    return data.profile(
        student_id, mastery_below=mastery_below, slope_at_most=slope_at_most, homework_below=homework_below
    )


def all_profiles(
    *,
    quiz: pd.DataFrame,
    key: pd.DataFrame,
    units: pd.DataFrame,
    students: pd.DataFrame,
    mastery_below: float = MASTERY_BELOW,
    slope_at_most: float = SLOPE_AT_MOST,
    homework_below: float = HOMEWORK_BELOW,
) -> list[StudentProfile]:
    """Every student's profile, in the order of the student list."""
    data = _ClassData(quiz, key, units, students)
    return [
        data.profile(
            sid, mastery_below=mastery_below, slope_at_most=slope_at_most, homework_below=homework_below
        )
        for sid in data.ids
    ]


def _needs_frame(profiles: Sequence[StudentProfile]) -> pd.DataFrame:
    rows = [
        {
            ID: p.student_id,
            NAME: p.name,
            t("guidance.table.urgency"): p.urgency,
            t("guidance.table.count"): len(p.needs),
            t("guidance.table.needs"): "；".join(need.label for need in p.needs),
            "_slope": p.slope,
        }
        for p in profiles
        if p.needs
    ]
    columns = [ID, NAME, t("guidance.table.urgency"), t("guidance.table.count"), t("guidance.table.needs")]
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(rows).sort_values(
        [t("guidance.table.urgency"), "_slope", ID], ascending=[False, True, True], kind="stable"
    )
    return frame[columns].reset_index(drop=True)


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
    return _needs_frame(profiles)


def profile_chart(profile: StudentProfile) -> bytes:
    """PNG: mastery per knowledge point (bars, class average and threshold) and the unit trend."""
    figure = new_figure(10, 3.8)
    bars, trend = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1.5, 1]})
    points = list(profile.mastery.index)
    values = profile.mastery.fillna(0).to_numpy()
    weak = profile.weak_points
    colours = [
        "#f0a030" if p in profile.shared_weak else "#c62828" if p in weak else "#4c78a8" for p in points
    ]
    positions = np.arange(len(points))
    bars.barh(positions, values, color=colours)
    bars.scatter(
        profile.class_mastery.to_numpy(),
        positions,
        marker="|",
        s=200,
        color="#333",
        label=t("guidance.chart.class"),
    )
    bars.axvline(
        profile.mastery_below,
        color="#888",
        linestyle="--",
        linewidth=1,
        label=t("guidance.chart.threshold", threshold=profile.mastery_below),
    )
    bars.set_yticks(positions, points)
    bars.invert_yaxis()
    bars.set_xlim(0, 105)
    bars.set_title(t("guidance.chart.mastery"))
    handles, _ = bars.get_legend_handles_labels()
    handles += [
        Patch(color="#c62828", label=t("guidance.chart.weak")),
        Patch(color="#f0a030", label=t("guidance.chart.shared")),
    ]
    bars.legend(handles=handles, loc="lower right", fontsize=8)
    scores = profile.unit_scores
    x = np.arange(1, len(scores) + 1)
    trend.plot(x, scores.to_numpy(), marker="o", color="#4c78a8")
    known = ~scores.isna().to_numpy()
    if known.sum() >= 2 and not np.isnan(profile.slope):
        centre_x, centre_y = x[known].mean(), scores.to_numpy()[known].mean()
        fitted = centre_y + profile.slope * (x - centre_x)
        colour = "#c62828" if any(n.kind == "trend" for n in profile.needs) else "#888"
        trend.plot(x, fitted, linestyle="--", color=colour, label=t("guidance.chart.fit"))
        trend.legend(loc="best", fontsize=8)
    trend.set_xticks(x, list(scores.index))
    trend.set_ylim(0, 105)
    trend.set_ylabel(t("guidance.chart.score"))
    trend.set_title(t("guidance.chart.units"))
    return figure_png(figure, dpi=90)


def profile_card(profile: StudentProfile) -> str:
    """The profile as an HTML card."""
    homework = f"{profile.homework:.0f}%" if profile.homework is not None else t("guidance.unknown")
    scores = " → ".join(f"{v:.0f}" for v in profile.unit_scores.dropna())
    needs = (
        "".join(f"<li>{html.escape(n.finding)}</li>" for n in profile.needs)
        or f"<li style='color:#2e7d32'>{t('guidance.no_needs')}</li>"
    )
    shared = ""
    if profile.shared_weak:
        note = t(
            "guidance.shared",
            threshold=profile.mastery_below,
            points=t("guidance.items_join").join(profile.shared_weak),
        )
        shared = f"<div style='color:#666;margin-top:4px'>{html.escape(note)}</div>"
    colour = "#c62828" if profile.needs else "#2e7d32"
    return (
        f"<div style='border-left:5px solid {colour};background:#fafafa;padding:8px 12px'>"
        f"<div style='font-size:125%;font-weight:bold'>{html.escape(profile.name)} "
        f"<span style='color:#666;font-weight:normal'>{html.escape(profile.student_id)}</span></div>"
        f"<div>{t('guidance.quiz')}：<b>{profile.quiz_text()}</b> · "
        f"{t('guidance.homework')}：<b>{homework}</b> · "
        f"{t('guidance.trend')}：<b>{t('guidance.per_unit', slope=profile.slope)}</b></div>"
        f"<div style='color:#555'>{t('guidance.units')}：{html.escape(scores)}</div>"
        f"<div style='margin-top:6px'><b>{t('guidance.needs')}</b><ul style='margin:2px 0'>{needs}</ul></div>"
        f"{shared}</div>"
    )


def _sample(name: str) -> pd.DataFrame:
    from toolkit.modules.data import load_sample

    return load_sample(name)


class GuidancePlanner(widgets.VBox):
    """Pick a student, read the profile card and chart, edit the plan, export it as Markdown and .doc.

    Without tables it uses the course sample class (七年级 42 人).
    """

    def __init__(
        self,
        *,
        quiz: pd.DataFrame | None = None,
        key: pd.DataFrame | None = None,
        units: pd.DataFrame | None = None,
        students: pd.DataFrame | None = None,
        mastery_below: float = MASTERY_BELOW,
        slope_at_most: float = SLOPE_AT_MOST,
        homework_below: float = HOMEWORK_BELOW,
    ) -> None:
        data = _ClassData(
            quiz if quiz is not None else _sample("class_7a_quiz.csv"),
            key if key is not None else _sample("class_7a_quiz_key.csv"),
            units if units is not None else _sample("class_7a_units.csv"),
            students if students is not None else _sample("class_7a_students.csv"),
        )
        self.profiles = {
            sid: data.profile(
                sid, mastery_below=mastery_below, slope_at_most=slope_at_most, homework_below=homework_below
            )
            for sid in data.ids
        }
        self.ranking = _needs_frame(list(self.profiles.values()))
        self.plans: dict[str, str] = {}
        options = [
            (
                f"{sid} {p.name}" + (f"（{t('guidance.attention')}）" if p.needs else ""),
                sid,
            )
            for sid, p in sorted(self.profiles.items())
        ]
        first = str(self.ranking[ID].iloc[0]) if len(self.ranking) else options[0][1]
        self.student = widgets.Dropdown(
            options=options,
            value=first,
            description=t("guidance.student"),
            layout=widgets.Layout(width="24em"),
        )
        self.card = widgets.HTML()
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.plan = widgets.Textarea(layout=widgets.Layout(width="95%", height="14em"))
        self.reset_button = widgets.Button(description=t("guidance.reset"), icon="undo")
        self.export_button = widgets.Button(
            description=t("guidance.export"), button_style="success", icon="download"
        )
        self.status = widgets.HTML()
        self.student.observe(lambda change: self.show(), names="value")
        self.plan.observe(lambda change: self._remember(), names="value")
        self.reset_button.on_click(lambda _: self.reset())
        self.export_button.on_click(lambda _: self.export())
        super().__init__(
            [
                widgets.HTML(
                    f"<h4>{t('guidance.title')}</h4><div style='color:#555'>{t('guidance.intro')}</div>"
                ),
                self.student,
                self.card,
                self.chart,
                widgets.HTML(f"<b>{t('guidance.plan')}</b>"),
                self.plan,
                widgets.HBox([self.reset_button, self.export_button]),
                self.status,
            ],
            layout=widgets.Layout(border="1px solid #ddd", padding="8px"),
        )
        self.add_class("workshop-guidance-planner")
        self._showing = ""
        self.show()

    @property
    def profile(self) -> StudentProfile:
        return self.profiles[self.student.value]

    def _remember(self) -> None:
        if self._showing:
            self.plans[self._showing] = self.plan.value

    def show(self) -> None:
        """Redraw the card, chart and plan for the chosen student (an edited plan is kept)."""
        profile = self.profile
        self._showing = ""
        self.card.value = profile_card(profile)
        self.chart.value = profile_chart(profile)
        self.plan.value = self.plans.get(profile.student_id, profile.suggested_plan())
        self._showing = profile.student_id
        self.status.value = ""

    def reset(self) -> None:
        """Throw away the edits for this student and show the suggestion again."""
        self.plan.value = self.profile.suggested_plan()

    def export(self) -> tuple[Path, Path]:
        """Write outputs/C5_guidance_<学号>.md and .doc and record them in the teacher's progress."""
        profile = self.profile
        stem = f"{CODE}_guidance_{profile.student_id}"
        md_path, doc_path = write_document(
            stem,
            profile.markdown(self.plan.value),
            title=t("guidance.doc.title", name=profile.name, id=profile.student_id),
        )
        record_output(CODE, f"guidance_{profile.student_id}", md_path)
        self.status.value = (
            f"<div style='color:#2e7d32'>✔ "
            f"{html.escape(t('guidance.exported', md=md_path.name, doc=doc_path.name))}</div>"
            + download_links(md_path, doc_path)
        )
        return md_path, doc_path
