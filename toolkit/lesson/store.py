"""Lesson ratings kept in the course database: imported whole or not at all, never deleted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import create_engine, select

from toolkit.course import tables
from toolkit.course.config import load_course
from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.lesson.agreement import LessonEvaluation
from toolkit.lesson.ratings import Rating, read_ratings
from toolkit.lesson.standard import LessonStandard

add_messages(
    {
        "lesson.not_in_course": {
            "zh": "执教教师 {teacher} 不是本课程的在册教师",
            "en": "{teacher} is not an active teacher of this course",
        },
        "lesson.imported": {
            "zh": "已导入 {file}：{raters} 份评价（{lessons} 节课例），"
            "替换旧评价 {replaced} 份（旧记录已存档）",
            "en": "Imported {file}: {raters} ratings of {lessons} lessons; "
            "{replaced} earlier ones superseded and kept",
        },
    }
)


@dataclass(frozen=True)
class RatingImport:
    file: Path
    raters: int
    lessons: int
    replaced: int

    def message(self) -> str:
        return t(
            "lesson.imported",
            file=self.file,
            raters=self.raters,
            lessons=self.lessons,
            replaced=self.replaced,
        )


def import_ratings(course_dir: str | Path, file: str | Path, standard: LessonStandard) -> RatingImport:
    """Check the whole file, then store it in one transaction; a rater rated again supersedes
    their earlier rows for that lesson."""
    ratings = read_ratings(file, standard)
    replaced = store_ratings(course_dir, ratings, standard, source=str(file))
    lessons = {(r.teacher_id, r.lesson) for r in ratings}
    return RatingImport(Path(file), len(ratings), len(lessons), replaced)


def store_ratings(
    course_dir: str | Path, ratings: list[Rating], standard: LessonStandard, *, source: str
) -> int:
    """Store ``ratings`` (from ``source``: a file, or a page) in one transaction, all or none; the
    number of earlier ratings they supersede (kept, marked superseded)."""
    settings = load_course(course_dir)
    engine = create_engine(settings.db_url, future=True)
    try:
        tables.metadata.create_all(engine)
        with engine.connect() as connection:
            active = set(
                connection.execute(
                    select(tables.teacher.c.teacher_id).where(tables.teacher.c.active.is_(True))
                ).scalars()
            )
        for rating in ratings:
            if rating.teacher_id not in active:
                raise InputError(
                    t("lesson.not_in_course", teacher=rating.teacher_id),
                    file=Path(source),
                    row=rating.row or None,
                    column="执教教师",
                )
        now = dt.datetime.now().replace(microsecond=0)
        replaced = 0
        rows = tables.lesson_rating
        with engine.begin() as connection:
            for rating in ratings:
                same = (
                    (rows.c.lesson == rating.lesson)
                    & (rows.c.teacher_id == rating.teacher_id)
                    & (rows.c.party == rating.party)
                    & (rows.c.rater == rating.rater)
                    & rows.c.superseded.is_(False)
                )
                replaced += connection.execute(rows.update().where(same).values(superseded=True)).rowcount > 0
                connection.execute(
                    rows.insert(),
                    [
                        {
                            "lesson": rating.lesson,
                            "teacher_id": rating.teacher_id,
                            "party": rating.party,
                            "rater": rating.rater,
                            "criterion": criterion,
                            "score": score,
                            "standard": standard.id,
                            "source_file": source,
                            "source_row": rating.row,
                            "imported_at": now,
                            "superseded": False,
                        }
                        for criterion, score in rating.scores.items()
                    ],
                )
    finally:
        engine.dispose()
    return replaced


def stored_ratings(db_url: str) -> list[Rating]:
    """The current ratings of a course, one Rating per rater and lesson."""
    engine = create_engine(db_url, future=True)
    try:
        with engine.connect() as connection:
            if not connection.dialect.has_table(connection, tables.lesson_rating.name):
                return []
            frame = pd.read_sql_query(
                select(tables.lesson_rating).where(tables.lesson_rating.c.superseded.is_(False)), connection
            )
    finally:
        engine.dispose()
    ratings = []
    for (lesson, teacher_id, party, rater), rows in frame.groupby(
        ["lesson", "teacher_id", "party", "rater"], sort=False
    ):
        scores = {str(c): int(s) for c, s in zip(rows["criterion"], rows["score"], strict=True)}
        ratings.append(
            Rating(
                int(rows["source_row"].iloc[0]), str(lesson), str(teacher_id), str(party), str(rater), scores
            )
        )
    return ratings


def course_evaluations(db_url: str, course_dir: str | Path) -> tuple[LessonEvaluation, ...]:
    """Every lesson of the course evaluated under the standard its ratings were stored with."""
    from toolkit.lesson.agreement import evaluate_all

    ratings = stored_ratings(db_url)
    if not ratings:
        return ()
    return tuple(evaluate_all(ratings, course_standard(db_url, course_dir)))


def course_standard(db_url: str, course_dir: str | Path) -> LessonStandard:
    """The standard the course's latest ratings were stored with, or the shipped one before any."""
    from toolkit.lesson.standard import DEFAULT_STANDARD, load_standard

    engine = create_engine(db_url, future=True)
    try:
        with engine.connect() as connection:
            if not connection.dialect.has_table(connection, tables.lesson_rating.name):
                return load_standard(DEFAULT_STANDARD, course_dir=course_dir)
            standard_id = connection.execute(
                select(tables.lesson_rating.c.standard).order_by(tables.lesson_rating.c.id.desc()).limit(1)
            ).scalar()
    finally:
        engine.dispose()
    return load_standard(str(standard_id or DEFAULT_STANDARD), course_dir=course_dir)
