"""A workbook to write: the tables of one kind of template, with their rows."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from exchange.sheets import columns as c
from exchange.sheets.rows import Split


@dataclass
class TableData:
    table: c.Table
    splits: list[Split]
    rows: list[dict]  # column key (or "split:category/option") → cell value

    def columns(self) -> list[tuple[str, c.Column | None, Split | None]]:
        """``(key, column, split)`` for every column, the split options last."""
        return [(col.key, col, None) for col in self.table.columns] + \
            [(f"split:{s.key}", None, s) for s in self.splits]

    def headers(self, language: str) -> list[str]:
        return [col.name(language) if col else split.name(language)
                for _key, col, split in self.columns()]


@dataclass
class SheetBook:
    title: str  # the plan's title
    subtitle: str  # which template, of which period
    language: str
    tables: list[TableData]
    stem: str  # the file's name without its extension


# What the instructions say about each type of column.
TYPE_HELP = {
    c.TEXT: _("text"),
    c.LONG_TEXT: _("text, on several lines if needed"),
    c.MARKUP: _("text: blank lines separate paragraphs, lines starting with “- ” make a list, "
                "**bold** and *italic*"),
    c.LIST: _("names separated by semicolons (;)"),
    c.INTEGER: _("a whole number"),
    c.DECIMAL: _("a number (12,5 or 12.5)"),
    c.MONEY: _("an amount in euros (84.965,00 or 84965.00)"),
    c.BOOLEAN: _("sí or no"),
    c.DATE: _("a date (29/03/2022 or 2022-03-29)"),
}
SPLIT_HELP = _("The figure for this option of the split: a number; empty means “not "
               "recorded”, which is not 0.")

RULES = [
    _("Each sheet is a table of the plan and its first row names the columns. The names may "
      "be written in Catalan, Spanish or English; columns that are not listed here are left "
      "out, and a column may be left out altogether to leave that field as it is."),
    _("Rows are matched to the plan's records by their identifier or code: change a row and "
      "that record changes, add a row and a record is created. Importing the same file twice "
      "changes nothing."),
    _("Deleting a row deletes its record only if you confirm it after the preview."),
    _("Numbers may be written 84.965,00 or 84965.00; dates 29/03/2022 or 2022-03-29; yes/no "
      "columns sí or no; lists with a semicolon between names."),
    _("Nothing is stored before you confirm the preview, and a file with any error stores "
      "nothing: the preview says the sheet, row and column of each problem."),
]
