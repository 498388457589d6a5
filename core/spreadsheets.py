"""Writing cells that spreadsheets open safely: shared by open data and the editor's templates.

A text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by spreadsheet programs (CSV injection). Each format neutralises it in its own way:
an XLSX cell keeps the text and gets the quote-prefix mark (as when one types an apostrophe
before it), a CSV cell gets an apostrophe in front.
"""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def csv_text(text: str) -> str:
    """A CSV cell's text, neutralised: an apostrophe in front of a formula. An apostrophe is
    also added before a text that already starts with apostrophes and then a formula, so that
    :func:`csv_text_read` gives back exactly the text written."""
    return "'" + text if looks_like_formula(text.lstrip("'")) else text


def csv_text_read(text: str) -> str:
    """The text :func:`csv_text` wrote (a text typed by hand is left as it is)."""
    if text.startswith("'") and looks_like_formula(text.lstrip("'")):
        return text[1:]
    return text


def put_cell(sheet, row: int, column: int, value, *, number_format: str | None = None,
             font=None):
    """Write one XLSX cell: numbers and dates as they are, text as text that never runs."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and looks_like_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    if number_format is not None and value is not None:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    return cell
