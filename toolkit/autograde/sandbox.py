"""A worker's sandbox: bubblewrap around a warm zygote, and the limits every submission runs under.

The sandbox sees the system read-only (/usr, /etc), the Python installation
and the toolkit package, and nothing else: not the course folder, not the
gradebook, not source/ with the hidden tests, not the shipped assignments,
not other teachers' work. It has no network: its own network namespace holds
only a loopback of its own, which cannot reach the host's. Each submission
then gets its own namespaces, user id and limits inside it (see
:mod:`toolkit.autograde.zygote`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, BinaryIO

import toolkit
from toolkit.autograde import messages as _messages  # noqa: F401 - registers the messages
from toolkit.autograde.frames import FrameError, read_frame, write_frame
from toolkit.autograde.uids import FIRST_SLOT_UID, UidLease
from toolkit.i18n import t
from toolkit.resources import content_dir

BWRAP = "bwrap"
_SYSTEM_LINKS = ("/bin", "/lib", "/lib64", "/sbin")
_PASSED_ENV = ("LANG", "LC_ALL", "WORKSHOP_LANG")


@dataclass(frozen=True)
class Limits:
    """What one submission may use. Times in seconds; sizes in MiB."""

    cell_timeout: float = 120.0
    notebook_timeout: float = 600.0
    memory_mb: int = 2048
    processes: int = 32
    cpu_seconds: int = 600
    file_mb: int = 64
    scratch_mb: int = 512


class SandboxUnavailable(RuntimeError):
    """Isolation cannot be set up on this machine; the message says what is missing."""


def sandbox_problem() -> str | None:
    """Why submissions cannot be isolated here, or None when they can."""
    if shutil.which(BWRAP) is None:
        return t("autograde.no_bwrap")
    if os.geteuid() != 0:
        return t("autograde.not_root")
    return None


def _python_roots() -> list[Path]:
    """Folders the sandboxed Python needs: the installation, the environment and the toolkit."""
    roots = {Path(sys.base_prefix), Path(sys.prefix), Path(sys.executable).resolve().parent.parent}
    package = Path(toolkit.__file__).resolve().parent
    roots.add(package)
    roots.add(content_dir("rubrics"))  # the point catalogue that item widgets name
    return sorted(root.resolve() for root in roots)


def bwrap_command(inbox: Path) -> list[str]:
    """The bubblewrap command line that starts a worker's zygote."""
    command = [
        BWRAP,
        "--die-with-parent",
        "--new-session",
        "--unshare-net",
        "--unshare-ipc",
        "--unshare-uts",
        "--unshare-pid",
        "--unshare-cgroup-try",
        "--cap-add",
        "ALL",  # kept by the zygote to set up each submission; the runner drops all of them
        "--ro-bind",
        "/usr",
        "/usr",
        "--ro-bind",
        "/etc",
        "/etc",
    ]
    for link in _SYSTEM_LINKS:
        path = Path(link)
        if path.is_symlink():
            command += ["--symlink", os.readlink(path), link]
        elif path.is_dir():
            command += ["--ro-bind", link, link]
    command += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--dir", "/scratch"]
    command += ["--ro-bind", str(inbox), "/inbox"]
    made: set[Path] = set()
    for root in _python_roots():
        for parent in reversed(root.parents[:-1]):  # bwrap would make them 0700, closed to the runner
            if parent not in made:
                made.add(parent)
                command += ["--perms", "0755", "--dir", str(parent)]
        command += ["--ro-bind", str(root), str(root)]
    # Read-only, so nothing one submission leaves there reaches the next; each has its own tmp.
    command += ["--remount-ro", "/tmp"]
    hidden = Path(toolkit.__file__).resolve().parent / "_content"
    if hidden.is_dir():  # an installed wheel carries the assignments, hidden tests included
        command += ["--tmpfs", str(hidden)]
    command += ["--chdir", "/", "--clearenv"]
    for name in _PASSED_ENV:
        if name in os.environ:
            command += ["--setenv", name, os.environ[name]]
    command += ["--setenv", "PATH", "/usr/bin:/bin", "--setenv", "PYTHONDONTWRITEBYTECODE", "1"]
    command += [sys.executable, "-m", "toolkit.autograde.zygote"]
    return command


