"""What our own processes set before their heavy imports, so they start quickly."""

from __future__ import annotations

import sys

_IRI_GRAMMAR = "rfc3987_syntax"


def skip_iri_grammar() -> None:
    """Keep jsonschema from building its IRI grammar (0.7 s in every process that reads a notebook).

    nbformat validates with jsonschema, whose format checkers import ``rfc3987_syntax`` when it
    is installed (Jupyter's dependencies install it); that module builds about 35 Lark parsers
    at import (python-jsonschema/jsonschema#1428). Neither nbformat's schema nor Jupyter's
    use the ``iri`` formats it checks, and jsonschema treats the module as absent when it
    cannot be imported. Called by our command line, the grading workers and the sandbox's warm
    process only, never on importing the toolkit into someone else's process.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault(_IRI_GRAMMAR, None)  # type: ignore[arg-type]
