"""``workshop lesson``: forms to hand out, ratings to import, and each lesson's figures."""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import InputError
from toolkit.i18n import add_messages, t
from toolkit.lesson.agreement import LessonEvaluation, evaluate_all
from toolkit.lesson.standard import LessonStandard

add_messages(
    {
        "lesson.form_suffix": {
            "zh": "评价表应为 .docx（打印发放）或 .xlsx（录入表），这里是“{suffix}”",
            "en": "the form must be .docx (to print) or .xlsx (to type answers in), not '{suffix}'",
        },
        "lesson.form_party": {
            "zh": "打印的评价表要指定评价方：--party {known}",
            "en": "a printed form needs a party: --party {known}",
        },
        "lesson.form_written": {"zh": "已写入 {file}", "en": "Wrote {file}"},
        "lesson.none": {"zh": "还没有导入任何课堂评价", "en": "no lesson ratings imported yet"},
        "lesson.headline": {
            "zh": "《{lesson}》执教 {teacher}：综合 {overall:.2f} 分，各方一致性 {agreement}（{raters}）",
            "en": "'{lesson}' by {teacher}: overall {overall:.2f}, agreement {agreement} ({raters})",
        },
        "lesson.raters": {"zh": "{party} {count} 人", "en": "{party}: {count}"},
    }
)


def write_lesson_form(
    standard: LessonStandard, *, lesson: str, teacher: str, out: str | Path, party: str | None = None
) -> str:
    from toolkit.lesson.form import write_entry_sheet, write_form

    target = Path(out)
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        write_entry_sheet(standard, lesson=lesson, teacher=teacher, out=target)
    elif suffix == ".docx":
        if party is None or standard.party(party) is None:
            raise InputError(t("lesson.form_party", known=" / ".join(standard.parties)))
        found = standard.party(party)
        assert found is not None
        write_form(standard, lesson=lesson, teacher=teacher, party=found.id, out=target)
    else:
        raise InputError(t("lesson.form_suffix", suffix=target.suffix or "-"), file=target)
    return t("lesson.form_written", file=target)


def describe(evaluation: LessonEvaluation, standard: LessonStandard) -> str:
    """The figures of one lesson as lines a trainer reads: headline, criterion means per party
    with the spread, party scores, and the differences between each pair of parties."""
    names = {party.id: party.name for party in standard.parties.values()}
    raters = "、".join(t("lesson.raters", party=names[p], count=n) for p, n in evaluation.raters.items())
    lines = [
        t(
            "lesson.headline",
            lesson=evaluation.lesson,
            teacher=evaluation.teacher_id,
            overall=evaluation.overall,
            agreement=evaluation.agreement_text,
            raters=raters,
        )
    ]
    parties = list(evaluation.raters)
    lines.append("指标," + ",".join(names[p] for p in parties) + ",差距")
    criteria = {c.id: c.name for c in standard.criteria}
    for criterion, row in evaluation.means.iterrows():
        cells = ["" if row[p] != row[p] else f"{row[p]:.2f}" for p in parties]
        spread = "" if row["spread"] != row["spread"] else f"{row['spread']:.2f}"
        lines.append(f"{criteria[str(criterion)]}," + ",".join(cells) + f",{spread}")
    lines.append("各方得分," + ",".join(f"{evaluation.party_scores[p]:.2f}" for p in parties) + ",")
    for (a, b), difference in evaluation.pairwise.items():
        lines.append(f"{names[a]}与{names[b]}平均相差,{difference:.2f}")
    return "\n".join(lines)


def show_lessons(course_dir: str | Path, standard: LessonStandard, *, teacher: str | None = None) -> str:
    from toolkit.course.config import load_course
    from toolkit.lesson.store import stored_ratings

    ratings = stored_ratings(load_course(course_dir).db_url)
    if teacher is not None:
        ratings = [r for r in ratings if r.teacher_id == teacher]
    if not ratings:
        return t("lesson.none")
    return "\n\n".join(describe(e, standard) for e in evaluate_all(ratings, standard))
