"""Classroom tools used by the course modules, one subpackage each, built in layers.

Each tool has a ``model`` (the computation: pandas, files; no widget or plotting
library), where it words its results a ``report`` (text in the teacher's language),
where it draws a ``chart`` (matplotlib figures as PNG) and a ``widget`` (the no-code
ipywidgets view). ``classtable`` holds what the tools share about class tables.
Importing this package loads no ipywidgets: the widgets are given on first use.
"""

from toolkit.classroom.grouping.model import heterogeneous_groups
from toolkit.classroom.guidance.model import student_profile
from toolkit.classroom.guidance.report import class_needs
from toolkit.classroom.micromodel.model import Indicator, MicroModel
from toolkit.classroom.models.model import fit_linear
from toolkit.classroom.models.report import early_warning
from toolkit.classroom.observation.model import ObservationLog
from toolkit.classroom.peer.model import PeerAssessment, assign_peers
from toolkit.classroom.portfolio.model import Portfolio, PortfolioStore
from toolkit.classroom.quizbuilder.model import QuizDraft, score_responses
from toolkit.classroom.rotation.model import fairness_report, rotation_schedule
from toolkit.lazy import lazy_attributes

__all__ = [
    "GroupingTool",
    "GuidancePlanner",
    "Indicator",
    "MicroModel",
    "MicroModelBuilder",
    "ModelExplorer",
    "ObservationLog",
    "ObservationRecorder",
    "PeerAssessment",
    "PeerAssessmentDesk",
    "Portfolio",
    "PortfolioBuilder",
    "PortfolioStore",
    "QuizBuilder",
    "QuizDraft",
    "RotationPlanner",
    "assign_peers",
    "class_needs",
    "early_warning",
    "fairness_report",
    "fit_linear",
    "heterogeneous_groups",
    "rotation_schedule",
    "score_responses",
    "student_profile",
]

# Widgets load ipywidgets, so they are imported only when asked for.
__getattr__ = lazy_attributes(
    __name__,
    {
        "GroupingTool": "toolkit.classroom.grouping.widget",
        "GuidancePlanner": "toolkit.classroom.guidance.widget",
        "MicroModelBuilder": "toolkit.classroom.micromodel.widget",
        "ModelExplorer": "toolkit.classroom.models.widget",
        "ObservationRecorder": "toolkit.classroom.observation.widget",
        "PeerAssessmentDesk": "toolkit.classroom.peer.widget",
        "PortfolioBuilder": "toolkit.classroom.portfolio.widget",
        "QuizBuilder": "toolkit.classroom.quizbuilder.widget",
        "RotationPlanner": "toolkit.classroom.rotation.widget",
    },
)
