"""The evidence board driven headless, as a teacher would click it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import upload
from toolkit.demo.files import docx_bytes, pdf_bytes
from toolkit.evidence import EvidenceBoard
from toolkit.evidence.widget import WITHDRAWN_ENV
from toolkit.work.outputs import OUTPUTS_ENV


@pytest.fixture
def board(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> EvidenceBoard:
    monkeypatch.setenv(OUTPUTS_ENV, str(tmp_path / "outputs"))
    monkeypatch.setenv(WITHDRAWN_ENV, str(tmp_path / "withdrawn"))
    (tmp_path / "task_A1").mkdir()
    return EvidenceBoard("A1", folder=tmp_path / "task_A1")


def test_the_board_lists_the_rubric_tasks_and_evidence(board: EvidenceBoard) -> None:
    headings = " ".join(getattr(child, "value", "") for child in board.children)
    assert "任务1：设计学情分析方案" in headings and "任务2：实施分析并撰写学情分析报告" in headings
    assert "草案" in headings
    assert list(board.items) == ["analysis_plan", "analysis_report"]
    assert "证据齐全 0 / 2 项" in board.summary.value


def test_upload_check_and_complete(board: EvidenceBoard, tmp_path: Path) -> None:
    plan, report = board.items["analysis_plan"], board.items["analysis_report"]
    plan.upload.value = upload("方案.pdf", pdf_bytes("plan"))
    plan.add_button.click()
    saved = tmp_path / "task_A1" / "evidence" / "analysis_plan" / "方案.pdf"
    assert saved.read_bytes().startswith(b"%PDF-")
    assert plan.upload.value == () and "已放入：方案.pdf" in plan.message.value
    assert "证据齐全 1 / 2 项" in board.summary.value
    report.upload.value = upload("report.pdf", b"MZ\x90\x00 a program")
    report.add_button.click()
    assert "文件内容不是扩展名所说的 pdf 格式" in report.status.value
    assert "证据齐全 1 / 2 项" in board.summary.value
    report.upload.value = upload("报告.docx", docx_bytes(["结论"]))
    report.add_button.click()
    assert "全部证据已齐全" in board.summary.value


def test_a_second_file_of_the_same_name_is_numbered_not_overwritten(
    board: EvidenceBoard, tmp_path: Path
) -> None:
    plan = board.items["analysis_plan"]
    for text in ("first", "second"):
        plan.upload.value = upload("方案.pdf", pdf_bytes(text))
        plan.add_button.click()
    folder = tmp_path / "task_A1" / "evidence" / "analysis_plan"
    assert sorted(p.name for p in folder.iterdir()) == ["方案-2.pdf", "方案.pdf"]
    assert b"first" in (folder / "方案.pdf").read_bytes()


def test_withdraw_moves_the_file_to_the_archive_and_never_deletes_it(
    board: EvidenceBoard, tmp_path: Path
) -> None:
    plan = board.items["analysis_plan"]
    plan.upload.value = upload("方案.pdf", pdf_bytes("keep me"))
    plan.add_button.click()
    plan.files.value = "方案.pdf"
    plan.withdraw_button.click()
    assert not (tmp_path / "task_A1" / "evidence" / "analysis_plan" / "方案.pdf").exists()
    (kept,) = (tmp_path / "withdrawn" / "analysis_plan").iterdir()
    assert kept.name.endswith("-方案.pdf") and b"keep me" in kept.read_bytes()
    assert "没有删除" in plan.message.value and "证据齐全 0 / 2 项" in board.summary.value


def test_a_module_product_in_outputs_can_be_used_as_evidence(board: EvidenceBoard, tmp_path: Path) -> None:
    (tmp_path / "outputs").mkdir(exist_ok=True)
    (tmp_path / "outputs" / "A1-学情分析报告.md").write_text("# 报告\n", encoding="utf-8")
    (tmp_path / "outputs" / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    board.refresh()
    report = board.items["analysis_report"]
    assert report.outputs.options == ("A1-学情分析报告.md",)  # the PNG is not a format this item takes
    report.outputs.value = "A1-学情分析报告.md"
    report.copy_button.click()
    assert (tmp_path / "task_A1" / "evidence" / "analysis_report" / "A1-学情分析报告.md").is_file()
    assert (tmp_path / "outputs" / "A1-学情分析报告.md").is_file()
    assert "✓" in report.status.value
