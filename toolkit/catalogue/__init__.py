"""The point catalogue: the 30 micro-competency points, their dimensions and environments."""

from toolkit.catalogue.points import (
    SCHEMA_VERSION,
    TASK_PREFIX,
    Catalogue,
    Dimension,
    Environment,
    Point,
    load_catalogue,
)

__all__ = [
    "SCHEMA_VERSION",
    "TASK_PREFIX",
    "Catalogue",
    "Dimension",
    "Environment",
    "Point",
    "load_catalogue",
]
