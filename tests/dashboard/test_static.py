"""``workshop dashboard COURSE --static OUT``: pages written whole, an earlier export replaced, any
other folder refused with exit 2 and left as it was. The course here counts Guangdong hours."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import roster, workshop
from toolkit.course import init_course
from toolkit.dashboard import ProgressDashboard, export_static
from toolkit.dashboard.static import MARKER
from toolkit.errors import InputError
from toolkit.ledger.course import import_ledger


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("static_course")
    people = roster(base / "r.csv", ["T1,甲,一中,数学,教师", "T2,乙,一中,语文,教师", "T3,丙,二中,数学,教师"])
    init_course(base / "course", roster=people, scheme="guangdong-2021")
    ledger = base / "ledger.csv"
    ledger.write_text(
        "工号,活动编号,类型,学时,佐证\n"
        "T1,a1,教学研讨,,\nT1,a2,研修作业,,\nT1,a3,听课评课,,\n"
        "T1,o1,线下活动,10,照片.jpg\nT1,o2,线下活动,10,照片.jpg\n"
        "T2,a1,教学研讨,,\nT2,o1,线下活动,6,\n",
        encoding="utf-8",
    )
    import_ledger(base / "course", ledger)
    return base / "course"


def test_hours_page_of_a_guangdong_course(course: Path) -> None:
    page = ProgressDashboard(course)
    # T1: 2 + 5 + 5 + 10 + 10 = 32, counted 25; T2: 2 (the offline activity lacks evidence); T3: 0.
    assert "学时目标" in page.hours.value and "1 / 3" in page.hours.value
    bars = list(page.hours_people.frame["计入学时"])
    assert "25 / 25" in bars[0] and "2 / 25" in bars[1] and "0 / 25" in bars[2]
    assert "没有角色考核项目" in page.scores.value
    page.filters.dropdowns["school"].value = "二中"
    assert list(page.hours_people.frame["工号"]) == ["T3"]


def test_export_writes_every_page_and_replaces_an_earlier_one(course: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = export_static(course, out_dir=out)
    assert first.portraits == 3 and first.pages == 6
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert names == [
        "index.html",
        "portraits.html",
        "portraits/T1.html",
        "portraits/T2.html",
        "portraits/T3.html",
        "progress.html",
    ]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "研修坊总览" in index and "data-school='一中'" in index and "http" not in index
    progress = (out / "progress.html").read_text(encoding="utf-8")
    assert "25 / 25" in progress and "学时达标人数" in progress
    assert "href='portraits/T3.html'" in (out / "portraits.html").read_text(encoding="utf-8")
    (out / "index.html").write_text("old", encoding="utf-8")
    export_static(course, out_dir=out)
    assert "研修坊总览" in (out / "index.html").read_text(encoding="utf-8")
    assert (out / MARKER).is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no work folder left behind


def test_a_folder_that_is_not_an_export_is_refused_and_left_alone(course: Path, tmp_path: Path) -> None:
    out = tmp_path / "documents"
    out.mkdir()
    (out / "教案.docx").write_bytes(b"keep me")
    with pytest.raises(InputError, match="不是以前导出的仪表盘"):
        export_static(course, out_dir=out)
    result = workshop("dashboard", str(course), "--static", str(out))
    assert result.returncode == 2 and "documents" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in out.iterdir()] == ["教案.docx"]
    assert (out / "教案.docx").read_bytes() == b"keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents"]


def test_a_folder_that_is_not_a_course_exits_2(tmp_path: Path) -> None:
    result = workshop("dashboard", str(tmp_path), "--static", str(tmp_path / "out"))
    assert result.returncode == 2 and not (tmp_path / "out").exists()
