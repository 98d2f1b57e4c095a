"""Development reports a principal can print (发展报告, seed 004): one for a teacher, one for a
school, as Word documents. Every figure comes from the same computation as the dashboards
(:class:`PortraitBook` for a teacher, the course's hours, credits, scores, research flow and lesson
evaluations for a school), so the document and the pages never disagree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from toolkit.atomic import write_atomic
from toolkit.dashboard.data import DashboardData, load_dashboard_data
from toolkit.dashboard.markup import percent
from toolkit.dashboard.profile import PortraitBook
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.localtime import local_zone
from toolkit.wordstyle import song_typeface

add_messages(
    {
        "development.suffix": {
            "zh": "发展报告应以 .docx 结尾，这里是“{suffix}”",
            "en": "a development report must be a .docx file, not '{suffix}'",
        },
        "development.no_teacher": {
            "zh": "工号 {teacher} 不是本课程的在册教师",
            "en": "{teacher} is not an active teacher of this course",
        },
        "development.no_school": {
            "zh": "本课程没有“{school}”的教师（有：{known}）",
            "en": "no teacher of this course is at '{school}' (there are: {known})",
        },
        "development.written": {"zh": "已写入 {file}", "en": "Wrote {file}"},
    }
)

SECTION_NUMBERS = ("一", "二", "三", "四", "五", "六", "七")


class _Writer:
    """A report document: a title block, numbered sections, tables and bullet lines."""

    def __init__(self, title: str, subtitle: str) -> None:
        from docx import Document
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm

        self.document = Document()
        for section in self.document.sections:
            section.left_margin = section.right_margin = Cm(2.2)
        song_typeface(self.document, "Normal", "Title", "Heading 1", "Heading 2")
        heading = self.document.add_heading(title, level=0)
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        line = self.document.add_paragraph(subtitle)
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.sections = 0

    def section(self, title: str) -> None:
        self.document.add_heading(f"{SECTION_NUMBERS[self.sections]}、{title}", level=1)
        self.sections += 1

    def pairs(self, rows: Sequence[tuple[str, str]]) -> None:
        self.table(["项目", "情况"], [list(row) for row in rows])

    def table(self, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = str(text)
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = _text(value)

    def lines(self, entries: Sequence[str], *, none: str = "暂无") -> None:
        for entry in entries or [none]:
            self.document.add_paragraph(entry, style="List Bullet")

    def note(self, text: str) -> None:
        self.document.add_paragraph(text)

    def save(self, out: Path) -> Path:
        write_atomic(out, lambda part: self.document.save(str(part)))
        return out


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return "—" if value != value else f"{value:g}"
    return str(value)


def _checked(out: str | Path) -> Path:
    target = Path(out)
    if target.suffix.lower() != ".docx":
        raise InputError(t("development.suffix", suffix=target.suffix or "-"), file=target)
    return target


def _stamp() -> str:
    return dt.datetime.now(local_zone()).strftime("%Y-%m-%d")


def _trend_rows(months: pd.DataFrame | None, teacher_ids: set[str]) -> list[list[object]]:
    if months is None or months.empty:
        return []
    mine = months[months["teacher_id"].isin(teacher_ids)]
    by_month = mine.groupby("month", as_index=False)[["activities", "hours", "minutes"]].sum()
    return [
        [row.month, int(row.activities), round(float(row.hours), 2), f"{row.minutes:g}"]
        for row in by_month.itertuples()
    ]


TREND_HEADER = ["月份", "研修活动（条）", "计入学时", "学习时长（分钟）"]


def teacher_report(
    course_dir: str | Path, teacher_id: str, *, out: str | Path, data: DashboardData | None = None
) -> Path:
    """A teacher's term: the portrait's figures, trends by month and what to do next."""
    target = _checked(out)
    data = data or load_dashboard_data(course_dir)
    book = PortraitBook(data)
    if teacher_id not in book.people.index:
        raise InputError(t("development.no_teacher", teacher=teacher_id))
    portrait = book.portrait(teacher_id)
    person = portrait.teacher
    who = "　".join(str(person[k]) for k in ("school", "research_group", "subject") if person.get(k))
    doc = _Writer(f"教师发展报告：{person['name']}", f"{teacher_id}　{who}　生成日期 {_stamp()}")
    doc.section("学习成果")
    doc.pairs(portrait.outcomes)
    doc.section("学习过程")
    doc.pairs(portrait.process or [("过程记录", "暂无")])
    if portrait.cycles:
        doc.note("课例研磨：")
        doc.lines(portrait.cycles)
    doc.section("四个维度")
    dims = portrait.dimensions
    doc.table(
        ["维度", "自测诊断", "证据评定", "全体平均（自测）"],
        [[r.label, percent(r.self_test), percent(r.evidence), percent(r.cohort)] for r in dims.itertuples()],
    )
    doc.note("优势：")
    doc.lines(portrait.strengths)
    doc.note("短板：")
    doc.lines(portrait.gaps)
    doc.section("课堂评价")
    doc.lines(portrait.lessons, none="本学期还没有多方课堂评价")
    doc.section("变化趋势")
    trend = _trend_rows(data.months, {teacher_id})
    if trend:
        doc.table(TREND_HEADER, trend)
    else:
        doc.note("研修记录中没有带日期的活动，暂不能画出趋势。")
    doc.section("建议")
    advice = [*portrait.modules]
    for group in book.help_groups(list(data.teachers["teacher_id"])):
        if teacher_id in group.teachers:
            mentor = book.people["name"].get(group.mentor, "") if group.mentor else ""
            point = book.points[group.point].label()
            advice.append(
                f"加入“{point}”帮扶小组（{len(group.teachers)} 人）"
                + (f"，建议导师：{mentor}" if mentor else "")
            )
    advice += [line for line in portrait.cycles if "下一步" in line]
    doc.lines(advice, none="保持现在的节奏，继续巩固。")
    doc.note(portrait.advice)
    return doc.save(target)


def school_report(
    course_dir: str | Path, school: str, *, out: str | Path, data: DashboardData | None = None
) -> Path:
    """A school's term: participation, hours, credits, scores and pass rate, groups, points,
    lesson evaluations, trends by month and recommendations."""
    target = _checked(out)
    data = data or load_dashboard_data(course_dir)
    teachers = data.teachers[data.teachers["school"] == school]
    if teachers.empty:
        known = "、".join(sorted(set(data.teachers["school"]) - {""})) or "-"
        raise InputError(t("development.no_school", school=school, known=known))
    ids = set(teachers["teacher_id"])
    book = PortraitBook(data)
    doc = _Writer(f"学校发展报告：{school}", f"{data.scheme.name}　教师 {len(ids)} 人　生成日期 {_stamp()}")
    doc.section("总体情况")
    doc.pairs(school_figures(data, school))
    doc.section("各教研组")
    doc.table(*group_rows(data, teachers))
    doc.section("能力点")
    doc.table(*point_rows(book, ids))
    doc.section("课堂评价")
    lessons = [e for e in data.lessons if e.teacher_id in ids]
    if lessons:
        names = book.people["name"]
        doc.table(
            ["课例", "执教教师", "综合得分", "各方一致性", "评价人数"],
            [
                [
                    e.lesson,
                    names.get(e.teacher_id, e.teacher_id),
                    f"{e.overall:.2f}",
                    e.agreement_text,
                    sum(e.raters.values()),
                ]
                for e in lessons
            ],
        )
    else:
        doc.note("本学期还没有多方课堂评价。")
    doc.section("变化趋势")
    trend = _trend_rows(data.months, ids)
    if trend:
        doc.table(TREND_HEADER, trend)
    else:
        doc.note("研修记录中没有带日期的活动，暂不能画出趋势。")
    doc.section("建议")
    doc.lines(school_advice(data, book, teachers))
    return doc.save(target)


def school_figures(data: DashboardData, school: str) -> list[tuple[str, str]]:
    """The school's headline figures, as the progress page computes them."""
    teachers = data.teachers[data.teachers["school"] == school]
    ids = set(teachers["teacher_id"])
    rows = [("参训教师", f"{len(ids)} 人")]
    if data.hours is not None and data.scheme.hours is not None:
        mine = data.hours[data.hours["teacher_id"].isin(ids)]
        rows.append(
            (
                "学时达标",
                f"{int(mine['complete'].sum())} / {len(ids)}（目标 {data.scheme.hours.target:g} 学时）",
            )
        )
    if data.credits is not None and data.scheme.credits is not None:
        mine = data.credits[data.credits["teacher_id"].isin(ids)]
        rows.append(
            (
                "学分达标",
                f"{int(mine['credits_complete'].sum())} / {len(ids)}"
                f"（至少 {data.scheme.credits.target:g} 学分）",
            )
        )
    if data.assessment is not None:
        schools = data.assessment.schools.set_index("school")
        if school in schools.index:
            row = schools.loc[school]
            rows.append(
                (
                    "学员合格率",
                    f"{int(row['passed'])} / {int(row['participants'])}（{percent(row['pass_rate'])}）",
                )
            )
            rows.append(("合格率得分", f"{float(row['pass_rate_points']):g}"))
    if data.research is not None:
        rows.append(("整校验收", "已通过" if data.research.accepted else "未验收"))
    return rows


