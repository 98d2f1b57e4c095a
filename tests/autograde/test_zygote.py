"""The sandbox's warm process loads, before any fork, everything the shipped assignments import."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from toolkit.resources import content_dir

IMPORT = re.compile(r"^\s*(?:from\s+[\w.]+\s+import\s+.+|import\s+[\w., ]+)$")

# In a fresh interpreter: the zygote's start, then every import line of the assignments;
# print the modules those lines still had to load, and whether the IRI grammar was built.
PROBE = """
import json, sys
from toolkit.startup import skip_iri_grammar
from toolkit.autograde.zygote import PRELOAD
skip_iri_grammar()
for module in PRELOAD:
    __import__(module)
before = set(sys.modules)
for line in json.loads(sys.argv[1]):
    exec(line, {})
print(json.dumps({
    "loaded later": sorted(m for m in set(sys.modules) - before if not m.startswith("_")),
    "iri grammar": sys.modules.get("rfc3987_syntax") is not None,
}))
"""


def _assignment_imports() -> list[str]:
    lines = set()
    for notebook in content_dir("assignments").glob("*/*.ipynb"):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                source = "".join(cell["source"]).splitlines()
                lines.update(line.strip() for line in source if IMPORT.match(line))
    return sorted(lines)


def test_every_assignment_import_is_loaded_before_the_first_submission() -> None:
    lines = _assignment_imports()
    assert any("SubmitPanel" in line for line in lines)  # the probe sees the real notebooks
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(lines)], capture_output=True, text=True, check=True
    )
    result = json.loads(probe.stdout)
    # Each of these, loaded in every fork, would cost every submission its import time again.
    costly = {"toolkit", "nbgrader", "nbformat", "pandas"}
    heavy = [module for module in result["loaded later"] if module.split(".")[0] in costly]
    assert heavy == []
    assert result["iri grammar"] is False
