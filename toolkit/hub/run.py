"""``workshop hub COURSE_DIR``: run the course's JupyterHub in the foreground."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

from traitlets.config.loader import PyFileConfigLoader

from toolkit.atomic import write_text_atomic
from toolkit.course.config import CHECKED_COLLECT, CONFIG_NAME, load_course
from toolkit.environment import tools_path
from toolkit.errors import InputError
from toolkit.hub import messages  # noqa: F401  (registers the hub's messages)
from toolkit.hub.accounts import read_accounts
from toolkit.hub.settings import DASHBOARDS_FOLDER, SETTINGS_FILE, STATE_FOLDER, HubLayout, tool_path
from toolkit.i18n import t
from toolkit.resources import dashboard_dir
from toolkit.submission.exchange import TEACHER_ENV

DEFAULT_PORT = 8000
# Files a teacher may download from a page served by Voila in their own server
# (exported reports, plans, charts and the evidence they uploaded).
DOWNLOADABLE = r".*\.(png|jpe?g|gif|svg|docx?|xlsx?|pptx?|pdf|md|txt|csv|html|mp3|mp4|zip)"
# Every Voila page on the hub, a teacher's or a grader's: no sources, no tracebacks.
_VOILA_PAGES = {"strip_sources": True, "show_tracebacks": False, "file_allowlist": [DOWNLOADABLE]}
# nbgrader's instructor tools are not for teachers: neither in their server nor in Lab.
_TEACHER_SERVER = {
    "ServerApp": {
        "jpserver_extensions": {
            "nbgrader.server_extensions.formgrader": False,
            "nbgrader.server_extensions.course_list": False,
        }
    },
    "VoilaConfiguration": _VOILA_PAGES,
}
_TEACHER_LAB = {
    "disabledExtensions": {
        "@jupyter/nbgrader:formgrader": True,
        "@jupyter/nbgrader:create-assignment": True,
        "@jupyter/nbgrader:course-list": True,
        # nbgrader's Validate says "Success" with every item unanswered; the assignment page's
        # own check counts what is missing instead.
        "@jupyter/nbgrader:validate-assignment": True,
    }
}
_COURSE_SERVER = {
    # Formgrader, the desk and the dashboards need nbgrader's formgrader and Voila; the rest of
    # a notebook server is switched off (it also takes the service long to stop).
    "ServerApp": {
        "jpserver_extensions": {
            "nbgrader.server_extensions.assignment_list": False,
            "nbgrader.server_extensions.course_list": False,
            "nbgrader.server_extensions.validate_assignment": False,
            "jupyter_lsp": False,
            "jupyter_server_terminals": False,
            "notebook": False,
        }
    },
    "VoilaConfiguration": _VOILA_PAGES,
}
_COURSE_SERVER_HOOK = """\
# Written by `workshop hub`: the desk records the logged-in grader, not the service's user.
from toolkit.hub.voila_hooks import name_the_grader

c.VoilaConfiguration.prelaunch_hook = name_the_grader  # noqa: F821
"""
_TEACHER_NBGRADER = """\
# nbgrader settings for every teacher's server, written by `workshop hub`.
import os

c = get_config()  # noqa: F821
c.CourseDirectory.course_id = {course_id!r}
c.Exchange.root = {exchange!r}
# Submissions and feedback go under the roster ID the hub logged the teacher in with.
c.CourseDirectory.student_id = os.environ.get({teacher_env!r}, "*")
"""
_HUB_CONFIG = """\
# Written by `workshop hub`: every setting is made in toolkit.hub.settings, from hub.json here.
import os

from toolkit.hub.settings import configure_from

configure_from(c, os.path.join(os.path.dirname(os.path.abspath(__file__)), "hub.json"))  # noqa: F821
"""


def exchange_root(course_dir: Path) -> Path:
    """The exchange folder the course's nbgrader_config.py names."""
    config = PyFileConfigLoader(CONFIG_NAME, path=str(course_dir)).load_config()
    root = config.get("Exchange", {}).get("root")
    return Path(str(root)) if root else Path("/srv/nbgrader/exchange")


