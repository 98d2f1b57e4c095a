"""Rubrics: one model (criteria × levels, weighted or conjunctive) for teaching and grading."""

from toolkit.lazy import lazy_attributes
from toolkit.rubric.catalogue import (
    load_all_rubrics,
    load_plan_rubric,
    load_point_rubric,
    rubric_path,
)
from toolkit.rubric.files import load_xlsx, save_markdown, save_xlsx, save_yaml, to_markdown
from toolkit.rubric.model import (
    Criterion,
    FileRule,
    IndicatorResult,
    Level,
    Rubric,
    RubricResult,
    Task,
    grade_by_indicators,
    level_from_indicators,
    load_rubric,
    parse_rubric,
    rubric_to_dict,
    score,
)

__all__ = [
    "Criterion",
    "FileRule",
    "IndicatorResult",
    "Level",
    "Rubric",
    "RubricBuilder",
    "RubricResult",
    "Task",
    "grade_by_indicators",
    "level_from_indicators",
    "load_all_rubrics",
    "load_plan_rubric",
    "load_point_rubric",
    "load_rubric",
    "load_xlsx",
    "parse_rubric",
    "rubric_path",
    "rubric_to_dict",
    "save_markdown",
    "save_xlsx",
    "save_yaml",
    "score",
    "to_markdown",
]

# Widgets load ipywidgets, so they are imported only when asked for.
__getattr__ = lazy_attributes(
    __name__,
    {
        "RubricBuilder": "toolkit.rubric.widget",
    },
)
