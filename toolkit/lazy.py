"""Package attributes imported on first use, so a package's models load without its widgets."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_attributes(package: str, sources: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` giving ``name`` from the module ``sources[name]``, imported when asked for.

    ``from toolkit.rubric import RubricBuilder`` still works in a notebook, while
    ``from toolkit.rubric import Rubric`` loads no ipywidgets.
    """

    def __getattr__(name: str) -> Any:
        try:
            module = sources[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)  # found directly from now on
        return value

    return __getattr__