def _check_runnable_by_others() -> None:
    def become_nobody() -> None:
        os.setgroups([])
        os.setgid(65534)
        os.setuid(65534)

    result = subprocess.run(
        [sys.executable, "-c", "import toolkit.hub.spawner"],
        preexec_fn=become_nobody,
        capture_output=True,
        env={"PATH": tools_path(), "HOME": "/"},
        cwd="/",
    )
    if result.returncode != 0:
        raise InputError(t("hub.python_unreadable", python=sys.executable))


def _check_reachable(folder: Path) -> None:
    for part in [folder, *folder.parents]:
        if not part.stat().st_mode & stat.S_IXOTH:
            raise InputError(t("hub.folder_closed", folder=part))


def _check_ports(ip: str, port: int) -> None:
    import socket

    for candidate in range(port, port + 5):
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((ip if candidate == port else "127.0.0.1", candidate))
            except OSError as error:
                raise InputError(t("hub.port_busy", port=port, last=port + 4)) from error


def _ensure_checked_collect(course_dir: Path) -> None:
    """Courses made before the hub existed get the owner-checking collect added to their config."""
    config = course_dir / CONFIG_NAME
    text = config.read_text(encoding="utf-8")
    if "RosterCheckedCollect" not in text:
        write_text_atomic(config, text.rstrip("\n") + "\n\n" + CHECKED_COLLECT + "\n")


def secure_course(course_dir: Path, exchange: Path) -> None:
    """Teachers may pass through the course folder to the exchange, and see nothing else.

    The gradebook, sources with hidden tests, submissions and feedback are closed to other
    users (o-rwx); inside the exchange nbgrader's own modes apply (an inbound folder
    teachers can write to but not list, feedback under names only its owner can work out).
    """
    course_dir.chmod(0o711)
    keep_open = {exchange.resolve(), (course_dir / STATE_FOLDER).resolve()}
    for entry in course_dir.iterdir():
        if entry.is_symlink() or entry.resolve() in keep_open:
            continue
        entry.chmod(entry.stat().st_mode & ~0o007)
    exchange.mkdir(exist_ok=True)
    # nbgrader insists on a writable exchange root; the sticky bit keeps anyone from
    # removing or renaming what others put there.
    exchange.chmod(0o1777)


