"""B9 self- and peer-assessment: the review assignment, scores checked by hand, gap flags, notes, files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.classroom.peer.ratings import ALL_EXCELLENT, ALL_PASS, check_assignment, three_students
from toolkit.classroom.peer.model import (
    FLAG_HIGH,
    FLAG_LOW,
    TEACHER,
    Note,
    PeerAssessment,
    assign_peers,
    export_ratings,
    flag_for,
    ratings_path,
)
from toolkit.errors import InputError
from toolkit.modules import load_sample
from toolkit.work.progress import module_progress


@pytest.mark.parametrize(("n", "k"), [(12, 2), (5, 4), (2, 1), (30, 3)])
def test_assignment_properties(n: int, k: int) -> None:
    ids = [f"2025070{i:02d}" for i in range(1, n + 1)]
    for seed in (0, 1, 7):
        check_assignment(ids, assign_peers(ids, reviewers_per_work=k, seed=seed), k)


def test_assignment_is_deterministic_and_the_seed_matters() -> None:
    ids = [f"s{i}" for i in range(12)]
    assert assign_peers(ids, seed=3) == assign_peers(ids, seed=3)
    assert assign_peers(ids, seed=3) != assign_peers(ids, seed=4)


@pytest.mark.parametrize(("n", "k"), [(5, 5), (5, 9), (1, 1), (3, 0)])
def test_assignment_rejects_impossible_sizes(n: int, k: int) -> None:
    with pytest.raises(ValueError):
        assign_peers([f"s{i}" for i in range(n)], reviewers_per_work=k)


def test_assignment_rejects_repeated_blank_or_reserved_ids() -> None:
    for ids in (["a", "b", "a"], ["a", " ", "c"], ["a", TEACHER, "c"]):
        with pytest.raises(ValueError):
            assign_peers(ids, reviewers_per_work=1)


def test_scores_by_hand(rubric) -> None:  # noqa: ANN001
    peer = PeerAssessment(rubric, ["a", "b", "c", "d"])
    peer.rate("a", "a", ALL_EXCELLENT)
    peer.rate("b", "b", ALL_PASS)
    peer.rate("c", "c", {"question": "pass", "design": "pass", "data": "good", "conclusion": "good"})
    peer.rate(
        "d",
        "d",
        {"问题与猜想": "待改进", "实验设计": "developing", "data": "待改进", "conclusion": "developing"},
    )
    summary = peer.summary()
    # (0.2·4+0.3·4+0.3·4+0.2·4 − 1)/3 = 100; all 2 → 33.33; 2,2,3,3 → 2.5 → 50; all 1 → 0.
    assert summary["自评"].tolist() == [100.0, 33.33, 50.0, 0.0]
    assert summary["同伴均分"].isna().all() and summary["自评−同伴"].isna().all()
    assert summary["提示"].tolist() == ["", "", "", ""]
    assert peer.notes()["a"].kind == "no_peer"


def test_summary_self_against_peers_with_gap_flags(rubric) -> None:  # noqa: ANN001
    peer = three_students(rubric)
    summary = peer.summary()
    assert summary["姓名"].tolist() == ["甲同学", "乙", "丙"]
    assert summary["自评"].tolist() == [50.0, 66.67, 33.33]
    assert summary["同伴均分"].tolist() == [61.67, 51.67, 100.0]
    assert summary["互评份数"].tolist() == [2, 2, 2]
    assert summary["自评−同伴"].tolist() == [-11.67, 15.0, -66.67]
    assert summary["提示"].tolist() == ["", FLAG_HIGH, FLAG_LOW]
    assert summary.loc["丙", "教师评分"] == 90.0 and summary["教师评分"].isna().tolist() == [
        True,
        True,
        False,
    ]
    notes = peer.notes()
    assert notes["乙"] == Note("high", gap=15.0)
    # 丙's peers (100) and teacher (90) differ by less than the line: no note for the teacher.
    assert notes["丙"] == Note("low", gap=66.67)
    assert notes["甲"] == Note("close", gap=11.67)
    assert peer.notes(threshold=10)["丙"].teacher_gap == 10.0
    # A stricter line flags 甲 too; a looser one flags nobody but 丙.
    assert peer.summary(threshold=10)["提示"].tolist() == [FLAG_LOW, FLAG_HIGH, FLAG_LOW]
    assert peer.summary(threshold=20)["提示"].tolist() == ["", "", FLAG_LOW]
    assert peer.missing() == []  # no assignment: only self-assessments are required, all done


def test_flag_for_threshold_edges() -> None:
    assert flag_for(15.0) == FLAG_HIGH and flag_for(-15.0) == FLAG_LOW
    assert flag_for(14.99) == "" and flag_for(None) == "" and flag_for(float("nan")) == ""


def test_criterion_agreement_by_hand(rubric) -> None:  # noqa: ANN001
    peer = PeerAssessment(rubric, ["a", "b", "c"])
    peer.rate("a", "a", "良好 良好 良好 良好")
    peer.rate("b", "a", "良好 合格 良好 待改进")
    peer.rate("c", "a", "良好 合格 优秀 合格")
    table = peer.criterion_agreement()
    assert table["对照次数"].tolist() == [2, 2, 2, 2]
    assert table["自评与同伴一致（%）"].tolist() == [100.0, 0.0, 50.0, 0.0]
    assert table["相差不超过一级（%）"].tolist() == [100.0, 100.0, 100.0, 50.0]
    # self − peer in level steps: question 0,0; design 1,1; data 0,−1; conclusion 2,1.
    assert table["自评平均高出（级）"].tolist() == [0.0, 1.0, -0.5, 1.5]
    assert table["同伴之间一致（%）"].tolist() == [100.0, 100.0, 0.0, 0.0]


def test_a_new_rating_of_the_same_pair_replaces_it_but_the_first_is_kept(rubric) -> None:  # noqa: ANN001
    peer = PeerAssessment(rubric, ["a", "b"])
    peer.rate("b", "a", ALL_PASS, at="2025-10-01T08:00:00")
    peer.rate("b", "a", ALL_EXCELLENT, comment="改过了", at="2025-10-01T08:05:00")
    assert len(peer) == 2
    assert peer.latest("b", "a").comment == "改过了"
    assert peer.summary().loc["a", "同伴均分"] == 100.0
    assert len(peer.ratings_frame()) == 2 and len(peer.ratings_frame(current_only=True)) == 1


def test_bad_ratings_are_refused_with_a_reason(rubric) -> None:  # noqa: ANN001
    peer = PeerAssessment(rubric, ["a", "b"])
    with pytest.raises(ValueError, match="名单里没有"):
        peer.rate("x", "a", ALL_PASS)
    with pytest.raises(ValueError, match="不在量规中"):
        peer.rate("a", "b", "合格 合格 合格 很好")
    with pytest.raises(ValueError, match="4 个评价维度"):
        peer.rate("a", "b", "合格 合格")
    with pytest.raises(ValueError, match="还没有评定等级"):
        peer.rate("a", "b", {"question": "pass"})
    with pytest.raises(ValueError):
        peer.rate("a", TEACHER, ALL_PASS)
    assert len(peer) == 0


def test_json_round_trip_and_saving_never_loses_a_rating(rubric, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "round.json"
    first = PeerAssessment(rubric, ["a", "b", "c"], names={"a": "安安"})
    first.assign(reviewers_per_work=2, seed=5)
    first.rate("a", "a", ALL_PASS, comment="第一次", at="2025-10-01T08:00:00")
    first.rate("b", "a", ALL_EXCELLENT, at="2025-10-01T08:01:00")
    first.save(path)
    again = PeerAssessment.load(path)  # the rubric travels in the file
    assert again.rubric == rubric and again.names["a"] == "安安"
    assert again.assignment == first.assignment and again.seed == 5
    assert [r.to_dict() for r in again.ratings] == [r.to_dict() for r in first.ratings]
    assert again.summary().equals(first.summary())
    # A second desk that never saw the file's ratings saves: both sets survive.
    other = PeerAssessment(rubric, ["a", "b", "c"])
    other.rate("c", "c", ALL_EXCELLENT, at="2025-10-01T09:00:00")
    other.save(path)
    merged = PeerAssessment.load(path, rubric)
    assert len(merged) == 3 and {r.assessor for r in merged.ratings} == {"a", "b", "c"}
    # Saving over a damaged file sets it aside instead of overwriting it.
    path.write_text("{not json", encoding="utf-8")
    other.save(path)
    backups = list(tmp_path.glob("round.damaged-*.json"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == "{not json"
    with pytest.raises(InputError):
        PeerAssessment.load(backups[0])


def test_ratings_table_reads_back(rubric) -> None:  # noqa: ANN001
    peer = PeerAssessment(rubric, ["a", "b"])
    peer.rate("a", "a", "合格 良好 良好 优秀", comment="ok")
    peer.rate("b", "a", ALL_PASS)
    peer.rate(TEACHER, "a", ALL_EXCELLENT)
    frame = peer.ratings_frame()
    assert frame["类型"].tolist() == ["自评", "互评", "教师评价"]
    assert frame["得分"].tolist() == [pytest.approx(66.67), 33.33, 100.0]
    back = PeerAssessment.from_frame(rubric, frame, ["a", "b"])
    assert [(r.assessor, r.assessee, dict(r.levels)) for r in back.ratings] == [
        (r.assessor, r.assessee, dict(r.levels)) for r in peer.ratings
    ]
    with pytest.raises(InputError, match="第 2 行"):
        PeerAssessment.from_frame(rubric, frame.assign(实验设计="很好"), ["a", "b"])


def test_the_lab_report_example_of_the_module(rubric) -> None:  # noqa: ANN001
    reports = load_sample("lab_reports.csv")
    assert reports["学生"].tolist() == ["甲同学", "乙同学", "丙同学"]
    peer = PeerAssessment(rubric, reports["学生"].tolist())
    for name in peer.student_ids:
        for reviewer in assign_peers(peer.student_ids)[name]:
            peer.rate(reviewer, name, ALL_PASS)
    assert peer.summary()["同伴均分"].tolist() == [33.33, 33.33, 33.33]


def test_notes_say_what_is_missing_and_when_peers_and_teacher_disagree(rubric) -> None:  # noqa: ANN001
    peer = PeerAssessment(rubric, ["a", "b", "c"])
    assert peer.notes()["a"] == Note("no_self")
    peer.rate("a", "a", ALL_PASS)
    peer.rate("b", "a", ALL_PASS)
    peer.rate(TEACHER, "a", ALL_EXCELLENT)  # 33.33 against 100: the peers and the teacher disagree
    assert peer.notes()["a"] == Note("close", gap=0.0, teacher_gap=66.67)
    assert peer.notes()["b"].kind == "no_self"


def test_the_assignment_size_and_where_the_ratings_are_kept(rubric, tmp_path: Path) -> None:  # noqa: ANN001
    peer = PeerAssessment(rubric, ["a", "b", "c", "d"])
    assert peer.reviewers_per_work == 2
    peer.assign(reviewers_per_work=3)
    assert peer.reviewers_per_work == 3
    assert ratings_path(rubric) == tmp_path / "outputs" / "B9_peer_lab-report-circuits.json"


def test_export_writes_every_rating_for_excel(rubric, tmp_path: Path) -> None:  # noqa: ANN001
    peer = PeerAssessment(rubric, ["a", "b"])
    peer.rate("a", "a", ALL_PASS, comment="ok", at="2025-10-01T08:00:00")
    path = export_ratings(peer)
    assert path == tmp_path / "outputs" / "B9_peer_ratings.csv"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff评价人,评价人姓名,被评人,被评人姓名,类型,问题与猜想,")
    assert "a,a,a,a,自评,合格,合格,合格,合格,33.33,ok,2025-10-01T08:00:00" in text
    assert module_progress("B9").outputs == 1
