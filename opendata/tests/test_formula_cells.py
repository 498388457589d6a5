"""A text that a spreadsheet would run as a formula never runs, in CSV or XLSX; numbers stay
numbers."""

from decimal import Decimal

from django.test import SimpleTestCase

from core.testing import WorldTestCase
from monitoring import services as monitoring
from opendata.formats import csv as csv_format
from opendata.tables import FORMULA_TRIGGERS, looks_like_formula
from opendata.tests.reading import csv_rows, sheet_rows, workbook
from plans import services

TITLES = ['=HYPERLINK("https://example.org/x","clic")', "+34 600 000 000", "-1+2",
          "@SUM(A1:A9)"]


class CsvCellTests(SimpleTestCase):
    def test_every_trigger_gets_an_apostrophe_and_numbers_stay_as_written(self):
        for trigger in FORMULA_TRIGGERS:
            with self.subTest(trigger=repr(trigger)):
                self.assertIs(looks_like_formula(f"{trigger}cmd"), True)
                self.assertEqual(csv_format.cell(f"{trigger}cmd"), f"'{trigger}cmd")
        self.assertEqual(csv_format.cell("Acció 1.1"), "Acció 1.1")
        self.assertEqual(csv_format.cell(Decimal("-1.50")), "-1.50")
        self.assertEqual(csv_format.cell(Decimal("84965.00")), "84965.00")
        self.assertEqual(csv_format.cell(True), "true")
        self.assertEqual(csv_format.cell(None), "")


class FormulaCellTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for code, title in zip(("LE1.1", "LE1.2", "LE2.1", "LE2.2"), TITLES, strict=True):
            services.element_update(element=cls.terrassa_plan.elements.get(code=code),
                                    user=cls.marta, title=title)
        period = monitoring.period_create(plan=cls.terrassa_plan, user=cls.carles,
                                          kind="year", year=2021)
        monitoring.progress_save(element=cls.terrassa_plan.elements.get(code="LE1.1"),
                                 period=period, user=cls.marta, status="in_progress",
                                 percent=Decimal("37.5"))
        monitoring.period_close(period=period, user=cls.carles)

    def test_the_csv_prefixes_formulas_with_an_apostrophe(self):
        titles = {r["code"]: r["title"]
                  for r in csv_rows(self.client.get("/data/terrassa/peest/elements.csv"))}
        self.assertEqual([titles[code] for code in ("LE1.1", "LE1.2", "LE2.1", "LE2.2")],
                         [f"'{title}" for title in TITLES])
        (progress,) = csv_rows(self.client.get("/data/terrassa/peest/progress.csv"))
        self.assertEqual(progress["percent"], "37.5")

    def test_the_spreadsheet_stores_them_as_quoted_text_and_numbers_as_numbers(self):
        book = workbook(self.client.get("/data/terrassa/peest.xlsx"))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    self.assertNotEqual(cell.data_type, "f", f"{sheet.title}!{cell.coordinate}")
        sheet = book["elements"]
        cells = {row[1].value: row[6] for row in sheet.iter_rows(min_row=2)}  # code → title
        for code, title in zip(("LE1.1", "LE1.2", "LE2.1", "LE2.2"), TITLES, strict=True):
            self.assertEqual(cells[code].value, title)
            self.assertEqual(cells[code].data_type, "s")
            self.assertIs(cells[code].quotePrefix, True)
        (progress,) = sheet_rows(book, "progress")
        self.assertEqual(progress["percent"], 37.5)
        weights = {r["code"]: r["weight"] for r in sheet_rows(book, "elements")}
        self.assertEqual(weights["LE1"], 1)
