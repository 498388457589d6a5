"""A template as an XLSX workbook, for Excel and LibreOffice.

First an instructions sheet (what each sheet and column means and which values it accepts),
then one sheet per table with its headers in the user's language, a frozen header row,
column widths, lists to choose from where the values are fixed (kept on a hidden sheet, so
that labels with commas work) and numbers and dates as real cells. A text that would run as
a formula keeps the quote-prefix mark (core/spreadsheets.py). The workbook has fixed
properties and its zip fixed dates, so the same data gives the same bytes.
"""

import datetime
import io
import zipfile

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.child import INVALID_TITLE_REGEX
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from core.spreadsheets import put_cell
from exchange.sheets import columns as c
from exchange.sheets.book import RULES, SPLIT_HELP, TYPE_HELP, SheetBook, TableData
from exchange.sheets.formats.archive import restamped
from exchange.sheets.reading import field_headers
from exchange.sheets.values import BOOLEAN_WORDS

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXTENSION = "xlsx"

FIXED_TIME = datetime.datetime(2000, 1, 1)  # a workbook's dates say nothing about its data
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E8EEF4")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
SPARE_ROWS = 500  # rows below the data where the lists still apply
NUMBER_FORMATS = {c.INTEGER: "0", c.DECIMAL: "General", c.MONEY: "#,##0.00"}


def date_format(language: str) -> str:
    return "yyyy-mm-dd" if language == "en" else "dd/mm/yyyy"


class _Lists:
    """The hidden sheet with the values of each list, one list per column."""

    def __init__(self, sheet, language: str):
        self.sheet = sheet
        self.language = language
        self.refs: dict[str, str] = {}

    def ref(self, key: str, title: str, values: list[str]) -> str:
        if key not in self.refs:
            column = len(self.refs) + 1
            put_cell(self.sheet, 1, column, title, font=BOLD)
            for row, value in enumerate(values, start=2):
                put_cell(self.sheet, row, column, value)
            letter = get_column_letter(column)
            self.refs[key] = f"'{self.sheet.title}'!${letter}$2:${letter}${len(values) + 1}"
        return self.refs[key]

    def for_column(self, column: c.Column) -> str | None:
        if column.type == c.BOOLEAN:
            return self.ref("boolean", _("yes / no"), list(BOOLEAN_WORDS[self.language]))
        if column.type == c.CHOICE:
            return self.ref(column.key + str(column.choices), column.name(self.language),
                            [str(label) for _value, label in column.choices()])
        return None


def _validation(sheet, lists: _Lists, column: c.Column, cells: str) -> None:
    ref = lists.for_column(column)
    if ref is None:
        return
    validation = DataValidation(type="list", formula1=ref, allow_blank=True,
                                showErrorMessage=True, errorStyle="warning",
                                errorTitle=column.name(lists.language),
                                error=_("Choose a value from the list."))
    validation.add(cells)
    sheet.add_data_validation(validation)


def _number_format(column: c.Column | None, language: str) -> str | None:
    if column is None:
        return "General"
    if column.type == c.DATE:
        return date_format(language)
    return NUMBER_FORMATS.get(column.type)


def _records(sheet, data: TableData, lists: _Lists, language: str) -> None:
    columns = data.columns()
    for index, header in enumerate(data.headers(language), start=1):
        cell = put_cell(sheet, 1, index, header, font=BOLD)
        cell.fill = HEADER_FILL
    for row_number, row in enumerate(data.rows, start=2):
        for index, (key, column, _split) in enumerate(columns, start=1):
            value = row.get(key)
            if value is None:
                continue
            cell = put_cell(sheet, row_number, index, value,
                            number_format=_number_format(column, language))
            if column is not None and column.type in (c.MARKUP, c.LONG_TEXT):
                cell.alignment = WRAP
            elif column is not None and column.width >= 30:
                cell.alignment = TOP
    last = len(data.rows) + 1 + SPARE_ROWS
    for index, (_key, column, _split) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width + 2 if column else 14
        if column is not None:
            _validation(sheet, lists, column, f"{letter}2:{letter}{last}")
    sheet.freeze_panes = "A2"
    if data.rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(data.rows) + 1}"


