"""``workshop collection`` on the demo course: which submissions land in which collection, and why."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from docx import Document

from toolkit.desk import GradingDesk
from toolkit.gradebook import read_course

pytestmark = pytest.mark.slow

COLLECTIONS = (
    "提升工程2.0整校推进方案集",
    "学科校本教研活动方案集",
    "优秀个人研修计划集",
    "学科教学示范案例集",
    "“一课多点”学科教学示范案例集",
    "专家指导视频库",
)


def _workshop(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args], capture_output=True, text=True, check=False, timeout=600
    )


@pytest.fixture(scope="module")
def compiled(demo_course: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("collections") / "成果集"
    result = _workshop("collection", str(demo_course), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no library warnings or tracebacks in the trainer's terminal
    return out, result.stdout


def _index(out: Path) -> pd.DataFrame:
    return pd.read_excel(out / "成果集索引.xlsx", sheet_name="成果清单", dtype=str).fillna("")


def _ids(index: pd.DataFrame, collection: str) -> list[str]:
    return index.loc[index["成果集"] == collection, "工号"].tolist()


def test_six_collections_with_an_index_workbook_and_page(compiled: tuple[Path, str]) -> None:
    out, said = compiled
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == [f"{n:02d} {name}" for n, name in enumerate(COLLECTIONS, start=1)]
    overview = pd.read_excel(out / "成果集索引.xlsx", sheet_name="总览")
    assert overview["成果集"].tolist() == list(COLLECTIONS)
    page = (out / "index.html").read_text(encoding="utf-8")
    assert all(name in page for name in COLLECTIONS)
    for row in _index(out).itertuples():
        for name in row.文件.split("\n"):
            assert (out / row.文件夹 / name).is_file(), (row.文件夹, name)
            assert name in page
    assert "T0009 提交的典型案例暂不收录：T0011 尚未确认参与" in said


def test_which_submissions_land_where(compiled: tuple[Path, str], demo_course: Path) -> None:
    index = _index(compiled[0])
    # The administrator's school plan, rated 优秀.
    assert _ids(index, COLLECTIONS[0]) == ["T0005"]
    # Group plans: T0001 优秀, T0002 合格 but recommended; T0003 合格 and T0004 ungraded stay out.
    plans = index[index["成果集"] == COLLECTIONS[1]]
    assert plans["工号"].tolist() == ["T0001", "T0002"]
    assert plans["等级"].tolist() == ["优秀", "合格"] and plans["推荐"].tolist() == ["否", "是"]
    # Teaching cases: T0001's demonstration case (优秀) and T0006's typical case, confirmed by both
    # colleagues; T0002's 合格 case, T0009's case (T0011 has not confirmed) and the confirmations
    # themselves stay out.
    cases = index[index["成果集"] == COLLECTIONS[3]]
    assert cases["工号"].tolist() == ["T0001", "T0006"]
    assert cases["作品"].tolist() == ["教学示范案例", "教研组典型案例"]
    people = read_course(demo_course).teachers.set_index("teacher_id")["name"]
    assert cases["说明"].iloc[1] == "参与成员：" + "、".join(people[t] for t in ("T0006", "T0007", "T0008"))
    # "一课多点": T0012's lesson (A1, B2), rated 优秀; T0013's is 合格, T0014 named one point only.
    lessons = index[index["成果集"] == COLLECTIONS[4]]
    assert lessons["工号"].tolist() == ["T0012"] and lessons["说明"].tolist() == ["能力点：A1、B2"]
    # Personal plans: exactly those whose latest desk grade is 优秀.
    history = GradingDesk(demo_course, grader="test").history("personal_plan")
    latest = history[~history["superseded"]]
    assert sorted(_ids(index, COLLECTIONS[2])) == sorted(
        latest.loc[latest["level_name"] == "优秀", "teacher_id"]
    )
    assert 1 <= len(_ids(index, COLLECTIONS[2])) < len(latest)
    # Expert videos from the course's folder and register.
    videos = index[index["成果集"] == COLLECTIONS[5]]
    assert videos["作者"].tolist() == ["专家甲", "专家乙"] and videos["说明"].tolist() == [
        "42 分钟",
        "35 分钟",
    ]


def test_files_are_the_submitted_ones_and_plans_are_word_documents(
    compiled: tuple[Path, str], demo_course: Path
) -> None:
    out = compiled[0]
    index = _index(out)
    case = index[(index["成果集"] == COLLECTIONS[3]) & (index["工号"] == "T0001")].iloc[0]
    video = next(n for n in case["文件"].split("\n") if n.endswith(".mp4"))
    source = next(
        (demo_course / "autograded" / "T0001" / "demo_case" / "evidence" / "lesson_video").iterdir()
    )
    assert (out / case["文件夹"] / video).read_bytes() == source.read_bytes()
    plan = index[index["成果集"] == COLLECTIONS[2]].iloc[0]
    document = Document(str(out / plan["文件夹"] / "个人研修计划.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert plan["作者"] in text and "选点理由" in text


def test_a_folder_with_content_is_never_written_into(compiled: tuple[Path, str], demo_course: Path) -> None:
    out = compiled[0]
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    result = _workshop("collection", str(demo_course), "--out", str(out))
    assert result.returncode == 2 and "输出文件夹已有内容" in result.stderr
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before


def test_withdrawing_a_recommendation_takes_the_plan_out(demo_course: Path, tmp_path: Path) -> None:
    desk = GradingDesk(demo_course, grader="测试坊主")
    desk.recommend("group_plan", "T0002", recommended=False)
    desk.recommend("group_plan", "T0003")
    try:
        result = _workshop("collection", str(demo_course), "--out", str(tmp_path / "again"))
        assert result.returncode == 0, result.stderr
        assert _ids(_index(tmp_path / "again"), COLLECTIONS[1]) == ["T0001", "T0003"]
    finally:
        desk.recommend("group_plan", "T0003", recommended=False)
        desk.recommend("group_plan", "T0002")
