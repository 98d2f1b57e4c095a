"""A13 data visualisation: chart advice for a question, misleading-choice checks, guided reading."""

from toolkit.charts.advice import QUESTIONS, Advice, ChartSpec, Recommendation, chart_warnings, recommend
from toolkit.charts.draw import draw_chart
from toolkit.charts.interpret import findings, prompts
from toolkit.charts.widget import ChartAdvisor

__all__ = [
    "QUESTIONS",
    "Advice",
    "ChartAdvisor",
    "ChartSpec",
    "Recommendation",
    "chart_warnings",
    "draw_chart",
    "findings",
    "prompts",
    "recommend",
]
