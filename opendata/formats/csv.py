"""One table as CSV (RFC 4180): UTF-8 without a byte order mark, comma-separated, a header
row of the columns' keys, CRLF line ends. Numbers with a dot as decimal mark and no thousands
separator, booleans as ``true``/``false``, dates as ``YYYY-MM-DD``, nothing as an empty cell.
A text that a spreadsheet would run as a formula gets an apostrophe in front."""

import csv
import datetime
import io
from decimal import Decimal

from core.spreadsheets import csv_text

CONTENT_TYPE = "text/csv; charset=utf-8; header=present"
EXTENSION = "csv"
PER_TABLE = True


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return csv_text(str(value))


def render(dataset) -> bytes:
    (table,) = dataset.tables
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow([column.key for column in table.columns])
    writer.writerows([cell(value) for value in row] for row in table.rows)
    return output.getvalue().encode("utf-8")


def label() -> str:
    return "CSV"