def _fields(sheet, data: TableData, lists: _Lists, language: str) -> None:
    """A sheet of fields: the field's name, then its value."""
    field, value = field_headers(language)
    for index, header in enumerate((field, value), start=1):
        cell = put_cell(sheet, 1, index, header, font=BOLD)
        cell.fill = HEADER_FILL
    row = data.rows[0] if data.rows else {}
    for number, column in enumerate(data.table.columns, start=2):
        put_cell(sheet, number, 1, column.name(language), font=BOLD)
        cell = put_cell(sheet, number, 2, row.get(column.key),
                        number_format=_number_format(column, language))
        if column.type in (c.MARKUP, c.LONG_TEXT):
            cell.alignment = WRAP
        _validation(sheet, lists, column, f"B{number}")
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 60
    sheet.freeze_panes = "A2"


def _accepted(column: c.Column) -> str:
    if column.type == c.CHOICE:
        return "; ".join(str(label) for _value, label in column.choices())
    return str(TYPE_HELP[column.type])


def _instructions(sheet, book: SheetBook) -> None:
    language = book.language
    put_cell(sheet, 1, 1, book.title, font=Font(bold=True, size=14))
    put_cell(sheet, 2, 1, book.subtitle)
    row = 4
    for rule in RULES:
        put_cell(sheet, row, 1, str(rule))
        row += 1
    row += 1
    headings = (_("Sheet"), _("Column"), _("What it holds"), _("Accepted values"),
                _("Required"))
    for index, heading in enumerate(headings, start=1):
        cell = put_cell(sheet, row, index, heading, font=BOLD)
        cell.fill = HEADER_FILL
    yes = BOOLEAN_WORDS[language][0]
    for data in book.tables:
        row += 1
        name = data.table.name(language)
        put_cell(sheet, row, 1, name, font=BOLD)
        put_cell(sheet, row, 3, str(data.table.help)).alignment = WRAP
        if data.table.fields:
            put_cell(sheet, row, 2, _("(one field per row)"))
        for column in data.table.columns:
            row += 1
            put_cell(sheet, row, 1, name)
            put_cell(sheet, row, 2, column.name(language))
            meaning = str(column.help)
            put_cell(sheet, row, 3, meaning).alignment = WRAP
            put_cell(sheet, row, 4, "" if column.informative else _accepted(column)) \
                .alignment = WRAP
            put_cell(sheet, row, 5, yes if column.required else "")
        for split in data.splits:
            row += 1
            put_cell(sheet, row, 1, name)
            put_cell(sheet, row, 2, split.name(language))
            put_cell(sheet, row, 3, str(SPLIT_HELP)).alignment = WRAP
            put_cell(sheet, row, 4, str(TYPE_HELP[c.DECIMAL]))
    for letter, width in zip("ABCDE", (18, 26, 70, 40, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"


def sheet_title(name: str) -> str:
    return INVALID_TITLE_REGEX.sub("-", name)[:31]


def render(book: SheetBook) -> bytes:
    language = book.language
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = sheet_title(c.INSTRUCTIONS[language])
    sheets = [(data, workbook.create_sheet(sheet_title(data.table.name(language))))
              for data in book.tables]
    lists = _Lists(workbook.create_sheet(sheet_title(c.LISTS[language])), language)
    lists.sheet.sheet_state = "hidden"
    for data, sheet in sheets:
        (_fields if data.table.fields else _records)(sheet, data, lists, language)
    _instructions(instructions, book)
    properties = workbook.properties
    properties.title = f"{book.title} · {book.subtitle}"
    properties.creator = properties.lastModifiedBy = "Teixit"
    properties.created = properties.modified = FIXED_TIME
    properties.language = language
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()  # as openpyxl's save, without a "modified" now
    return restamped(output.getvalue())


def content_type(book: SheetBook) -> str:
    return CONTENT_TYPE


def extension(book: SheetBook) -> str:
    return EXTENSION
