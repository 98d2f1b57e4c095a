"""The B9 desk driven headless: the assignment, rating by clicks, the summary, export and reload."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from tests.classroom.peer.ratings import check_assignment
from toolkit.classroom.peer.model import FLAG_HIGH, TEACHER
from toolkit.classroom.peer.widget import PeerAssessmentDesk
from toolkit.i18n import set_language
from toolkit.modules import load_sample, sample_path


def rate(desk: PeerAssessmentDesk, assessor: str, assessee: str, levels: list[str]) -> None:
    desk.assessor.value = assessor
    desk.assessee.value = assessee
    for picker, level in zip(desk.level_pickers.values(), levels, strict=True):
        picker.value = level
    desk.save_button.click()


def test_desk_defaults_show_the_assignment_of_twelve_students(tmp_path: Path) -> None:
    desk = PeerAssessmentDesk()
    students = load_sample("class_7a_students.csv").head(12)
    assert list(desk.peer.student_ids) == students["学号"].tolist()
    check_assignment(list(desk.peer.student_ids), desk.peer.assignment, 2)
    assert desk.assignment_table.value.count("<tr>") == 12
    assert "蔡皓" in desk.assignment_table.value
    assert len(desk.level_pickers) == 4
    assert "还没有评分" in desk.summary_table.value
    assert "（12 份）" not in desk.missing_note.value and "（36 份）" in desk.missing_note.value
    desk.reviewers.value = 3
    check_assignment(list(desk.peer.student_ids), desk.peer.assignment, 3)
    before = desk.peer.assignment
    desk.reshuffle_button.click()
    assert desk.peer.seed == 1 and desk.peer.assignment != before
    assert (tmp_path / "outputs" / "B9_peer_lab-report-circuits.json").exists()


def test_desk_click_path_rate_summarise_export_and_reload(tmp_path: Path) -> None:
    desk = PeerAssessmentDesk()
    first, second, third = desk.peer.student_ids[:3]
    desk.save_button.click()
    assert "请先选择" in desk.status.value
    desk.assessor.value, desk.assessee.value = first, first
    desk.level_pickers["question"].value = "good"
    desk.save_button.click()
    assert "实验设计" in desk.status.value and len(desk.peer) == 0
    assert "问题明确，猜想有一定依据" in desk.descriptors["question"].value
    rate(desk, first, first, ["excellent"] * 4)
    assert "这是自评" in desk.kind_note.value
    assert "得分 100" in desk.status.value
    reviewers = desk.peer.assignment[first]
    rate(desk, reviewers[0], first, ["pass"] * 4)
    rate(desk, reviewers[1], first, ["good"] * 4)
    rate(desk, TEACHER, first, ["good", "good", "good", "excellent"])  # 0.6+0.9+0.9+0.8 = 3.2 → 73.33
    rate(desk, second, second, ["pass"] * 4)
    summary = desk.summary()
    assert summary.loc[first, "自评"] == 100.0 and summary.loc[first, "同伴均分"] == 50.0
    assert summary.loc[first, "提示"] == FLAG_HIGH and summary.loc[first, "教师评分"] == 73.33
    assert summary.loc[second, "说明"] == "还没有同伴评价。"
    assert pd.isna(summary.loc[third, "自评"])
    assert FLAG_HIGH in desk.summary_table.value and "蔡皓" in desk.summary_table.value
    assert bytes(desk.chart.value).startswith(b"\x89PNG")
    assert "<table" in desk.agreement_table.value
    # Picking a pair that was rated loads its levels; a new pair starts blank.
    desk.assessor.value, desk.assessee.value = TEACHER, first
    assert [p.value for p in desk.level_pickers.values()] == ["good", "good", "good", "excellent"]
    desk.assessee.value = third
    assert [p.value for p in desk.level_pickers.values()] == [None] * 4
    desk.export_button.click()
    out = tmp_path / "outputs"
    ratings = pd.read_csv(out / "B9_peer_ratings.csv", dtype=str, encoding="utf-8-sig")
    assert len(ratings) == 5 and ratings["类型"].tolist().count("互评") == 2
    assert ratings.loc[0, "问题与猜想"] == "优秀" and ratings.loc[0, "评价人"] == first
    text = (out / "B9_peer_summary.md").read_text(encoding="utf-8")
    assert "自评偏高" in text and "各维度的一致程度" in text and "尚未完成的评价" in text
    assert (out / "B9_peer_summary.doc").exists()
    assert "B9_peer_ratings.csv" in desk.export_message.value
    # A new desk (e.g. after a kernel restart) finds every rating and the same assignment.
    again = PeerAssessmentDesk()
    assert len(again.peer) == 5 and again.peer.assignment == desk.peer.assignment
    assert again.summary().equals(desk.summary())
    data = json.loads((out / "B9_peer_lab-report-circuits.json").read_text(encoding="utf-8"))
    assert len(data["ratings"]) == 5


def test_desk_with_own_rubric_and_roster_and_a_damaged_file(tmp_path: Path) -> None:
    out = tmp_path / "outputs"
    out.mkdir()
    (out / "B9_peer_lab-report-circuits.json").write_text("garbage", encoding="utf-8")
    roster = pd.DataFrame({"学号": ["s1", "s2", "s3"], "姓名": ["王一", "李二", "张三"]})
    desk = PeerAssessmentDesk(sample_path("rubric_lab_report.yaml"), roster)
    assert "已损坏" in desk.status.value
    assert len(list(out.glob("B9_peer_lab-report-circuits.damaged-*.json"))) == 1
    assert desk.assignment_table.value.count("<tr>") == 3
    rate(desk, "s2", "s1", ["pass", "pass", "pass", "pass"])
    assert "李二 → 王一" in desk.status.value
    assert "（不在分配表中" in desk.kind_note.value or "（按分配）" in desk.kind_note.value


def test_desk_speaks_english_when_asked() -> None:
    set_language("en")
    desk = PeerAssessmentDesk()
    assert desk.save_button.description == "Save this rating"
    assert "Work (author)" in desk.assignment_table.value and "No ratings yet" in desk.summary_table.value
