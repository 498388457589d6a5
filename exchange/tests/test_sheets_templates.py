"""The templates as technicians open them: instructions first, headers in their language,
lists to choose from, numbers and dates as real cells, formulas that never run; CSV files
as their spreadsheet program reads them."""

import datetime
import io
import zipfile
from decimal import Decimal

from budgets import services as budgets
from core.testing import WorldTestCase
from exchange.sheets.export import template_download
from exchange.tests.sheets import workbook
from monitoring import services as monitoring
from plans import services as plans

FORMULA = "=1+2"


class TemplateTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        plan, user = cls.terrassa_plan, cls.carles
        cls.period = monitoring.period_create(plan=plan, user=user, kind="year", year=2021)
        action = plan.elements.get(code="LE1.1")
        monitoring.progress_save(element=action, period=cls.period, user=user,
                                 status="in_progress", percent=Decimal("37.5"),
                                 deployment="- Una sessió\n- Una altra", bodies=[])
        budget = budgets.budget_save(plan=plan, user=user, element=action,
                                     period_total=Decimal("84965"))
        budgets.budget_line_save(budget=budget, user=user, year=2021, chapter=4,
                                 phase="executed", amount=Decimal("84965.00"),
                                 concept="@transferència")
        monitoring.event_save(plan=plan, user=user, title="+34 600 000 000", year=2021,
                              date=datetime.date(2021, 3, 29), attendance=12)
        plans.element_update(element=plan.elements.get(code="LE2.1"), user=user,
                             title=FORMULA)

    def download(self, kind: str, format: str, **options):
        return template_download(self.terrassa_plan, kind=kind, format=format, **options)

    def test_the_workbook_explains_itself_and_freezes_its_headers(self):
        book = workbook(self.download("plan", "xlsx").content)
        self.assertEqual(book.sheetnames[0], "instruccions")
        self.assertEqual(book["llistes"].sheet_state, "hidden")
        instructions = list(book["instruccions"].iter_rows(values_only=True))
        self.assertIn(("elements", "títol"), {row[:2] for row in instructions})
        elements = book["elements"]
        self.assertEqual(elements.freeze_panes, "A2")
        self.assertEqual([c.value for c in elements[1]][:5],
                         ["identificador", "codi", "pare", "nivell", "títol"])
        self.assertGreater(elements.column_dimensions["E"].width, 40)
        self.assertTrue(elements[1][0].font.b)

    def test_fixed_values_come_as_lists_to_choose_from(self):
        book = workbook(self.download("monitoring", "xlsx", period=self.period).content)
        progress = book["avenç"]
        validations = {str(v.sqref): v.formula1 for v in progress.data_validations.dataValidation}
        self.assertIn("D2:D507", validations)  # estat
        lists = book["llistes"]
        column = validations["D2:D507"].split("!")[1].split(":")[0].replace("$", "")[0]
        values = [c.value for c in lists[column]][1:]
        self.assertEqual(values, ["Pendent", "En curs", "Finalitzat", "Ajornat", "Cancel·lat"])

    def test_numbers_and_dates_are_real_cells_and_formulas_never_run(self):
        book = workbook(self.download("plan", "xlsx").content)
        progress = book["avenç"]
        row = next(r for r in progress.iter_rows(min_row=2) if r[0].value == "LE1.1")
        self.assertEqual((row[4].value, row[4].data_type), (37.5, "n"))
        self.assertEqual(row[5].value, "- Una sessió\n- Una altra")
        self.assertIs(row[5].quotePrefix, True)
        line = next(book["partides"].iter_rows(min_row=2))
        self.assertEqual((line[1].value, line[2].value, line[4].value), (2021, "IV", 84965))
        self.assertEqual(line[4].number_format, "#,##0.00")
        self.assertIs(line[5].quotePrefix, True)
        event = next(book["activitats"].iter_rows(min_row=2))
        self.assertEqual(event[1].value, datetime.datetime(2021, 3, 29))
        self.assertEqual(event[1].number_format, "dd/mm/yyyy")
        self.assertIs(event[4].quotePrefix, True)
        for sheet in book.worksheets:
            for cells in sheet.iter_rows():
                for cell in cells:
                    self.assertNotEqual(cell.data_type, "f", f"{sheet.title}!{cell.coordinate}")
        title = next(r for r in book["elements"].iter_rows(min_row=2) if r[1].value == "LE2.1")
        self.assertEqual((title[4].value, title[4].quotePrefix), (FORMULA, True))

    def test_csv_for_catalan_and_spanish_uses_semicolons_and_decimal_commas(self):
        data = self.download("budgets", "csv").content
        files = zipfile.ZipFile(io.BytesIO(data))
        self.assertEqual(files.namelist(), ["peest-pressupostos-pressupostos.csv",
                                            "peest-pressupostos-partides.csv",
                                            "peest-pressupostos-personal.csv"])
        lines = files.read("peest-pressupostos-partides.csv").decode("utf-8-sig").splitlines()
        self.assertEqual(lines, ["element;any;capítol;fase;import;concepte",
                                 "LE1.1;2021;IV;Obligacions reconegudes (executat);84965,00;"
                                 "'@transferència"])
        events = self.download("events", "csv").content.decode("utf-8-sig").splitlines()
        self.assertIn("29/03/2021", events[1])
        self.assertIn("'+34 600 000 000", events[1])

    def test_csv_in_english_uses_commas_and_a_decimal_point(self):
        data = self.download("budgets", "csv", language="en").content
        files = zipfile.ZipFile(io.BytesIO(data))
        lines = files.read("peest-budgets-budget-lines.csv").decode("utf-8-sig").splitlines()
        self.assertEqual(lines[0], "element,year,chapter,phase,amount,concept")
        self.assertIn("84965.00", lines[1])
