"""Shared fixtures: a demo course made once per session, and a real headless Chromium."""

from __future__ import annotations

import contextlib
import datetime
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from toolkit.environment import tools_path
from toolkit.i18n import set_language

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(autouse=True)
def _chinese_messages(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in the default language, whatever the developer's environment says."""
    monkeypatch.delenv("WORKSHOP_LANG", raising=False)
    set_language(None)
    yield
    set_language(None)


def workshop(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``workshop`` command line as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=900,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


def upload(name: str, content: bytes) -> tuple[dict[str, object], ...]:
    """The value a FileUpload widget holds after a teacher picks the file ``name``."""
    item = {
        "name": name,
        "type": "",
        "size": len(content),
        "content": memoryview(content),
        "last_modified": datetime.datetime.now(),
    }
    return (item,)


HEADER = "工号,姓名,学校,学科,角色\n"


def roster(path: Path, rows: list[str]) -> Path:
    """A small Chinese-header CSV roster with ``rows`` of 工号,姓名,学校,学科,角色."""
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real ``nbgrader`` command in ``course``, as a trainer would."""
    return subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": tools_path()},
        timeout=300,
    )


@pytest.fixture(scope="session")
def demo_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``workshop demo course --teachers 24 --no-serve``, run once for the whole session."""
    base = tmp_path_factory.mktemp("demo")
    result = workshop("demo", "course", "--teachers", "24", "--no-serve", cwd=base)
    assert result.returncode == 0, result.stderr[-3000:]
    return base / "course"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("Chromium is not installed: run the README's test command, which installs it")
    return path


def wait_for_http(url: str, process: subprocess.Popen[bytes], timeout: float = 90) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(url)


@contextlib.contextmanager
def http_server(command_for: Callable[[int], list[str]], *, env: dict[str, str], log: Path) -> Iterator[str]:
    """Start the server ``command_for(port)`` on a free loopback port; yield its URL; stop it."""
    port = free_port()
    with log.open("wb") as output:
        server = subprocess.Popen(command_for(port), env=env, stdout=output, stderr=output)
        url = f"http://127.0.0.1:{port}/"
        try:
            wait_for_http(url, server)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)


@pytest.fixture(scope="session")
def postgresql_url() -> Iterator[str]:
    """A real PostgreSQL server on loopback, in a throw-away data folder, for this session."""
    import glob
    import pwd
    import tempfile

    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not bins:
        pytest.fail("PostgreSQL is not installed: run the README's test command, which installs it")
    bin_dir = Path(bins[-1])
    data = Path(tempfile.mkdtemp(prefix="workshop-pg-", dir="/tmp"))
    data.chmod(0o755)
    as_user: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        postgres = pwd.getpwnam("postgres")
        os.chown(data, postgres.pw_uid, postgres.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()

    def run(*command: str) -> None:
        subprocess.run([*as_user, *command], check=True, capture_output=True, timeout=120)

    run(str(bin_dir / "initdb"), "-D", str(data / "db"), "-A", "trust", "-U", "postgres", "-E", "UTF8")
    run(
        str(bin_dir / "pg_ctl"),
        "-D",
        str(data / "db"),
        "-l",
        str(data / "server.log"),
        "-w",
        "-o",
        f"-p {port} -k {data} -c listen_addresses=127.0.0.1",
        "start",
    )
    try:
        yield f"postgresql+psycopg2://postgres@127.0.0.1:{port}/postgres"
    finally:
        run(str(bin_dir / "pg_ctl"), "-D", str(data / "db"), "-m", "fast", "-w", "stop")
        shutil.rmtree(data, ignore_errors=True)
