"""B1 quiz paper in the teacher's language: the paper students sit (and, for the teacher, the key)."""

from __future__ import annotations

from pathlib import Path

from toolkit.classroom.quizbuilder.model import KEY_COLUMNS, LETTERS, QuizDraft, points_text
from toolkit.i18n import add_messages, t
from toolkit.work.outputs import write_document
from toolkit.work.progress import record_output

add_messages(
    {
        "quizbuilder.paper_summary": {
            "zh": "共 {count} 题，满分 {total} 分。每题只有一个正确答案。",
            "en": "{count} questions, {total} points. Each has one right answer.",
        },
        "quizbuilder.paper_points": {"zh": "（{points} 分）", "en": " ({points} pts)"},
        "quizbuilder.paper_key": {"zh": "参考答案", "en": "Key"},
    }
)


def points_label(points: float) -> str:
    """A question's points as printed after its prompt: （5 分）."""
    return t("quizbuilder.paper_points", points=points_text(points))


def paper_markdown(draft: QuizDraft, *, with_key: bool = False) -> str:
    """The paper for students as Markdown (``with_key`` adds a key table for the teacher)."""
    lines = [
        f"# {draft.title}",
        "",
        t("quizbuilder.paper_summary", count=len(draft.questions), total=draft.total),
        "",
    ]
    for number, q in enumerate(draft.questions, start=1):
        lines.append(f"**{number}.** {q.prompt}{points_label(q.points)}")
        lines.append("")
        lines.extend(f"- {letter}. {option}" for letter, option in zip(LETTERS, q.options, strict=False))
        lines.append("")
    if with_key:
        lines += [f"## {t('quizbuilder.paper_key')}", "", "| " + " | ".join(KEY_COLUMNS) + " |"]
        lines.append("|---|---|---|---|")
        for row in draft.key_frame().itertuples(index=False):
            lines.append("| " + " | ".join(str(v) for v in row) + " |")
        lines.append("")
    return "\n".join(lines)


def export_paper(draft: QuizDraft, code: str) -> tuple[Path, Path]:
    """Write the paper as outputs/<code>_quiz_paper.md and a Word-compatible .doc; note it in the progress."""
    md_path, doc_path = write_document(f"{code}_quiz_paper", paper_markdown(draft), title=draft.title)
    record_output(code, "quiz_paper", md_path)
    return md_path, doc_path
