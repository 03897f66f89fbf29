"""The sync client core: every module here is generated from ``connectpsp_ext/_async`` by
``scripts/unasync.py`` (``./run lint`` checks they are up to date)."""
