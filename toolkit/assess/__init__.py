"""Role assessment: each person's score under a scheme's role items, and each school's pass rate."""

from toolkit.assess.score import PERSON_COLUMNS, SCHOOL_COLUMNS, Assessment, assess, item_names

__all__ = ["PERSON_COLUMNS", "SCHOOL_COLUMNS", "Assessment", "assess", "item_names"]
