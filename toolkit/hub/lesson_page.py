"""课堂评价: a teacher rates a lesson (their own as 执教教师自评, a colleague's as 同伴教师) and sees
how their own lessons were rated by every party, behind the hub's login
(``/services/portrait/lessons``). Students and parents rate on paper or the entry sheet."""

from __future__ import annotations

import html

from tornado import web

from toolkit.errors import InputError
from toolkit.hub.pages import TeacherPage, button, frame, report
from toolkit.i18n import add_messages, t
from toolkit.lesson.online import RatingSheet, party_of, rate_lesson, rating_sheet

add_messages(
    {
        "rate.title": {"zh": "课堂评价", "en": "Lesson ratings"},
        "rate.choose": {"zh": "评一节课", "en": "Rate a lesson"},
        "rate.teacher": {"zh": "执教教师", "en": "Teacher"},
        "rate.lesson": {"zh": "课题", "en": "Lesson"},
        "rate.start": {"zh": "开始评价", "en": "Start"},
        "rate.heading": {
            "zh": "评价《{lesson}》（执教：{teacher}；您的身份：{party}）",
            "en": "Rating '{lesson}' (taught by {teacher}; you rate as {party})",
        },
        "rate.again": {
            "zh": "您评过这节课，下面是上次的评分；修改后再次提交即可。",
            "en": "You rated this lesson before; your scores are filled in.",
        },
        "rate.criterion": {"zh": "评价指标", "en": "Criterion"},
        "rate.submit": {"zh": "提交评价", "en": "Submit"},
        "rate.received": {"zh": "我的课收到的评价", "en": "How my lessons were rated"},
        "rate.none_received": {"zh": "您的课还没有收到评价。", "en": "None of your lessons is rated yet."},
        "rate.col.lesson": {"zh": "课题", "en": "Lesson"},
        "rate.col.raters": {"zh": "评价人", "en": "Raters"},
        "rate.col.overall": {"zh": "综合得分", "en": "Overall"},
        "rate.col.agreement": {"zh": "各方一致性", "en": "Agreement"},
        "rate.col.parties": {"zh": "各方得分", "en": "By party"},
        "rate.given": {"zh": "我评过的课", "en": "Lessons I rated"},
        "rate.col.party": {"zh": "身份", "en": "As"},
        "rate.col.teacher": {"zh": "执教教师", "en": "Teacher"},
        "rate.col.mean": {"zh": "平均分", "en": "Mean"},
        "rate.paper": {
            "zh": "学生和家长没有账户：他们的评价由学校用纸质评价表或录入表收集，再由培训者导入。",
            "en": "Students and parents have no account: the school collects their ratings on paper.",
        },
    }
)


def _chooser(sheet: RatingSheet, teacher: str, lesson: str) -> str:
    options = "".join(
        f"<option value='{html.escape(tid)}'{' selected' if tid == teacher else ''}>"
        f"{html.escape(tid)} {html.escape(name)}（{html.escape(school)}）</option>"
        for tid, name, school in sheet.teachers
    )
    known = "".join(f"<option value='{html.escape(title)}'>" for title in sheet.lessons)
    return (
        f"<h3>{html.escape(t('rate.choose'))}</h3><form method='get' id='rate-choose'>"
        f"<label>{html.escape(t('rate.teacher'))} <select name='teacher'>{options}</select></label> "
        f"<label>{html.escape(t('rate.lesson'))} <input name='lesson' list='rate-lessons' "
        f"value='{html.escape(lesson)}'></label><datalist id='rate-lessons'>{known}</datalist> "
        f"{button(t('rate.start'))}</form>"
    )


def _scoring(sheet: RatingSheet, xsrf: str, teacher: str, lesson: str, scores: dict[str, str]) -> str:
    standard = sheet.standard
    party = party_of(sheet.rater, teacher)
    heading = t(
        "rate.heading", lesson=lesson, teacher=sheet.name(teacher), party=standard.parties[party].name
    )
    parts = [f"<h3 id='rate-heading'>{html.escape(heading)}</h3>"]
    if sheet.previous(teacher, lesson) is not None:
        parts.append(f"<p>{html.escape(t('rate.again'))}</p>")
    head = "".join(
        f"<th>{value} {html.escape(standard.labels.get(value, ''))}</th>"
        for value in range(standard.low, standard.high + 1)
    )
    rows = []
    for criterion in standard.rated_by(party):
        cells = "".join(
            f"<td><input type='radio' name='score_{criterion.id}' value='{value}' "
            f"aria-label='{html.escape(criterion.name)} {value}'"
            f"{' checked' if scores.get(criterion.id) == str(value) else ''}></td>"
            for value in range(standard.low, standard.high + 1)
        )
        rows.append(
            f"<tr data-criterion='{criterion.id}'><td><b>{html.escape(criterion.name)}</b><br>"
            f"<span style='color:#555'>{html.escape(criterion.wording(party))}</span></td>{cells}</tr>"
        )
    hidden = (
        f"<input type='hidden' name='teacher' value='{html.escape(teacher)}'>"
        f"<input type='hidden' name='lesson' value='{html.escape(lesson)}'>"
    )
    parts.append(
        f"<form method='post' id='rate-form'>{xsrf}{hidden}<table class='mine'>"
        f"<tr><th>{html.escape(t('rate.criterion'))}</th>{head}</tr>{''.join(rows)}</table>"
        f"{button(t('rate.submit'))}</form>"
    )
    return "".join(parts)


