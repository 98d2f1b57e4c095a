"""The district deployment we recommend: docs/deploy/values.yaml and the guide beside it.

No cluster here: the Helm values are read as data and checked for the keys and value types
the guide relies on, and every Python snippet the hub would execute must at least compile.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from jupyterhub.traitlets import ByteSpecification

from toolkit.hub.homes import HOME_PAGE
from toolkit.submission.exchange import TEACHER_ENV

ROOT = Path(__file__).resolve().parents[2]
VALUES = ROOT / "docs" / "deploy" / "values.yaml"
GUIDE = ROOT / "docs" / "deploy.md"
# KubeSpawner's memory format: a number and one of K, M, G, T ("512M", "2G").
MEMORY = re.compile(r"^\d+(\.\d+)?[KMGT]$")
AUTHENTICATOR = "toolkit.hub.auth.WorkshopAuthenticator"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_memory(value: Any) -> bool:
    return isinstance(value, str) and MEMORY.match(value) is not None


# What the guide relies on: a dotted path into the values, and what its value must be.
EXPECTED: dict[str, Callable[[Any], bool]] = {
    "hub.db.type": lambda value: value == "postgres",
    "hub.db.url": lambda value: isinstance(value, str) and value.startswith("postgresql"),
    "hub.config.JupyterHub.authenticator_class": lambda value: value == AUTHENTICATOR,
    "hub.extraConfig": lambda value: isinstance(value, dict) and len(value) > 0,
    "hub.services.nbexchange.url": lambda value: isinstance(value, str) and value.startswith("http"),
    "proxy.https.enabled": lambda value: value is True,
    "singleuser.image.name": lambda value: isinstance(value, str) and value != "",
    "singleuser.defaultUrl": lambda value: isinstance(value, str) and value.startswith("/voila/render/"),
    "singleuser.memory.guarantee": _is_memory,
    "singleuser.memory.limit": _is_memory,
    "singleuser.cpu.guarantee": _is_number,
    "singleuser.cpu.limit": _is_number,
    "singleuser.extraEnv": lambda value: isinstance(value, dict),
    "scheduling.userScheduler.enabled": lambda value: value is True,
    "prePuller.hook.enabled": lambda value: value is True,
    "cull.enabled": lambda value: value is True,
    "cull.timeout": lambda value: isinstance(value, int) and not isinstance(value, bool) and value > 0,
}


@pytest.fixture(scope="module")
def values() -> dict[str, Any]:
    loaded = yaml.safe_load(VALUES.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture(scope="module")
def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def lookup(values: dict[str, Any], dotted: str) -> Any:
    node: Any = values
    for key in dotted.split("."):
        assert isinstance(node, dict) and key in node, f"{dotted}: no {key!r} in values.yaml"
        node = node[key]
    return node


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_values_have_the_keys_and_types_the_guide_relies_on(values: dict[str, Any], path: str) -> None:
    value = lookup(values, path)
    assert EXPECTED[path](value), f"{path} = {value!r}"


def test_memory_and_cpu_guarantees_fit_within_their_limits(values: dict[str, Any]) -> None:
    memory = lookup(values, "singleuser.memory")
    parse = ByteSpecification()
    assert parse.validate(None, memory["guarantee"]) <= parse.validate(None, memory["limit"])
    cpu = lookup(values, "singleuser.cpu")
    assert cpu["guarantee"] <= cpu["limit"]


def test_default_url_is_the_home_page_every_teacher_is_given(values: dict[str, Any]) -> None:
    assert lookup(values, "singleuser.defaultUrl") == f"/voila/render/{HOME_PAGE}"


def extra_config(values: dict[str, Any]) -> dict[str, str]:
    snippets = lookup(values, "hub.extraConfig")
    assert all(isinstance(source, str) for source in snippets.values())
    return snippets


def test_every_extra_config_snippet_compiles(values: dict[str, Any]) -> None:
    for name, source in extra_config(values).items():
        compile(source, name, "exec")


def test_extra_config_reads_the_roster_and_sets_the_teacher_id(values: dict[str, Any]) -> None:
    sources = "\n".join(extra_config(values).values())
    module, name = AUTHENTICATOR.rsplit(".", 1)
    assert f"from {module} import {name}" in sources
    assert 'c.WorkshopAuthenticator.db_url = os.environ["WORKSHOP_GRADEBOOK_URL"]' in sources
    assert "c.KubeSpawner.environment" in sources and TEACHER_ENV in sources
    # One value for every pod: the per-teacher ID cannot come from Helm's extraEnv.
    assert TEACHER_ENV not in lookup(values, "singleuser.extraEnv")


def test_guide_gives_the_measured_figures_and_weighs_the_exchanges(guide: str) -> None:
    for figure in ("174.1", "3.98"):
        assert figure in guide
    for name in ("nbexchange", "ngshare", "NFS"):
        assert name in guide
