"""The whole plan as a spreadsheet (Office Open XML, opened by LibreOffice and Excel alike).

The first sheet, ``about``, names the plan, the licence and the source and describes every
table and column in the request's language; then one sheet per table, named by the table's
key, with the columns' keys as a frozen, filterable header row. Numbers are numeric cells
(amounts with two decimals), booleans are booleans and dates are dates. A text that would run
as a formula is stored as text with the quote-prefix mark, as a spreadsheet does when one
types an apostrophe before it: it shows as written and never runs.
"""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from core.spreadsheets import put_cell
from opendata.tables import (
    BOOLEAN,
    DATE,
    DECIMAL,
    INTEGER,
    LIST,
    LIST_SEPARATOR,
    MONEY,
    TEXT,
)

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXTENSION = "xlsx"
PER_TABLE = False

ABOUT_SHEET = "about"
NUMBER_FORMATS = {INTEGER: "0", DECIMAL: "General", MONEY: "#,##0.00", DATE: "yyyy-mm-dd"}
MAX_WIDTH = 60
BOLD = Font(bold=True)


def _put(sheet, row: int, column: int, value, *, type_: str = TEXT, font=None):
    """Write one cell: numbers as numbers, text as text that never runs as a formula."""
    return put_cell(sheet, row, column, value, number_format=NUMBER_FORMATS.get(type_),
                    font=font)


def _link(sheet, row: int, column: int, url: str):
    cell = _put(sheet, row, column, url)
    cell.hyperlink = url
    cell.style = "Hyperlink"
    return cell


def _widths(sheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, MAX_WIDTH)


def _publication_text(metadata: dict) -> str:
    if metadata["publication"] == "entered":
        return _("Monitoring data is published as soon as it is entered; the rows of periods "
                 "that are still open are marked in the column provisional.")
    return _("Monitoring data is published once its period has been closed.")


def _about(sheet, dataset) -> None:
    metadata = dataset.metadata
    _put(sheet, 1, 1, metadata["title"], font=Font(bold=True, size=14))
    _put(sheet, 2, 1, metadata["organization"]["name"])
    row = 4
    _put(sheet, row, 1, _("Licence"), font=BOLD)
    _put(sheet, row, 2, metadata["licence"]["name"])
    _link(sheet, row, 3, metadata["licence"]["url"])
    for label, url in ((_("Source"), metadata["source"]),
                       (_("Download"), metadata["downloads"]["xlsx"])):
        row += 1
        _put(sheet, row, 1, label, font=BOLD)
        _link(sheet, row, 2, url)
    pairs = [(_("Generated"), metadata["generated_at"]),
             (_("Monitoring data"), _publication_text(metadata))]
    if metadata["data_note"]:
        pairs.append((_("Note on the data"), metadata["data_note"]))
    pairs.append((_("Types"), _("text; list (values separated by “%(separator)s”); "
                                "integer; decimal; money (euros); boolean; date "
                                "(YYYY-MM-DD).") % {"separator": LIST_SEPARATOR.strip()}))
    for label, text in pairs:
        row += 1
        _put(sheet, row, 1, label, font=BOLD)
        _put(sheet, row, 2, text)

    row += 2
    for column, heading in enumerate((_("Sheet"), _("Title"), _("Description"), _("Rows")),
                                     start=1):
        _put(sheet, row, column, heading, font=BOLD)
    for table in dataset.tables:
        row += 1
        _put(sheet, row, 1, table.key)
        _put(sheet, row, 2, str(table.spec.title))
        _put(sheet, row, 3, str(table.spec.description))
        _put(sheet, row, 4, len(table.rows), type_=INTEGER)

    row += 2
    for column, heading in enumerate((_("Sheet"), _("Column"), _("Type"), _("Description")),
                                     start=1):
        _put(sheet, row, column, heading, font=BOLD)
    for table in dataset.tables:
        for spec in table.columns:
            row += 1
            _put(sheet, row, 1, table.key)
            _put(sheet, row, 2, spec.key)
            _put(sheet, row, 3, spec.type)
            _put(sheet, row, 4, str(spec.description))
    _widths(sheet, [22, 28, 40, 60])
    for cells in sheet.iter_rows(min_row=4, max_col=4):
        for cell in cells:
            cell.alignment = Alignment(vertical="top", wrap_text=cell.column >= 2)


def _table(sheet, table) -> None:
    widths = [len(column.key) for column in table.columns]
    for index, column in enumerate(table.columns, start=1):
        _put(sheet, 1, index, column.key, font=BOLD)
    for row_number, row in enumerate(table.rows, start=2):
        for index, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
            _put(sheet, row_number, index, value, type_=column.type)
            if column.type in (TEXT, LIST) and isinstance(value, str):
                widths[index - 1] = max(widths[index - 1], len(value))
            elif column.type not in (TEXT, LIST, BOOLEAN):
                widths[index - 1] = max(widths[index - 1], 12)
    _widths(sheet, widths)
    sheet.freeze_panes = "A2"
    if table.rows:
        sheet.auto_filter.ref = sheet.dimensions


def render(dataset) -> bytes:
    workbook = Workbook()
    about = workbook.active
    about.title = ABOUT_SHEET
    _about(about, dataset)
    for table in dataset.tables:
        _table(workbook.create_sheet(table.key), table)
    metadata = dataset.metadata
    workbook.properties.title = metadata["title"]
    workbook.properties.creator = metadata["organization"]["name"]
    workbook.properties.description = (f"{metadata['licence']['name']} "
                                       f"{metadata['licence']['url']}")
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def label() -> str:
    return "XLSX"
