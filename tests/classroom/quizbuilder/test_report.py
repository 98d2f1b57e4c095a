"""The B1 paper in words: what students see, the teacher's key table, and the export."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.classroom.quizbuilder.model import Question, QuizDraft
from toolkit.classroom.quizbuilder.report import export_paper, paper_markdown
from toolkit.i18n import set_language
from toolkit.work.progress import module_progress

DRAFT = QuizDraft(
    "随堂检测",
    [
        Question("方程 2x + 3 = 7 的解是", ("x = 1", "x = 2"), "B", "解方程", 5),
        Question("把 3(x - 1) = 6 去括号，得", ("3x - 1 = 6", "3x - 3 = 6"), "B", "去括号", 2.5),
    ],
)


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("WORKSHOP_PROGRESS", str(tmp_path / "progress.json"))


def test_the_paper_has_the_questions_and_no_key() -> None:
    paper = paper_markdown(DRAFT)
    assert paper.startswith("# 随堂检测\n\n共 2 题，满分 7.5 分。每题只有一个正确答案。\n")
    assert "**2.** 把 3(x - 1) = 6 去括号，得（2.5 分）" in paper and "- B. 3x - 3 = 6" in paper
    assert "题号" not in paper


def test_the_teachers_copy_carries_the_key_table() -> None:
    paper = paper_markdown(DRAFT, with_key=True)
    assert "## 参考答案" in paper
    assert "| 题号 | 答案 | 知识点 | 分值 |" in paper and "| Q2 | B | 去括号 | 2.5 |" in paper


def test_export_writes_markdown_and_doc(tmp_path: Path) -> None:
    md_path, doc_path = export_paper(DRAFT, "B1")
    assert md_path == tmp_path / "outputs" / "B1_quiz_paper.md" and doc_path.exists()
    assert md_path.read_text(encoding="utf-8") == paper_markdown(DRAFT)
    assert module_progress("B1").outputs == 1


def test_the_words_follow_the_language() -> None:
    set_language("en")
    paper = paper_markdown(DRAFT)
    assert "2 questions, 7.5 points." in paper and "去括号，得 (2.5 pts)" in paper
