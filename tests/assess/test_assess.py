"""Hefei role scores and school pass rates, on cases worked out by hand from DOMAIN.md §3–4."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import roster, workshop
from toolkit.assess import assess
from toolkit.errors import InputError
from toolkit.ledger import read_ledger
from toolkit.roster import read_roster
from toolkit.scheme import load_scheme

HEFEI = load_scheme("hefei-2021")
HEADER = "工号,活动编号,类型,学时,分钟,评分\n"
PEOPLE = [
    "T1,甲,甲校,数学,教师",
    "T2,乙,甲校,数学,教师",
    "T3,丙,甲校,语文,教师",
    "T4,丁,甲校,语文,教师",
    "T5,戊,甲校,英语,教师",
    "T6,己,甲校,英语,教师",
    "L1,庚,甲校,数学,坊主",
    "L2,辛,甲校,语文,坊主",
    "A1,壬,甲校,,管理员",
]
ROWS = [
    # T1: 10 + 5 + 30 (600 min) + 5 + 18 (10 h reached, rating 18) = 68
    "T1,st,自测诊断,,,",
    "T1,pp,个人研修计划,,,",
    "T1,c1,网络课程学习,,600,",
    "T1,d1,线上讨论,,,",
    "T1,r1,校本教研,6,,",
    "T1,r2,校本教研,4,,18",
    # T2: 10 + 0 + 30 (610 min, capped) + 5 (two discussions, capped) + 0 (9.5 h: rating 20 not counted) = 45
    "T2,st,自测诊断,,,",
    "T2,c1,网络课程学习,,610,",
    "T2,d1,线上讨论,,,",
    "T2,d2,线上讨论,,,",
    "T2,r1,校本教研,9.5,,20",
    # T3: 10 + 5 + 26 (539 min: 26 whole blocks of 20) = 41, one point short of 42
    "T3,st,自测诊断,,,",
    "T3,pp,个人研修计划,,,",
    "T3,c1,网络课程学习,,539,",
    # T4: 10 + 5 + 27 (300 + 240 min) = 42, exactly the pass mark
    "T4,st,自测诊断,,,",
    "T4,pp,个人研修计划,,,",
    "T4,c1,网络课程学习,,300,",
    "T4,c2,网络课程学习,,240,",
    # T5: nothing recorded. T6: 10 + 20 (rating 25 capped at 20, 12 h) = 30
    "T6,st,自测诊断,,,",
    "T6,r1,校本教研,12,,25",
    # L1: 20 + 20 (three briefs, capped) + 50 (the 45-minute video is outside 15–40) = 90
    "L1,gp,教研组研修计划,,,",
    "L1,b1,活动简报,,,",
    "L1,b2,活动简报,,,",
    "L1,b3,活动简报,,,",
    "L1,case1,教学示范案例,,45,55",
    "L1,case2,教学示范案例,,40,50",
    # L2: 20 + 0 (a 14-minute video) = 20
    "L2,gp,教研组研修计划,,,",
    "L2,case1,教学示范案例,,14,60",
    # A1: 10 + 10 (three discussions, capped) + 20 + 4 (3 of 6 passed: 50%) + 20 + 30 (1 case ≥ 5% of 6) = 94
    "A1,lb,启动会简报,,,",
    "A1,h1,组织在线讨论,,,",
    "A1,h2,组织在线讨论,,,",
    "A1,h3,组织在线讨论,,,",
    "A1,sp,整校推进方案,,,",
    "A1,sr,总结报告,,,",
    "A1,ec1,优秀案例推荐,,,",
]


def files(tmp_path: Path, people: list[str], rows: list[str]) -> tuple[Path, Path]:
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return ledger, roster(tmp_path / "roster.csv", people)


def run(tmp_path: Path, people: list[str] = PEOPLE, rows: list[str] = ROWS):  # noqa: ANN201
    ledger, members = files(tmp_path, people, rows)
    return assess(read_ledger(ledger, HEFEI), read_roster(members))


def test_role_scores_match_the_hand_computed_cases(tmp_path: Path) -> None:
    people = run(tmp_path).people.set_index("person_id")
    assert list(people.reset_index().columns[:5]) == ["person_id", "role", "score", "max_score", "passed"]
    assert people["score"].to_dict() == {
        "T1": 68, "T2": 45, "T3": 41, "T4": 42, "T5": 0, "T6": 30, "L1": 90, "L2": 20, "A1": 94,
    }  # fmt: skip
    assert people["passed"].to_dict() == {
        "T1": True, "T2": True, "T3": False, "T4": True, "T5": False, "T6": False,
        "L1": True, "L2": False, "A1": True,
    }  # fmt: skip
    assert people.loc["T1", "max_score"] == 70 and people.loc["L1", "max_score"] == 100
    assert people.loc["T2", "online_discussion"] == 5 and people.loc["T2", "school_research"] == 0
    assert people.loc["T6", "school_research"] == 20 and people.loc["L1", "demo_case"] == 50
    assert people.loc["A1", "pass_rate"] == 4 and people.loc["A1", "excellent_cases"] == 30
    # Items of other roles are left empty, not zero.
    assert people[["group_plan", "pass_rate"]].loc["T1"].isna().all()


def test_school_figures_count_teachers_only(tmp_path: Path) -> None:
    schools = run(tmp_path).schools
    assert schools.to_dict("records") == [
        {"school": "甲校", "participants": 6, "passed": 3, "pass_rate": 0.5, "pass_rate_points": 4.0}
    ]


@pytest.mark.parametrize(
    ("passed", "participants", "points"),
    [
        (20, 20, 10), (19, 20, 10), (57, 60, 10), (18, 19, 8), (16, 20, 8), (79, 100, 6), (3, 5, 6),
        (59, 100, 4), (1, 2, 4), (49, 100, 0), (0, 7, 0), (0, 0, 0),
    ],
)  # fmt: skip
def test_pass_rate_tiers_are_half_open(passed: int, participants: int, points: float) -> None:
    assert HEFEI.pass_rate is not None
    assert HEFEI.pass_rate.points(passed, participants) == points


def test_pass_rate_tiers_from_the_roster_through_to_the_administrator(tmp_path: Path) -> None:
    # 19 of 20 teachers pass (95%) → 10 for the administrator's pass-rate item.
    people = [f"P{n:02d},师{n},乙校,数学,教师" for n in range(20)] + ["B1,管,乙校,,管理员"]
    rows = []
    for n in range(19):
        rows += [f"P{n:02d},st,自测诊断,,,", f"P{n:02d},pp,个人研修计划,,,", f"P{n:02d},c,网络课程学习,,600,"]
    result = run(tmp_path, people, rows)
    assert result.schools.to_dict("records")[0]["pass_rate_points"] == 10
    assert result.people.set_index("person_id").loc["B1", "pass_rate"] == 10


@pytest.mark.parametrize(("cases", "points"), [(1, 0), (2, 30)])
def test_excellent_cases_must_reach_5_percent_of_participants(
    tmp_path: Path, cases: int, points: int
) -> None:
    # 21 teachers: 5% is 1.05, so one case is not enough and two are.
    people = [f"P{n:02d},师{n},丙校,数学,教师" for n in range(21)] + ["C1,管,丙校,,管理员"]
    rows = [f"C1,case{n},优秀案例推荐,,," for n in range(cases)]
    admin = run(tmp_path, people, rows).people.set_index("person_id").loc["C1"]
    assert admin["excellent_cases"] == points


def test_cases_recorded_by_a_leader_count_for_the_school(tmp_path: Path) -> None:
    people = [f"P{n:02d},师{n},丁校,数学,教师" for n in range(10)] + [
        "D1,管,丁校,,管理员",
        "D2,坊,丁校,数学,坊主",
    ]
    rows = ["D2,case1,优秀案例推荐,,,"]
    assert run(tmp_path, people, rows).people.set_index("person_id").loc["D1", "excellent_cases"] == 30


def test_a_ledger_row_for_someone_not_on_the_roster_names_the_row(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        run(tmp_path, PEOPLE, ["T1,st,自测诊断,,,", "X9,st,自测诊断,,,"])
    assert caught.value.row == 3 and "X9" in caught.value.message


def test_a_case_video_without_minutes_earns_nothing(tmp_path: Path) -> None:
    people = run(tmp_path, PEOPLE, ["L1,case1,教学示范案例,,,60"]).people.set_index("person_id")
    assert people.loc["L1", "demo_case"] == 0


def test_workshop_assess_writes_people_and_schools_that_reopen_with_the_same_figures(tmp_path: Path) -> None:
    ledger, members = files(tmp_path, PEOPLE, ROWS)
    out, schools = tmp_path / "people.xlsx", tmp_path / "schools.csv"
    result = workshop(
        "assess", str(ledger), "--scheme", "hefei-2021", "--roster", str(members),
        "--out", str(out), "--school-out", str(schools),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "9 人，其中 5 人合格" in result.stdout and "1 所学校" in result.stdout
    sheet = load_workbook(out).active
    header = [cell.value for cell in sheet[1]]
    assert header[:5] == ["person_id", "role", "score", "max_score", "passed"] and "online_study" in header
    scores = {row[0]: row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert scores["T4"] == 42 and scores["A1"] == 94
    assert schools.read_text(encoding="utf-8-sig").splitlines() == [
        "school,participants,passed,pass_rate,pass_rate_points",
        "甲校,6,3,0.5,4.0",
    ]


def test_workshop_assess_with_a_bad_ledger_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    ledger, members = files(tmp_path, PEOPLE, ["T1,c1,网络课程学习,,,"])  # minutes are required
    out = tmp_path / "people.csv"
    result = workshop(
        "assess", str(ledger), "--scheme", "hefei-2021", "--roster", str(members), "--out", str(out)
    )
    assert result.returncode == 2 and "分钟" in result.stderr and "第 2 行" in result.stderr
    assert not out.exists()


def test_pass_marks_are_exact_fractions() -> None:
    assert HEFEI.roles["teacher"].pass_mark == 42 and HEFEI.roles["leader"].pass_mark == 60
    assert HEFEI.pass_rate is not None and HEFEI.pass_rate.tiers[0].lowest == Fraction(19, 20)
