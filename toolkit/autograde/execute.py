"""nbgrader's Execute step, run in the worker's sandbox instead of a kernel with the grader's rights.

Everything else in ``nbgrader autograde`` (sanitising, overwriting locked
cells from the gradebook, saving grades, late penalties) is nbgrader's own
code; this preprocessor takes Execute's place in
``Autograde.autograde_preprocessors``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from nbformat import NotebookNode, from_dict
from nbgrader.preprocessors import Execute

from toolkit.autograde.sandbox import Run, Sandbox
from toolkit.i18n import t

NOT_RUN = {
    "ename": "DeadKernelError",
    "evalue": "not run: the sandbox stopped this submission",
    "traceback": [
        "DeadKernelError: 未运行：评分沙箱已终止这份提交 / not run: the sandbox stopped this submission"
    ],
}


def _error(content: dict[str, Any]) -> NotebookNode:
    return from_dict({"output_type": "error", **content})


def _mentions(run: Run, ename: str) -> bool:
    return any(
        output.get("output_type") == "error" and output.get("ename") == ename
        for result in run.cells.values()
        for output in result["outputs"]
    )


def flags_of(run: Run, *, cell_timeout: float, notebook_timeout: float, memory_mb: int) -> list[str]:
    """Why a trainer should look at this submission, in the reader's language; empty when fine."""
    reasons = []
    if run.status == "cell_timeout":
        reasons.append(
            t("autograde.flag.cell_timeout", seconds=f"{cell_timeout:g}", cell=(run.index or 0) + 1)
        )
    elif run.status == "notebook_timeout":
        reasons.append(t("autograde.flag.notebook_timeout", seconds=f"{notebook_timeout:g}"))
    elif run.status == "died":
        reasons.append(t("autograde.flag.died", code=run.exit_code))
    elif run.status in ("fault", "protocol"):
        reasons.append(t("autograde.flag.fault", detail=run.detail))
    if run.status == "ok" and not run.complete:
        reasons.append(t("autograde.flag.output"))
    if _mentions(run, "MemoryError"):
        reasons.append(t("autograde.flag.memory", mb=memory_mb))
    if _mentions(run, "BlockingIOError"):
        reasons.append(t("autograde.flag.processes"))
    return reasons


def apply_run(nb: NotebookNode, run: Run, *, error_on_timeout: dict[str, Any]) -> None:
    """Put the sandbox's outputs into ``nb`` as nbclient would.

    A stopped run fails the cells it did not finish.
    """
    stopped_at = run.index if run.status != "ok" else None
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        result = run.cells.get(index)
        if result is not None:
            cell.outputs = [from_dict(output) for output in result["outputs"]]
            cell.execution_count = result["execution_count"]
            cell.metadata["execution"] = result["timing"]
        elif run.status != "ok":
            # A cell the sandbox never finished: a dead kernel never passes a test.
            timed_out = index == stopped_at and run.status.endswith("timeout")
            cell.outputs = [_error(error_on_timeout if timed_out else NOT_RUN)]
    if run.language_info:
        nb.metadata["language_info"] = run.language_info
    if run.widgets:
        nb.metadata["widgets"] = run.widgets


class SandboxExecute(Execute):
    """Execute, in the sandbox the worker process set up (``SandboxExecute.sandbox``)."""

    sandbox: ClassVar[Sandbox | None] = None
    flags: ClassVar[list[str]] = []

    def preprocess(  # type: ignore[override]
        self, nb: NotebookNode, resources: dict[str, Any], km: object = None
    ) -> tuple[NotebookNode, dict[str, Any]]:
        sandbox = SandboxExecute.sandbox
        if sandbox is None:
            raise RuntimeError("SandboxExecute needs a sandbox; it runs inside `workshop grade` only")
        folder = Path(resources["metadata"]["path"])
        sources = [cell.source if cell.cell_type == "code" else "" for cell in nb.cells]
        cell_timeout = float(self.timeout) if self.timeout else sandbox.limits.cell_timeout
        run = sandbox.run(
            sources, folder=folder, env={"NBGRADER_EXECUTION": "autograde"}, cell_timeout=cell_timeout
        )
        apply_run(nb, run, error_on_timeout=dict(self.error_on_timeout or NOT_RUN))
        SandboxExecute.flags.extend(
            flags_of(
                run,
                cell_timeout=cell_timeout,
                notebook_timeout=sandbox.limits.notebook_timeout,
                memory_mb=sandbox.limits.memory_mb,
            )
        )
        return nb, resources
