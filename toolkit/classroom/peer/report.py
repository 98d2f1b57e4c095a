"""B9 self- and peer-assessment in the teacher's language: names, advice, the assignment and summary tables.

The model gives scores, flags and advice kinds; here they become the 说明 column
of the summary, the who-reviews-whom table and the summary document.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from toolkit.classroom.classtable import NAME, timestamp
from toolkit.classroom.peer.model import (
    FLAG,
    GAP,
    KIND_PEER,
    KIND_SELF,
    KIND_TEACHER,
    PEER,
    PEERS,
    SELF,
    TEACHER,
    TEACHER_SCORE,
    Note,
    PeerAssessment,
    reviews_by,
)
from toolkit.i18n import add_messages, t
from toolkit.work.outputs import markdown_table, write_document
from toolkit.work.progress import record_output

NOTE = "说明"  # the advice column added to the summary for reading

add_messages(
    {
        "peer.note.high": {
            "zh": "自评比同伴均分高 {gap:g} 分：请学生对照量规逐条找出“我认为做到了、同伴认为没做到”的地方，"
            "用作品中的证据说明。",
            "en": "Self score {gap:g} points above the peers': ask the student to find, criterion by "
            "criterion, what they think they did and the peers did not see, with evidence from the work.",
        },
        "peer.note.low": {
            "zh": "自评比同伴均分低 {gap:g} 分：学生可能低估了自己，"
            "请和他一起找出作品中已达到较高等级的证据。",
            "en": "Self score {gap:g} points below the peers': the student may underrate the work; "
            "point out the evidence of the higher levels it reaches.",
        },
        "peer.note.close": {
            "zh": "自评与同伴评价基本一致。",
            "en": "Self and peer scores broadly agree.",
        },
        "peer.note.no_self": {"zh": "还没有自评。", "en": "No self-assessment yet."},
        "peer.note.no_peer": {"zh": "还没有同伴评价。", "en": "No peer rating yet."},
        "peer.note.teacher": {
            "zh": "同伴均分与教师评分相差 {gap:g} 分，可在班上讨论大家对量规的理解。",
            "en": "Peers and teacher differ by {gap:g} points: discuss how the class reads the rubric.",
        },
        "peer.teacher": {"zh": "教师", "en": "Teacher"},
        "peer.assign.work": {"zh": "作品（作者）", "en": "Work (author)"},
        "peer.assign.reviewer": {"zh": "评价人 {n}", "en": "Reviewer {n}"},
        "peer.assign.reviews": {"zh": "要评的作品", "en": "Reviews"},
        "peer.missing_none": {"zh": "分配的自评和互评都已完成。", "en": "Every assigned rating is done."},
        "peer.doc.title": {"zh": "自评与互评汇总", "en": "Self- and peer-assessment summary"},
    }
)


def person(peer: PeerAssessment, who: str) -> str:
    """A student's name, or 教师 (in the teacher's language) for the teacher."""
    return t("peer.teacher") if who == TEACHER else peer.name(who)


def note_text(note: Note) -> str:
    """The advice as a sentence, with the teacher's gap appended when it reaches the line."""
    if note.kind in ("high", "low"):
        text = t(f"peer.note.{note.kind}", gap=note.gap)
    else:
        text = t(f"peer.note.{note.kind}")
    if note.teacher_gap is not None:
        text += t("peer.note.teacher", gap=note.teacher_gap)
    return text


def summary_table(peer: PeerAssessment, threshold: float) -> pd.DataFrame:
    """The model's summary with a 说明 column: what to do about each student's scores."""
    summary = peer.summary(threshold)
    notes = peer.notes(threshold)
    summary[NOTE] = [note_text(notes[sid]) for sid in summary.index]
    return summary


def assignment_table(peer: PeerAssessment) -> pd.DataFrame:
    """作品（作者）, 评价人 1 … k, 要评的作品 by name, one row per student (empty before an assignment)."""
    if not peer.assignment:
        return pd.DataFrame()
    k = max(len(v) for v in peer.assignment.values())
    works = reviews_by(peer.assignment)
    rows = []
    for author in peer.student_ids:
        reviewers = peer.assignment.get(author, [])
        rows.append(
            [
                peer.name(author),
                *[peer.name(r) for r in reviewers] + [""] * (k - len(reviewers)),
                "、".join(peer.name(w) for w in works.get(author, [])),
            ]
        )
    columns = [
        t("peer.assign.work"),
        *[t("peer.assign.reviewer", n=n) for n in range(1, k + 1)],
        t("peer.assign.reviews"),
    ]
    return pd.DataFrame(rows, columns=columns)


def summary_markdown(peer: PeerAssessment, threshold: float) -> str:
    """A summary document: scores, flags with what to do, agreement per criterion, what is missing."""
    summary = summary_table(peer, threshold)
    shown = summary[[NAME, SELF, PEER, PEERS, TEACHER_SCORE, GAP, FLAG]]
    kinds = [r.kind for r in peer.current().values()]
    lines = [
        f"# {t('peer.doc.title')}：{peer.rubric.title}",
        "",
        f"- 学生人数：{len(peer.student_ids)}；评分记录：{len(peer)} 条"
        f"（自评 {kinds.count(KIND_SELF)} 份，"
        f"互评 {kinds.count(KIND_PEER)} 份，"
        f"教师评价 {kinds.count(KIND_TEACHER)} 份）",
        f"- 得分为 0–100 分；自评与同伴均分相差 {threshold:g} 分及以上时提示。",
        f"- 生成时间：{timestamp().replace('T', ' ')}",
        "",
        "## 每位学生的得分",
        "",
        markdown_table(shown.reset_index()),
        "",
        "## 需要关注的学生",
        "",
    ]
    flagged = summary[summary[FLAG] != ""]
    if flagged.empty:
        lines.append("没有学生的自评与同伴评价相差达到提示线。")
    for sid, row in flagged.iterrows():
        lines.append(f"- **{row[NAME]}**（{sid}）{row[FLAG]}：{row[NOTE]}")
    lines += [
        "",
        "## 各维度的一致程度",
        "",
        markdown_table(peer.criterion_agreement().reset_index()),
        "",
    ]
    todo = peer.missing()
    lines += ["## 尚未完成的评价", ""]
    if todo:
        lines += [f"- {person(peer, a)} → {person(peer, b)}" for a, b in todo]
    else:
        lines.append(t("peer.missing_none"))
    return "\n".join(lines) + "\n"


def export_summary(peer: PeerAssessment, threshold: float, code: str = "B9") -> tuple[Path, Path]:
    """Write outputs/<code>_peer_summary.md and .doc and note them in the teacher's progress."""
    md_path, doc_path = write_document(
        f"{code}_peer_summary", summary_markdown(peer, threshold), title=t("peer.doc.title")
    )
    record_output(code, "peer_summary", md_path)
    return md_path, doc_path
