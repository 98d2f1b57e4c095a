"""B1 quizzes: questions, the key and scoring (model), the paper (report), and the quiz builder."""

from toolkit.classroom.quizbuilder.model import (
    Problem,
    Question,
    QuizDraft,
    QuizResults,
    problem_text,
    read_key,
    score_responses,
)
from toolkit.classroom.quizbuilder.report import paper_markdown
from toolkit.lazy import lazy_attributes

__all__ = [
    "Problem",
    "Question",
    "QuizBuilder",
    "QuizDraft",
    "QuizResults",
    "paper_markdown",
    "problem_text",
    "read_key",
    "score_responses",
]

# The builder loads ipywidgets, so it is imported only when asked for.
__getattr__ = lazy_attributes(__name__, {"QuizBuilder": "toolkit.classroom.quizbuilder.widget"})