@dataclass
class Run:
    """What happened to one notebook in the sandbox."""

    status: str  # ok, cell_timeout, notebook_timeout, died, fault, protocol
    cells: dict[int, dict[str, Any]]
    index: int | None
    exit_code: int
    complete: bool
    language_info: dict[str, Any] | None
    widgets: dict[str, Any] | None
    seconds: float
    detail: str = ""


class Sandbox:
    """One worker's bubblewrap sandbox with its warm zygote; run notebooks through :meth:`run`."""

    def __init__(self, *, slot: int, workdir: Path, limits: Limits) -> None:
        problem = sandbox_problem()
        if problem:
            raise SandboxUnavailable(problem)
        # Each worker runs its submissions as a user id of its own: slot N asks for 61000 + N.
        self._uid = UidLease(FIRST_SLOT_UID + slot)
        self.uid = self._uid.uid
        self.limits = limits
        self.inbox = Path(workdir) / f"inbox-{slot}"
        self.inbox.mkdir(parents=True, exist_ok=True)
        self.log = Path(workdir) / f"sandbox-{slot}.log"
        self._jobs = 0
        with self.log.open("ab") as log:
            self._process = subprocess.Popen(
                bwrap_command(self.inbox), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log
            )
        self._ready = False  # the zygote warms up while the worker loads nbgrader; see _wait_ready

    def _wait_ready(self) -> None:
        if not self._ready:
            if self._read().get("event") != "ready":
                raise SandboxUnavailable(t("autograde.sandbox_failed", log=self.log))
            self._ready = True

    def _read(self) -> dict[str, Any]:
        assert self._process.stdout is not None
        try:
            frame = read_frame(self._process.stdout)
        except FrameError as exc:
            raise SandboxUnavailable(t("autograde.sandbox_failed", log=self.log)) from exc
        if frame is None:
            raise SandboxUnavailable(t("autograde.sandbox_failed", log=self.log))
        return frame

    def run(
        self, sources: list[str], *, folder: Path, env: dict[str, str], cell_timeout: float | None = None
    ) -> Run:
        """Run ``sources`` as cells with a private copy of ``folder`` as the working folder."""
        self._wait_ready()
        self._jobs += 1
        name = str(self._jobs)
        staged = self.inbox / name
        shutil.copytree(folder, staged, symlinks=True, ignore=shutil.ignore_patterns("*.ipynb"))
        limits = self.limits
        job = {
            "job": self._jobs,
            "inbox": name,
            "uid": self.uid,
            "sources": sources,
            "env": env,
            "cell_timeout": cell_timeout or limits.cell_timeout,
            "notebook_timeout": limits.notebook_timeout,
            "limits": asdict(limits),
        }
        try:
            assert self._process.stdin is not None
            write_frame(self._process.stdin, job)
            outcome = self._read()
        finally:
            shutil.rmtree(staged, ignore_errors=True)
        return Run(
            status=outcome["status"],
            cells={int(index): result for index, result in outcome["cells"].items()},
            index=outcome.get("index"),
            exit_code=outcome["exit_code"],
            complete=outcome.get("complete", False),
            language_info=outcome.get("language_info"),
            widgets=outcome.get("widgets"),
            seconds=outcome["seconds"],
            detail=outcome.get("detail", ""),
        )

    def close(self) -> None:
        stdin: BinaryIO | None = self._process.stdin
        if stdin is not None and not stdin.closed:
            stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()
        shutil.rmtree(self.inbox, ignore_errors=True)
        self._uid.release()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
