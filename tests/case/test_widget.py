"""The case-writing page, headless: live counts and warnings, material, export that the CLI accepts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.case.build import PDF, PNG
from tests.conftest import upload
from toolkit.case import check_case
from toolkit.case.widget import CaseWriter


def _fill(writer: CaseWriter) -> None:
    writer.name.value = "依托平台开展校本研修的实践"
    writer.case_type.value = "school"
    for box, value in zip(writer.authors[0], ("王芳", "某某中学", "高级教师", "13800000001"), strict=True):
        box.value = value
    writer.overview.value = "本校依托平台开展常态化校本研修。"
    writer.signature.value = "王芳"
    writer.original.value = True
    writer.publish.value = True
    writer.recommend.value = True
    for name, box in writer.sections.items():
        box.value = f"{name}的内容。"


def _upload(writer: CaseWriter, name: str, data: bytes) -> None:
    writer.material_upload.value = upload(name, data)
    writer.add_button.click()


def test_counts_and_missing_sections_follow_the_typing(tmp_path: Path) -> None:
    writer = CaseWriter(folder=tmp_path)
    assert "概述 0 / 300 字" in writer.overview_count.value
    assert "尚缺：基本情况、过程与举措、经验与成效、特色与创新" in writer.section_warning.value
    writer.overview.value = "研" * 301
    assert "概述 301 / 300 字" in writer.overview_count.value and "#c62828" in writer.overview_count.value
    assert "案例概述 301 字，超过 300 字的上限" in writer.status.value
    _fill(writer)
    writer.sections["特色与创新"].value = ""
    assert "尚缺：特色与创新" in writer.section_warning.value
    assert "缺少“特色与创新”部分" in writer.status.value
    writer.sections["特色与创新"].value = "特色。"
    assert "四个部分都已填写" in writer.section_warning.value
    # title + 4 headings + 4 sentences, counted as Word would
    assert "正文 " in writer.document_count.value


def test_a_studio_case_reminds_of_the_host(tmp_path: Path) -> None:
    writer = CaseWriter(folder=tmp_path)
    _fill(writer)
    writer.case_type.value = "studio"
    assert "工作室主持人" in writer.host_hint.value
    assert "作者中须有工作室主持人" in writer.status.value
    writer.authors[0][2].value = "工作室主持人"
    assert "作者中须有工作室主持人" not in writer.status.value


def test_export_writes_a_package_the_command_accepts(tmp_path: Path) -> None:
    writer = CaseWriter(folder=tmp_path)
    _fill(writer)
    assert writer.export() is None  # no material yet
    assert "没有相关支撑材料" in writer.result.value
    _upload(writer, "校本研修制度.pdf", PDF)
    _upload(writer, "IMG_0001.png", PNG)
    assert "请按内容命名" in writer.material_list.value
    writer.material_choice.value = "IMG_0001.png"
    writer.withdraw_button.click()
    assert (tmp_path / "已撤下" / "IMG_0001.png").is_file()  # withdrawn, not deleted
    _upload(writer, "研修活动照片.png", PNG)
    assert "信息表和文档已符合要求" in writer.status.value
    package = writer.export()
    assert package == tmp_path / "案例包" / "王芳.zip"
    assert "download=" in writer.result.value
    command = subprocess.run(
        [sys.executable, "-m", "toolkit", "case", "check", str(package)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert command.returncode == 0, command.stderr
    assert check_case(package).document_chars == writer.document().characters


def test_the_draft_survives_a_new_page(tmp_path: Path) -> None:
    writer = CaseWriter(folder=tmp_path)
    _fill(writer)
    again = CaseWriter(folder=tmp_path)
    assert again.name.value == "依托平台开展校本研修的实践"
    assert again.case_type.value == "school"
    assert again.sections["经验与成效"].value == "经验与成效的内容。"
    assert again.publish.value is True


def test_an_uploaded_word_document_replaces_the_boxes(tmp_path: Path) -> None:
    from tests.case.build import section_paragraphs, write_document

    writer = CaseWriter(folder=tmp_path)
    _fill(writer)
    source = tmp_path / "mine.docx"
    write_document(source, section_paragraphs(skip=["经验与成效"]))
    data = source.read_bytes()
    writer.document_upload.value = upload("我的案例.docx", data)
    writer.use_upload.click()
    assert writer.uploaded_document
    assert "尚缺：经验与成效" in writer.section_warning.value
    assert all(box.disabled for box in writer.sections.values())
    writer.write_here.click()
    assert not writer.uploaded_document
    assert (tmp_path / "已撤下" / "案例介绍文档.docx").is_file()
    assert "四个部分都已填写" in writer.section_warning.value
