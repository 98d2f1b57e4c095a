"""B9 self- and peer-assessment: the review assignment, scores checked by hand, gap flags, files, the desk."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from toolkit.classroom.peer import (
    FLAG_HIGH,
    FLAG_LOW,
    TEACHER,
    PeerAssessment,
    PeerAssessmentDesk,
    assign_peers,
    flag_for,
    reviews_by,
)
from toolkit.errors import InputError
from toolkit.modules import load_sample, sample_path
from toolkit.rubric import load_rubric

# The sample rubric: criteria question/design/data/conclusion weighted 20/30/30/20,
# levels developing/pass/good/excellent worth 1–4, so score = 100 × (weighted mean − 1) / 3.
ALL_EXCELLENT = "优秀 优秀 优秀 优秀"
ALL_PASS = "合格 合格 合格 合格"


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


@pytest.fixture
def rubric():  # noqa: ANN201
    return load_rubric(sample_path("rubric_lab_report.yaml"))


def check_assignment(ids: list[str], assignment: dict[str, list[str]], k: int) -> None:
    assert list(assignment) == ids
    for author, reviewers in assignment.items():
        assert author not in reviewers, "nobody reviews their own work"
        assert len(reviewers) == len(set(reviewers)) == k
        assert set(reviewers) <= set(ids)
    reviewed = Counter(r for reviewers in assignment.values() for r in reviewers)
    assert dict(reviewed) == dict.fromkeys(ids, k), "everybody reviews exactly k works"
    works = reviews_by(assignment)
    assert all(len(works[s]) == k and s not in works[s] for s in ids)


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
    assert summary.loc["a", "说明"] == "还没有同伴评价。"


def test_summary_self_against_peers_with_gap_flags(rubric) -> None:  # noqa: ANN001
    peer = PeerAssessment(rubric, ["甲", "乙", "丙"], names={"甲": "甲同学"})
    # 甲: self 2,2,3,3 = 50; peers all 3 (66.67) and 3,3,2,3 (56.67): mean 61.67, gap −11.67: no flag.
    peer.rate("甲", "甲", "合格 合格 良好 良好")
    peer.rate("乙", "甲", "良好 良好 良好 良好")
    peer.rate("丙", "甲", "良好 良好 合格 良好")
    # 乙: self all 3 = 66.67; peers 3,2,3,3 (56.67) and 3,1,3,3 (46.67): mean 51.67, gap exactly 15: flagged.
    peer.rate("乙", "乙", "良好 良好 良好 良好")
    peer.rate("甲", "乙", "良好 合格 良好 良好")
    peer.rate("丙", "乙", "良好 待改进 良好 良好")
    # 丙: self all 2 = 33.33; peers all 4 (100) twice: gap −66.67, self-rating too low.
    peer.rate("丙", "丙", ALL_PASS)
    peer.rate("甲", "丙", ALL_EXCELLENT)
    peer.rate("乙", "丙", ALL_EXCELLENT)
    peer.rate(TEACHER, "丙", "优秀 优秀 良好 优秀")  # 0.8+1.2+0.9+0.8 = 3.7 → 90
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
    assert summary.loc["乙", "说明"].startswith("自评比同伴均分高 15 分")
    assert summary.loc["丙", "说明"].startswith("自评比同伴均分低 66.67 分")
    assert summary.loc["甲", "说明"] == "自评与同伴评价基本一致。"
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


# ---- the desk ------------------------------------------------------------------------------------


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