def group_rows(data: DashboardData, teachers: pd.DataFrame) -> tuple[list[str], list[list[object]]]:
    header = ["教研组", "人数"]
    frame = teachers[["teacher_id", "research_group"]].copy()
    if data.hours is not None:
        frame = frame.merge(data.hours[["teacher_id", "complete"]], on="teacher_id", how="left")
        header.append("学时达标")
    if data.credits is not None:
        frame = frame.merge(data.credits[["teacher_id", "credits_complete"]], on="teacher_id", how="left")
        header.append("学分达标")
    if data.assessment is not None:
        people = data.assessment.people.rename(columns={"person_id": "teacher_id"})
        frame = frame.merge(people[["teacher_id", "passed"]], on="teacher_id", how="left")
        header.append("考核合格")
    rows = []
    for group, members in frame.groupby("research_group", sort=True):
        row: list[object] = [group or "—", len(members)]
        for column in ("complete", "credits_complete", "passed"):
            if column in members:
                row.append(int(members[column].fillna(False).astype(bool).sum()))
        rows.append(row)
    research = data.research
    if research is not None:
        header.append("校本研修尚缺")
        missing = dict(zip(research.groups["教研组"], research.groups["尚缺"], strict=True))
        for row in rows:
            row.append(missing.get(str(row[0]), "—"))
    return header, rows


