"""Reading an uploaded spreadsheet — XLSX, CSV or a zip of CSVs — into the plan's tables.

Nothing is trusted before it is measured: the file's size, then (for a zip, which an XLSX
is) the number of its parts, their declared uncompressed sizes and compression ratios and
the dimensions each sheet declares, all before openpyxl opens it, in read-only mode, taking
cached values rather than formulas. A zip's parts are never inflated beyond their declared
size (Python's zipfile stops there), so what is read stays within those limits. CSV files
are decoded as UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252, and separated
by semicolons, commas or tabs, whichever the header row uses.

Then every sheet is matched to a table by its name (or, for a CSV, by its file name or its
headers), in Catalan, Spanish or English, and every header to a column.
"""

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _

from core.spreadsheets import csv_text_read
from exchange.sheets import columns as c
from exchange.sheets.problems import Problem
from exchange.sheets.rows import Split
from exchange.sheets.values import is_empty, normalise, one_line

MEGABYTE = 1024 * 1024
DEFAULT_MAX_BYTES = 10 * MEGABYTE
MAX_UNCOMPRESSED = 200 * MEGABYTE  # all the parts of a zip together
MAX_PART = 100 * MEGABYTE  # one part
MAX_RATIO = 120  # uncompressed / compressed, for parts over a few kilobytes
MAX_PARTS = 300
DEFAULT_MAX_ROWS = 20_000  # per sheet
MAX_COLUMNS = 150
CSV_FIELD_LIMIT = 100_000  # characters in one cell
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+\d+)(?::([A-Z]+)(\d+))?"')


class FileProblem(Exception):
    """The file cannot be read at all; ``str()`` says why, in the user's language."""


