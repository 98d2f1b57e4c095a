"""Programme schemes (rules as data): point selection for the personal plan."""

from toolkit.scheme.load import (
    DEFAULT_SCHEME,
    Scheme,
    SelectionRule,
    available_schemes,
    load_scheme,
    parse_scheme,
)

__all__ = [
    "DEFAULT_SCHEME",
    "Scheme",
    "SelectionRule",
    "available_schemes",
    "load_scheme",
    "parse_scheme",
]
