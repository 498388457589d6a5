"""Indicator values with their splits: Terrassa's 332 people attended in 2022, 203 women,
129 men and 0 non-binary."""

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
INDICATOR = "persones-ateses-informades"


class IndicatorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo(TERRASSA)

    def test_the_definition_names_its_element_unit_and_categories(self):
        (row,) = [r for r in csv_rows(self.client.get(f"{BASE}/indicators.csv"))
                  if r["indicator"] == INDICATOR]
        self.assertEqual((row["element"], row["unit"], row["measure_type"], row["categories"]),
                         ("servei-emprenedoria-economia-social", "persones", "count", "sexe"))

    def test_the_2022_value_and_its_split_by_sex(self):
        (value,) = [r for r in csv_rows(self.client.get(f"{BASE}/indicator_values.csv"))
                    if r["indicator"] == INDICATOR]
        self.assertEqual((value["period"], value["kind"], value["total"]),
                         ("2022", "actual", "332"))
        splits = {(r["category"], r["option"]): r["amount"]
                  for r in csv_rows(self.client.get(f"{BASE}/indicator_splits.csv"))
                  if r["indicator"] == INDICATOR}
        self.assertEqual(splits, {("sexe", "dona"): "203", ("sexe", "home"): "129",
                                  ("sexe", "no-binari"): "0"})

    def test_the_spreadsheet_and_the_json_carry_the_same_figures(self):
        book = workbook(self.client.get(f"{BASE}.xlsx"))
        splits = {r["option"]: r["amount"] for r in sheet_rows(book, "indicator_splits")
                  if r["indicator"] == INDICATOR}
        self.assertEqual(splits, {"dona": 203, "home": 129, "no-binari": 0})
        (total,) = [r["total"] for r in sheet_rows(book, "indicator_values")
                    if r["indicator"] == INDICATOR]
        self.assertEqual(total, 332)
        document = json_document(self.client.get(f"{BASE}.json"))
        (indicator,) = [i for i in document["monitoring"]["indicators"]
                        if i["slug"] == INDICATOR]
        self.assertEqual(indicator["values"][0]["splits"],
                         {"sexe/dona": "203", "sexe/home": "129", "sexe/no-binari": "0"})
