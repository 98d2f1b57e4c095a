"""B5 learning groups: mixed-ability groups with roles (model), their chart, and the grouping tool."""

from toolkit.classroom.grouping.model import (
    GROUP,
    RANK,
    ROLE,
    GroupSummary,
    group_roster,
    group_summary,
    heterogeneous_groups,
    role_names,
    sequential_groups,
    serpentine,
)
from toolkit.lazy import lazy_attributes

__all__ = [
    "GROUP",
    "RANK",
    "ROLE",
    "GroupSummary",
    "GroupingTool",
    "group_roster",
    "group_summary",
    "heterogeneous_groups",
    "role_names",
    "sequential_groups",
    "serpentine",
]

# The tool loads ipywidgets, so it is imported only when asked for.
__getattr__ = lazy_attributes(__name__, {"GroupingTool": "toolkit.classroom.grouping.widget"})
