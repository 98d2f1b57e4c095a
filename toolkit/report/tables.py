"""The figures of a course report as DataFrames with Chinese headers: teachers, groups, schools,
points, hours and scores. Hours and scores are exactly what ``workshop hours`` / ``workshop assess``
compute for the same records."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import create_engine, text

from toolkit.assess import item_names
from toolkit.assess.course import assessment_of
from toolkit.assess.credits import course_credits
from toolkit.catalogue import TASK_PREFIX, load_catalogue
from toolkit.course.scope import course_scope
from toolkit.gradebook import SELF_TEST, CourseData, item_points, read_course
from toolkit.ledger.course import course_ledger, hours_of
from toolkit.ledger.hours import category_column
from toolkit.plan.choices import chosen_points
from toolkit.plan.rules import PLAN_ASSIGNMENT
from toolkit.roster import ROLES
from toolkit.scheme import Scheme

# Roles as the roster writes them in Chinese.
ROLE_NAMES = {role: spellings[0] for role, spellings in ROLES.items()}
HOURS_HEADERS = {"teacher_id": "工号", "counted_hours": "计入学时", "complete": "学时达标"}
SCORE_HEADERS = {
    "person_id": "工号",
    "role": "角色",
    "score": "考核得分",
    "max_score": "满分",
    "passed": "考核合格",
}
SCHOOL_HEADERS = {
    "school": "学校",
    "participants": "参训学员",
    "passed": "合格人数",
    "pass_rate": "合格率",
    "pass_rate_points": "合格率得分",
}


def hours_headers(scheme: Scheme) -> dict[str, str]:
    """Chinese headers of the hours columns, a category's named after it (网络研修学时)."""
    categories = scheme.hours.categories if scheme.hours else ()
    return {**HOURS_HEADERS, **{category_column(c): f"{c.name}学时" for c in categories}}


@dataclass(frozen=True)
class ReportTables:
    scheme_name: str
    sheets: dict[str, pd.DataFrame]  # sheet name → table, in workbook order
    schools_label: str = ""  # who the report is about, for the printed page header
    scope_label: str = ""  # the course scope the school chose


def schools_label(schools: pd.Series) -> str:
    """One school by name; several as the first two and how many in all (a page header is short)."""
    names = sorted({name for name in schools if isinstance(name, str) and name})
    if len(names) <= 2:
        return "、".join(names)
    return f"{'、'.join(names[:2])} 等 {len(names)} 所学校"


def _status(data: CourseData, teacher_ids: pd.Series, assignment: str) -> pd.Series:
    submitted = set(data.submissions.loc[data.submissions["assignment"] == assignment, "teacher_id"])
    return teacher_ids.map(lambda tid: "已提交" if tid in submitted else "未提交")


CREDIT_HEADERS = {
    "teacher_id": "工号",
    "credits": "认证学分",
    "credits_complete": "学分达标",
    "passed_points": "通过的能力点",
}


def teacher_table(
    data: CourseData,
    hours: pd.DataFrame | None,
    scores: pd.DataFrame | None,
    credits: pd.DataFrame | None = None,
) -> pd.DataFrame:
    active = data.teachers[data.teachers["active"]].reset_index(drop=True)
    frame = pd.DataFrame(
        {
            "工号": active["teacher_id"],
            "姓名": active["name"],
            "学校": active["school"],
            "教研组": active["research_group"],
            "学科": active["subject"],
            "角色": active["role"].map(ROLE_NAMES).fillna(active["role"]),
            "自测诊断": _status(data, active["teacher_id"], SELF_TEST),
            "自测得分率": active["teacher_id"].map(data.self_test_shares),
            "研修计划": _status(data, active["teacher_id"], PLAN_ASSIGNMENT),
            "提交能力点作业数": active["teacher_id"]
            .map(
                data.submissions[data.submissions["assignment"].str.startswith(TASK_PREFIX)]
                .groupby("teacher_id")
                .size()
            )
            .fillna(0)
            .astype(int),
        }
    )
    if hours is not None:  # already under Chinese headers
        frame = frame.merge(hours, on="工号", how="left")
    if credits is not None:
        frame = frame.merge(credits.rename(columns=CREDIT_HEADERS), on="工号", how="left")
    if scores is not None:
        frame = frame.merge(
            scores[["person_id", "score", "max_score", "passed"]].rename(columns=SCORE_HEADERS),
            on="工号",
            how="left",
        )
    return frame


