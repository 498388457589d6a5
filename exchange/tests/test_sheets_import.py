"""Importing sheets into Terrassa's plan: matched by code, headers in three languages, CSV
as Excel writes it, deletions only when confirmed, every problem with its place, and all or
nothing."""

import datetime
from decimal import Decimal

from budgets import services as budgets
from budgets.models import BudgetLine
from core.testing import WorldTestCase
from exchange.sheets.export import template_download
from exchange.tests.sheets import csv_file, messages, run, table_counts, xlsx
from monitoring import services as monitoring
from monitoring.models import DisaggregationCategory, Event, Progress
from plans.models import Element, Plan


class SheetImportTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        plan, user = cls.terrassa_plan, cls.carles
        cls.period_2020 = monitoring.period_create(plan=plan, user=user, kind="year", year=2020)
        cls.period_2021 = monitoring.period_create(plan=plan, user=user, kind="year", year=2021)
        monitoring.progress_save(element=plan.elements.get(code="LE1.2"),
                                 period=cls.period_2020, user=user, status="finished",
                                 percent=Decimal(100))
        monitoring.period_close(period=cls.period_2020, user=user)
        monitoring.progress_save(element=plan.elements.get(code="LE1.1"),
                                 period=cls.period_2021, user=user, status="in_progress",
                                 percent=Decimal(40))
        sex = DisaggregationCategory.objects.get(key="sexe", organization__isnull=True)
        monitoring.indicator_save(plan=plan, user=user, name="Persones ateses",
                                  element=plan.elements.get(code="LE1.1"), categories=[sex])
        budget = budgets.budget_save(plan=plan, user=user, period_total=Decimal(100000))
        budgets.budget_line_save(budget=budget, user=user, year=2021, chapter=2,
                                 phase="executed", amount=Decimal("1000.00"))

    def elements(self, headers, *rows, name="elements") -> bytes:
        return xlsx({name: [headers, *rows]})

    def title_of(self, code: str) -> str:
        return self.terrassa_plan.elements.get(code=code).title

    # headers --------------------------------------------------------------------------------

    def test_headers_in_catalan_spanish_and_english_with_any_case_accents_and_spaces(self):
        for name, headers in [("elements", ["codi", "títol"]),
                              ("Elementos", ["Código", "TÍTULO"]),
                              ("ELEMENTS", ["  code ", "Title"]),
                              ("elements", ["CODI", "titol"])]:
            with self.subTest(headers=headers):
                data = self.elements(headers, ["LE1.1", f"Acció en {name} {headers[1]}"],
                                     name=name)
                result = run(self.terrassa, data, "fulls.xlsx", plan_slug="peest", apply=True)
                self.assertEqual(result.errors, [])
                self.assertEqual(self.title_of("LE1.1"), f"Acció en {name} {headers[1]}")

    def test_unknown_columns_warn_and_a_missing_required_column_is_an_error(self):
        data = self.elements(["codi", "títol", "color preferit"], ["LE1.1", "Nou títol", "blau"])
        result = run(self.terrassa, data, "fulls.xlsx", plan_slug="peest")
        self.assertEqual(result.errors, [])
        self.assertEqual([(w.sheet, w.row) for w in result.warnings], [("elements", 1)])
        self.assertIn("color preferit", str(result.warnings[0]))
        before = table_counts()
        data = xlsx({"avenç": [["element", "estat"], ["LE1.1", "Finalitzat"]]})
        result = run(self.terrassa, data, "fulls.xlsx", plan_slug="peest", apply=True)
        self.assertEqual([(e.sheet, e.row) for e in result.errors], [("avenç", 1)])
        self.assertIn("període", messages(result))
        result = run(self.terrassa, self.elements(["pare", "pes"], ["LE1", "2"]), "fulls.xlsx",
                     plan_slug="peest", apply=True)
        self.assertEqual([(e.sheet, e.row) for e in result.errors], [("elements", 1)])
        self.assertEqual(table_counts(), before)

    # CSV as Excel writes it ----------------------------------------------------------------

    def test_a_semicolon_csv_in_windows_1252_with_catalan_numbers_and_dates(self):
        lines = csv_file([["element", "any", "capítol", "fase", "import", "concepte"],
                          ["LE1", "2022", "IV", "Obligacions reconegudes", "84.965,00",
                           "Subvenció a l'Ateneu"]], encoding="cp1252")
        self.assertIn(b"\xf3", lines)  # "ó" as Windows-1252 writes it
        result = run(self.terrassa, lines, "partides.csv", plan_slug="peest", apply=True)
        self.assertEqual(result.errors, [], messages(result))
        line = BudgetLine.objects.get(budget__element__code="LE1")
        self.assertEqual((line.year, line.chapter, line.phase, line.amount, line.concept),
                         (2022, 4, "executed", Decimal("84965.00"), "Subvenció a l'Ateneu"))
        events = csv_file([["data", "tipus", "títol", "element", "assistents", "Sexe: Dona"],
                           ["29/03/2022", "Sessió de consell", "Consell ordinari", "LE2", "12",
                            "7"]], encoding="cp1252")
        result = run(self.terrassa, events, "activitats.csv", plan_slug="peest", apply=True)
        self.assertEqual(result.errors, [], messages(result))
        event = Event.objects.get(plan=self.terrassa_plan)
        self.assertEqual((event.date, event.year, event.kind, event.attendance),
                         (datetime.date(2022, 3, 29), 2022, "council_session", 12))
        self.assertEqual(event.attendance_split.get().count, 7)

    def test_a_new_year_is_added_beside_the_lines_of_a_closed_year(self):
        plan, user = self.terrassa_plan, self.carles
        budget = budgets.budget_save(plan=plan, user=user, element=plan.elements.get(code="LE1"),
                                     period_total=Decimal(360000))
        kept = budgets.budget_line_save(budget=budget, user=user, year=2021, chapter=4,
                                        phase="executed", amount=Decimal("92890.91"))
        monitoring.period_close(period=self.period_2021, user=user)
        header = ["element", "any", "capítol", "fase", "import", "concepte"]
        data = csv_file([header, ["LE1", "2021", "IV", "Obligacions reconegudes", "92.890,91", ""],
                         ["LE1", "2022", "IV", "Obligacions reconegudes", "84.965,00", ""]])
        result = run(self.terrassa, data, "partides.csv", plan_slug="peest", apply=True)
        self.assertEqual(result.errors, [], messages(result))
        self.assertEqual(sorted(budget.lines.values_list("year", "amount")),
                         [(2021, Decimal("92890.91")), (2022, Decimal("84965.00"))])
        self.assertTrue(budget.lines.filter(pk=kept.pk).exists())
        before = table_counts()
        data = csv_file([header, ["LE1", "2021", "IV", "Obligacions reconegudes", "1.000,00", ""],
                         ["LE1", "2022", "IV", "Obligacions reconegudes", "84.965,00", ""]])
        result = run(self.terrassa, data, "partides.csv", plan_slug="peest", apply=True)
        self.assertEqual([(e.sheet, e.row) for e in result.errors], [("partides.csv", 2)])
        self.assertIn("2021", messages(result))
        self.assertEqual(table_counts(), before)
        self.assertEqual(budget.lines.get(year=2021).amount, Decimal("92890.91"))

    def test_a_comma_csv_in_utf8_with_a_byte_order_mark(self):
        data = "\ufeffcode,title,weight\r\nLE2.1,\"Acció, amb coma\",\"1,5\"\r\n".encode()
        result = run(self.terrassa, data, "elements.csv", plan_slug="peest", apply=True)
        self.assertEqual(result.errors, [], messages(result))
        element = self.terrassa_plan.elements.get(code="LE2.1")
        self.assertEqual((element.title, element.weight), ("Acció, amb coma", Decimal("1.5")))

    # matching, upserts and deletions -------------------------------------------------------

    def test_importing_the_same_sheet_twice_duplicates_and_changes_nothing(self):
        data = self.elements(["codi", "pare", "nivell", "títol"],
                             ["LE1.1", "LE1", "action", "Acció canviada"],
                             ["LE1.3", "LE1", "action", "Acció nova"],
                             ["", "LE2", "action", "Una acció sense codi"])
        first = run(self.terrassa, data, "fulls.xlsx", plan_slug="peest", apply=True)
        self.assertEqual(first.errors, [])
        self.assertEqual(len(first.created), 2)
        self.assertEqual([f.column for f in first.updated[0].fields], ["títol"])
        count = Element.objects.count()
        second = run(self.terrassa, data, "fulls.xlsx", plan_slug="peest", apply=True)
        self.assertEqual(second.errors, [])
        self.assertEqual((second.changes, second.changes_anything), ([], False))
        self.assertEqual(Element.objects.count(), count)

    def test_rows_removed_from_the_sheet_are_deleted_only_when_confirmed(self):
        rows = [[e.code, e.title] for e in self.terrassa_plan.elements.order_by("pk")
                if e.code != "LE2.2"]
        data = self.elements(["codi", "títol"], *rows)
        preview = run(self.terrassa, data, "fulls.xlsx", plan_slug="peest")
        self.assertEqual([c.label for c in preview.absent], ["LE2.2 · Acció 2.2"])
        self.assertFalse(preview.changes_anything)
        kept = run(self.terrassa, data, "fulls.xlsx", plan_slug="peest", apply=True)
        self.assertTrue(kept.applied)
        self.assertTrue(self.terrassa_plan.elements.filter(code="LE2.2").exists())
        deleted = run(self.terrassa, data, "fulls.xlsx", plan_slug="peest", apply=True,
                      confirm_deletions=True)
        self.assertEqual(deleted.report.deleted["element"], 1)
        self.assertFalse(self.terrassa_plan.elements.filter(code="LE2.2").exists())

    def test_a_partial_sheet_changes_only_its_columns_and_keeps_the_order(self):
        data = self.elements(["codi", "pes"], ["LE2.1", "2"])
        result = run(self.terrassa, data, "fulls.xlsx", plan_slug="peest", apply=True)
        self.assertEqual(result.errors, [])
        element = self.terrassa_plan.elements.get(code="LE2.1")
        self.assertEqual((element.weight, element.title), (Decimal(2), "Acció 2.1"))
        self.assertEqual(result.report.updated["element"], 1)

    # problems, each with its place --------------------------------------------------------

    def test_every_problem_names_its_sheet_row_and_column_and_nothing_is_stored(self):
        before = table_counts()
        data = xlsx({
            "avenç": [["element", "període", "estat", "% executat"],
                      ["LE1.1", "2021", "En curs", "molt"],
                      ["LE9", "2021", "En curs", "10"],
                      ["LE2.1", "2030", "En curs", "10"],
                      ["LE2.2", "2021", "Potser", "120"]],
            "elements": [["codi", "pare", "títol"],
                         ["LE1.1", "LE2.2", "Acció 1.1"],
                         ["LE2.2", "LE1.1", "Acció 2.2"],
                         ["LE1.2", "", "Acció 1.2"],
                         ["LE1.2", "", "Repetida"]],
            "enllaços": [["origen", "destinació"], ["LE1.1", "LE7"]],
        })
        result = run(self.terrassa, data, "fulls.xlsx", plan_slug="peest", apply=True)
        places = {(e.sheet, e.row, e.column) for e in result.errors}
        self.assertLessEqual({("avenç", 2, "% executat"), ("avenç", 3, "element"),
                              ("avenç", 4, "període"), ("avenç", 5, "estat"),
                              ("elements", 2, "pare"), ("elements", 5, "codi"),
                              ("enllaços", 2, "destinació")}, places)
        self.assertIn("molt", messages(result))
        self.assertIn("LE9", messages(result))
        self.assertFalse(result.applied)
        self.assertEqual(table_counts(), before)

    def test_an_element_out_of_its_level_is_placed_on_its_row(self):
        data = self.elements(["codi", "pare", "nivell", "títol"],
                             ["LE3", "", "action", "Acció penjada a dalt"])
        result = run(self.terrassa, data, "fulls.xlsx", plan_slug="peest")
        self.assertEqual([(e.sheet, e.row, e.column) for e in result.errors],
                         [("elements", 2, "nivell")])

    def test_an_error_the_services_find_comes_back_to_its_row(self):
        data = xlsx({"valors": [["indicador", "període", "tipus de valor", "total",
                                 "Sexe: Dona", "Sexe: Home"],
                                ["persones-ateses", "2021", "Real", "10", "8", "7"]]})
        before = table_counts()
        result = run(self.terrassa, data, "fulls.xlsx", plan_slug="peest", apply=True)
        self.assertEqual([(e.sheet, e.row) for e in result.errors], [("valors", 2)])
        self.assertIn("15", messages(result))  # the split adds up to 15, more than 10
        self.assertEqual(table_counts(), before)

    def test_a_closed_period_is_refused_and_a_missing_period_named(self):
        data = xlsx({"avenç": [["element", "període", "estat", "% executat"],
                               ["LE1.2", "2020", "Finalitzat", "90"],
                               ["LE1.1", "2022", "En curs", "50"]]})
        before = table_counts()
        result = run(self.terrassa, data, "fulls.xlsx", plan_slug="peest", apply=True)
        self.assertEqual([(e.row, e.column) for e in result.errors],
                         [(2, "període"), (3, "període")])
        self.assertIn("2020", str(result.errors[0]))
        self.assertIn("2022", str(result.errors[1]))
        self.assertEqual(table_counts(), before)
        self.assertEqual(Progress.objects.get(period=self.period_2020).percent, 100)

    def test_an_editor_cannot_change_the_plan_status_nor_close_a_period(self):
        data = xlsx({"pla": [["camp", "valor"], ["estat", "Esborrany"]],
                     "períodes": [["període", "estat"], ["2021", "Tancat"]]})
        result = run(self.terrassa, data, "fulls.xlsx", plan_slug="peest", user=self.marta,
                     apply=True)
        self.assertEqual([(e.sheet, e.row, e.column) for e in result.errors],
                         [("pla", 2, "estat"), ("períodes", 2, "estat")])
        self.terrassa_plan.refresh_from_db()
        self.assertEqual(self.terrassa_plan.status, Plan.Status.APPROVED)
        result = run(self.terrassa, data, "fulls.xlsx", plan_slug="peest", user=self.carles,
                     apply=True)
        self.assertEqual(result.errors, [])
        self.assertTrue(self.terrassa_plan.periods.get(year=2021).is_closed)

    # creating a plan ------------------------------------------------------------------------

    def test_the_plan_sheet_creates_a_plan_and_without_it_a_plan_must_be_named(self):
        data = xlsx({"pla": [["camp", "valor"], ["identificador", "nou-pla"],
                             ["títol", "Pla nou"], ["tipus", "Pla de treball anual"],
                             ["primer any", 2024], ["darrer any", "2025"]],
                     "nivells": [["identificador", "nom (català)", "nivell pare"],
                                 ["eix", "Eix", ""], ["accio", "Acció", "eix"]],
                     "elements": [["codi", "pare", "nivell", "títol", "calendari"],
                                  ["E1", "", "eix", "Primer eix", ""],
                                  ["E1.1", "E1", "accio", "Primera acció", "2024; 2025-T2"]]})
        result = run(self.barcelona, data, "nou.xlsx", apply=True)
        self.assertEqual(result.errors, [], messages(result))
        plan = Plan.objects.get(organization=self.barcelona, slug="nou-pla")
        self.assertEqual((plan.kind, plan.start_year, plan.end_year, plan.status),
                         ("work_plan", 2024, 2025, "draft"))
        action = plan.elements.get(code="E1.1")
        self.assertEqual([(m.year, m.quarter) for m in action.calendar.all()],
                         [(2024, None), (2025, 2)])
        without = run(self.barcelona, self.elements(["codi", "títol"], ["E1", "Eix"]),
                      "elements.xlsx")
        self.assertEqual(len(without.errors), 1)
        self.assertFalse(without.errors[0].sheet)

    # formulas -------------------------------------------------------------------------------

    def test_texts_that_look_like_formulas_are_neutralised_and_come_back_as_written(self):
        title = '=HYPERLINK("https://example.org","clic")'
        element = self.terrassa_plan.elements.get(code="LE1.1")
        for format in ("xlsx", "csv"):
            with self.subTest(format=format):
                data = self.elements(["codi", "títol"], ["LE1.1", title])
                run(self.terrassa, data, "fulls.xlsx", plan_slug="peest", apply=True)
                download = template_download(self.terrassa_plan, kind="structure",
                                             format=format)
                again = run(self.terrassa, download.content, download.filename,
                            plan_slug="peest")
                self.assertEqual((again.errors, again.changes), ([], []))
                element.refresh_from_db()
                self.assertEqual(element.title, title)