def max_bytes() -> int:
    """The largest file accepted (setting ``SPREADSHEET_MAX_BYTES``, 10 MB by default)."""
    return getattr(settings, "SPREADSHEET_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_rows() -> int:
    """The most rows a sheet may have (setting ``SPREADSHEET_MAX_ROWS``, 20,000 by default)."""
    return getattr(settings, "SPREADSHEET_MAX_ROWS", DEFAULT_MAX_ROWS)


def size_label(size: int) -> str:
    """10 MB, 2.5 MB, 300 KB, 900 bytes."""
    if size >= MEGABYTE:
        return f"{size / MEGABYTE:.1f} MB".replace(".0 MB", " MB")
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return _("%(size)s bytes") % {"size": size}


@dataclass
class RawSheet:
    name: str  # as the user sees it: the sheet's name, or the CSV file's name
    rows: list[tuple[int, list]]  # (row number, cells), empty rows left out
    from_csv: bool = False


@dataclass
class SheetRow:
    number: int
    cells: dict  # column key (or "split:category/option") → the cell as read


@dataclass
class SheetTable:
    """One table of the upload, its headers matched to columns."""

    table: c.Table
    sheet: str
    headers: dict[str, str]  # column key → header as written
    rows: list[SheetRow]
    field_rows: dict[str, int] = field(default_factory=dict)  # fields tables: key → row

    def header(self, key: str) -> str:
        return self.headers.get(key) or key


@dataclass
class Book:
    tables: dict[str, SheetTable] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(len(t.rows) for t in self.tables.values())


# Files ------------------------------------------------------------------------------------

def read_sheets(data: bytes, filename: str) -> list[RawSheet]:
    """The sheets of an uploaded file, or :class:`FileProblem`."""
    if len(data) > max_bytes():
        raise FileProblem(_("The file is %(size)s; files of at most %(limit)s are accepted.")
                          % {"size": size_label(len(data)), "limit": size_label(max_bytes())})
    if not data:
        raise FileProblem(_("The file is empty."))
    suffix = PurePosixPath(filename.lower()).suffix
    if suffix == ".xlsx":
        return read_xlsx(data)
    if suffix == ".csv":
        return [read_csv(data, PurePosixPath(filename).name)]
    if suffix == ".zip":
        return read_csv_zip(data)
    raise FileProblem(_("“%(name)s” is not a spreadsheet this import reads: send an XLSX file, "
                        "a CSV file or a zip of CSV files.") % {"name": filename})


def _open_zip(data: bytes, *, what: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise FileProblem(_("The file is damaged or is not a real %(what)s file.")
                          % {"what": what}) from None
    if len(parts) > MAX_PARTS:
        raise FileProblem(_("The file holds %(count)s parts; a spreadsheet of at most %(max)s "
                            "is accepted.") % {"count": len(parts), "max": MAX_PARTS})
    total = 0
    for part in parts:
        if part.flag_bits & 0x1:
            raise FileProblem(_("The file is protected with a password; save it without one."))
        total += part.file_size
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > MAX_PART or total > MAX_UNCOMPRESSED or (
                part.file_size > 64 * 1024 and ratio > MAX_RATIO):
            raise FileProblem(_("The file unpacks to far more data than a spreadsheet of its "
                                "size holds (a “zip bomb”); it has not been read."))
    return archive


def read_xlsx(data: bytes) -> list[RawSheet]:
    archive = _open_zip(data, what="XLSX")
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        raise FileProblem(_("The file is damaged or is not a real %(what)s file.")
                          % {"what": "XLSX"})
    for name in names:
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            with archive.open(name) as part:
                _check_dimension(part.read(4096))
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a damaged file
        raise FileProblem(_("The file is damaged or is not a real %(what)s file.")
                          % {"what": "XLSX"}) from None
    sheets = []
    try:
        for worksheet in workbook.worksheets:
            if not hasattr(worksheet, "iter_rows"):
                continue  # a chart sheet
            worksheet.reset_dimensions()  # declared dimensions may be wrong; read what is there
            rows = []
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
                cells = _trimmed(list(values))
                if not cells:
                    continue
                _check_size(worksheet.title, number, len(cells))
                rows.append((number, cells))
            sheets.append(RawSheet(worksheet.title, rows))
    except FileProblem:
        raise
    except Exception:
        raise FileProblem(_("The file is damaged or is not a real %(what)s file.")
                          % {"what": "XLSX"}) from None
    finally:
        workbook.close()
    return sheets


def _check_dimension(head: bytes) -> None:
    match = _DIMENSION.search(head)
    if not match or not match[2]:
        return
    columns = 0
    for letter in match[2].decode():
        columns = columns * 26 + ord(letter) - 64
    rows = int(match[3])
    if rows > max_rows() + 1 or columns > MAX_COLUMNS:
        raise FileProblem(_("A sheet of the file declares %(rows)s rows and %(columns)s columns; "
                            "at most %(max_rows)s rows and %(max_columns)s columns are read. "
                            "Delete the empty rows and columns, or split the file.")
                          % {"rows": rows, "columns": columns, "max_rows": max_rows(),
                             "max_columns": MAX_COLUMNS})


def _check_size(sheet: str, number: int, width: int) -> None:
    if number > max_rows() + 1:
        raise FileProblem(_("The sheet “%(sheet)s” has more than %(max)s rows; split the file.")
                          % {"sheet": sheet, "max": max_rows()})
    if width > MAX_COLUMNS:
        raise FileProblem(_("Row %(row)s of the sheet “%(sheet)s” has more than %(max)s columns.")
                          % {"row": number, "sheet": sheet, "max": MAX_COLUMNS})


def _trimmed(cells: list) -> list:
    while cells and is_empty(cells[-1]):
        cells.pop()
    return cells


def read_csv_zip(data: bytes) -> list[RawSheet]:
    archive = _open_zip(data, what="zip")
    sheets = []
    for part in archive.infolist():
        name = PurePosixPath(part.filename).name
        if part.is_dir() or not name.lower().endswith(".csv"):
            continue
        with archive.open(part) as handle:
            sheets.append(read_csv(handle.read(), name))
    if not sheets:
        raise FileProblem(_("The zip file holds no CSV file."))
    return sheets


def decode_text(data: bytes, name: str) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text or sum(ch < " " and ch not in "\t\r\n" for ch in text[:4096]) > 8:
            break
        return text
    raise FileProblem(_("“%(name)s” is not a text file: a CSV file must be text (UTF-8 or "
                        "Windows-1252).") % {"name": name})


def _delimiter(text: str) -> str:
    """The separator the header row uses (quoted text aside): ``;``, ``,`` or tab."""
    header = re.sub(r'"[^"]*"', "", text[:8192].split("\n", 1)[0])
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(data: bytes, name: str) -> RawSheet:
    if len(data) > max_bytes():
        raise FileProblem(_("The file is %(size)s; files of at most %(limit)s are accepted.")
                          % {"size": size_label(len(data)), "limit": size_label(max_bytes())})
    text = decode_text(data, name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows = []
    previous_limit = csv.field_size_limit(CSV_FIELD_LIMIT)
    try:
        for number, cells in enumerate(reader, start=1):
            cells = _trimmed([csv_text_read(cell) for cell in cells])
            if not cells:
                continue
            _check_size(name, number, len(cells))
            rows.append((number, cells))
    except csv.Error as error:
        raise FileProblem(_("“%(name)s” cannot be read as CSV (%(reason)s).")
                          % {"name": name, "reason": error}) from None
    finally:
        csv.field_size_limit(previous_limit)
    return RawSheet(name, rows, from_csv=True)


# Tables -----------------------------------------------------------------------------------

SKIPPED = {normalise(n) for n in (*c.INSTRUCTIONS.values(), *c.LISTS.values())}


def _table_by_name(name: str, *, suffix_ok: bool) -> c.Table | None:
    words = normalise(PurePosixPath(name).stem if suffix_ok else name)
    for table in c.TABLES:
        for alias in table.aliases():
            if words == alias or (suffix_ok and words.endswith(" " + alias)):
                return table
    return None


def _table_by_headers(headers: list[str]) -> c.Table | None:
    found = {normalise(h) for h in headers if not is_empty(h)}
    best, best_score = None, 0
    for table in c.TABLES:
        if table.fields:
            continue
        required = [col for col in table.columns if col.required]
        if not all(col.aliases() & found for col in required):
            continue
        if table.one_of and not any(table.column(k).aliases() & found for k in table.one_of):
            continue
        score = sum(bool(col.aliases() & found) for col in table.columns)
        if score > best_score:
            best, best_score = table, score
    return best


def read_book(sheets: list[RawSheet], *, splits: list[Split], language: str) -> Book:
    """Match every sheet to its table and every header to its column."""
    book = Book()
    for sheet in sheets:
        if not sheet.from_csv and normalise(sheet.name) in SKIPPED:
            continue
        table = _table_by_name(sheet.name, suffix_ok=sheet.from_csv)
        if table is None and sheet.from_csv and sheet.rows:
            table = _table_by_headers(sheet.rows[0][1])
        if table is None:
            if sheet.rows and not (sheet.from_csv is False and normalise(sheet.name) in SKIPPED):
                book.warnings.append(Problem(_("This sheet is not one of the plan's tables; it "
                                               "has been left out."), sheet=sheet.name))
            continue
        if table.key in book.tables:
            book.errors.append(Problem(
                _("This is the table “%(table)s” again (it is also in “%(other)s”); keep one.")
                % {"table": table.name(language), "other": book.tables[table.key].sheet},
                sheet=sheet.name))
            continue
        reader = _fields_table if table.fields else _records_table
        book.tables[table.key] = reader(book, sheet, table, splits)
    if not book.tables and not book.errors:
        book.errors.append(Problem(_("The file holds none of the plan's tables. Download a "
                                     "template to see the sheets and columns it reads.")))
    return book


def _records_table(book: Book, sheet: RawSheet, table: c.Table,
                   splits: list[Split]) -> SheetTable:
    result = SheetTable(table, sheet.name, {}, [])
    if not sheet.rows:
        return result
    header_number, header = sheet.rows[0]
    by_alias = {}
    for column in table.columns:
        for alias in column.aliases():
            by_alias.setdefault(alias, column.key)
    split_aliases = {}
    if table.splits:
        for split in splits:
            for alias in split.aliases:
                split_aliases.setdefault(alias, f"split:{split.key}")
    positions: dict[int, str] = {}
    unknown = []
    for index, written in enumerate(header):
        label = one_line(written)
        if not label:
            continue
        key = by_alias.get(normalise(label)) or split_aliases.get(normalise(label))
        if key is None:
            unknown.append(label)
            continue
        if key in result.headers:
            book.errors.append(Problem(_("The column is there twice (also as “%(other)s”).")
                                       % {"other": result.headers[key]}, sheet=sheet.name,
                                       row=header_number, column=label))
            continue
        result.headers[key] = label
        positions[index] = key
    if unknown:
        book.warnings.append(Problem(
            _("These columns are not read: %(columns)s.")
            % {"columns": ", ".join(f"“{u}”" for u in unknown)}, sheet=sheet.name,
            row=header_number))
    missing = [col for col in table.columns if col.required and col.key not in result.headers]
    for column in missing:
        book.errors.append(Problem(_("The required column “%(column)s” is missing.")
                                   % {"column": column.name(_language())}, sheet=sheet.name,
                                   row=header_number))
    if table.one_of and not any(key in result.headers for key in table.one_of):
        book.errors.append(Problem(
            _("The sheet needs one of these columns to tell its rows apart: %(columns)s.")
            % {"columns": ", ".join(f"“{table.column(key).name(_language())}”"
                                    for key in table.one_of)},
            sheet=sheet.name, row=header_number))
    for number, cells in sheet.rows[1:]:
        values = {positions[i]: cell for i, cell in enumerate(cells) if i in positions}
        if any(not is_empty(v) for v in values.values()):
            result.rows.append(SheetRow(number, values))
    return result


def _fields_table(book: Book, sheet: RawSheet, table: c.Table, splits) -> SheetTable:
    """A sheet of fields: a name in the first column, its value in the second."""
    result = SheetTable(table, sheet.name, {}, [])
    values = {}
    by_alias = {alias: column for column in table.columns for alias in column.aliases()}
    header = {normalise(n) for n in (*_FIELD.values(), *_VALUE.values())}
    for number, cells in sheet.rows:
        label = one_line(cells[0]) if cells else ""
        if not label or normalise(label) in header:
            continue
        column = by_alias.get(normalise(label))
        if column is None:
            book.warnings.append(Problem(_("“%(field)s” is not a field of this sheet; it has "
                                           "been left out.") % {"field": label},
                                         sheet=sheet.name, row=number))
            continue
        if column.key in values:
            book.errors.append(Problem(_("The field is there twice (also in row %(row)s).")
                                       % {"row": result.field_rows[column.key]},
                                       sheet=sheet.name, row=number, column=label))
            continue
        result.headers[column.key] = label
        result.field_rows[column.key] = number
        values[column.key] = cells[1] if len(cells) > 1 else None
    result.rows.append(SheetRow(min(result.field_rows.values(), default=1), values))
    return result


_FIELD = c.names("camp", "campo", "field")
_VALUE = c.names("valor", "valor", "value")


def field_headers(language: str) -> tuple[str, str]:
    return _FIELD.get(language, _FIELD["en"]), _VALUE.get(language, _VALUE["en"])


def _language() -> str:
    from django.utils.translation import get_language

    return (get_language() or "ca")[:2]
