"""Helpers of the spreadsheet tests: workbooks and CSV files as technicians write them, and
the counts of every table an import writes to."""

import io

from openpyxl import Workbook, load_workbook

from budgets.models import Budget, BudgetLine, PersonnelCost
from exchange.sheets.importing import sheets_import
from history.models import Change
from monitoring.models import (
    Event,
    EventAttendance,
    Indicator,
    IndicatorSplit,
    IndicatorValue,
    Period,
    Progress,
    Rating,
    RatingScale,
)
from organizations.models import Body
from plans.models import CalendarMark, Element, ElementSection, Level, Link, Plan, PlanSection, Term

TABLES = (Plan, Level, Term, Element, Link, CalendarMark, PlanSection, ElementSection, Body,
          Period, Progress, Indicator, IndicatorValue, IndicatorSplit, RatingScale, Rating,
          Event, EventAttendance, Budget, BudgetLine, PersonnelCost, Change)


def table_counts() -> dict[str, int]:
    """How many rows every table an import may write to holds (history included)."""
    return {model.__name__: model.objects.count() for model in TABLES}


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    """A workbook with these sheets (name → rows, the first row the headers)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cells in sheet.iter_rows():
            for cell in cells:  # a text is a text, never a formula
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_file(rows: list[list], *, delimiter: str = ";", encoding: str = "utf-8") -> bytes:
    lines = [delimiter.join("" if cell is None else str(cell) for cell in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def sheet_values(data: bytes) -> dict[str, list[tuple]]:
    book = workbook(data)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def run(organization, data: bytes, filename: str, **options):
    """Import a file as the command line does (no user: every right)."""
    options.setdefault("language", "ca")
    return sheets_import(organization=organization, data=data, filename=filename, **options)


def messages(result) -> str:
    return "\n".join(str(problem) for problem in result.errors)
