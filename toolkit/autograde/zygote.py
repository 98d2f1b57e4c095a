"""The warm process inside a worker's sandbox: one fork per submission, each fork isolated again.

Started by :class:`toolkit.autograde.sandbox.Sandbox` under bubblewrap (no network,
no view of the course, the gradebook or other teachers' work). It imports
IPython, ipywidgets and the toolkit once; every submission then runs in a
fork of it, so no submission pays for a kernel start or the imports.

Each fork (``A``) makes a private mount and PID namespace, puts the
submission's files on a size-limited tmpfs, hides the inbox, and forks the
namespace's init (``B``), which forks the runner (``C``). ``C`` sets the
resource limits, drops to the worker slot's own user id and runs the cells.
Killing ``B`` ends everything the submission started. This process enforces
the time limits, because code in ``C`` can catch any signal it sends itself.
"""

from __future__ import annotations

import ctypes
import gc
import os
import resource
import shutil
import signal
import sys
import time
from pathlib import Path
from typing import Any

from toolkit.autograde.frames import FdReader, FrameError, encode, read_frame, write_frame
from toolkit.startup import skip_iri_grammar

# What the shipped assignments' cells import (checked by a test), loaded once before any fork.
PRELOAD = (
    "IPython",
    "ipykernel.ipkernel",
    "ipywidgets",
    "toolkit.widgets",
    "toolkit.grading",
    "toolkit.evidence.widget",
    "toolkit.plan.widget",
    "toolkit.submission.panel",
    "toolkit.achievement.widget",
    "toolkit.autograde.executor",
)

CLONE_NEWNS = 0x00020000
CLONE_NEWPID = 0x20000000
MS_RDONLY = 0x1
MS_NOSUID = 0x2
MS_NODEV = 0x4
MS_NOEXEC = 0x8
MS_REC = 0x4000
MS_PRIVATE = 0x40000
PR_SET_DUMPABLE = 4
PR_SET_NO_NEW_PRIVS = 38

SCRATCH = Path("/scratch")
INBOX = Path("/inbox")
WORK = SCRATCH / "work"
HOME = SCRATCH / "home"
TMP = SCRATCH / "tmp"  # the sandbox's /tmp is read-only: it may hold the Python environment itself

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{what}: {os.strerror(error)}")


def _mount(source: str, target: str, kind: str, flags: int, options: str = "") -> None:
    _check(
        _libc.mount(source.encode(), target.encode(), kind.encode(), flags, options.encode() or None),
        f"mount {target}",
    )


def _status_code(status: int) -> int:
    """A wait status as one number: the exit code, or 128 + signal."""
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


