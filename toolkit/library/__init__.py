"""A4 resource management: a local, tagged, searchable library of teaching resources."""

from toolkit.library.model import Resource, ResourceLibrary, export_xlsx, normalised_title
from toolkit.library.widget import ResourceLibraryManager

__all__ = ["Resource", "ResourceLibrary", "ResourceLibraryManager", "export_xlsx", "normalised_title"]
