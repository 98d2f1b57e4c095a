"""The desk on the hub records the logged-in grader, not the service's own system user."""

from __future__ import annotations

import os
from types import SimpleNamespace

import nbformat
import pytest
from nbclient import NotebookClient

from toolkit.environment import GRADER_ENV
from toolkit.hub.voila_hooks import name_the_grader


@pytest.mark.slow
def test_the_page_kernel_knows_the_hub_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(GRADER_ENV, raising=False)
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(f"import os\nprint(os.environ.get({GRADER_ENV!r}))")]
    )
    request = SimpleNamespace(current_user=SimpleNamespace(name="L0001'; import sys; sys.exit() #"))
    hooked = name_the_grader(request, notebook, os.getcwd())
    NotebookClient(hooked, kernel_name="python3", timeout=60).execute()
    # The name arrives whole, as data, however it is spelt.
    assert hooked.cells[-1].outputs[0]["text"].strip() == "L0001'; import sys; sys.exit() #"


def test_an_anonymous_request_changes_nothing() -> None:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    assert len(name_the_grader(SimpleNamespace(current_user=None), notebook, "/").cells) == 1
