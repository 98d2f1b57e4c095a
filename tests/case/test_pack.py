"""Packing: one zip named after the first author, Chinese names intact, nothing over 100 MB written."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from tests.case.build import PDF, Form, make_case, mp4
from toolkit.case import CaseRejected, check_case, new_case, pack_case
from toolkit.errors import InputError

MB = 1024 * 1024


def test_a_packed_case_reopens_with_its_three_parts(tmp_path: Path) -> None:
    folder = make_case(
        tmp_path / "案例" / "王芳的案例",
        materials={"校本研修制度.pdf": PDF, "课例/研修课堂实录.mp4": mp4(20)},
    )
    path = pack_case(folder, out=tmp_path / "报送")
    assert path == tmp_path / "报送" / "王芳.zip"
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        names = sorted(i.filename for i in infos)
        # Bit 11: names are UTF-8, which is how Windows' own unzipping reads Chinese names.
        assert all(i.flag_bits & 0x800 for i in infos)
        assert archive.read("王芳/支撑材料/校本研修制度.pdf") == PDF
    assert names == [
        "王芳/支撑材料/校本研修制度.pdf",
        "王芳/支撑材料/课例/研修课堂实录.mp4",
        "王芳/案例介绍文档.docx",
        "王芳/案例信息表.docx",
    ]
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(path) as archive:
        archive.extractall(unpacked)
    assert check_case(unpacked / "王芳").ok
    assert check_case(path).ok  # the package itself is checked the same way


def test_101_mb_of_material_is_refused_with_nothing_written(tmp_path: Path) -> None:
    folder = make_case(tmp_path / "c", materials={"研修课堂实录.mp4": mp4(30)})
    with (folder / "支撑材料" / "研修课堂实录.mp4").open("r+b") as video:
        video.truncate(101 * MB)  # sparse: the size is real, the disk is spared
    out = tmp_path / "报送"
    with pytest.raises(CaseRejected) as refused:
        pack_case(folder, out=out)
    assert any("超过 100 MB 的上限" in p for p in refused.value.problems)
    assert not out.exists()


def test_a_case_just_under_the_limit_passes_the_size_check(tmp_path: Path) -> None:
    folder = make_case(tmp_path / "c", materials={"研修课堂实录.mp4": mp4(30)})
    others = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    with (folder / "支撑材料" / "研修课堂实录.mp4").open("r+b") as video:
        video.truncate(100 * MB - others + os.path.getsize(folder / "支撑材料" / "研修课堂实录.mp4") - 1)
    assert check_case(folder).total_bytes == 100 * MB - 1
    assert check_case(folder).ok


def test_a_case_with_problems_is_not_packed(tmp_path: Path) -> None:
    folder = make_case(tmp_path / "c", form=Form(signature=""))
    with pytest.raises(CaseRejected):
        pack_case(folder, out=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_repacking_replaces_the_same_case_but_never_another(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = pack_case(make_case(tmp_path / "a"), out=out)
    again = pack_case(make_case(tmp_path / "a2"), out=out)  # the same case, packed again
    assert again == first
    other = make_case(tmp_path / "b", form=Form(name="另一件案例"))
    before = first.read_bytes()
    with pytest.raises(InputError, match="另一件案例的同名压缩包|another case"):
        pack_case(other, out=out)
    assert first.read_bytes() == before


def test_new_case_makes_the_official_form_and_a_skeleton(tmp_path: Path) -> None:
    folder = new_case(tmp_path / "新案例", case_type="studio")
    result = check_case(folder)
    assert result.type_id == "studio"
    assert (
        result.document is not None
        and result.document.missing_sections(("基本情况", "过程与举措", "经验与成效", "特色与创新")) == []
    )
    assert set(result.problems) >= {
        "新案例/案例信息表.docx：案例名称未填写",
        "新案例/案例信息表.docx：作者信息未填写",
        "新案例：没有相关支撑材料（放在“支撑材料”文件夹中）",
    }
    with pytest.raises(InputError):
        new_case(folder)  # never over a folder that holds something


def test_a_zip_made_on_chinese_windows_without_the_utf8_flag(tmp_path: Path) -> None:
    folder = make_case(tmp_path / "c")
    path = tmp_path / "李老师.zip"
    # zipfile would write UTF-8 names with the flag; write ASCII stand-ins of the same length
    # and put the GBK bytes in their place, as Windows' own "send to compressed folder" does.
    names = {}
    with zipfile.ZipFile(path, "w") as archive:
        for number, file in enumerate(sorted(p for p in folder.rglob("*") if p.is_file())):
            gbk = file.relative_to(folder).as_posix().encode("gbk")
            stand_in = f"~{number:03d}".ljust(len(gbk), "~").encode()
            names[stand_in] = gbk
            archive.writestr(stand_in.decode(), file.read_bytes())
    data = path.read_bytes()
    for stand_in, gbk in names.items():
        data = data.replace(stand_in, gbk)
    path.write_bytes(data)
    with zipfile.ZipFile(path) as archive:
        assert not any(i.flag_bits & 0x800 for i in archive.infolist())
    result = check_case(path)
    assert result.ok, result.problems
    assert "李老师.zip/支撑材料/校本研修制度.pdf" in result.files


def test_a_zip_reaching_outside_its_folder_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "坏.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../../etc/evil.txt", b"x")
    with pytest.raises(InputError, match="文件夹之外|outside"):
        check_case(path)
    assert not (tmp_path.parent.parent / "etc" / "evil.txt").exists()
