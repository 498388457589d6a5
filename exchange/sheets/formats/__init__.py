"""The spreadsheet formats: one module each, with the same interface.

``CONTENT_TYPE``, ``EXTENSION`` and ``render(book: SheetBook) -> bytes``. A CSV holds one
table; a book of several tables is written by ``csv`` as a zip of CSV files
(``csv.CONTENT_TYPE_ZIP``). Both are byte for byte the same for the same data: no timestamp
goes into them.
"""

from exchange.sheets.formats import csv, xlsx

FORMATS = {"xlsx": xlsx, "csv": csv}
