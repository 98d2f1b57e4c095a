"""A1 learner analysis: quiz data in, item analysis, need groups and a 学情分析报告 out."""

from toolkit.lazy import lazy_attributes
from toolkit.learner.analysis import Thresholds, item_analysis, need_groups, score_summary, topic_mastery
from toolkit.learner.data import QuizData, load_quiz
from toolkit.learner.report import export_report, report_markdown

__all__ = [
    "LearnerAnalysis",
    "QuizData",
    "Thresholds",
    "export_report",
    "item_analysis",
    "load_quiz",
    "need_groups",
    "report_markdown",
    "score_summary",
    "topic_mastery",
]

# Widgets load ipywidgets, so they are imported only when asked for.
__getattr__ = lazy_attributes(
    __name__,
    {
        "LearnerAnalysis": "toolkit.learner.widget",
    },
)
