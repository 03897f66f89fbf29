"""The sync client core: generated from ``connectpsp_ext/_async`` by ``scripts/unasync.py``
(``_bounded.py`` excepted, hand-written)."""
