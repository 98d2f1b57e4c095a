"""Lesson ratings given on a page by the teachers themselves: the teacher who taught the lesson
rates it as 执教教师自评, a colleague as 同伴教师; students and parents, who have no account, rate
on the printed form or the entry sheet (``workshop lesson form``). One rating per rater and lesson:
rating again supersedes the earlier one, which is kept."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from toolkit.course.config import load_course
from toolkit.errors import InputError
from toolkit.gradebook import read_teachers
from toolkit.i18n import add_messages, t
from toolkit.lesson.agreement import LessonEvaluation, evaluate_all
from toolkit.lesson.ratings import Rating
from toolkit.lesson.standard import LessonStandard
from toolkit.lesson.store import course_standard, store_ratings, stored_ratings

add_messages(
    {
        "lesson.rater_unknown": {
            "zh": "工号 {teacher} 不是本课程的在册教师",
            "en": "{teacher} is not an active teacher of this course",
        },
        "lesson.no_title": {
            "zh": "请填写课题（不超过 {most} 个字）",
            "en": "give the lesson's title (at most {most} characters)",
        },
        "lesson.party_missing": {
            "zh": "学校的评价标准“{standard}”没有“{party}”这一评价方",
            "en": "the standard '{standard}' has no party '{party}'",
        },
        "lesson.unscored": {
            "zh": "请为每一项打分，还缺：{names}",
            "en": "score every criterion; missing: {names}",
        },
        "lesson.saved": {
            "zh": "已保存您对 {teacher}《{lesson}》的评价（{party}）",
            "en": "Saved your rating of {teacher}'s '{lesson}' ({party})",
        },
        "lesson.saved_again": {
            "zh": "，替换了您之前的评价（旧评价已存档）",
            "en": "; it replaces your earlier one (kept in the archive)",
        },
    }
)

# Stored as the ratings' source, where an import stores its file.
PAGE_SOURCE = "评课页面"
TITLE_LENGTH = 40
SELF, PEER = "teacher", "peer"


@dataclass(frozen=True)
class RatingSheet:
    """What one teacher's rating page shows."""

    rater: str
    rater_name: str
    standard: LessonStandard
    teachers: tuple[tuple[str, str, str], ...]  # (ID, name, school) of everyone active
    lessons: tuple[str, ...]  # lesson titles the course knows, for the title box's suggestions
    given: tuple[Rating, ...]  # this teacher's current ratings
    received: tuple[LessonEvaluation, ...]  # the evaluations of this teacher's own lessons

    def previous(self, teacher: str, lesson: str) -> Rating | None:
        return next((r for r in self.given if (r.teacher_id, r.lesson) == (teacher, lesson)), None)

    def name(self, teacher: str) -> str:
        return next((name for tid, name, _ in self.teachers if tid == teacher), teacher)


def party_of(rater: str, teacher: str) -> str:
    return SELF if rater == teacher else PEER


def _active(course_dir: str | Path) -> dict[str, tuple[str, str]]:
    teachers = read_teachers(course_dir)
    active = teachers[teachers["active"]]
    return {
        tid: (name, school)
        for tid, name, school in zip(active["teacher_id"], active["name"], active["school"], strict=True)
    }


def rating_sheet(course_dir: str | Path, rater: str) -> RatingSheet:
    people = _active(course_dir)
    if rater not in people:
        raise InputError(t("lesson.rater_unknown", teacher=rater))
    db_url = load_course(course_dir).db_url
    standard = course_standard(db_url, course_dir)
    ratings = stored_ratings(db_url)
    own = [r for r in ratings if r.teacher_id == rater]
    return RatingSheet(
        rater=rater,
        rater_name=people[rater][0],
        standard=standard,
        teachers=tuple((tid, name, school) for tid, (name, school) in sorted(people.items())),
        lessons=tuple(sorted({r.lesson for r in ratings})),
        given=tuple(r for r in ratings if r.rater == rater),
        received=tuple(evaluate_all(own, standard)) if own else (),
    )


def rate_lesson(
    course_dir: str | Path, *, rater: str, teacher: str, lesson: str, scores: Mapping[str, str]
) -> str:
    """Check and store one rating given on the page; what to tell the rater."""
    people = _active(course_dir)
    for someone in (rater, teacher):
        if someone not in people:
            raise InputError(t("lesson.rater_unknown", teacher=someone))
    title = lesson.strip()
    if not title or len(title) > TITLE_LENGTH:
        raise InputError(t("lesson.no_title", most=TITLE_LENGTH))
    standard = course_standard(load_course(course_dir).db_url, course_dir)
    party = party_of(rater, teacher)
    if party not in standard.parties:
        raise InputError(t("lesson.party_missing", standard=standard.name, party=party))
    criteria = standard.rated_by(party)
    missing = [c.name for c in criteria if not str(scores.get(c.id, "")).strip()]
    if missing:
        raise InputError(t("lesson.unscored", names="、".join(missing)))
    given = {}
    for criterion in criteria:
        text = str(scores[criterion.id]).strip()
        if not text.isdigit() or not standard.low <= int(text) <= standard.high:
            raise InputError(t("lesson.bad_score", value=text, low=standard.low, high=standard.high))
        given[criterion.id] = int(text)
    rating = Rating(0, title, teacher, party, rater, given)
    replaced = store_ratings(course_dir, [rating], standard, source=PAGE_SOURCE)
    said = t("lesson.saved", teacher=people[teacher][0], lesson=title, party=standard.parties[party].name)
    return said + (t("lesson.saved_again") if replaced else "")
