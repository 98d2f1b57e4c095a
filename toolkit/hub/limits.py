"""Per-person memory and CPU limits for servers started by the hub, through cgroups.

JupyterHub's local spawner accepts ``mem_limit`` and ``cpu_limit`` but does not
enforce them; here each person gets a cgroup under ``workshop/`` with those limits,
and their server (with every kernel it starts) is placed in it before it runs.
Both cgroup layouts are handled: v2 (``memory.max``, ``cpu.max``) and v1 (the
``memory`` and ``cpu`` hierarchies). Where neither can be written (an unprivileged
hub, a container without cgroup access) ``prepare`` says so and returns no paths.
"""

from __future__ import annotations

import os
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")
GROUP = "workshop"
CPU_PERIOD_US = 100_000


def _v2_root() -> Path | None:
    for candidate in (CGROUP_ROOT, CGROUP_ROOT / "unified"):
        controllers = candidate / "cgroup.controllers"
        if controllers.is_file() and {"memory", "cpu"} <= set(controllers.read_text().split()):
            return candidate
    return None


def prepare(name: str, *, mem_limit: int | None, cpu_limit: float | None) -> list[Path]:
    """Make (or update) the person's cgroups; the ``cgroup.procs`` files to join them by.

    Raises OSError when the limits cannot be set.
    """
    if not mem_limit and not cpu_limit:
        return []
    v2 = _v2_root()
    if v2 is not None:
        parent = v2 / GROUP
        parent.mkdir(exist_ok=True)
        (v2 / "cgroup.subtree_control").write_text("+memory +cpu")
        (parent / "cgroup.subtree_control").write_text("+memory +cpu")
        group = parent / name
        group.mkdir(exist_ok=True)
        if mem_limit:
            (group / "memory.max").write_text(str(int(mem_limit)))
        if cpu_limit:
            (group / "cpu.max").write_text(f"{int(cpu_limit * CPU_PERIOD_US)} {CPU_PERIOD_US}")
        return [group / "cgroup.procs"]
    procs = []
    if mem_limit:
        group = CGROUP_ROOT / "memory" / GROUP / name
        group.mkdir(parents=True, exist_ok=True)
        (group / "memory.limit_in_bytes").write_text(str(int(mem_limit)))
        procs.append(group / "cgroup.procs")
    if cpu_limit:
        group = CGROUP_ROOT / "cpu" / GROUP / name
        group.mkdir(parents=True, exist_ok=True)
        (group / "cpu.cfs_period_us").write_text(str(CPU_PERIOD_US))
        (group / "cpu.cfs_quota_us").write_text(str(int(cpu_limit * CPU_PERIOD_US)))
        procs.append(group / "cgroup.procs")
    return procs


def join(procs: list[Path]) -> None:
    """Move the calling process into the prepared cgroups (run in the child before exec)."""
    for path in procs:
        fd = os.open(path, os.O_WRONLY)
        try:
            os.write(fd, b"0")
        finally:
            os.close(fd)


def memory_limit_of(pid: int) -> int | None:
    """The memory limit in force for a running process, in bytes (None: unlimited)."""
    for line in Path(f"/proc/{pid}/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        if controllers == "":
            root = _v2_root()
            if root is not None and (root / path.lstrip("/") / "memory.max").is_file():
                value = (root / path.lstrip("/") / "memory.max").read_text().strip()
                return None if value == "max" else int(value)
        if "memory" in controllers.split(","):
            value = int((CGROUP_ROOT / "memory" / path.lstrip("/") / "memory.limit_in_bytes").read_text())
            return None if value >= 2**62 else value
    return None