def _received(sheet: RatingSheet) -> str:
    parts = [f"<h3>{html.escape(t('rate.received'))}</h3>"]
    if not sheet.received:
        return parts[0] + f"<p>{html.escape(t('rate.none_received'))}</p>"
    columns = ("lesson", "raters", "parties", "overall", "agreement")
    head = "".join(f"<th>{html.escape(t(f'rate.col.{c}'))}</th>" for c in columns)
    rows = []
    for evaluation in sheet.received:
        names = evaluation.party_names
        raters = "、".join(f"{names[p]} {n}" for p, n in evaluation.raters.items())
        parties = "、".join(f"{names[p]} {score:.2f}" for p, score in evaluation.party_scores.items())
        cells = (raters, parties, f"{evaluation.overall:.2f}", evaluation.agreement_text)
        rows.append(
            f"<tr data-lesson='{html.escape(evaluation.lesson)}'><td>{html.escape(evaluation.lesson)}</td>"
            + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells)
            + "</tr>"
        )
    return "".join(parts) + f"<table class='mine' id='rate-received'><tr>{head}</tr>{''.join(rows)}</table>"


def _given(sheet: RatingSheet) -> str:
    if not sheet.given:
        return ""
    columns = ("lesson", "teacher", "party", "mean")
    head = "".join(f"<th>{html.escape(t(f'rate.col.{c}'))}</th>" for c in columns)
    rows = []
    for rating in sheet.given:
        mean = sum(rating.scores.values()) / len(rating.scores)
        party = sheet.standard.parties[rating.party].name if rating.party in sheet.standard.parties else ""
        cells = (rating.lesson, sheet.name(rating.teacher_id), party, f"{mean:.2f}")
        rows.append("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells) + "</tr>")
    return (
        f"<h3>{html.escape(t('rate.given'))}</h3>"
        f"<table class='mine' id='rate-given'><tr>{head}</tr>{''.join(rows)}</table>"
    )


def page_html(
    sheet: RatingSheet,
    *,
    xsrf: str,
    teacher: str = "",
    lesson: str = "",
    scores: dict[str, str] | None = None,
    message: str = "",
    error: str = "",
    links: list[tuple[str, str]] | None = None,
) -> str:
    """The page for ``sheet``'s rater; with ``teacher`` and ``lesson`` chosen, the scoring form
    (filled with ``scores``, else with the rater's earlier rating of that lesson)."""
    chosen = teacher if any(tid == teacher for tid, _, _ in sheet.teachers) else ""
    parts = [
        f"<h2>{html.escape(t('rate.title'))} · {html.escape(sheet.rater_name)}</h2>",
        report(message, error),
        _chooser(sheet, chosen or sheet.rater, lesson),
    ]
    if chosen and lesson.strip():
        previous = sheet.previous(chosen, lesson.strip())
        filled = (
            scores
            if scores is not None
            else {c: str(s) for c, s in (previous.scores if previous else {}).items()}
        )
        parts.append(_scoring(sheet, xsrf, chosen, lesson.strip(), filled))
    parts += [_received(sheet), _given(sheet), f"<p style='color:#666'>{html.escape(t('rate.paper'))}</p>"]
    return frame(t("rate.title"), parts, links=links or [])


class LessonRatingHandler(TeacherPage):
    """GET shows the page (``?teacher=&lesson=`` opens the scoring form); POST stores a rating."""

    def _sheet(self) -> RatingSheet:
        try:
            return rating_sheet(self.course_dir, self.teacher)
        except InputError:
            raise web.HTTPError(404) from None  # not an active teacher of this course

    @web.authenticated
    async def get(self) -> None:
        teacher, lesson = self.get_query_argument("teacher", ""), self.get_query_argument("lesson", "")
        await self.show(
            lambda xsrf: page_html(self._sheet(), xsrf=xsrf, teacher=teacher, lesson=lesson, links=self.links)
        )

    @web.authenticated
    async def post(self) -> None:
        teacher, lesson = self.get_body_argument("teacher", ""), self.get_body_argument("lesson", "")
        scores = {
            name.removeprefix("score_"): self.get_body_argument(name)
            for name in self.request.body_arguments
            if name.startswith("score_")
        }

        def save(xsrf: str) -> str:
            try:
                said = rate_lesson(
                    self.course_dir, rater=self.teacher, teacher=teacher, lesson=lesson, scores=scores
                )
            except InputError as problem:
                return page_html(
                    self._sheet(), xsrf=xsrf, teacher=teacher, lesson=lesson, scores=scores,
                    error=problem.message, links=self.links,
                )  # fmt: skip
            return page_html(self._sheet(), xsrf=xsrf, message=said, links=self.links)

        await self.show(save)
