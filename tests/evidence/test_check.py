"""Evidence files are judged by their content, size and length, never by their names alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.demo.files import docx_bytes, mp4_bytes, pdf_bytes, png_bytes
from toolkit.evidence import check_evidence
from toolkit.evidence.check import assignment_rubric, check_file, evidence_folder
from toolkit.evidence.files import content_format, mp4_minutes
from toolkit.rubric import FileRule, load_point_rubric
from toolkit.rubric.catalogue import shipped_rubric_path

DOCUMENTS = FileRule(formats=("pdf", "docx", "md", "png", "jpg"), max_mb=1)
VIDEO = FileRule(formats=("mp4",), max_mb=50, max_minutes=5)


@pytest.mark.parametrize(
    ("name", "data", "found"),
    [
        ("a.pdf", pdf_bytes("report"), "pdf"),
        ("a.docx", docx_bytes(["段落"]), "docx"),
        ("a.png", png_bytes(), "png"),
        ("a.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpg"),
        ("a.mp4", mp4_bytes(60), "mp4"),
        ("a.md", "# 学情分析\n".encode("gb18030"), "text"),
        ("a.doc", b"<html><body>exported</body></html>", "doc"),
        ("a.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", None),
        ("a.docx", b"PK\x03\x04 not really a zip", None),
    ],
)
def test_the_format_is_read_from_the_content(
    tmp_path: Path, name: str, data: bytes, found: str | None
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert content_format(path) == found


def test_a_genuine_file_passes(tmp_path: Path) -> None:
    path = tmp_path / "方案.pdf"
    path.write_bytes(pdf_bytes("plan"))
    check = check_file(path, DOCUMENTS)
    assert check.ok and check.name == "方案.pdf"


def test_a_program_renamed_to_pdf_is_refused_as_not_what_its_name_says(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"MZ\x90\x00" + b"\x00" * 200)
    assert check_file(path, DOCUMENTS).problems == (
        "文件内容不是扩展名所说的 pdf 格式，可能已损坏或改过扩展名",
    )


def test_a_format_the_item_does_not_accept_is_named(tmp_path: Path) -> None:
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK\x03\x04")
    (problem,) = check_file(path, DOCUMENTS).problems
    assert "pptx" in problem and "pdf、docx" in problem


def test_a_file_above_the_size_limit_says_both_sizes(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    path.write_bytes(png_bytes() + b"\x00" * (2 * 1024 * 1024))
    (problem,) = check_file(path, DOCUMENTS).problems
    assert "2.0 MB" in problem and "上限 1 MB" in problem


def test_video_length_is_read_from_the_header(tmp_path: Path) -> None:
    short, long = tmp_path / "short.mp4", tmp_path / "long.mp4"
    short.write_bytes(mp4_bytes(240))
    long.write_bytes(mp4_bytes(7.5 * 60))
    assert mp4_minutes(short) == pytest.approx(4.0)
    assert check_file(short, VIDEO).ok
    (problem,) = check_file(long, VIDEO).problems
    assert "7.5 分钟" in problem and "上限 5 分钟" in problem


def test_a_video_whose_length_cannot_be_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cut.mp4"
    path.write_bytes(mp4_bytes(60)[:40])  # the moov box is cut off
    assert mp4_minutes(path) is None
    assert check_file(path, VIDEO).problems == ("读不出视频时长，请用常见软件重新导出为 MP4",)


def test_links_and_folders_are_not_evidence(tmp_path: Path) -> None:
    secret = tmp_path / "gradebook.pdf"
    secret.write_bytes(pdf_bytes("x"))
    link = tmp_path / "link.pdf"
    link.symlink_to(secret)
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    assert not check_file(link, DOCUMENTS).ok and not check_file(folder, DOCUMENTS).ok


def test_evidence_items_are_complete_only_with_a_valid_file(tmp_path: Path) -> None:
    rubric = load_point_rubric("A1")
    statuses = {s.criterion.id: s for s in check_evidence(tmp_path, rubric)}
    assert {key: s.complete for key, s in statuses.items()} == {
        "analysis_plan": False,
        "analysis_report": False,
    }
    assert statuses["analysis_plan"].summary() == "还没有提交文件"
    plan = evidence_folder(tmp_path, "analysis_plan")
    plan.mkdir(parents=True)
    (plan / "方案.pdf").write_bytes(pdf_bytes("plan"))
    (plan / ".hidden.pdf").write_bytes(b"ignored")
    report = evidence_folder(tmp_path, "analysis_report")
    report.mkdir(parents=True)
    (report / "report.pdf").write_bytes(b"MZ fake")
    statuses = {s.criterion.id: s for s in check_evidence(tmp_path, rubric)}
    assert statuses["analysis_plan"].complete and statuses["analysis_plan"].summary() == "✓"
    assert [f.name for f in statuses["analysis_plan"].files] == ["方案.pdf"]
    assert not statuses["analysis_report"].complete
    assert statuses["analysis_report"].summary() == "需要至少 1 个合格文件，现有 0 个"


def test_optional_evidence_left_out_is_complete_but_a_bad_file_for_it_is_not(tmp_path: Path) -> None:
    rubric = load_point_rubric("B1")
    optional = next(c for c in rubric.criteria if c.files and not c.files.required)
    status = next(s for s in check_evidence(tmp_path, rubric) if s.criterion.id == optional.id)
    assert status.complete and status.summary() == "可选证据，尚未提交（不算缺交）"
    folder = evidence_folder(tmp_path, optional.id)
    folder.mkdir(parents=True)
    (folder / f"x.{optional.files.formats[0]}").write_bytes(b"\x00\x01 not the format")
    status = next(s for s in check_evidence(tmp_path, rubric) if s.criterion.id == optional.id)
    assert not status.complete


def test_a_linked_evidence_folder_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "方案.pdf").write_bytes(pdf_bytes("plan"))
    (tmp_path / "work" / "evidence").mkdir(parents=True)
    (tmp_path / "work" / "evidence" / "analysis_plan").symlink_to(elsewhere)
    status = check_evidence(tmp_path / "work", load_point_rubric("A1"))[0]
    assert status.files == () and not status.complete


def test_the_rubric_beside_the_notebook_is_the_one_used(tmp_path: Path) -> None:
    assert assignment_rubric("A1", tmp_path) == load_point_rubric("A1")
    text = shipped_rubric_path("A1").read_text(encoding="utf-8")
    (tmp_path / "rubric.yaml").write_text(
        text.replace("name: 学情分析报告\n", "name: 学情报告（本校）\n"), "utf-8"
    )
    names = [c.name for c in assignment_rubric("A1", tmp_path).criteria]
    assert names == ["学情分析方案", "学情报告（本校）"]
