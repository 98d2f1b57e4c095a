"""A4 resource library: duplicates, missing files, search, add/archive, export, bad catalogues."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import upload
from toolkit.errors import InputError
from toolkit.library import ResourceLibrary, ResourceLibraryManager, export_xlsx, normalised_title
from toolkit.modules import sample_path

SAMPLE = sample_path("resources.csv").parent


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


@pytest.fixture
def library(tmp_path: Path) -> ResourceLibrary:
    return ResourceLibrary.from_sample(tmp_path / "lib", SAMPLE)


def test_duplicates_by_content_and_by_title(library: ResourceLibrary) -> None:
    groups = [(reason, sorted(r.id for r in members)) for reason, members in library.duplicates()]
    assert groups == [
        ("文件内容相同", ["1", "2"]),
        ("文件内容相同", ["4", "5"]),
        ("标题几乎相同", ["12", "14"]),
    ]
    assert normalised_title("一元一次方程 概念 微课讲义（副本）") == normalised_title(
        "一元一次方程概念微课讲义"
    )


def test_missing_files_are_found_and_web_links_are_not_checked(library: ResourceLibrary) -> None:
    assert [r.id for r in library.missing_files()] == ["13"]
    library.add(title="国家中小学智慧教育平台·方程微课", file="https://example.org/lesson")
    assert [r.id for r in library.missing_files()] == ["13"]


def test_search_combines_text_and_filters(library: ResourceLibrary) -> None:
    assert list(library.search("方程")["id"]) == ["1", "2"]
    assert list(library.search(subject="物理", point="B3")["id"]) == ["12", "14"]
    assert list(library.search(point="探究型学习活动设计")["id"]) == ["8", "12", "14"]  # by name too
    assert library.search("方程", subject="语文").empty
    assert library.values("licence") == sorted(
        {"校内共享", "CC BY 4.0", "CC BY-NC 4.0", "仅限本校", "来源待核实"}
    )


def test_add_copies_the_file_and_archive_keeps_the_record(library: ResourceLibrary, tmp_path: Path) -> None:
    source = tmp_path / "分数乘法.md"
    source.write_text("# 分数乘法", encoding="utf-8")
    added = library.add(
        title="分数乘法微课", subject="数学", grade="五年级", kind="微课视频", point="B2", file=source
    )
    assert added.id == "15" and added.file == "resources/分数乘法.md"
    assert (library.folder / added.file).read_text(encoding="utf-8") == "# 分数乘法"
    with pytest.raises(ValueError, match="同名文件"):
        library.add(title="again", file=source)
    with pytest.raises(ValueError, match="不是微能力点"):
        library.add(title="x", point="Z9")
    library.archive("1")
    reopened = ResourceLibrary(library.folder)
    assert [r.status for r in reopened.resources if r.id == "1"] == ["已归档"]
    assert "1" not in set(reopened.search()["id"]) and len(reopened.resources) == 15
    assert (library.folder / "resources" / "equation_intro.md").exists()


@pytest.mark.parametrize(
    ("catalogue", "message", "row", "column"),
    [
        ("编号,标题,微能力点\n1,甲,A1\n1,乙,A2\n", "编号 1 重复", 3, "编号 (A)"),
        ("编号,标题,微能力点\n1,甲,Z1\n", "“Z1”不是微能力点", 2, "微能力点 (C)"),
        ("编号,标题\n1,\n", "必填", 2, "标题 (B)"),
    ],
)
def test_bad_catalogue_names_row_and_column(
    tmp_path: Path, catalogue: str, message: str, row: int, column: str
) -> None:
    (tmp_path / "resources.csv").write_text(catalogue, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        ResourceLibrary(tmp_path)
    assert message in caught.value.message and caught.value.row == row and caught.value.column == column


def test_xlsx_export_is_formatted(library: ResourceLibrary, tmp_path: Path) -> None:
    path = export_xlsx(library.resources, tmp_path / "catalogue.xlsx")
    sheet = load_workbook(path).active
    assert sheet.title == "资源目录" and sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]][:3] == ["编号", "标题", "学科"] and sheet["A1"].font.bold
    assert sheet.max_row == 15 and sheet["B2"].value == "一元一次方程概念微课讲义"


def test_widget_filters_adds_checks_and_exports(tmp_path: Path) -> None:
    widget = ResourceLibraryManager()
    assert "共 14 条资源" in widget.count.value
    widget.filters["subject"].value = "数学"
    widget.text.value = "期中"
    assert "共 2 条资源" in widget.count.value
    widget.new["title"].value = "期中复习微课"
    widget.new["subject"].value = "数学"
    widget.new["point"].value = "B2"
    widget.upload.value = upload("review.md", b"abc")
    widget.add_button.click()
    assert "已添加：15 期中复习微课" in widget.add_message.value and "共 3 条资源" in widget.count.value
    assert (tmp_path / "outputs" / "resource_library" / "resources" / "review.md").read_bytes() == b"abc"
    widget.duplicates_button.click()
    assert widget.check_result.value.count("<li>") == 3
    widget.files_button.click()
    assert "orbit_missing.html" in widget.check_result.value
    widget.export_button.click()
    assert load_workbook(tmp_path / "outputs" / "A4_resource_catalogue.xlsx").active.max_row == 16


def test_widget_archives_without_deleting(tmp_path: Path) -> None:
    widget = ResourceLibraryManager()
    widget.archive_pick.value = "2"
    widget.archive_button.click()
    assert "已归档：2" in widget.check_result.value and "共 13 条资源" in widget.count.value
    catalogue = (tmp_path / "outputs" / "resource_library" / "resources.csv").read_text(encoding="utf-8-sig")
    assert "2,一元一次方程 概念 微课讲义（副本）" in catalogue and "已归档" in catalogue
    assert (tmp_path / "outputs" / "resource_library" / "resources" / "equation_intro_copy.md").exists()
