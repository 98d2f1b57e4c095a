"""Run a notebook's code cells in this process and record their outputs as nbclient would.

This runs inside the sandbox, in a process forked from a warm one, so a
submission costs neither a kernel start nor the imports, nor a message round
trip per cell. The outputs have the shapes ipykernel and nbclient give them
(stream, display_data, execute_result, error), so nbgrader's later steps
(SaveAutoGrades, LimitOutput, feedback) see what they would see after
``nbgrader autograde``.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import Any

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from traitlets.config import Config

Output = dict[str, Any]
# What the executor reports: ("start", index, None) before a cell, ("done", index, result) after it.
Report = Callable[[str, int, dict[str, Any] | None], None]

OUTPUT_LIMIT = 8 * 1024 * 1024  # bytes of output per notebook; beyond it nothing more is kept
TRUNCATED = "\n[输出过多，其余部分未保留 / output limit reached, the rest was dropped]\n"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat().replace("+00:00", "Z")


class _Recorder:
    """The outputs of the cell being run, with a budget shared by the whole notebook."""

    def __init__(self) -> None:
        self.outputs: list[Output] = []
        self.budget = OUTPUT_LIMIT
        self.overflowed = False

    def _afford(self, size: int) -> bool:
        if self.overflowed:
            return False
        if size > self.budget:
            self.overflowed = True
            self.outputs.append({"output_type": "stream", "name": "stderr", "text": TRUNCATED})
            return False
        self.budget -= size
        return True

    def stream(self, name: str, text: str) -> None:
        if not text or not self._afford(len(text.encode("utf-8", "replace"))):
            return
        last = self.outputs[-1] if self.outputs else None
        if last is not None and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text
        else:
            self.outputs.append({"output_type": "stream", "name": name, "text": text})

    def add(self, output: Output, size: int) -> None:
        if self._afford(size):
            self.outputs.append(output)

    def clear(self) -> None:
        self.outputs.clear()


def _size(data: dict[str, Any]) -> int:
    return sum(len(str(value)) for value in data.values())


class _Stream:
    """sys.stdout / sys.stderr while a cell runs."""

    def __init__(self, recorder: _Recorder, name: str) -> None:
        self._recorder = recorder
        self.name = name
        self.encoding = "utf-8"

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._recorder.stream(self.name, text)
        return len(text)

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        return False


class _DisplayPublisher(DisplayPublisher):
    recorder: _Recorder

    def publish(  # type: ignore[override]
        self,
        data: dict[str, Any],
        metadata: dict[str, Any] | None = None,
        source: str | None = None,
        *,
        transient: dict[str, Any] | None = None,
        update: bool = False,
        **kwargs: Any,
    ) -> None:
        if update:
            return  # updates a display shown earlier; an autograded notebook keeps the first
        output = {"output_type": "display_data", "data": data, "metadata": metadata or {}}
        self.recorder.add(output, _size(data))

    def clear_output(self, wait: bool = False) -> None:
        self.recorder.clear()


class _DisplayHook(DisplayHook):
    recorder: _Recorder

    def start_displayhook(self) -> None:
        self._data: dict[str, Any] = {}
        self._metadata: dict[str, Any] = {}

    def write_output_prompt(self) -> None:
        return None

    def write_format_data(self, format_dict: dict[str, Any], md_dict: dict[str, Any] | None = None) -> None:
        self._data = format_dict
        self._metadata = md_dict or {}

    def finish_displayhook(self) -> None:
        output = {
            "output_type": "execute_result",
            "data": self._data,
            "metadata": self._metadata,
            "execution_count": self.prompt_count,
        }
        self.recorder.add(output, _size(self._data))


class _Shell(InteractiveShell):
    """IPython with outputs going to a recorder instead of a terminal or a kernel socket."""

    recorder: _Recorder

    def _showtraceback(self, etype: type, evalue: BaseException, stb: list[str]) -> None:
        output = {
            "output_type": "error",
            "ename": str(etype.__name__),
            "evalue": str(evalue),
            "traceback": stb,
        }
        self.recorder.add(output, sum(len(line) for line in stb))


def _shell(recorder: _Recorder) -> _Shell:
    config = Config()
    config.HistoryManager.enabled = False
    # The singleton, so that get_ipython() in hidden tests finds this shell.
    shell = _Shell.instance(
        config=config, display_pub_class=_DisplayPublisher, displayhook_class=_DisplayHook
    )
    shell.recorder = recorder
    shell.display_pub.recorder = recorder  # type: ignore[attr-defined]
    shell.displayhook.recorder = recorder  # type: ignore[attr-defined]
    return shell


def language_info() -> dict[str, Any]:
    """The language_info nbclient copies into the notebook from ipykernel's kernel_info reply."""
    from ipykernel.ipkernel import IPythonKernel

    return dict(IPythonKernel.language_info)


def widget_state() -> dict[str, Any] | None:
    """Every live widget's state, as nbclient stores it under ``metadata.widgets``."""
    import ipywidgets

    state = ipywidgets.Widget.get_manager_state(drop_defaults=False)
    if not state["state"]:
        return None
    return {"application/vnd.jupyter.widget-state+json": state}


def execute_cells(sources: list[str], report: Report) -> bool:
    """Run each source in order in one fresh shell; return False if the output limit was reached.

    ``report("start", i, None)`` comes before cell ``i`` and ``report("done", i, result)``
    after it, where ``result`` has the cell's ``outputs``, ``execution_count`` and timing.
    Empty sources are skipped, as nbclient skips them.
    """
    recorder = _Recorder()
    shell = _shell(recorder)
    streams = (sys.stdout, sys.stderr)
    sys.stdout, sys.stderr = _Stream(recorder, "stdout"), _Stream(recorder, "stderr")
    try:
        for index, source in enumerate(sources):
            if not source.strip():
                continue
            report("start", index, None)
            recorder.outputs = []
            started = _now()
            count = shell.execution_count
            shell.run_cell(source, store_history=True)
            finished = _now()
            report(
                "done",
                index,
                {
                    "outputs": recorder.outputs,
                    "execution_count": count,
                    "timing": {
                        "iopub.execute_input": started,
                        "iopub.status.busy": started,
                        "iopub.status.idle": finished,
                        "shell.execute_reply": finished,
                    },
                },
            )
    finally:
        sys.stdout, sys.stderr = streams
    return not recorder.overflowed
