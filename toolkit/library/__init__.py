"""A4 resource management: a local, tagged, searchable library of teaching resources."""

from toolkit.lazy import lazy_attributes
from toolkit.library.model import Resource, ResourceLibrary, export_xlsx, normalised_title

__all__ = ["Resource", "ResourceLibrary", "ResourceLibraryManager", "export_xlsx", "normalised_title"]

# Widgets load ipywidgets, so they are imported only when asked for.
__getattr__ = lazy_attributes(
    __name__,
    {
        "ResourceLibraryManager": "toolkit.library.widget",
    },
)
