"""nbformat's notebook writer, byte for byte, in less time: for autograded notebooks with widget state.

``nbformat.writes`` deep-copies the whole notebook before splitting its text into lines, then
encodes it with ``json.dumps(indent=1, sort_keys=True)``, which runs Python's pure-Python
encoder because of the indent. An autograded self-test carries about 1 MB of widget state, so
writing it is most of nbgrader's own time per submission. Here only the parts that splitting
changes are copied, nbformat's own ``split_lines`` and ``strip_transient`` run on them, and a
recursive encoder writes what ``json.dumps`` would, character for character (tested on every
shipped notebook and on values chosen to trip it).
"""

from __future__ import annotations

from json.encoder import encode_basestring
from typing import Any

import nbformat
from nbconvert.exporters import Exporter, NotebookExporter
from nbformat import NotebookNode
from nbformat.v4.nbjson import BytesEncoder
from nbformat.v4.rwbase import split_lines, strip_transient

_INFINITY = float("inf")
_default = BytesEncoder().default


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def _encode(value: Any, level: int, out: list[str]) -> None:
    """Append ``value`` as ``json.dumps(indent=1, sort_keys=True, ensure_ascii=False)`` writes it."""
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = "\n" + " " * (level + 1)
        out.append("[" + inner)
        separator = "," + inner
        if all(type(item) is str for item in value):  # split lines: the commonest list
            out.append(separator.join(map(encode_basestring, value)))
        else:
            for index, item in enumerate(value):
                if index:
                    out.append(separator)
                _encode(item, level + 1, out)
        out.append("\n" + " " * level + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = "\n" + " " * (level + 1)
        out.append("{" + inner)
        separator = "," + inner
        for index, (key, item) in enumerate(sorted(value.items())):
            if index:
                out.append(separator)
            out.append(encode_basestring(_key(key)) + ": ")
            _encode(item, level + 1, out)
        out.append("\n" + " " * level + "}")
    else:
        _encode(_default(value), level, out)


def dumps(value: Any) -> str:
    """``json.dumps(value, cls=BytesEncoder, indent=1, sort_keys=True, separators=(",", ": "),
    ensure_ascii=False)``, as nbformat calls it."""
    out: list[str] = []
    _encode(value, 0, out)
    return "".join(out)


def _writable_copy(nb: NotebookNode) -> NotebookNode:
    """A copy sharing everything except the dicts and lists ``split_lines`` and ``strip_transient`` change."""
    copy = NotebookNode(nb)
    copy.metadata = NotebookNode(nb.metadata)
    cells = []
    for cell in nb.cells:
        cell = NotebookNode(cell)
        cell.metadata = NotebookNode(cell.metadata)
        if "attachments" in cell:
            cell.attachments = {name: dict(bundle) for name, bundle in cell.attachments.items()}
        if cell.get("cell_type") == "code":
            outputs = []
            for output in cell.get("outputs", []):
                output = NotebookNode(output)
                if "data" in output:
                    output.data = NotebookNode(output.data)
                outputs.append(output)
            cell.outputs = outputs
        cells.append(cell)
    copy.cells = cells
    return copy


def writes(nb: NotebookNode, version: int) -> str:
    """``nbformat.writes(nb, version=version)``: the same text, and the same log for an invalid notebook."""
    nb = nbformat.convert(nb, version)
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as error:
        nbformat.get_logger().error("Notebook JSON is invalid: %s", error)
    return dumps(strip_transient(split_lines(_writable_copy(nb))))


class FastNotebookExporter(NotebookExporter):
    """nbconvert's NotebookExporter, writing with :func:`writes`."""

    def from_notebook_node(
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[str, dict[str, Any]]:
        nb_copy, resources = Exporter.from_notebook_node(self, nb, resources, **kw)
        if self.nbformat_version != nb_copy.nbformat:
            resources["output_suffix"] = f".v{self.nbformat_version}"
        else:
            resources["output_suffix"] = ".nbconvert"
        output = writes(nb_copy, self.nbformat_version)
        if not output.endswith("\n"):
            output = output + "\n"
        return output, resources