def _run_cells(job: dict[str, Any], results: int) -> None:
    """In C: limits, our own user id, then the cells; every report goes to ``results``."""
    limits = job["limits"]
    megabyte = 1024 * 1024
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_AS, (limits["memory_mb"] * megabyte,) * 2)
    resource.setrlimit(resource.RLIMIT_NPROC, (limits["processes"],) * 2)
    resource.setrlimit(resource.RLIMIT_CPU, (limits["cpu_seconds"], limits["cpu_seconds"] + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file_mb"] * megabyte,) * 2)
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
    uid = job["uid"]
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    # Nothing else may open this process's pipe through /proc, and a process the cells fork
    # never reports: only the runner itself speaks for the submission.
    _check(_libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), "dumpable")
    os.register_at_fork(after_in_child=lambda: os.close(results))
    os.chdir(WORK)
    os.environ.clear()
    os.environ.update(job["env"])
    os.environ.update({"HOME": str(HOME), "TMPDIR": str(TMP), "PWD": str(WORK)})
    sys.path[0] = str(WORK)  # as in a kernel started in the notebook's folder

    from toolkit.autograde.executor import execute_cells, language_info, widget_state

    out = os.fdopen(results, "wb", buffering=0)

    def report(event: str, index: int, result: dict[str, Any] | None) -> None:
        out.write(encode({"event": event, "index": index, "result": result}))

    complete = execute_cells(job["sources"], report)
    out.write(
        encode(
            {
                "event": "finished",
                "complete": complete,
                "language_info": language_info(),
                "widgets": widget_state(),
            }
        )
    )


def _namespace_init(job: dict[str, Any], results: int) -> None:
    """B: PID 1 of the submission's namespace; reaps whatever the runner leaves behind."""
    _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    runner = os.fork()
    if runner == 0:
        try:
            _run_cells(job, results)
            code = 0
        except BaseException as exc:  # noqa: BLE001 - a runner that fails says why, then exits
            code = 70
            try:
                os.write(results, encode({"event": "fault", "detail": f"{type(exc).__name__}: {exc}"}))
            except OSError:
                pass
        os._exit(code)
    os.close(results)
    while True:
        pid, status = os.wait()
        if pid == runner:
            os._exit(_status_code(status))


def _isolate(job: dict[str, Any], results: int, pid_pipe: int) -> None:
    """A: private mounts and PID namespace, the submission's files, then B."""
    _check(_libc.unshare(CLONE_NEWNS | CLONE_NEWPID), "unshare")
    _mount("none", "/", "", MS_REC | MS_PRIVATE)
    limits = job["limits"]
    size = f"size={limits['scratch_mb']}m,mode=0755"
    _mount("tmpfs", str(SCRATCH), "tmpfs", MS_NOSUID | MS_NODEV, size)
    shutil.copytree(INBOX / job["inbox"], WORK, symlinks=True)
    HOME.mkdir()
    TMP.mkdir()
    uid = job["uid"]
    for folder, _, files in os.walk(SCRATCH):
        os.chown(folder, uid, uid)
        for name in files:
            os.chown(os.path.join(folder, name), uid, uid, follow_symlinks=False)
    _mount("tmpfs", str(INBOX), "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k")
    init = os.fork()
    if init == 0:
        os.close(pid_pipe)
        _namespace_init(job, results)
    os.close(results)
    os.write(pid_pipe, str(init).encode())
    os.close(pid_pipe)
    _, status = os.waitpid(init, 0)
    os._exit(_status_code(status))


def _detach_from_worker() -> None:
    """Nothing the submission runs may write to the worker's pipes or read the job stream."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)


def run_job(job: dict[str, Any]) -> dict[str, Any]:
    """Run one submission in its own fork and namespaces; what happened, cell by cell."""
    results_read, results_write = os.pipe()
    pid_read, pid_write = os.pipe()
    first = os.fork()
    if first == 0:
        code = 71
        try:
            os.close(results_read)
            os.close(pid_read)
            _detach_from_worker()
            os.closerange(3, results_write)
            os.closerange(results_write + 1, pid_write)
            os.closerange(pid_write + 1, 1024)
            _isolate(job, results_write, pid_write)
        except BaseException:  # noqa: BLE001 - the zygote reports a setup failure by the status
            code = 72
        os._exit(code)
    os.close(results_write)
    os.close(pid_write)
    init_pid = int(os.read(pid_read, 32) or b"0")
    os.close(pid_read)

    cells: dict[str, Any] = {}
    outcome: dict[str, Any] = {"status": "ok", "cells": cells}
    reader = FdReader(results_read)
    started = time.monotonic()
    notebook_deadline = started + job["notebook_timeout"]
    current: int | None = None
    try:
        while True:
            deadline = notebook_deadline
            if current is not None:
                deadline = min(deadline, time.monotonic() + job["cell_timeout"])
            try:
                frame = reader.read(deadline)
            except TimeoutError:
                hit_notebook = time.monotonic() >= notebook_deadline - 0.01
                outcome.update(status="notebook_timeout" if hit_notebook else "cell_timeout", index=current)
                break
            except FrameError as exc:
                outcome.update(status="protocol", index=current, detail=str(exc))
                break
            if frame is None:
                outcome.update(status="died", index=current)
                break
            if frame["event"] == "start":
                current = frame["index"]
            elif frame["event"] == "done":
                cells[str(frame["index"])] = frame["result"]
                current = None
            elif frame["event"] == "fault":
                outcome.update(status="fault", index=current, detail=frame["detail"])
                break
            elif frame["event"] == "finished":
                outcome.update(
                    complete=frame["complete"],
                    language_info=frame["language_info"],
                    widgets=frame["widgets"],
                )
                break
    finally:
        if init_pid > 0 and outcome["status"] != "ok":
            try:
                os.kill(init_pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        os.close(results_read)
        _, status = os.waitpid(first, 0)
    outcome["exit_code"] = _status_code(status)
    outcome["seconds"] = round(time.monotonic() - started, 3)
    return outcome


def main() -> None:
    skip_iri_grammar()
    for module in PRELOAD:
        __import__(module)
    from toolkit.catalogue import load_catalogue

    load_catalogue()  # item widgets name their point; read the catalogue once, here
    # What is loaded now lives as long as this process: keep the collector in each fork from
    # walking it again and again (a fifth of a self-test's running time).
    gc.freeze()
    requests = sys.stdin.buffer
    replies = sys.stdout.buffer
    write_frame(replies, {"event": "ready", "pid": os.getpid()})
    while True:
        job = read_frame(requests)
        if job is None:
            replies.flush()
            os._exit(0)  # nothing to tidy: skipping the interpreter's teardown saves the worker a wait
        outcome = run_job(job)
        outcome["job"] = job["job"]
        write_frame(replies, outcome)


if __name__ == "__main__":
    main()
