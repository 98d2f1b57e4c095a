"""Rubrics: one model (criteria × levels, weighted or conjunctive) for teaching and grading."""

from toolkit.rubric.files import load_xlsx, save_markdown, save_xlsx, save_yaml, to_markdown
from toolkit.rubric.model import (
    Criterion,
    Level,
    Rubric,
    RubricResult,
    level_from_indicators,
    load_rubric,
    parse_rubric,
    rubric_to_dict,
    score,
)
from toolkit.rubric.widget import RubricBuilder

__all__ = [
    "Criterion",
    "Level",
    "Rubric",
    "RubricBuilder",
    "RubricResult",
    "level_from_indicators",
    "load_rubric",
    "load_xlsx",
    "parse_rubric",
    "rubric_to_dict",
    "save_markdown",
    "save_xlsx",
    "save_yaml",
    "score",
    "to_markdown",
]
