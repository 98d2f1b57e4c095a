"""B9 in words: the 说明 advice for each student, the who-reviews-whom table and the summary document."""

from __future__ import annotations

from pathlib import Path

from tests.classroom.peer.ratings import ALL_EXCELLENT, ALL_PASS, three_students
from toolkit.classroom.peer.model import TEACHER, Note, PeerAssessment
from toolkit.classroom.peer.report import (
    assignment_table,
    export_summary,
    note_text,
    person,
    summary_markdown,
    summary_table,
)
from toolkit.i18n import set_language
from toolkit.work.progress import module_progress


def test_the_advice_for_each_student(rubric) -> None:  # noqa: ANN001
    summary = summary_table(three_students(rubric), 15)
    assert summary.loc["乙", "说明"].startswith("自评比同伴均分高 15 分")
    assert summary.loc["丙", "说明"].startswith("自评比同伴均分低 66.67 分")
    assert summary.loc["甲", "说明"] == "自评与同伴评价基本一致。"
    assert summary.columns.tolist()[-2:] == ["提示", "说明"]


def test_the_advice_when_ratings_are_missing_or_peers_and_teacher_differ(rubric) -> None:  # noqa: ANN001
    peer = PeerAssessment(rubric, ["a", "b"])
    peer.rate("a", "a", ALL_EXCELLENT)
    assert summary_table(peer, 15).loc["a", "说明"] == "还没有同伴评价。"
    assert summary_table(peer, 15).loc["b", "说明"] == "还没有自评。"
    assert note_text(Note("close", 0.0, teacher_gap=66.67)) == (
        "自评与同伴评价基本一致。同伴均分与教师评分相差 66.67 分，可在班上讨论大家对量规的理解。"
    )


def test_the_assignment_table_names_authors_and_reviewers(rubric) -> None:  # noqa: ANN001
    peer = PeerAssessment(rubric, ["a", "b", "c"], names={"a": "安安"})
    assert assignment_table(peer).empty
    peer.assign(reviewers_per_work=2)
    table = assignment_table(peer)
    assert table.columns.tolist() == ["作品（作者）", "评价人 1", "评价人 2", "要评的作品"]
    assert table["作品（作者）"].tolist() == ["安安", "b", "c"]
    assert person(peer, TEACHER) == "教师" and person(peer, "a") == "安安"


def test_the_summary_document(rubric, tmp_path: Path) -> None:  # noqa: ANN001
    peer = three_students(rubric)
    text = summary_markdown(peer, 15)
    assert text.startswith("# 自评与互评汇总：")
    assert "评分记录：10 条（自评 3 份，互评 6 份，教师评价 1 份）" in text
    assert "- **乙**（乙）自评偏高：自评比同伴均分高 15 分" in text
    assert "## 各维度的一致程度" in text and "分配的自评和互评都已完成。" in text
    md_path, doc_path = export_summary(peer, 15)
    assert md_path == tmp_path / "outputs" / "B9_peer_summary.md" and doc_path.exists()
    assert module_progress("B9").outputs == 1


def test_the_document_lists_what_is_still_to_rate(rubric) -> None:  # noqa: ANN001
    peer = PeerAssessment(rubric, ["a", "b"], names={"a": "安安", "b": "贝贝"})
    peer.rate("a", "a", ALL_PASS)
    text = summary_markdown(peer, 15)
    assert "没有学生的自评与同伴评价相差达到提示线。" in text and "- 贝贝 → 贝贝" in text


def test_the_words_follow_the_language(rubric) -> None:  # noqa: ANN001
    set_language("en")
    peer = three_students(rubric)
    assert summary_table(peer, 15).loc["甲", "说明"] == "Self and peer scores broadly agree."
    assert person(peer, TEACHER) == "Teacher"
