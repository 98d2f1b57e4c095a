"""Ratings of lessons from a spreadsheet: one row per rater (the teacher, a peer, a student, a
parent whose printed form was typed in or whose online answers were exported), one column per
criterion of the standard, named as the standard names it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toolkit.i18n import add_messages, t
from toolkit.lesson.standard import LessonStandard
from toolkit.tables import ColumnSpec, read_table
from toolkit.work.numbers import parse_number

add_messages(
    {
        "lesson.unknown_party": {
            "zh": "“{value}”不是评价方（可用：{known}）",
            "en": "'{value}' is not a party (use: {known})",
        },
        "lesson.bad_score": {
            "zh": "“{value}”不是 {low}–{high} 的整数分",
            "en": "'{value}' is not a whole score from {low} to {high}",
        },
        "lesson.not_rated_by": {
            "zh": "{party}不评“{criterion}”，这一格应留空",
            "en": "{party} does not rate '{criterion}'; leave this cell blank",
        },
        "lesson.no_scores": {"zh": "这一行没有任何评分", "en": "this row has no score"},
    }
)

KEY_COLUMNS = (
    ColumnSpec("lesson", ("课例", "lesson", "课例名称", "课题"), required=True),
    ColumnSpec("teacher_id", ("执教教师", "工号", "teacher_id", "执教教师工号"), required=True),
    ColumnSpec("party", ("评价方", "party", "评价人类型", "身份"), required=True),
    ColumnSpec("rater", ("评价人", "rater", "姓名")),
)


@dataclass(frozen=True)
class Rating:
    row: int
    lesson: str
    teacher_id: str
    party: str  # party id
    rater: str
    scores: dict[str, int]  # criterion id → score (criteria left blank are absent)


def read_ratings(path: str | Path, standard: LessonStandard) -> list[Rating]:
    """Every row checked against the standard; a problem names the file, row and column."""
    columns = KEY_COLUMNS + tuple(ColumnSpec(c.id, (c.name, c.id)) for c in standard.criteria)
    table = read_table(path, columns)
    known = "、".join(p.name for p in standard.parties.values())
    counters: dict[tuple[str, str, str], int] = {}
    ratings = []
    for number, values in table.rows:
        party = standard.party(values["party"])
        if party is None:
            raise table.error(
                t("lesson.unknown_party", value=values["party"], known=known), row=number, key="party"
            )
        scores = {}
        for criterion in standard.criteria:
            text = values.get(criterion.id, "")
            if not text:
                continue
            if party.id not in criterion.parties:
                raise table.error(
                    t("lesson.not_rated_by", party=party.name, criterion=criterion.name),
                    row=number,
                    key=criterion.id,
                )
            score = parse_number(text)
            if score is None or not float(score).is_integer() or not standard.low <= score <= standard.high:
                raise table.error(
                    t("lesson.bad_score", value=text, low=standard.low, high=standard.high),
                    row=number,
                    key=criterion.id,
                )
            scores[criterion.id] = int(score)
        if not scores:
            raise table.error(t("lesson.no_scores"), row=number, key="party")
        key = (values["lesson"], values["teacher_id"], party.id)
        counters[key] = counters.get(key, 0) + 1
        rater = values.get("rater", "") or f"{party.name}{counters[key]}"
        ratings.append(Rating(number, values["lesson"], values["teacher_id"], party.id, rater, scores))
    return ratings
