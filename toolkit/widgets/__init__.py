"""Reusable ipywidgets for course modules and graded instruments (no code typing needed)."""

from toolkit.widgets.form import DesignForm, Reflection
from toolkit.widgets.outputs import outputs_dir, write_document
from toolkit.widgets.progress import module_progress, progress_path
from toolkit.widgets.quiz import MultipleChoice, NumberEntry, Ordering, QuizProgress, SingleChoice
from toolkit.widgets.scenario import ScenarioCards
from toolkit.widgets.selfcheck import SelfCheck
from toolkit.widgets.store import ANSWERS_FILE, AnswerStore

__all__ = [
    "ANSWERS_FILE",
    "AnswerStore",
    "DesignForm",
    "MultipleChoice",
    "NumberEntry",
    "Ordering",
    "QuizProgress",
    "Reflection",
    "ScenarioCards",
    "SelfCheck",
    "SingleChoice",
    "module_progress",
    "outputs_dir",
    "progress_path",
    "write_document",
]
