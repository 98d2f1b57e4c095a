"""Files a teacher picks in a FileUpload widget, put on disk so the toolkit's readers can open them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets


def save_upload(upload: widgets.FileUpload, folder: Path) -> Path | None:
    """Write the first uploaded file into ``folder`` under its own name; None when nothing is chosen."""
    if not upload.value:
        return None
    item = upload.value[0]
    path = folder / Path(item["name"]).name
    path.write_bytes(bytes(item["content"]))
    return path


def upload_button(*, description: str, **options: Any) -> widgets.FileUpload:
    """A FileUpload whose hover text is its label (ipywidgets' own shows "null")."""
    return widgets.FileUpload(description=description, tooltip=description, **options)
