"""Classroom tools used by the course modules: each is a plain model plus a no-code widget."""

from toolkit.classroom.grouping import GroupingTool, heterogeneous_groups
from toolkit.classroom.guidance import GuidancePlanner, class_needs, student_profile
from toolkit.classroom.micromodel import Indicator, MicroModel, MicroModelBuilder
from toolkit.classroom.models import ModelExplorer, early_warning, fit_linear
from toolkit.classroom.observation import ObservationLog, ObservationRecorder
from toolkit.classroom.peer import PeerAssessment, PeerAssessmentDesk, assign_peers
from toolkit.classroom.portfolio import Portfolio, PortfolioBuilder, PortfolioStore
from toolkit.classroom.quizbuilder import QuizBuilder, QuizDraft, score_responses
from toolkit.classroom.rotation import RotationPlanner, fairness_report, rotation_schedule

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
