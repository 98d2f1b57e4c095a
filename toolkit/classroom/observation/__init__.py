"""A12 observation: records and their tally (model), the behaviour chart, and the click recorder."""

from toolkit.classroom.observation.model import (
    DEFAULT_BEHAVIOURS,
    Observation,
    ObservationLog,
    export_log,
    normalise_time,
)
from toolkit.lazy import lazy_attributes

__all__ = [
    "DEFAULT_BEHAVIOURS",
    "Observation",
    "ObservationLog",
    "ObservationRecorder",
    "export_log",
    "normalise_time",
]

# The recorder loads ipywidgets, so it is imported only when asked for.
__getattr__ = lazy_attributes(__name__, {"ObservationRecorder": "toolkit.classroom.observation.widget"})
