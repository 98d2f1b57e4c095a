"""C7 micro-models: a weighted composite index and its check (model), its description, and the builder."""

from toolkit.classroom.micromodel.model import Indicator, MicroModel, Validation, normalise
from toolkit.classroom.micromodel.report import describe
from toolkit.lazy import lazy_attributes

__all__ = [
    "Indicator",
    "MicroModel",
    "MicroModelBuilder",
    "Validation",
    "describe",
    "normalise",
]

# The builder loads ipywidgets, so it is imported only when asked for.
__getattr__ = lazy_attributes(__name__, {"MicroModelBuilder": "toolkit.classroom.micromodel.widget"})
