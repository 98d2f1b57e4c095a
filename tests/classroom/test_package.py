"""The classroom package's layers: models load no widget or plotting code, and every public name is kept."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

import toolkit.classroom
from toolkit.resources import content_dir

TOOLS = ("grouping", "guidance", "micromodel", "models", "observation", "peer", "portfolio", "quizbuilder")
TOOLS += ("rotation",)
# Everything a notebook or a model may import without a widget: the models, the shared class
# tables and the reports (words only), and the packages themselves.
COMPUTATION = [
    "toolkit.classroom",
    "toolkit.classroom.classtable",
    *[f"toolkit.classroom.{tool}" for tool in TOOLS],
    *[f"toolkit.classroom.{tool}.model" for tool in TOOLS],
    *[
        f"toolkit.classroom.{tool}.report"
        for tool in ("guidance", "micromodel", "models", "peer", "portfolio", "quizbuilder")
    ],
]
# The names the package gave before it was split into layers; course notebooks and tests use them.
PUBLIC = {
    "GroupingTool",
    "GuidancePlanner",
    "Indicator",
    "MicroModel",
    "MicroModelBuilder",
    "ModelExplorer",
    "ObservationLog",
    "ObservationRecorder",
    "PeerAssessment",
    "PeerAssessmentDesk",
    "Portfolio",
    "PortfolioBuilder",
    "PortfolioStore",
    "QuizBuilder",
    "QuizDraft",
    "RotationPlanner",
    "assign_peers",
    "class_needs",
    "early_warning",
    "fairness_report",
    "fit_linear",
    "heterogeneous_groups",
    "rotation_schedule",
    "score_responses",
    "student_profile",
}
WIDGETS = {
    "GroupingTool",
    "GuidancePlanner",
    "MicroModelBuilder",
    "ModelExplorer",
    "ObservationRecorder",
    "PeerAssessmentDesk",
    "PortfolioBuilder",
    "QuizBuilder",
    "RotationPlanner",
}


def _loaded_after(code: str) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; which of ipywidgets and matplotlib it loaded, and ``found``."""
    probe = (
        f"import json, sys\n{code}\n"
        "view = sorted({m.split('.')[0] for m in sys.modules} & {'ipywidgets', 'matplotlib'})\n"
        "print(json.dumps({'view': view, 'found': globals().get('found')}))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_models_class_tables_and_reports_load_no_widget_or_plotting_library() -> None:
    imports = "\n".join(f"import {module}" for module in COMPUTATION)
    assert _loaded_after(imports)["view"] == []


def test_the_package_keeps_its_public_names_and_gives_widgets_on_first_use() -> None:
    assert set(toolkit.classroom.__all__) == PUBLIC
    code = (
        "import toolkit.classroom as c\n"
        f"lazy = [n for n in {sorted(WIDGETS)!r} if n in vars(c)]\n"
        "before = 'ipywidgets' in sys.modules\n"
        "c.GroupingTool\n"
        "found = [lazy, before, 'ipywidgets' in sys.modules]"
    )
    assert _loaded_after(code)["found"] == [[], False, True]
    for name in PUBLIC:
        assert getattr(toolkit.classroom, name) is not None


def _notebook_imports() -> list[tuple[str, str, list[str]]]:
    """(notebook, module, names) for each ``from toolkit.classroom… import …`` line of the course."""
    found = []
    for path in sorted(content_dir("course").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"]) if cell["cell_type"] == "code" else ""
            for module, names in re.findall(r"^from (toolkit\.classroom\S*) import (.+)$", source, re.M):
                found.append((path.stem, module, [n.strip() for n in names.split(",")]))
    return found


@pytest.mark.parametrize(("notebook", "module", "names"), _notebook_imports(), ids=lambda v: str(v)[:40])
def test_every_name_the_course_notebooks_import_is_there(
    notebook: str, module: str, names: list[str]
) -> None:
    package = __import__(module, fromlist=names)
    missing = [name for name in names if not hasattr(package, name)]
    assert not missing, f"{notebook} imports {missing} from {module}"
