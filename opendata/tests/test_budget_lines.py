"""Terrassa's Palanques d'impuls budget as a flat table: year, chapter, phase and amount,
personnel co-financing marked, the same figures in CSV, XLSX and JSON."""

from collections import defaultdict
from decimal import Decimal

from django.test import TestCase

from opendata.tests.reading import (
    TERRASSA,
    csv_rows,
    json_document,
    load_demo,
    sheet_rows,
    workbook,
)

BASE = "/data/terrassa/peest-2019-2026"
EXECUTED = {2019: Decimal("73498.80"), 2020: Decimal("74758.99"), 2021: Decimal("92890.91"),
            2022: Decimal("84965.00")}


class BudgetLinesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo(TERRASSA)

    def test_the_flat_csv_gives_the_executed_amounts_of_2019_to_2022(self):
        rows = [r for r in csv_rows(self.client.get(f"{BASE}/budget_lines.csv"))
                if r["element"] == "palanques-impuls"]
        by_year = defaultdict(Decimal)
        for row in rows:
            self.assertEqual(row["phase"], "executed")
            by_year[int(row["year"])] += Decimal(row["amount"])
        self.assertEqual(dict(by_year), EXECUTED)
        self.assertEqual(rows[0]["amount"], "73498.80")  # a dot, two decimals, no grouping

    def test_2022_is_chapter_iv_plus_personnel_co_financing(self):
        rows = [r for r in csv_rows(self.client.get(f"{BASE}/budget_lines.csv"))
                if r["year"] == "2022"]
        self.assertEqual(
            sorted((r["chapter"], r["amount"], r["personnel"], r["hours"], r["hourly_cost"])
                   for r in rows),
            [("2", "81690.00", "true", "2723", "30.00"), ("4", "3275.00", "false", "", "")])
        personnel = next(r for r in rows if r["personnel"] == "true")
        self.assertEqual(personnel["concept"], "Cofinançament de personal")
        self.assertEqual(personnel["provisional"], "false")

    def test_the_spreadsheet_holds_the_amounts_as_numbers(self):
        book = workbook(self.client.get(f"{BASE}.xlsx"))
        rows = sheet_rows(book, "budget_lines")
        by_year = defaultdict(Decimal)
        for row in rows:
            self.assertIsInstance(row["amount"], (int, float))
            by_year[row["year"]] += Decimal(str(row["amount"]))
        self.assertEqual(dict(by_year), EXECUTED)
        sheet = book["budget_lines"]
        amount = next(c for c in sheet[1] if c.value == "amount").column_letter
        self.assertEqual(sheet[f"{amount}2"].data_type, "n")
        self.assertEqual(sheet[f"{amount}2"].number_format, "#,##0.00")

    def test_the_json_document_keeps_the_budget_with_its_period_total(self):
        document = json_document(self.client.get(f"{BASE}.json"))
        (budget,) = [b for b in document["budgets"] if b["element"] == "palanques-impuls"]
        self.assertEqual(budget["period_total"], "360000.00")
        self.assertEqual([line["amount"] for line in budget["lines"]],
                         ["73498.80", "74758.99", "92890.91", "3275.00"])
        self.assertEqual(budget["personnel_costs"][0]["amount"], "81690.00")
        self.assertIs(budget["personnel_costs"][0]["provisional"], False)
        (row,) = [r for r in csv_rows(self.client.get(f"{BASE}/budgets.csv"))
                  if r["element"] == "palanques-impuls"]
        self.assertEqual(row["period_total"], "360000.00")
