"""Fifty teachers at once on one machine's hub: log in, get a server, submit; none lost or crossed.

Run from the repository root after the README's setup, as root (the hub makes one system
user per teacher; they and their homes are removed at the end):

    .venv/bin/python benchmarks/hub.py [--teachers 50] [--workdir DIR]

A course of N teachers is made and the self-test released. A real hub (proxy, spawner,
services) is started on loopback. N clients then start together, each as one teacher, the
way the browser does it: the hub's login form (first login, so the password is chosen),
the hub starting their own server, JupyterLab's page (for its XSRF cookie), a marker file
written through the server's contents API, and nbgrader's own fetch and submit through the
assignment list extension of their server. Afterwards the trainer's ``nbgrader collect``
must find N submissions, each holding its own teacher's marker (none lost, none crossed).

Printed: seconds until all N servers were up, logins per second, submit latency p50/p95,
the peak memory (VmHWM) of the hub process and of the largest single-user server. Every
request has a timeout and the whole run a deadline; nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY))

import requests  # noqa: E402

from toolkit.course import init_course  # noqa: E402
from toolkit.course.nbgrader_run import run_nbgrader  # noqa: E402
from toolkit.errors import InputError  # noqa: E402
from toolkit.hub import prepare_hub, start_hub, stop_hub  # noqa: E402
from toolkit.hub.accounts import system_name  # noqa: E402
from toolkit.hub.run import hub_url  # noqa: E402

PASSWORD = "bench-pass-1"
DEADLINE = 900  # seconds for the whole concurrent phase
TIMEOUT = 120  # seconds for any one request


@dataclass
class Teacher:
    teacher_id: str
    logged_in: float = 0.0  # seconds from the common start
    server_up: float = 0.0
    submit_seconds: float = 0.0
    error: str = ""
    steps: list[str] = field(default_factory=list)


def write_roster(path: Path, ids: list[str]) -> Path:
    rows = ["工号,姓名,学校,学科,角色", *(f"{tid},教师{tid},实验中学,数学,教师" for tid in ids)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def run_teacher(teacher: Teacher, base: str, course_id: str, start: threading.Event, t0: list[float]) -> None:
    name = teacher.teacher_id
    session = requests.Session()
    start.wait()
    try:
        session.get(base + "hub/login", timeout=TIMEOUT)
        hub_xsrf = session.cookies.get("_xsrf", path="/hub/")
        reply = session.post(
            base + "hub/login",
            data={"username": name, "password": PASSWORD, "_xsrf": hub_xsrf},
            allow_redirects=False,
            timeout=TIMEOUT,
        )
        if reply.status_code != 302:
            raise RuntimeError(f"login answered {reply.status_code}")
        teacher.logged_in = time.perf_counter() - t0[0]
        session.get(base + "hub/spawn", timeout=TIMEOUT)
        lab = base + f"user/{name}/lab"
        deadline = time.monotonic() + DEADLINE
        while True:
            page = session.get(lab, timeout=TIMEOUT)
            if page.status_code == 200 and page.url.startswith(lab):
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"server not up (last {page.status_code} {page.url})")
            time.sleep(1)
        teacher.server_up = time.perf_counter() - t0[0]
        xsrf = session.cookies.get("_xsrf", path=f"/user/{name}/")
        headers = {"X-XSRFToken": xsrf or ""}
        query = {"course_id": course_id, "assignment_id": "self_test"}
        api = base + f"user/{name}/"
        fetched = session.post(api + "assignments/fetch", params=query, headers=headers, timeout=TIMEOUT)
        fetched.raise_for_status()
        marker = {"type": "file", "format": "text", "content": name}
        session.put(api + "api/contents/self_test/marker.txt", json=marker, headers=headers, timeout=TIMEOUT)
        began = time.perf_counter()
        submitted = session.post(api + "assignments/submit", params=query, headers=headers, timeout=TIMEOUT)
        teacher.submit_seconds = time.perf_counter() - began
        submitted.raise_for_status()
        if '"success": false' in submitted.text:
            raise RuntimeError(f"submit failed: {submitted.text[:300]}")
    except Exception as error:  # noqa: BLE001 - every failure is counted and shown
        teacher.error = f"{type(error).__name__}: {error}"


def remove_accounts(ids: list[str]) -> None:
    """The benchmark's system users go, with anything still running as them."""
    for tid in ids:
        subprocess.run(["pkill", "-KILL", "-u", system_name(tid)], capture_output=True)
    time.sleep(1)
    for tid in ids:
        subprocess.run(["userdel", system_name(tid)], capture_output=True)