def group_table(teachers: pd.DataFrame) -> pd.DataFrame:
    grouped = teachers.groupby(["学校", "教研组"], as_index=False, dropna=False)
    frame = grouped.agg(
        人数=("工号", "size"),
        自测已提交=("自测诊断", lambda s: int((s == "已提交").sum())),
        计划已提交=("研修计划", lambda s: int((s == "已提交").sum())),
        平均自测得分率=("自测得分率", "mean"),
    )
    for column in ("学时达标", "学分达标", "考核合格"):
        if column in teachers:
            frame[f"{column}人数"] = grouped[column].agg(lambda s: int(s.fillna(False).astype(bool).sum()))[
                column
            ]
    return frame


def school_table(teachers: pd.DataFrame, schools: pd.DataFrame | None) -> pd.DataFrame:
    frame = teachers.groupby("学校", as_index=False).agg(人数=("工号", "size"))
    for column in ("学时达标", "学分达标"):
        if column in teachers:
            done = teachers.groupby("学校")[column].agg(lambda s: int(s.fillna(False).astype(bool).sum()))
            frame[f"{column}人数"] = frame["学校"].map(done)
    if schools is not None:
        frame = frame.merge(schools.rename(columns=SCHOOL_HEADERS), on="学校", how="left")
    return frame


def _plan_choices(course_root: Path, teacher_ids: list[str]) -> pd.Series:
    """How many teachers chose each point in their (autograded) personal plan."""
    counts: dict[str, int] = {}
    for points in chosen_points(course_root, teacher_ids).values():
        for code in points:
            counts[code] = counts.get(code, 0) + 1
    return pd.Series(counts, dtype=int)


def _rubric_levels(db_url: str) -> pd.DataFrame:
    engine = create_engine(db_url, future=True)
    try:
        with engine.connect() as connection:
            has_table = connection.dialect.has_table(connection, "workshop_rubric_grade")
            if not has_table:
                return pd.DataFrame(columns=["assignment", "level_name", "n"])
            return pd.read_sql_query(
                text(
                    "SELECT assignment, level_name, COUNT(*) AS n FROM workshop_rubric_grade "
                    "WHERE superseded = :no GROUP BY assignment, level_name"
                ),
                connection,
                params={"no": False},
            )
    finally:
        engine.dispose()


def point_table(data: CourseData) -> pd.DataFrame:
    catalogue = load_catalogue()
    active = list(data.teachers.loc[data.teachers["active"], "teacher_id"])
    tags = item_points(data.settings.root, SELF_TEST)
    grades = data.grades[(data.grades["assignment"] == SELF_TEST) & data.grades["teacher_id"].isin(active)]
    tagged = grades.merge(tags, on=["notebook", "cell"], how="inner")
    per_point = tagged.groupby("point").agg(score=("score", "sum"), max_score=("max_score", "sum"))
    share = (per_point["score"] / per_point["max_score"]).where(per_point["max_score"] > 0)
    chosen = _plan_choices(data.settings.root, active)
    levels = _rubric_levels(data.settings.db_url)
    submissions = data.submissions[data.submissions["teacher_id"].isin(active)]
    rows = []
    for point in catalogue.points:
        task = f"{TASK_PREFIX}{point.code}"
        graded = levels[levels["assignment"] == task].set_index("level_name")["n"]
        rows.append(
            {
                "能力点": point.code,
                "名称": point.name,
                "维度": point.dimension.label(),
                "自测得分率": share.get(point.code),
                "计划选择人数": int(chosen.get(point.code, 0)),
                "提交证据人数": int((submissions["assignment"] == task).sum()),
                "评定优秀": int(graded.get("优秀", 0)),
                "评定合格": int(graded.get("合格", 0)),
                "评定不合格": int(graded.get("不合格", 0)),
            }
        )
    return pd.DataFrame(rows)


def build_report_tables(course_dir: str | Path) -> ReportTables:
    data = read_course(course_dir)
    ledger = course_ledger(course_dir, data=data)  # read once, for both hours and scores
    scheme = ledger.scheme
    hours = hours_of(ledger, data)
    assessment = assessment_of(ledger, data)
    scores = assessment.people if assessment is not None else None
    if hours is not None:
        hours = hours.rename(columns=hours_headers(scheme))
    active = list(data.teachers.loc[data.teachers["active"], "teacher_id"])
    credits = course_credits(data.settings.db_url, scheme.credits, people=active)
    teachers = teacher_table(data, hours, scores, credits)
    sheets = {
        "教师": teachers,
        "教研组": group_table(teachers),
        "学校": school_table(teachers, assessment.schools if assessment is not None else None),
        "能力点": point_table(data),
    }
    if hours is not None:
        sheets["学时"] = hours
    if scores is not None:
        names = {**SCORE_HEADERS, **item_names(scheme)}
        sheets["考核"] = scores.assign(role=scores["role"].map(ROLE_NAMES)).rename(columns=names)
    return ReportTables(
        scheme.name, sheets, schools_label(teachers["学校"]), course_scope(data.settings.root).label()
    )
