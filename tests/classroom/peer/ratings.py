"""Ratings worked out by hand for the B9 tests.

With the sample rubric (criteria question/design/data/conclusion weighted 20/30/30/20,
levels developing/pass/good/excellent worth 1–4) a rating scores
100 × (weighted mean − 1) / 3.
"""

from __future__ import annotations

from collections import Counter

from toolkit.classroom.peer.model import TEACHER, PeerAssessment, reviews_by
from toolkit.rubric import Rubric

ALL_EXCELLENT = "优秀 优秀 优秀 优秀"
ALL_PASS = "合格 合格 合格 合格"


def three_students(rubric: Rubric) -> PeerAssessment:
    """甲 close to the peers, 乙 exactly 15 above them, 丙 far below, with a teacher's rating of 丙."""
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
    return peer


def check_assignment(ids: list[str], assignment: dict[str, list[str]], k: int) -> None:
    """Nobody reviews their own work, each work has k reviewers, everybody reviews exactly k works."""
    assert list(assignment) == ids
    for author, reviewers in assignment.items():
        assert author not in reviewers, "nobody reviews their own work"
        assert len(reviewers) == len(set(reviewers)) == k
        assert set(reviewers) <= set(ids)
    reviewed = Counter(r for reviewers in assignment.values() for r in reviewers)
    assert dict(reviewed) == dict.fromkeys(ids, k), "everybody reviews exactly k works"
    works = reviews_by(assignment)
    assert all(len(works[s]) == k and s not in works[s] for s in ids)
