"""nbgrader's cell-metadata check with its JSON schema compiled once.

nbgrader's ``CheckCellMetadata`` runs twice per notebook (sanitising, then autograding) and
calls ``jsonschema.validate`` for every cell, which checks the schema itself each time before
checking the cell: most of a self-test's grading time outside its own code. Here a valid,
current cell is accepted by a validator built once from the same schema; anything else goes
through nbgrader's own code, so its errors and messages are unchanged.
"""

from __future__ import annotations

import functools
import traceback
from typing import Any

from jsonschema.validators import validator_for
from nbformat import NotebookNode
from nbgrader.nbgraderformat import MetadataValidator, ValidationError
from nbgrader.nbgraderformat.common import BaseMetadataValidator
from nbgrader.preprocessors import CheckCellMetadata


class _CompiledSchema(BaseMetadataValidator):
    """The schema step of nbgrader's ``validate_cell``, with the validator made once."""

    def __init__(self) -> None:
        super().__init__()
        self._schema_validator = validator_for(self.schema)(self.schema)

    def validate_cell(self, cell: NotebookNode) -> None:
        meta = cell.metadata.get("nbgrader")
        if (
            meta is not None
            and meta.get("schema_version", 0) == self.schema_version
            and self._schema_validator.is_valid(meta)
        ):
            return  # what jsonschema.validate would conclude, without re-checking the schema
        super().validate_cell(cell)


class CompiledMetadataValidator(MetadataValidator, _CompiledSchema):
    """nbgrader's current metadata validator; its schema step is :class:`_CompiledSchema`'s."""


@functools.cache
def _validator() -> CompiledMetadataValidator:
    return CompiledMetadataValidator()


class CompiledCheckCellMetadata(CheckCellMetadata):
    """``CheckCellMetadata`` with one compiled validator for the whole run."""

    def preprocess(self, nb: NotebookNode, resources: dict[str, Any]) -> tuple[NotebookNode, dict[str, Any]]:
        try:
            _validator().validate_nb(nb)
        except ValidationError:
            # nbgrader's own handling, word for word, so its log reads the same.
            self.log.error(traceback.format_exc())
            msg = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(msg)
            raise ValidationError(msg) from None
        return nb, resources
