"""Numbers as teachers type them: full-width digits, a comma for the decimal point, a trailing %."""

from __future__ import annotations

import math
import unicodedata


def parse_number(value: object) -> float | None:
    """The number in ``value`` (a saved answer), or None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFKC", value).strip().replace("，", ".").replace(",", ".")
    text = text.removesuffix("%").strip()
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None
