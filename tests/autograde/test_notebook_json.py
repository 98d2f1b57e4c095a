"""The fast notebook writer gives nbformat's bytes exactly, and leaves the notebook it writes unchanged."""

from __future__ import annotations

import copy
import json
import logging
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from toolkit.autograde.notebook_json import dumps, writes
from toolkit.resources import content_dir, dashboard_dir

SHIPPED = sorted(
    [
        *content_dir("assignments").glob("*/*.ipynb"),
        *content_dir("course").rglob("*.ipynb"),
        *dashboard_dir().glob("*.ipynb"),
    ]
)
# Values chosen to trip an encoder: escapes, control characters, non-BMP text, numbers at the
# edges of float formatting, empty and nested containers, bytes, bool and None.
AWKWARD = {
    "text": [
        '引号 " 反斜杠 \\ 换行\n',
        "制表\t回车\r退格\b换页\f",
        "\x00\x01\x1f\x7f",
        "emoji 🎓 \u2028\u2029",
    ],
    "numbers": [0, -1, 2**70, 1.0, -0.0, 0.1, 1e-7, 1e22, 123456789.123456789, 3.0e300, True, False, None],
    "empty": {"list": [], "dict": {}, "nested": [[], {}, [[]]]},
    "bytes": b"aGVsbG8=",
    "tuple": (1, "二", 3.5),
    "order": {"b": 1, "a": 2, "B": 3, "中": 4, "_": 5, "10": 6, "9": 7},
}


def _awkward_notebook() -> nbformat.NotebookNode:
    code = new_code_cell("print('多行\\n输出')\nx = 1")
    code.outputs = [
        new_output("stream", name="stdout", text="第一行\n第二行\n没有换行结尾"),
        new_output("display_data", data={"text/plain": "甲\n乙", "application/json": AWKWARD}),
        new_output(
            "execute_result",
            data={"text/html": "<b>粗</b>\n", "image/png": "iVBORw0KGgo=\n"},
            execution_count=1,
        ),
        new_output("error", ename="ValueError", evalue="错", traceback=["第一\n", "第二"]),
    ]
    code.metadata["trusted"] = True  # transient: never written
    text = new_markdown_cell("标题\n\n正文")
    text.attachments = {"a.png": {"image/png": "iVBORw0KGgo=\nAAAA"}}
    nb = new_notebook(cells=[code, text], metadata={"widgets": {"state": AWKWARD}, "signature": "x"})
    nb.metadata["orig_nbformat"] = 3
    return nb


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_shipped_notebook_is_written_as_nbformat_writes_it(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    assert writes(nb, 4) == nbformat.writes(nb, version=4)


def test_awkward_values_are_written_as_nbformat_writes_them() -> None:
    nb = _awkward_notebook()
    before = copy.deepcopy(nb)
    assert writes(nb, 4) == nbformat.writes(copy.deepcopy(before), version=4)
    assert nb == before  # nothing of the notebook being written is changed
    assert dumps(AWKWARD) == json.dumps(
        AWKWARD,
        indent=1,
        sort_keys=True,
        separators=(",", ": "),
        ensure_ascii=False,
        default=lambda b: b.decode("ascii"),
    )


def test_what_json_refuses_is_refused_alike() -> None:
    for bad in ({"set": {1, 2}}, {(1, 2): "tuple key"}, {1: "a", "b": 2}):
        with pytest.raises(TypeError):
            json.dumps(bad, indent=1, sort_keys=True)
        with pytest.raises(TypeError):
            dumps(bad)


def test_an_invalid_notebook_is_logged_as_nbformat_logs_it(caplog: pytest.LogCaptureFixture) -> None:
    nb = _awkward_notebook()
    nb.cells[0].outputs.append(nbformat.from_dict({"output_type": "no such output"}))
    with caplog.at_level(logging.ERROR):
        ours = writes(nb, 4)
    our_log = [record.getMessage() for record in caplog.records]
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        theirs = nbformat.writes(nb, version=4)
    assert ours == theirs
    assert our_log == [record.getMessage() for record in caplog.records]
    assert our_log and "Notebook JSON is invalid" in our_log[0]
