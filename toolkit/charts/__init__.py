"""A13 data visualisation: chart advice for a question, misleading-choice checks, guided reading."""

from toolkit.charts.advice import QUESTIONS, Advice, ChartSpec, Recommendation, chart_warnings, recommend
from toolkit.charts.interpret import findings, prompts
from toolkit.lazy import lazy_attributes

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

# The widget and the drawing load ipywidgets and matplotlib, so they are imported only when asked for.
__getattr__ = lazy_attributes(
    __name__,
    {
        "ChartAdvisor": "toolkit.charts.widget",
        "draw_chart": "toolkit.charts.draw",
    },
)
