"""Shared fixtures: a demo course made once (and cached), a real headless Chromium, PostgreSQL.

The suite runs on pytest-xdist workers (pyproject.toml; how tests are shared out: see
pytest_configure), each with its own session: its own PostgreSQL server, and its own hub with
test accounts of its own (tests/hub/conftest.py); the demo course is built by one worker and
copied by each.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import hashlib
import importlib.metadata
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import zipfile
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


REPOSITORY = Path(__file__).resolve().parent.parent


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """One worker more than CPUs: many tests spend their time waiting on a server or a browser."""
    return (os.cpu_count() or 1) + 1


def pytest_configure(config: pytest.Config) -> None:
    """In the main process: how the tests are shared out, and the cached demo course started.

    A run without the slow tests (the quick loop) lets idle workers steal queued tests: with
    xdist's load distribution one worker was left with the few long tests while two idled
    (71 s against 96 to 102 s). A whole run hands out tests one by one too, except the files
    that share a costly fixture, which go to one worker as a unit (``SHARED``), in the order
    pytest_collection_modifyitems gives. Its main process starts building the demo course at
    once, and the tests that need it run last, so no worker waits for it.
    """
    if hasattr(config, "workerinput") or config.option.collectonly:
        return
    if "not slow" in (config.option.markexpr or ""):
        if getattr(config.option, "dist", "no") == "load":
            config.option.dist = "worksteal"
        return
    config.stash[_DEMO_BUILDER] = subprocess.Popen(
        [sys.executable, "-c", "from tests.conftest import cached_demo; cached_demo()"],
        cwd=REPOSITORY,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


# Test files whose fixtures cost tens of seconds each time a worker builds them: a JupyterHub
# and its teachers' servers, PostgreSQL, the research course, the rubric assignments' graded
# course, the hostile submissions graded in the sandbox, the demo course regraded or served by
# Voila. The files of one group run as a unit on
# one worker, so each is built once per run instead of once per worker (before, every worker
# started its own hub, and the suite took 721 s). By file, not by fixture: the main process that
# hands out the work knows test IDs only. Longest units first.
SHARED = {
    "tests/hub/": "hub",
    "tests/desk/test_postgresql_concurrency.py": "postgresql",
    "tests/course/test_postgresql.py": "postgresql",
    "tests/research/": "research",
    "tests/assignments/test_rubric_assignments.py": "rubric-assignments",
    "tests/autograde/test_hostile.py": "hostile-submissions",
    "tests/autograde/test_grade.py": "graded-demo",
    "tests/dashboard/test_browser.py": "dashboard-voila",
}
_GROUPS = list(dict.fromkeys(SHARED.values()))


def shared_group(nodeid: str) -> str | None:
    return next((group for start, group in SHARED.items() if nodeid.startswith(start)), None)


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """A whole run: xdist's load distribution, with each group of ``SHARED`` one unit of work.

    (xdist's own ``loadgroup`` renames test IDs in a way pytest 9 no longer sees.)"""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class SharedFixtureScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return shared_group(nodeid) or nodeid

    config.option.loadscopereorder = False  # keep the order collection gives
    return SharedFixtureScheduling(config, log)  # type: ignore[arg-type]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The order work is handed out in: shared units first (the hub's is the longest), then
    single tests; the tests on the demo course last, its shared units first among them. By then
    the build the main process started at the beginning is done, and no worker sits idle
    waiting for it (one waited 93 s at the start of a run)."""

    def rank(item: pytest.Item) -> tuple[bool, int]:
        group = shared_group(item.nodeid)
        on_demo = "demo_course" in getattr(item, "fixturenames", ())
        return on_demo, _GROUPS.index(group) if group else len(_GROUPS)

    items.sort(key=rank)


def pytest_unconfigure(config: pytest.Config) -> None:
    """A build still running when the run ends (stopped early, or no test wanted it) is stopped."""
    builder = config.stash.get(_DEMO_BUILDER, None)
    if builder is not None and builder.poll() is None:
        os.killpg(builder.pid, signal.SIGTERM)
    if builder is not None:
        builder.wait()


_DEMO_BUILDER = pytest.StashKey[subprocess.Popen]()


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


# The member that makes a zip an Office file of each kind, as toolkit.evidence.files reads them.
_OFFICE_MEMBER = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml", ".pptx": "ppt/presentation.xml"}
_HEADS = {".pdf": b"%PDF-1.4\n", ".jpg": b"\xff\xd8\xff\xe0", ".png": b"\x89PNG\r\n\x1a\n"}


def file_bytes(name: str) -> bytes:
    """A small file whose content is what ``name``'s extension says (pdf, jpg, png, docx, xlsx,
    pptx), distinct per name, so uploads pass the content check."""
    suffix = Path(name).suffix.lower()
    if suffix in _OFFICE_MEMBER:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for member, text in ((_OFFICE_MEMBER[suffix], "<document/>"), ("name.txt", name)):
                archive.writestr(zipfile.ZipInfo(member, date_time=(2026, 9, 1, 0, 0, 0)), text)
        return buffer.getvalue()
    return _HEADS[suffix] + name.encode()


def page_text(page: str) -> str:
    """An HTML page's text as a reader sees it: styles, tags and attributes dropped."""
    return re.sub(r"<[^>]*>", " ", re.sub(r"<style>.*?</style>", "", page, flags=re.S))


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


# What shapes the demo course: the package, its content and the libraries that grade it.
_DEMO_INPUTS = ("toolkit", "course", "assignments", "rubrics")
_DEMO_LIBRARIES = ("nbgrader", "nbformat", "nbconvert", "nbclient", "ipywidgets", "jupyter_client", "pandas")
TEST_CACHE = Path(os.environ.get("WORKSHOP_TEST_CACHE", Path.home() / ".cache" / "competency-workshop-tests"))


def demo_key() -> str:
    """A digest of every file and library version that shapes ``workshop demo``'s course."""
    digest = hashlib.sha256(sys.version.encode())
    for library in _DEMO_LIBRARIES:
        digest.update(f"{library}={importlib.metadata.version(library)}\n".encode())
    for folder in _DEMO_INPUTS:
        for path in sorted((REPOSITORY / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and ".ipynb_checkpoints" not in path.parts:
                digest.update(str(path.relative_to(REPOSITORY)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (other xdist workers wait for it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def cached_demo() -> Path:
    """``workshop demo course --teachers 24 --no-serve``, built once per change of what shapes it."""
    cached = TEST_CACHE / f"demo-{demo_key()}"
    with _locked(TEST_CACHE / f"{cached.name}.lock"):
        if not (cached / "course").is_dir():
            building = TEST_CACHE / f"{cached.name}.building"
            shutil.rmtree(building, ignore_errors=True)
            building.mkdir(parents=True)
            result = workshop("demo", "course", "--teachers", "24", "--no-serve", cwd=building)
            assert result.returncode == 0, result.stderr[-3000:]
            building.rename(cached)  # whole or not at all
    return cached / "course"


@pytest.fixture(scope="session")
def demo_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This session's own copy of the cached demo course (tests may change their copy)."""
    course = tmp_path_factory.mktemp("demo") / "course"
    shutil.copytree(cached_demo(), course, symlinks=True)
    return course


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
