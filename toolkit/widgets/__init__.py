"""Reusable ipywidgets for course modules and graded instruments (no code typing needed)."""

from toolkit.widgets.quiz import MultipleChoice, Ordering, QuizProgress, SingleChoice
from toolkit.widgets.store import ANSWERS_FILE, AnswerStore

__all__ = [
    "ANSWERS_FILE",
    "AnswerStore",
    "MultipleChoice",
    "Ordering",
    "QuizProgress",
    "SingleChoice",
]
