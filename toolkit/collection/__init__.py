"""The programme's achievement collections (成果集), compiled from what graders rated or recommended."""

from toolkit.collection.compile import CollectionReport, Collections, compile_collections, load_collections

__all__ = ["CollectionReport", "Collections", "compile_collections", "load_collections"]
