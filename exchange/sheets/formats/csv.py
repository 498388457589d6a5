"""A template as CSV: one file per table, a zip of them when a template has several.

Written for the spreadsheet programs of the user's language: in Catalan and Spanish a
semicolon between cells, a decimal comma and dates as 29/03/2022 (what Excel and LibreOffice
read in those languages); in English a comma, a decimal point and ISO dates. UTF-8 with a
byte order mark, so that Excel reads the accents; CRLF line ends. A text that would run as a
formula gets an apostrophe in front (core/spreadsheets.py), which the import takes away.
"""

import csv
import datetime
import io
from decimal import Decimal

from django.utils.text import slugify

from core.spreadsheets import csv_text
from exchange.sheets.book import SheetBook, TableData
from exchange.sheets.formats.archive import stable_zip
from exchange.sheets.reading import field_headers

CONTENT_TYPE = "text/csv; charset=utf-8"
CONTENT_TYPE_ZIP = "application/zip"
EXTENSION = "csv"


def separators(language: str) -> tuple[str, str]:
    """The cell separator and the decimal mark."""
    return (",", ".") if language == "en" else (";", ",")


def cell(value, language: str) -> str:
    _separator, decimal_mark = separators(language)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", decimal_mark)
    if isinstance(value, datetime.date):
        return value.isoformat() if language == "en" else value.strftime("%d/%m/%Y")
    return csv_text(str(value))


def table_csv(data: TableData, language: str) -> bytes:
    separator, _mark = separators(language)
    output = io.StringIO()
    writer = csv.writer(output, delimiter=separator, lineterminator="\r\n")
    if data.table.fields:
        writer.writerow(field_headers(language))
        row = data.rows[0] if data.rows else {}
        writer.writerows([column.name(language), cell(row.get(column.key), language)]
                         for column in data.table.columns)
    else:
        writer.writerow(data.headers(language))
        keys = [key for key, _column, _split in data.columns()]
        writer.writerows([cell(row.get(key), language) for key in keys] for row in data.rows)
    return ("\ufeff" + output.getvalue()).encode("utf-8")


def file_name(book: SheetBook, data: TableData) -> str:
    return f"{book.stem}-{slugify(data.table.name(book.language))}.csv"


def render(book: SheetBook) -> bytes:
    """One table's CSV, or a zip of one CSV per table."""
    if len(book.tables) == 1:
        return table_csv(book.tables[0], book.language)
    return stable_zip([(file_name(book, data), table_csv(data, book.language))
                       for data in book.tables])


def content_type(book: SheetBook) -> str:
    return CONTENT_TYPE if len(book.tables) == 1 else CONTENT_TYPE_ZIP


def extension(book: SheetBook) -> str:
    return EXTENSION if len(book.tables) == 1 else "zip"