def point_rows(book: PortraitBook, ids: set[str]) -> tuple[list[str], list[list[object]]]:
    """Each point's self-test share among the school's teachers and the desk's levels."""
    shares = book.data.item_scores[book.data.item_scores["teacher_id"].isin(ids)]
    per_point = shares.groupby("point")[["score", "max_score"]].sum()
    levels = book.data.levels[book.data.levels["teacher_id"].isin(ids)]
    rows = []
    for code, point in book.points.items():
        share = (
            per_point.loc[code, "score"] / per_point.loc[code, "max_score"]
            if code in per_point.index
            else float("nan")
        )
        graded = levels[levels["point"] == code]["level_name"].value_counts()
        rows.append(
            [
                point.label(),
                percent(share),
                int(graded.get("优秀", 0)),
                int(graded.get("合格", 0)),
                int(graded.get("不合格", 0)),
            ]
        )
    return ["能力点", "自测得分率", "评定优秀", "评定合格", "评定不合格"], rows


def school_advice(data: DashboardData, book: PortraitBook, teachers: pd.DataFrame) -> list[str]:
    names = book.people["name"]
    advice = []
    for group in book.help_groups(list(teachers["teacher_id"]))[:5]:
        point = book.points[group.point].label()
        who = "、".join(names[m] for m in group.teachers)
        mentor = (
            f"请 {names[group.mentor]} 带领" if group.mentor else "本校暂无该点突出的教师，可请区域名师指导"
        )
        module = book.modules.get(group.point, "")
        advice.append(f"{point}：{who} 需要帮扶；{mentor}；推荐模块 {module}。")
    ids = set(teachers["teacher_id"])
    if data.hours is not None:
        short = data.hours[data.hours["teacher_id"].isin(ids) & ~data.hours["complete"].astype(bool)]
        if not short.empty:
            advice.append(f"{len(short)} 位教师学时未达标，请教研组长跟进。")
    if data.credits is not None:
        short = data.credits[
            data.credits["teacher_id"].isin(ids) & ~data.credits["credits_complete"].astype(bool)
        ]
        if not short.empty:
            advice.append(f"{len(short)} 位教师能力点认证学分不足，请督促提交能力点证据。")
    if data.research is not None and not data.research.accepted:
        advice.append("校本研修尚未整校验收，验收后学时才会登记。")
    return advice or ["各项指标都已达到要求，继续保持。"]
