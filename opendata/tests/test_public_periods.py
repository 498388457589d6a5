"""Monitoring data is published for the public periods only: closed ones for a plan that
publishes on closing (Terrassa), every one for a plan that publishes at once, the data of an
open period then marked provisional (the XMESS 2020 work plan, fourth quarter open)."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.test import TestCase

from budgets import services as budgets
from monitoring import services as monitoring
from monitoring.models import Period
from opendata.tests.reading import (
    TERRASSA,
    XMESS_2020,
    csv_rows,
    json_document,
    load_demo,
    sheet_rows,
    workbook,
)
from plans.models import Plan


class ClosedPublicationTests(TestCase):
    """Terrassa publishes a year once it is closed: 2019–2022 are, 2023 is still open."""

    BASE = "/data/terrassa/peest-2019-2026"

    @classmethod
    def setUpTestData(cls):
        load_demo(TERRASSA)
        carles = get_user_model().objects.get(username="carles")
        plan = Plan.objects.get(organization__slug="terrassa", slug="peest-2019-2026")
        element = plan.elements.get(slug="xarxes-supramunicipals")
        year_2023 = Period.objects.get(plan=plan, year=2023)
        monitoring.progress_save(element=element, period=year_2023, user=carles,
                                 status="in_progress", percent=Decimal(70),
                                 deployment="Avenç del 2023 encara obert")
        indicator = plan.indicators.get(slug="assessoraments-ess")
        monitoring.indicator_value_save(indicator=indicator, period=year_2023, user=carles,
                                        total=Decimal(40))
        monitoring.event_save(plan=plan, user=carles, title="Reunió del 2023",
                              date=datetime.date(2023, 3, 1), year=2023, element=element)
        budget = plan.budgets.get(element__slug="palanques-impuls")
        budgets.budget_line_save(budget=budget, user=carles, year=2023, phase="executed",
                                 amount=Decimal("1111.11"), chapter=4)
        budgets.budget_line_save(budget=budget, user=carles, year=2023, phase="initial",
                                 amount=Decimal("90000.00"), chapter=4)

    def test_the_open_year_is_absent_from_the_json(self):
        document = json_document(self.client.get(f"{self.BASE}.json"))
        monitoring_part = document["monitoring"]
        self.assertEqual([p["period"] for p in monitoring_part["periods"]],
                         ["2019", "2020", "2021", "2022"])
        self.assertNotIn("2023", {p["period"] for p in monitoring_part["progress"]})
        self.assertNotIn("2023", {v["period"] for i in monitoring_part["indicators"]
                                  for v in i["values"]})
        self.assertNotIn(2023, {e["year"] for e in monitoring_part["events"]})
        self.assertNotIn("Avenç del 2023", self.client.get(f"{self.BASE}.json")
                         .content.decode())
        self.assertIs(document["metadata"]["has_provisional_data"], False)

    def test_the_open_year_is_absent_from_the_tables(self):
        for table in ("progress", "indicator_values", "events"):
            with self.subTest(table=table):
                rows = csv_rows(self.client.get(f"{self.BASE}/{table}.csv"))
                self.assertTrue(rows)
                self.assertNotIn("2023", {r.get("period") or r.get("year") for r in rows})
                self.assertEqual({r["provisional"] for r in rows}, {"false"})
        book = workbook(self.client.get(f"{self.BASE}.xlsx"))
        self.assertNotIn("2023", {r["period"] for r in sheet_rows(book, "progress")})

    def test_executed_amounts_wait_for_their_year_and_credits_are_published_with_the_plan(self):
        lines = csv_rows(self.client.get(f"{self.BASE}/budget_lines.csv"))
        self.assertEqual([(r["phase"], r["amount"]) for r in lines if r["year"] == "2023"],
                         [("initial", "90000.00")])


class EnteredPublicationTests(TestCase):
    """The XMESS publishes its 2020 data as soon as it is entered; the fourth quarter is open."""

    BASE = "/data/xmess/pla-treball-2020"

    @classmethod
    def setUpTestData(cls):
        load_demo(XMESS_2020)

    def test_the_open_quarter_is_published_and_marked_provisional(self):
        rows = [r for r in csv_rows(self.client.get(f"{self.BASE}/progress.csv"))
                if r["element"] == "1"]
        self.assertEqual([(r["period"], r["percent"], r["provisional"]) for r in rows],
                         [("2020-t1", "25", "false"), ("2020-t2", "50", "false"),
                          ("2020-t3", "60", "false"), ("2020-t4", "100", "true")])
        periods = {r["period"]: r["provisional"]
                   for r in csv_rows(self.client.get(f"{self.BASE}/periods.csv"))}
        self.assertEqual(periods, {"2020-t1": "false", "2020-t2": "false",
                                   "2020-t3": "false", "2020-t4": "true"})

    def test_activities_follow_the_quarter_of_their_date(self):
        events = {r["date"]: r["provisional"]
                  for r in csv_rows(self.client.get(f"{self.BASE}/events.csv"))}
        self.assertEqual(events["2020-02-20"], "false")
        self.assertEqual(events["2020-10-22"], "true")

    def test_the_json_and_the_spreadsheet_mark_the_same_records(self):
        document = json_document(self.client.get(f"{self.BASE}.json"))
        self.assertIs(document["metadata"]["has_provisional_data"], True)
        self.assertEqual(document["metadata"]["publication"], "entered")
        marks = {p["period"]: p["provisional"] for p in document["monitoring"]["progress"]
                 if p["element"] == "1"}
        self.assertEqual(marks, {"2020-t1": False, "2020-t2": False, "2020-t3": False,
                                 "2020-t4": True})
        book = workbook(self.client.get(f"{self.BASE}.xlsx"))
        marks = {r["period"]: r["provisional"] for r in sheet_rows(book, "progress")
                 if r["element"] == "1"}
        self.assertEqual(marks, {"2020-t1": False, "2020-t2": False, "2020-t3": False,
                                 "2020-t4": True})

    def test_closing_the_quarter_makes_its_data_final(self):
        alba = get_user_model().objects.get(username="alba")
        period = Period.objects.get(plan__slug="pla-treball-2020", year=2020, number=4)
        monitoring.period_close(period=period, user=alba)
        rows = csv_rows(self.client.get(f"{self.BASE}/progress.csv"))
        self.assertIn("2020-t4", {r["period"] for r in rows})
        self.assertEqual({r["provisional"] for r in rows}, {"false"})
