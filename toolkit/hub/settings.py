"""The JupyterHub configuration for one course, built from the course itself.

``workshop hub`` writes ``hub.json`` (the layout and limits) and a ``jupyterhub_config.py``
that calls ``configure_from`` into the course's ``hub/`` folder; everything else is
decided here, once:

- ports: the public address on ``port``; the hub's API, the proxy's API and the two
  course services on the four ports after it, all on loopback;
- people: ``WorkshopAuthenticator`` (roster IDs, first-login passwords) and
  ``WorkshopSpawner`` (one system user and private home each, cgroup limits);
- graders: roster roles 坊主 and 管理员 form the hub group ``graders``, whose role
  grants the course service (nbgrader's formgrader, the rubric desk, the dashboards);
- everyone: their own server and the portrait service (which shows a teacher only
  their own portrait); idle servers are stopped by jupyterhub-idle-culler.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

GRADERS_GROUP = "graders"
PORTRAIT_SERVICE = "portrait"
CULLER_SERVICE = "idle-culler"
SETTINGS_FILE = "hub.json"
# Inside the course folder: the hub's own state, and the dashboards as the course service serves them.
STATE_FOLDER = "hub"
DASHBOARDS_FOLDER = f"{STATE_FOLDER}/dashboards"
_PATH_FIELDS = ("course_dir", "state_dir", "user_config_dir", "home_root")


@dataclass(frozen=True)
class HubLayout:
    """Where one course's hub keeps its state and listens."""

    course_dir: Path
    course_id: str
    db_url: str
    state_dir: Path
    user_config_dir: Path
    home_root: Path
    ip: str
    port: int

    def as_json(self) -> dict[str, Any]:
        return {key: str(value) if isinstance(value, Path) else value for key, value in asdict(self).items()}

    @classmethod
    def from_json(cls, fields: dict[str, Any]) -> HubLayout:
        return cls(**{key: Path(value) if key in _PATH_FIELDS else value for key, value in fields.items()})

    @property
    def hub_port(self) -> int:
        return self.port + 1

    @property
    def proxy_api_port(self) -> int:
        return self.port + 2

    @property
    def course_service_port(self) -> int:
        return self.port + 3

    @property
    def portrait_service_port(self) -> int:
        return self.port + 4

    @property
    def course_service(self) -> str:
        # nbgrader's own convention: the formgrader service is named after the course.
        return self.course_id


def tool_path(name: str) -> str:
    """A command installed beside this Python (the environment's bin folder)."""
    return str(Path(sys.executable).parent / name)


def configure_from(c: Any, settings_file: str) -> None:
    """``configure`` with the layout and limits ``workshop hub`` saved in ``settings_file``."""
    with open(settings_file, encoding="utf-8") as handle:
        saved = json.load(handle)
    layout = HubLayout.from_json(saved.pop("layout"))
    configure(c, layout, **saved)


def configure(c: Any, layout: HubLayout, *, mem_limit: str, cpu_limit: float, cull_after: int) -> None:
    """Fill JupyterHub's config object ``c`` for the course described by ``layout``."""
    from toolkit.dashboard.markup import COURSE_ENV
    from toolkit.hub.homes import HOME_PAGE

    state = layout.state_dir
    hub = c.JupyterHub
    hub.bind_url = f"http://{layout.ip}:{layout.port}/"
    hub.hub_bind_url = f"http://127.0.0.1:{layout.hub_port}"
    hub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
    hub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
    hub.pid_file = str(state / "jupyterhub.pid")
    hub.template_paths = [str(Path(__file__).parent / "templates")]
    hub.template_vars = {"course_id": layout.course_id, "course_service": layout.course_service}
    hub.authenticator_class = "toolkit.hub.auth.WorkshopAuthenticator"
    hub.spawner_class = "toolkit.hub.spawner.WorkshopSpawner"
    # A teacher's browser goes straight to their own server (their home page).
    hub.default_url = "/hub/spawn"

    # Services and servers are asked to stop with SIGINT first; a Jupyter server then waits
    # for a confirmation nobody gives, so keep the grace periods short (the hub stops in seconds).
    c.LocalProcessSpawner.interrupt_timeout = 2
    c.LocalProcessSpawner.term_timeout = 5

    c.ConfigurableHTTPProxy.command = [tool_path("configurable-http-proxy")]
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{layout.proxy_api_port}"
    c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")

    auth = c.WorkshopAuthenticator
    auth.db_url = layout.db_url
    auth.dbm_path = str(state / "passwords.dbm")
    auth.min_password_length = 6
    auth.manage_groups = True

    spawner = c.WorkshopSpawner
    spawner.db_url = layout.db_url
    spawner.home_root = str(layout.home_root)
    spawner.user_config_dir = str(layout.user_config_dir)
    spawner.cmd = [tool_path("jupyterhub-singleuser")]
    spawner.default_url = f"/voila/render/{HOME_PAGE}"
    spawner.mem_limit = mem_limit
    spawner.cpu_limit = cpu_limit
    spawner.http_timeout = 120
    spawner.start_timeout = 180

    hub.load_roles = [
        {"name": "user", "scopes": ["self", f"access:services!service={PORTRAIT_SERVICE}"]},
        {
            "name": "workshop-grader",
            "groups": [GRADERS_GROUP],
            # Not "access:servers": a grader is often a fellow teacher, and opening someone's
            # server means acting as them. Their work reaches graders as submissions instead.
            "scopes": [
                f"access:services!service={layout.course_service}",
                f"access:services!service={PORTRAIT_SERVICE}",
            ],
        },
        {
            "name": CULLER_SERVICE,
            "services": [CULLER_SERVICE],
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        },
    ]
    course_env = {COURSE_ENV: str(layout.course_dir), "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"}
    hub.services = [
        {
            "name": layout.course_service,
            "display": False,
            "url": f"http://127.0.0.1:{layout.course_service_port}",
            "oauth_no_confirm": True,
            "cwd": str(layout.course_dir),
            "environment": {**course_env, "JUPYTER_CONFIG_PATH": str(state / "course-config")},
            # nbgrader's formgrader only works on a course inside the server's root, so the
            # service serves the course folder, with the dashboards copied into hub/dashboards.
            "command": [
                tool_path("jupyterhub-singleuser"),
                f"--ServerApp.root_dir={layout.course_dir}",
                f"--ServerApp.default_url=/voila/render/{DASHBOARDS_FOLDER}/cohort.ipynb",
                "--ServerApp.terminals_enabled=False",
                "--allow-root",
            ],
        },
        {
            "name": PORTRAIT_SERVICE,
            "display": False,
            "url": f"http://127.0.0.1:{layout.portrait_service_port}",
            "oauth_no_confirm": True,
            "environment": course_env,
            "command": [sys.executable, "-m", "toolkit.hub.portrait"],
        },
        {
            "name": CULLER_SERVICE,
            "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={cull_after}"],
        },
    ]
