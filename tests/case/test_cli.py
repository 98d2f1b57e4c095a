"""``workshop case``: exit 0 or 2 with every problem listed, no traceback, nothing half-written."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.case.build import PDF, Form, make_case
from toolkit.cli import main


def test_check_lists_every_problem_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    authors = [(f"作者{i}", "某校", "教师", "") for i in range(4)]
    folder = make_case(
        tmp_path / "c",
        form=Form(authors=authors, overview="概" * 301, signature="", type_line=""),
        materials={"1.pdf": PDF},
    )
    assert main(["case", "check", str(folder)]) == 2
    _, err = capsys.readouterr()
    lines = err.splitlines()
    assert lines[0] == f"错误: {folder} 未通过检查，共 5 个问题："
    assert [line.split("：", 1)[1] for line in lines[1:]] == [
        "作者 4 人，每件案例最多 3 人",
        "案例类型没有勾选（区域教师研修应用案例、校本教师研修应用案例、线上名师名校长工作室建设与应用案例，选其一）",
        "案例概述 301 字，超过 300 字的上限",
        "作者声明没有签名（在“作者签名”后写上姓名或贴上签名图片）",
        "请按内容命名（如“启动会通知.pdf”“校本研修现场.jpg”）",
    ]


def test_new_check_pack_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_case(tmp_path / "c")
    assert main(["--lang", "en", "case", "check", str(folder)]) == 0
    out, _ = capsys.readouterr()
    assert "passes" in out and "first author 王芳" in out
    assert main(["case", "pack", str(folder), "--out", str(tmp_path / "out")]) == 0
    out, _ = capsys.readouterr()
    assert out.startswith(f"已打包 {tmp_path / 'out' / '王芳.zip'}（4 个文件")
    with zipfile.ZipFile(tmp_path / "out" / "王芳.zip") as archive:
        assert archive.testzip() is None


def test_the_installed_command_says_no_traceback(tmp_path: Path) -> None:
    """Through the real entry point: a missing folder and an unknown type are bad input."""
    missing = subprocess.run(
        [sys.executable, "-m", "toolkit", "case", "check", str(tmp_path / "无")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert missing.returncode == 2
    assert "不是案例文件夹，也不是 .zip 压缩包" in missing.stderr
    assert "Traceback" not in missing.stderr
    bad_type = subprocess.run(
        [sys.executable, "-m", "toolkit", "case", "new", str(tmp_path / "n"), "--type", "city"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert bad_type.returncode == 2
    assert "没有“city”这种案例类型（可用：regional, school, studio）" in bad_type.stderr
    assert not (tmp_path / "n").exists()
