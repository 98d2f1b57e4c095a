"""What a notebook cell asks for: the widget call an item cell makes, read without running it.

Used where the cell cannot be run: feedback shows the item as text, and the
demo reads each item's choices to answer it.
"""

from __future__ import annotations

import ast
from typing import Any


def widget_call(source: str) -> tuple[str, dict[str, Any]] | None:
    """The widget class and its literal keyword arguments, when the cell is one widget call."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            arguments = {}
            for keyword in node.keywords:
                try:
                    arguments[keyword.arg] = ast.literal_eval(keyword.value)
                except ValueError:
                    continue
            positional = [ast.literal_eval(a) for a in node.args if isinstance(a, ast.Constant)]
            return node.func.id, {"args": positional, **arguments}
    return None
