"""Point certification credits (学分) from the desk's current levels, worked out by hand."""

from __future__ import annotations

import pandas as pd

from toolkit.assess.credits import count_credits
from toolkit.scheme import CreditRule, load_scheme

# A region that weighs A1 at 4 学分 and every other point at 5, 20 needed (Hefei's file gives 5 each).
RULE = CreditRule(target=20, per_point=5, points={"A1": 4})


def levels(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["teacher_id", "point", "level_name"])


def test_credits_at_19_are_short_and_at_20_complete() -> None:
    graded = levels(
        [
            # X: A1 4 + B1 5 + B2 5 + C1 5 = 19
            ("X", "A1", "合格"), ("X", "B1", "优秀"), ("X", "B2", "合格"), ("X", "C1", "合格"),
            # Y: B1 + B2 + C1 + C2 = 20
            ("Y", "B1", "合格"), ("Y", "B2", "合格"), ("Y", "C1", "优秀"), ("Y", "C2", "合格"),
        ]
    )  # fmt: skip
    frame = count_credits(graded, RULE, people=["X", "Y"]).set_index("teacher_id")
    assert (frame.loc["X", "credits"], bool(frame.loc["X", "credits_complete"])) == (19, False)
    assert (frame.loc["Y", "credits"], bool(frame.loc["Y", "credits_complete"])) == (20, True)
    assert frame.loc["X", "passed_points"] == "A1、B1、B2、C1"  # catalogue order


def test_a_point_rated_below_pass_earns_nothing_and_people_without_grades_show_zero() -> None:
    graded = levels([("X", "A1", "不合格"), ("X", "B1", "合格")])
    frame = count_credits(graded, RULE, people=["X", "Z"]).set_index("teacher_id")
    assert frame.loc["X", "credits"] == 5 and frame.loc["X", "passed_points"] == "B1"
    assert frame.loc["Z", "credits"] == 0 and frame.loc["Z", "passed_points"] == ""


def test_hefei_gives_5_per_point_and_needs_20() -> None:
    rule = load_scheme("hefei-2021").credits
    assert rule is not None and (rule.target, rule.per_point, rule.levels) == (20, 5, ("合格", "优秀"))
    graded = levels([("X", code, "合格") for code in ("A1", "A2", "B1")])
    assert count_credits(graded, rule, people=["X"])["credits"].tolist() == [15]
