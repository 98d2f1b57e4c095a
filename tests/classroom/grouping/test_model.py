"""B5 mixed-ability grouping: a hand-dealt snake, size rules, balancing, roles, errors, the export."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit.classroom.grouping.model import (
    GROUP,
    RANK,
    ROLE,
    export_groups,
    group_roster,
    group_summary,
    heterogeneous_groups,
    role_names,
    sequential_groups,
    serpentine,
)
from toolkit.errors import InputError
from toolkit.modules import load_sample
from toolkit.work.progress import module_progress


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


def eight() -> pd.DataFrame:
    """Eight students s1…s8 scoring 100, 90, …, 30 (so s1 has rank 1 and s8 rank 8)."""
    return pd.DataFrame(
        {
            "学号": [f"s{n}" for n in range(1, 9)],
            "姓名": list("甲乙丙丁戊己庚辛"),
            "分数": [100, 90, 80, 70, 60, 50, 40, 30],
        }
    )


def members(groups: pd.DataFrame, number: int, column: str = "学号") -> list[str]:
    return groups.loc[groups[GROUP] == number, column].tolist()


def test_hand_dealt_snake_of_eight_students_into_two_groups() -> None:
    # k = 8 / 4 = 2. Deal: rank 1 → 1, 2 → 2, then back: 3 → 2, 4 → 1, then 5 → 1, 6 → 2, 7 → 2, 8 → 1.
    groups = heterogeneous_groups(eight(), score_column="分数", group_size=4)
    assert members(groups, 1) == ["s1", "s4", "s5", "s8"]
    assert members(groups, 2) == ["s2", "s3", "s6", "s7"]
    assert groups[RANK].tolist() == [1, 4, 5, 8, 2, 3, 6, 7]
    # Roles by rank within the group: top 组长, then 记录员, 计时员, and the lowest rank reports.
    assert groups.loc[groups[GROUP] == 1, ROLE].tolist() == ["组长", "记录员", "计时员", "汇报员"]
    summary = group_summary(groups, score_column="分数")
    # Group 1: 100+70+60+30 = 260, group 2: 90+80+50+40 = 260, both mean 65.
    assert summary.table["人数"].tolist() == [4, 4]
    assert summary.table["平均分"].tolist() == [65.0, 65.0]
    assert summary.table["最低分"].tolist() == [30, 40]
    assert summary.table["最高分"].tolist() == [100, 90]
    assert summary.mean_spread == 0.0 and summary.class_mean == 65.0


def test_the_result_does_not_depend_on_row_order_and_ties_go_by_id_as_text() -> None:
    students = eight()
    shuffled = students.sample(frac=1, random_state=7)
    assert heterogeneous_groups(shuffled, score_column="分数").equals(
        heterogeneous_groups(students, score_column="分数")
    )
    tied = pd.DataFrame({"学号": ["b", "c", "a", "d"], "分数": [80, 80, 80, 60]})
    groups = heterogeneous_groups(tied, score_column="分数", group_size=2)
    ranked = groups.sort_values(RANK)["学号"].tolist()
    assert ranked == ["a", "b", "c", "d"]
    assert members(groups, 1) == ["a", "d"] and members(groups, 2) == ["b", "c"]


def test_forty_two_students_in_fours_make_eleven_groups_of_three_or_four() -> None:
    students = load_sample("class_7a_students.csv")
    groups = heterogeneous_groups(students, score_column="期中成绩", group_size=4)
    sizes = groups[GROUP].value_counts().sort_index()
    assert sizes.index.tolist() == list(range(1, 12))  # k = ceil(42 / 4) = 11
    assert sorted(sizes.tolist()) == [3, 3] + [4] * 9
    assert sorted(groups["学号"]) == sorted(students["学号"])
    # Mixed ability: every group has one of the top 11 and one of the bottom 11.
    for _, group in groups.groupby(GROUP):
        assert (group[RANK] <= 11).sum() == 1 and (group[RANK] >= 32).sum() == 1
    snake = group_summary(groups, score_column="期中成绩")
    naive = group_summary(sequential_groups(students, group_size=4), score_column="期中成绩")
    assert snake.mean_spread < 2 < 20 < naive.mean_spread


@pytest.mark.parametrize(
    ("count", "size"), [(42, 4), (42, 5), (42, 6), (41, 4), (30, 4), (7, 4), (5, 2), (3, 8)]
)
def test_group_count_and_sizes_follow_the_rule(count: int, size: int) -> None:
    rng = np.random.default_rng(count * 10 + size)
    students = pd.DataFrame({"学号": [f"{n:03d}" for n in range(count)], "分": rng.integers(30, 101, count)})
    groups = heterogeneous_groups(students, score_column="分", group_size=size)
    sizes = groups[GROUP].value_counts()
    assert sorted(sizes.index) == list(range(1, math.ceil(count / size) + 1))
    assert sizes.max() - sizes.min() <= 1
    number, band = serpentine(count, math.ceil(count / size))
    assert np.bincount(number).max() - np.bincount(number)[1:].min() <= 1
    assert len(band) == count


def test_short_groups_miss_a_middle_ranked_student() -> None:
    # 10 students in 3 groups: 4 bands of 3 seats; the 2 empty seats open band 2, so groups 1 and 2 have 3.
    number, band = serpentine(10, 3)
    assert number.tolist() == [1, 2, 3, 3, 2, 1, 3, 3, 2, 1]
    assert band.tolist() == [0, 0, 0, 1, 1, 1, 2, 3, 3, 3]


def test_balance_column_evens_out_gender_without_moving_group_means() -> None:
    # Pairs of equal scores; the plain snake would put all four boys in group 1.
    students = pd.DataFrame(
        {
            "学号": [f"s{n}" for n in range(1, 9)],
            "分数": [90, 90, 80, 80, 70, 70, 60, 60],
            "性别": ["男", "女", "女", "男", "男", "女", "女", "男"],
        }
    )
    plain = heterogeneous_groups(students, score_column="分数")
    assert members(plain, 1, "性别") == ["男", "男", "男", "男"]
    balanced = heterogeneous_groups(students, score_column="分数", balance_column="性别")
    summary = group_summary(balanced, score_column="分数", balance_column="性别")
    assert summary.table["性别:男"].tolist() == [2, 2] and summary.table["性别:女"].tolist() == [2, 2]
    assert summary.table["平均分"].tolist() == [75.0, 75.0]
    # Swaps stay within a band: each group still has one 90, one 80, one 70 and one 60.
    for number in (1, 2):
        assert sorted(members(balanced, number, "分数")) == [60, 70, 80, 90]


def test_balancing_the_sample_class_by_gender() -> None:
    students = load_sample("class_7a_students.csv")

    share = students["性别"].value_counts(normalize=True)

    def gender_gap(groups: pd.DataFrame) -> float:
        mix = pd.crosstab(groups[GROUP], groups["性别"])
        ideal = np.outer(mix.sum(axis=1), share[mix.columns])
        return float(((mix.to_numpy() - ideal) ** 2).sum())

    plain = heterogeneous_groups(students, score_column="期中成绩")
    balanced = heterogeneous_groups(students, score_column="期中成绩", balance_column="性别")
    assert gender_gap(balanced) < gender_gap(plain) / 2
    girls = pd.crosstab(balanced[GROUP], balanced["性别"])["女"]
    assert girls.between(1, 2).all()  # 19 girls in 42: each group of 3–4 has one or two
    assert group_summary(balanced, score_column="期中成绩").mean_spread < 2


def test_roles_for_every_group_size() -> None:
    assert role_names(2) == ["组长", "汇报员"]
    assert role_names(3) == ["组长", "记录员", "汇报员"]
    assert role_names(4) == ["组长", "记录员", "计时员", "汇报员"]
    assert role_names(6) == ["组长", "记录员", "计时员", "组员", "组员", "汇报员"]
    groups = heterogeneous_groups(
        eight().assign(学号=[f"s{n}" for n in range(8)]), score_column="分数", group_size=3
    )
    roster = group_roster(groups)
    assert roster.columns.tolist() == ["组长", "记录员", "汇报员"]
    assert len(roster) == 3  # 8 in threes: ceil(8 / 3) = 3 groups of 3, 3 and 2
    assert "" in roster["记录员"].tolist()  # the pair has no 记录员


def test_sequential_groups_follow_the_id_order() -> None:
    groups = sequential_groups(eight().iloc[::-1], group_size=4)
    assert members(groups, 1) == ["s1", "s2", "s3", "s4"] and members(groups, 2) == ["s5", "s6", "s7", "s8"]
    with pytest.raises(InputError, match="名单中没有学生"):
        sequential_groups(eight().iloc[0:0])


def test_bad_input_names_the_column() -> None:
    with pytest.raises(InputError) as missing:
        heterogeneous_groups(eight(), score_column="期末成绩")
    assert missing.value.column == "期末成绩" and "期末成绩" in str(missing.value)
    with pytest.raises(InputError) as no_id:
        heterogeneous_groups(eight().drop(columns="学号"), score_column="分数")
    assert no_id.value.column == "学号"
    with pytest.raises(InputError) as no_balance:
        heterogeneous_groups(eight(), score_column="分数", balance_column="性别")
    assert no_balance.value.column == "性别"
    bad = eight().astype({"分数": object})
    bad.loc[2, "分数"] = "缺考"
    with pytest.raises(InputError) as not_a_score:
        heterogeneous_groups(bad, score_column="分数")
    assert not_a_score.value.row == 4 and not_a_score.value.column == "分数"
    assert "缺考" in str(not_a_score.value)
    with pytest.raises(InputError):
        heterogeneous_groups(eight(), score_column="分数", group_size=1)
    with pytest.raises(InputError):
        heterogeneous_groups(eight().iloc[0:0], score_column="分数")


def test_export_writes_the_chosen_columns_for_excel(tmp_path: Path) -> None:
    groups = heterogeneous_groups(eight(), score_column="分数")
    path = export_groups(groups, [GROUP, ROLE, "学号", "姓名", "分数", RANK])
    assert path == tmp_path / "B5_groups.csv"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff组号,角色,学号,姓名,分数,名次\n1,组长,s1,甲,100,1\n")
    assert module_progress("B5").outputs == 1
