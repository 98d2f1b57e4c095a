"""C6 data models: early-warning rules and least squares (model), the warning table (report), the explorer."""

from toolkit.classroom.models.model import LinearFit, fit_linear, risk_level, trend_drop, warning_flags
from toolkit.classroom.models.report import early_warning, warning_table
from toolkit.lazy import lazy_attributes

__all__ = [
    "LinearFit",
    "ModelExplorer",
    "early_warning",
    "fit_linear",
    "risk_level",
    "trend_drop",
    "warning_flags",
    "warning_table",
]

# The explorer loads ipywidgets, so it is imported only when asked for.
__getattr__ = lazy_attributes(__name__, {"ModelExplorer": "toolkit.classroom.models.widget"})
