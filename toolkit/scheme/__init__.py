"""Programme schemes (rules as data): point selection, activity hours, role scores, pass rates and
point credits."""

from toolkit.scheme.load import DEFAULT_SCHEME, available_schemes, load_scheme, parse_scheme, scheme_file
from toolkit.scheme.model import (
    ActivityKind,
    CreditRule,
    HoursCategory,
    HoursRule,
    Measure,
    PassRateRule,
    PassRateTier,
    Role,
    RoleItem,
    Scheme,
    SelectionRule,
)

__all__ = [
    "DEFAULT_SCHEME",
    "ActivityKind",
    "CreditRule",
    "HoursCategory",
    "HoursRule",
    "Measure",
    "PassRateRule",
    "PassRateTier",
    "Role",
    "RoleItem",
    "Scheme",
    "SelectionRule",
    "available_schemes",
    "load_scheme",
    "parse_scheme",
    "scheme_file",
]
