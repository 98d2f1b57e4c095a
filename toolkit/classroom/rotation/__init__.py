"""B8 fair device rotation: the round-robin plan and its fairness check (model), and the planner."""

from toolkit.classroom.rotation.model import (
    FairnessReport,
    available_devices,
    fairness_report,
    priority_queue,
    rotation_schedule,
    schedule_grid,
    unavailable_devices,
)
from toolkit.lazy import lazy_attributes

__all__ = [
    "FairnessReport",
    "RotationPlanner",
    "available_devices",
    "fairness_report",
    "priority_queue",
    "rotation_schedule",
    "schedule_grid",
    "unavailable_devices",
]

# The planner loads ipywidgets, so it is imported only when asked for.
__getattr__ = lazy_attributes(__name__, {"RotationPlanner": "toolkit.classroom.rotation.widget"})