def free_hub(course: Path, homes: Path):  # noqa: ANN201 - a HubLayout
    for _ in range(20):
        try:
            return prepare_hub(course, port=random.randrange(20000, 40000, 5), home_root=homes)
        except InputError as error:
            if "端口" not in str(error):
                raise
    raise RuntimeError("no five free ports in a row")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teachers", type=int, default=50)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    ids = [f"BT{n:03d}" for n in range(1, args.teachers + 1)]
    base_dir = Path(args.workdir or tempfile.mkdtemp(prefix="workshop-hub-bench-", dir="/tmp"))
    base_dir.mkdir(parents=True, exist_ok=True)
    base_dir.chmod(0o755)
    course, homes = base_dir / "course", base_dir / "homes"
    homes.mkdir(mode=0o755, exist_ok=True)
    remove_accounts(ids)
    init_course(course, roster=write_roster(base_dir / "roster.csv", ids))
    run_nbgrader(course, ["generate_assignment", "self_test", "--force"])
    run_nbgrader(course, ["release_assignment", "self_test"])
    layout = free_hub(course, homes)
    hub = start_hub(layout)
    teachers = [Teacher(tid) for tid in ids]
    try:
        start, t0 = threading.Event(), [0.0]
        with ThreadPoolExecutor(max_workers=len(teachers)) as pool:
            url = hub_url(layout)
            futures = [pool.submit(run_teacher, t, url, layout.course_id, start, t0) for t in teachers]
            t0[0] = time.perf_counter()
            start.set()
            for future in futures:
                future.result(timeout=DEADLINE + TIMEOUT)
        hub_peak = peak_kib(hub.pid)
        servers = subprocess.run(
            ["pgrep", "-f", "jupyterhub-singleuser$"], capture_output=True, text=True
        ).stdout.split()
        server_peak = max((peak_kib(int(pid)) for pid in servers), default=0)
        run_nbgrader(course, ["collect", "self_test"])
    finally:
        stop_hub(hub)
        remove_accounts(ids)

    failed = [t for t in teachers if t.error]
    lost, crossed = [], []
    for t in teachers:
        marker = course / "submitted" / t.teacher_id / "self_test" / "marker.txt"
        if not marker.is_file():
            lost.append(t.teacher_id)
        elif marker.read_text(encoding="utf-8").strip() != t.teacher_id:
            crossed.append(t.teacher_id)
    ok = [t for t in teachers if not t.error]
    logins = sorted(t.logged_in for t in ok)
    submits = sorted(t.submit_seconds for t in ok)
    print(f"teachers: {len(teachers)}, failed: {len(failed)}, lost: {len(lost)}, crossed: {len(crossed)}")
    for t in failed[:10]:
        print(f"  {t.teacher_id}: {t.error}")
    if ok:
        print(f"all servers up after: {max(t.server_up for t in ok):.1f} s")
        rate = len(logins) / max(logins[-1], 1e-9)
        print(f"logins per second: {rate:.2f} (last login at {logins[-1]:.1f} s)")
        p95 = submits[min(len(submits) - 1, round(0.95 * (len(submits) - 1)))]
        print(f"submit latency: p50 {statistics.median(submits):.2f} s, p95 {p95:.2f} s")
    print(f"peak memory: hub {hub_peak / 1024:.0f} MiB, largest user server {server_peak / 1024:.0f} MiB")
    if not args.workdir:
        shutil.rmtree(base_dir, ignore_errors=True)
    return 1 if failed or lost or crossed else 0


if __name__ == "__main__":
    sys.exit(main())
