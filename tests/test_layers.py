"""The layers: computation loads no widget or plotting code, and no two toolkit packages import each other.

The contracts live in pyproject.toml ([tool.importlinter]) and are checked statically by
import-linter; Python also runs every parent package's ``__init__`` on import, which a static
graph does not follow, so each computation module is also imported in a fresh interpreter.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import pkgutil
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: import-linter brings tomli
    import tomli as tomllib

REPOSITORY = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONTRACTS = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
COMPUTATION = next(c for c in CONTRACTS["contracts"] if c["type"] == "forbidden")
# Loaded by any of these, a module is not computation (ipywidgets, pyplot, any matplotlib).
VIEW_LIBRARIES = ("ipywidgets", "matplotlib")


def _lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_layer_contracts_hold() -> None:
    result = _lint(REPOSITORY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.fixture(scope="module")
def toolkit_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the package and its contracts, to break on purpose."""
    root = tmp_path_factory.mktemp("layers")
    shutil.copytree(REPOSITORY / "toolkit", root / "toolkit", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPOSITORY / "pyproject.toml", root / "pyproject.toml")
    return root


def _with_line(root: Path, module: str, line: str) -> Path:
    copy = root.parent / f"{root.name}-{module.replace('/', '-')}"
    shutil.copytree(root, copy)
    path = copy / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    return copy


def test_a_widget_imported_by_computation_breaks_the_contract(toolkit_copy: Path) -> None:
    broken = _with_line(toolkit_copy, "toolkit/ledger/read.py", "import ipywidgets  # noqa")
    result = _lint(broken)
    assert result.returncode == 1
    assert "is not allowed to import ipywidgets" in result.stdout
    assert "toolkit.ledger.read -> ipywidgets" in result.stdout


def test_a_model_importing_its_widget_breaks_the_contract(toolkit_copy: Path) -> None:
    broken = _with_line(toolkit_copy, "toolkit/rubric/model.py", "import toolkit.rubric.widget  # noqa")
    result = _lint(broken)
    assert result.returncode == 1
    assert "toolkit.rubric.model is not allowed to import toolkit.rubric.widget" in result.stdout, (
        result.stdout
    )


def test_a_package_cycle_breaks_the_contract(toolkit_copy: Path) -> None:
    broken = _with_line(toolkit_copy, "toolkit/gradebook/read.py", "import toolkit.report.tables  # noqa")
    result = _lint(broken)
    assert result.returncode == 1
    assert "No cycles are allowed in toolkit" in result.stdout
    assert ".gradebook" in result.stdout and ".report" in result.stdout


def _computation_modules(source: str) -> list[str]:
    """The modules ``source`` names: itself and, for a package, every module in it; a ``*`` stands
    for each subpackage (``toolkit.classroom.*.model``)."""
    if "*" in source:
        parent, _, rest = source.partition(".*")
        package = importlib.import_module(parent)
        packages = [info.name for info in pkgutil.iter_modules(package.__path__) if info.ispkg]
        found = [f"{parent}.{name}{rest}" for name in packages]
        return [m for name in found if importlib.util.find_spec(name) for m in _computation_modules(name)]
    module = importlib.import_module(source)
    if not hasattr(module, "__path__"):
        return [source]
    return [source, *(info.name for info in pkgutil.walk_packages(module.__path__, prefix=f"{source}."))]


def _view_libraries_loaded(modules: list[str]) -> tuple[str, str]:
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({VIEW_LIBRARIES!r}))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr
    return modules[0], result.stdout.strip()


def test_computation_modules_load_no_widget_or_plotting_library_at_run_time() -> None:
    sources = [_computation_modules(source) for source in COMPUTATION["source_modules"]]
    assert len(sources) >= 30 and all(sources)
    everything = [module for modules in sources for module in modules]
    if _view_libraries_loaded(everything)[1]:
        # One interpreter per source names the culprits (slower, so only when something is wrong).
        with ThreadPoolExecutor(max_workers=4) as pool:
            loaded = dict(pool.map(_view_libraries_loaded, sources))
        pytest.fail(f"computation loads view libraries: { {s: libs for s, libs in loaded.items() if libs} }")
