"""The download formats: one module each, with the same interface.

``CONTENT_TYPE``, ``EXTENSION``, ``PER_TABLE`` (whether a download holds one table, like CSV,
or the whole plan), ``label()`` and ``render(dataset) -> bytes``, where ``dataset`` is an
``opendata.selectors.Dataset`` (holding only the requested table when ``PER_TABLE``). Adding
a format means copying one module and listing it here.
"""

from opendata.formats import csv, json, xlsx

FORMATS = {"json": json, "xlsx": xlsx, "csv": csv}