def prepare_hub(
    course_dir: str | Path,
    *,
    port: int = DEFAULT_PORT,
    ip: str = "127.0.0.1",
    home_root: str | Path = "/home",
    mem_limit: str = "2G",
    cpu_limit: float = 1.0,
    cull_after: int = 3600,
) -> HubLayout:
    """Check the machine and the course, then write the hub's configuration; the layout."""
    if os.geteuid() != 0:
        raise InputError(t("hub.not_root"))
    if not Path(tool_path("configurable-http-proxy")).exists():
        raise InputError(t("hub.no_proxy"))
    settings = load_course(course_dir)
    accounts = [a for a in read_accounts(settings.db_url).values() if a.active]
    if not accounts:
        raise InputError(t("hub.no_people"))
    clashes = [name for name, n in Counter(a.system_name for a in accounts).items() if n > 1]
    if clashes:
        ids = "、".join(a.teacher_id for a in accounts if a.system_name in clashes)
        raise InputError(t("hub.id_clash", ids=ids))
    _check_runnable_by_others()
    root = settings.root
    exchange = exchange_root(root)
    _check_reachable(exchange.parent)
    _check_ports(ip, port)

    state = root / STATE_FOLDER
    state.mkdir(exist_ok=True)
    state.chmod(0o711)  # secrets inside are 0600; the settings folders are readable
    user_config = state / "user-config"
    (user_config / "labconfig").mkdir(parents=True, exist_ok=True)
    write_text_atomic(
        user_config / "nbgrader_config.py",
        _TEACHER_NBGRADER.format(
            course_id=settings.course_id, exchange=str(exchange), teacher_env=TEACHER_ENV
        ),
    )
    write_text_atomic(user_config / "jupyter_server_config.json", json.dumps(_TEACHER_SERVER, indent=2))
    write_text_atomic(user_config / "labconfig" / "page_config.json", json.dumps(_TEACHER_LAB, indent=2))
    for path in [user_config, user_config / "labconfig", *user_config.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    course_config = state / "course-config"
    course_config.mkdir(exist_ok=True)
    course_config.chmod(0o700)
    write_text_atomic(course_config / "jupyter_server_config.json", json.dumps(_COURSE_SERVER, indent=2))
    write_text_atomic(course_config / "jupyter_server_config.py", _COURSE_SERVER_HOOK)
    _ensure_checked_collect(root)
    secure_course(root, exchange)
    # The dashboards as shipped with this toolkit (ours, not anyone's work: replaced each start).
    dashboards = root / DASHBOARDS_FOLDER
    dashboards.mkdir(parents=True, exist_ok=True)
    dashboards.chmod(0o700)
    for notebook in dashboard_dir().glob("*.ipynb"):
        shutil.copyfile(notebook, dashboards / notebook.name)

    layout = HubLayout(
        course_dir=root,
        course_id=settings.course_id,
        db_url=settings.db_url,
        state_dir=state,
        user_config_dir=user_config,
        home_root=Path(home_root).resolve(),
        ip=ip,
        port=port,
    )
    options = {"mem_limit": mem_limit, "cpu_limit": cpu_limit, "cull_after": cull_after}
    write_text_atomic(state / SETTINGS_FILE, json.dumps({"layout": layout.as_json(), **options}, indent=2))
    (state / SETTINGS_FILE).chmod(0o600)
    write_text_atomic(state / "jupyterhub_config.py", _HUB_CONFIG)
    return layout


def _wait_until_up(process: subprocess.Popen[bytes], url: str, *, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url + "hub/api/health", timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def start_hub(layout: HubLayout) -> subprocess.Popen[bytes]:
    """Start JupyterHub for ``layout`` in the background, its log in the hub folder.

    Returns once the hub answers; raises InputError (with the log's path) if it does not.
    """
    log_path = layout.state_dir / "hub.log"
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [tool_path("jupyterhub"), "-f", str(layout.state_dir / "jupyterhub_config.py")],
            cwd=layout.state_dir,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PATH": tools_path()},
            start_new_session=True,
        )
    try:
        up = _wait_until_up(process, hub_url(layout), timeout=120)
    except BaseException:  # interrupted while starting: nothing may be left running
        stop_hub(process)
        raise
    if not up:
        stop_hub(process)
        raise InputError(t("hub.failed", log=log_path))
    return process


def stop_hub(process: subprocess.Popen[bytes]) -> None:
    """Stop the hub (its services and proxy go with it; teachers' servers are stopped too)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=180)  # it stops its services one after another first
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def hub_url(layout: HubLayout) -> str:
    host = "127.0.0.1" if layout.ip in ("0.0.0.0", "") else layout.ip
    return f"http://{host}:{layout.port}/"


def _interrupt(number: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_hub(course_dir: str | Path, *, port: int = DEFAULT_PORT, ip: str = "127.0.0.1") -> int:
    """``workshop hub``: prepare, start, print how to log in, and serve until Ctrl+C."""
    layout = prepare_hub(course_dir, port=port, ip=ip)
    # Stopped by a service manager (SIGTERM) or a closed terminal (SIGHUP) as by Ctrl+C:
    # the hub runs in its own session, so it would otherwise outlive this command.
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, _interrupt)
    process = start_hub(layout)
    print(
        t("hub.ready", url=hub_url(layout), service=layout.course_service, log=layout.state_dir / "hub.log"),
        flush=True,
    )
    try:
        return process.wait()
    except KeyboardInterrupt:
        print(t("hub.stopping"), flush=True)
        stop_hub(process)
        print(t("hub.stopped"), flush=True)
        return 0
