"""Reusable ipywidgets for course modules and graded instruments (no code typing needed).

What they save (answers, module progress, output documents) lives in ``toolkit.work``.
"""

from toolkit.widgets.form import DesignForm, Reflection
from toolkit.widgets.quiz import MultipleChoice, NumberEntry, Ordering, QuizProgress, SingleChoice
from toolkit.widgets.scenario import ScenarioCards
from toolkit.widgets.selfcheck import SelfCheck

__all__ = [
    "DesignForm",
    "MultipleChoice",
    "NumberEntry",
    "Ordering",
    "QuizProgress",
    "Reflection",
    "ScenarioCards",
    "SelfCheck",
    "SingleChoice",
]
