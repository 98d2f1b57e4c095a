"""Kind names spelled the platform's way (``--kinds MAP.csv``), and a ledger that lacks the 佐证
column under a scheme whose activities need evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import workshop
from toolkit.errors import InputError
from toolkit.ledger import read_ledger
from toolkit.ledger.read import read_kind_map
from toolkit.scheme import load_scheme

GUANGDONG = load_scheme("guangdong-2021")
HEFEI = load_scheme("hefei-2021")

# How the Hefei platform's export names the activities.
PLATFORM_LEDGER = (
    "工号,活动编号,类型,学时,分钟,评分\n"
    "T1,c1,观看课程视频,,600,\n"
    "T1,s1,自测题,,,\n"
    "T1,p1,个人研修计划,,,\n"  # the scheme's own name needs no mapping
    "T1,r1,线下研修活动,12,,18\n"
)
MAPPING = "平台类型,方案类型\n观看课程视频,网络课程学习\n自测题,self_test\n线下研修活动,校本教研\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_platform_spellings_go_through_with_the_mapping(tmp_path: Path) -> None:
    mapping = read_kind_map(write(tmp_path, "对照.csv", MAPPING), HEFEI)
    ledger = read_ledger(write(tmp_path, "记录.csv", PLATFORM_LEDGER), HEFEI, kinds=mapping)
    assert [row.kind.id for row in ledger.rows] == [
        "online_course",
        "self_test",
        "personal_plan",
        "school_research",
    ]


def test_without_the_mapping_the_platform_name_is_refused_with_the_closest_scheme_kind(
    tmp_path: Path,
) -> None:
    with pytest.raises(InputError) as caught:
        read_ledger(write(tmp_path, "记录.csv", PLATFORM_LEDGER), HEFEI)
    error = caught.value
    assert (error.row, error.column) == (2, "类型 (C)")
    assert "类型“观看课程视频”不是方案“hefei-2021”中的活动" in error.message
    assert "是不是“网络课程学习”？" in error.message
    assert "--kinds" in error.message


def test_a_name_like_no_kind_gets_no_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path, "记录.csv", "工号,活动编号,类型\nT1,x,茶话会\n")
    with pytest.raises(InputError) as caught:
        read_ledger(path, HEFEI)
    assert "是不是" not in caught.value.message


def test_a_mapping_to_a_kind_the_scheme_lacks_names_the_cell_and_suggests(tmp_path: Path) -> None:
    path = write(tmp_path, "对照.csv", "平台类型,方案类型\n看视频,网络课程学系\n")
    with pytest.raises(InputError) as caught:
        read_kind_map(path, HEFEI)
    error = caught.value
    assert (Path(error.file), error.row, error.column) == (path, 2, "方案类型 (B)")
    assert "是不是“网络课程学习”？" in error.message


def test_one_platform_name_mapped_two_ways_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path, "对照.csv", "平台类型,方案类型\n看视频,网络课程学习\n看视频,线上讨论\n看视频,网络课程学习\n"
    )
    with pytest.raises(InputError) as caught:
        read_kind_map(path, HEFEI)
    assert caught.value.row == 3
    assert "第 2 行已对应“网络课程学习”" in caught.value.message


def test_workshop_assess_takes_the_mapping_and_refuses_without_it(tmp_path: Path) -> None:
    ledger = write(tmp_path, "记录.csv", PLATFORM_LEDGER)
    roster = write(tmp_path, "名单.csv", "工号,姓名,学校,角色\nT1,张伟,城南中学,教师\n")
    mapping = write(tmp_path, "对照.csv", MAPPING)
    refused = workshop("assess", str(ledger), "--scheme", "hefei-2021", "--roster", str(roster))
    assert refused.returncode == 2
    assert "是不是“网络课程学习”？" in refused.stderr
    assert "Traceback" not in refused.stderr
    done = workshop(
        "assess", str(ledger), "--scheme", "hefei-2021", "--roster", str(roster), "--kinds", str(mapping)
    )
    assert done.returncode == 0, done.stderr
    header, row = done.stdout.splitlines()[:2]
    score = dict(zip(header.split(","), row.split(","), strict=True))
    # By hand: self-test 10 + plan 5 + 600 minutes 30 + research 18 (12 学时 ≥ 10) = 63.
    assert float(score["score"]) == 63.0


def test_a_ledger_without_the_evidence_column_under_an_evidence_scheme_says_so(tmp_path: Path) -> None:
    path = write(
        tmp_path, "记录.csv", "工号,活动编号,类型,学时\nt1,a1,研修作业,\nt1,o1,线下活动,6\nt2,o1,线下活动,6\n"
    )
    with pytest.raises(InputError) as caught:
        read_ledger(path, GUANGDONG)
    error = caught.value
    assert (Path(error.file), error.row) == (path, 1)
    assert "没有“佐证”列" in error.message
    assert "第 3、4 行是线下活动" in error.message


def test_without_evidence_bound_rows_the_evidence_column_is_not_needed(tmp_path: Path) -> None:
    path = write(tmp_path, "记录.csv", "工号,活动编号,类型,学时\nt1,a1,研修作业,\nt1,a2,听课评课,\n")
    assert len(read_ledger(path, GUANGDONG).rows) == 2


def test_workshop_hours_without_the_evidence_column_exits_2_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "记录.csv", "工号,活动编号,类型,学时\nt1,o1,线下活动,6\n")
    result = workshop("hours", str(path), "--scheme", "guangdong-2021")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "记录.csv" in result.stderr
    assert "没有“佐证”列" in result.stderr
