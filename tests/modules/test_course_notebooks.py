"""Every course notebook: one module per point, complete sections, executes headless with widgets."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from toolkit.catalogue import load_catalogue
from toolkit.resources import content_dir
from toolkit.work.outputs import OUTPUTS_ENV
from toolkit.work.progress import PROGRESS_ENV

COURSE = content_dir("course")
MODULE_NAME = re.compile(r"^(?P<code>[ABC]\d{1,2})_[a-z0-9_]+\.ipynb$")
SECTIONS = ("学习目标", "核心概念", "案例示范", "互动练习", "自我检测", "实践任务", "反思")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
CJK = re.compile(r"[\u4e00-\u9fff]")


def module_files() -> list[Path]:
    return sorted(p for p in COURSE.glob("*.ipynb") if MODULE_NAME.match(p.name))


def all_notebooks() -> list[Path]:
    return sorted(COURSE.glob("*.ipynb"))


def test_exactly_one_module_per_point_and_a_home() -> None:
    codes = [MODULE_NAME.match(p.name)["code"] for p in module_files()]  # type: ignore[index]
    assert sorted(codes) == sorted(p.code for p in load_catalogue().points)
    others = {p.name for p in all_notebooks()} - {p.name for p in module_files()}
    assert others == {"home.ipynb", "case_writing.ipynb"}


@pytest.mark.parametrize("path", module_files(), ids=lambda p: p.stem)
def test_module_structure(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    code = MODULE_NAME.match(path.name)["code"]  # type: ignore[index]
    meta = notebook.metadata["toolkit"]
    assert meta["kind"] == "module" and meta["point"] == code
    assert isinstance(meta["minutes"], int) and 30 <= meta["minutes"] <= 240
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    sources = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    headings = re.findall(r"^##\s+(.+)$", markdown, flags=re.MULTILINE)
    for section in SECTIONS:
        assert any(section in h for h in headings), f"{path.name} lacks a '{section}' section"
    assert len(CJK.findall(markdown)) >= 800, f"{path.name} has too little teaching text"
    assert re.search(rf'ModulePage\(\s*"{code}",\s*minutes={meta["minutes"]}\s*\)', sources)
    assert re.search(rf'SelfCheck\(\s*"{code}"', sources) and re.search(rf'Reflection\(\s*"{code}"', sources)
    assert f"{code} · 能力点证据" in markdown, "the practice task names its evidence assignment"
    assert all(not c.outputs for c in notebook.cells if c.cell_type == "code"), "commit without outputs"


def test_links_between_notebooks_lead_somewhere() -> None:
    names = {p.name for p in all_notebooks()}
    for path in all_notebooks():
        markdown = "\n".join(
            c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"
        )
        for target in re.findall(r"\]\(([^)#]+\.ipynb)\)", markdown):
            assert target in names, f"{path.name} links to missing {target}"


@pytest.mark.slow
@pytest.mark.parametrize("path", all_notebooks(), ids=lambda p: p.stem)
def test_notebook_executes_headless_and_shows_widgets(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PROGRESS_ENV, str(tmp_path / "progress.json"))
    monkeypatch.setenv(OUTPUTS_ENV, str(tmp_path / "outputs"))
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    errors = [o for o in outputs if o.output_type == "error"]
    assert not errors, errors[0].get("evalue") if errors else ""
    warnings = [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert not warnings, warnings[0].text
    assert [o for o in outputs if WIDGET_VIEW in o.get("data", {})]
