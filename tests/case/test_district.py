"""A district's set against the quota (1 regional + 7 school-based + 2 studio), first review, studios."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.case.build import Form, make_case
from toolkit.case import pack_case
from toolkit.cli import main

STUDIO_HOSTS = ("张华", "陈静")


def _form(number: int, case_type: str) -> Form:
    first = STUDIO_HOSTS[number % 2] if case_type == "studio" else f"教师{number:02d}"
    title = "工作室主持人" if case_type == "studio" else "一级教师"
    return Form(
        name=f"平台赋能研修案例{number:02d}",
        authors=[(first, f"某区第{number}中学", title, f"1380000{number:04d}")],
        case_type=case_type,
        signature=first,
    )


@pytest.fixture
def district(tmp_path: Path) -> Path:
    """Ten good cases, a few as packages, the studios registered, every case passed at review."""
    folder = tmp_path / "某区报送"
    folder.mkdir()
    types = ["regional"] + ["school"] * 7 + ["studio"] * 2
    for number, case_type in enumerate(types, start=1):
        if number % 3 == 0:  # some schools send a zip
            source = make_case(tmp_path / "学校" / f"case{number}", form=_form(number, case_type))
            pack_case(source, out=folder)
        else:
            make_case(folder / f"案例{number:02d}", form=_form(number, case_type))
    with (folder / "工作室登记.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["工作室名称", "主持人", "年度贡献值", "直播次数"])
        writer.writerow(["张华名师工作室", "张华", "135", "2"])
        writer.writerow(["陈静名师工作室", "陈静", "100", "1"])
    for entry in sorted(p.name for p in folder.iterdir() if p.name != "工作室登记.csv"):
        assert main(["case", "review", str(folder), entry, "--passed", "--reviewer", "周老师"]) == 0
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["case", "district", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_one_seven_two_good_cases_pass(
    district: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    capsys.readouterr()
    code, out, err = run(capsys, str(district), "--out", str(tmp_path / "清单.xlsx"))
    assert code == 0, err
    assert "可以报送：10 个案例计入名额，全部已初评。" in out
    assert "校本教师研修应用案例：至少 7，可计入 7" in out
    book = load_workbook(tmp_path / "清单.xlsx")
    assert book.sheetnames == ["案例清单", "名额", "问题"]
    rows = list(book["案例清单"].values)
    assert rows[0][:4] == ("序号", "案例类型", "案例名称", "第一作者")
    assert len(rows) == 11
    assert {r[rows[0].index("初评人")] for r in rows[1:]} == {"周老师"}
    assert book["案例清单"].page_setup.orientation == "landscape"
    assert book["案例清单"].print_title_rows == "$1:$1"


def test_one_school_case_short_names_the_type_and_the_number(
    district: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (district / "案例02").rename(district.parent / "案例02")  # a school-based case not sent
    capsys.readouterr()
    code, out, err = run(capsys, str(district))
    assert code == 2
    assert "校本教师研修应用案例（校本）：至少 7 个，可计入 6 个，还差 1 个" in err
    assert "合计：至少 10 个，可计入 9 个，还差 1 个" in err
    assert "Traceback" not in err


def test_a_disqualified_case_does_not_count(district: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["case", "review", str(district), "案例04", "--disqualified", "非原创", "--reviewer", "吴老师"])
        == 0
    )
    out, _ = capsys.readouterr()
    assert "取消资格（非原创），初评人 吴老师" in out
    code, out, err = run(capsys, str(district))
    assert code == 2
    assert "校本教师研修应用案例（校本）：至少 7 个，可计入 6 个，还差 1 个" in err
    # The record keeps both decisions, who and when.
    rows = list(csv.reader((district / "初评记录.csv").read_text(encoding="utf-8-sig").splitlines()))
    on_case = [r for r in rows if r[2] == "案例04"]
    assert [r[3] for r in on_case] == ["通过", "取消资格"]
    assert on_case[-1][4:7] == ["非原创", "", "吴老师"]
    # Passed again on appeal: the latest decision counts.
    assert main(["case", "review", str(district), "案例04", "--passed", "--reviewer", "周老师"]) == 0
    capsys.readouterr()
    assert run(capsys, str(district))[0] == 0


def test_a_reason_outside_the_calls_list_is_refused(
    district: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (district / "初评记录.csv").read_bytes()
    assert main(["case", "review", str(district), "案例04", "--disqualified", "写得不好"]) == 2
    _, err = capsys.readouterr()
    assert "“写得不好”不是取消资格的原因" in err and "政治原则性错误" in err
    assert (district / "初评记录.csv").read_bytes() == before


def test_duplicates_unreviewed_and_studios(
    district: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    make_case(district / "案例02-副本", form=_form(2, "school"))  # the same case sent twice
    make_case(district / "新来的案例", form=_form(11, "school"))  # not reviewed yet
    register = district / "工作室登记.csv"
    register.write_text(
        register.read_text(encoding="utf-8-sig").replace("陈静,100,1", "陈静,99,0"), encoding="utf-8-sig"
    )
    capsys.readouterr()
    code, _, err = run(capsys, str(district))
    assert code == 2
    assert (
        "案例02-副本 与 案例02 是同一案例（第一作者 教师02，《平台赋能研修案例02》），只计一次，请删去其一"
        in err
    )
    assert "还有 1 个案例未初评：新来的案例" in err
    assert "工作室年度贡献值 99，不足 100" in err
    assert "工作室全年直播 0 次，不足 1 次" in err
    assert "线上名师名校长工作室建设与应用案例（工作室）：至少 2 个，可计入 1 个，还差 1 个" in err


def test_studio_cases_need_the_register(district: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (district / "工作室登记.csv").unlink()
    capsys.readouterr()
    code, _, err = run(capsys, str(district))
    assert code == 2
    assert err.count("请在区级文件夹中放入“工作室登记.xlsx”") == 2


def test_a_bad_register_names_the_cell(district: Path, capsys: pytest.CaptureFixture[str]) -> None:
    register = district / "工作室登记.csv"
    register.write_text(register.read_text(encoding="utf-8-sig").replace("135", "很多"), encoding="utf-8-sig")
    capsys.readouterr()
    code, _, err = run(capsys, str(district))
    assert code == 2
    assert (
        "工作室登记.csv" in err and "第 2 行" in err and "年度贡献值 (C)" in err and "“很多”不是数字" in err
    )
