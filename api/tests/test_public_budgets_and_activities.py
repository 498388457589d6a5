"""Budgets with their lines and the totals computed from them; activities with attendance by
sex. As in the open data downloads, planned amounts are published with the plan, executed
amounts with the monitoring data of their year, and an activity with its period."""

from datetime import date
from decimal import Decimal

from api.tests.world import ApiTestCase
from monitoring import services as monitoring


class BudgetTests(ApiTestCase):
    def budget(self):
        action = self.element(self.terrassa_plan, "LE1.1")
        data = self.get_json(self.plan_url() + f"budgets/?element={action.slug}")
        self.assertEqual(data["count"], 1)
        return data["results"][0]

    def test_lines_and_totals_of_published_years(self):
        budget = self.budget()
        self.assertEqual(budget["period_total"], 1000.0)
        # 2022 is still open: its executed 50 € is not published yet.
        self.assertEqual([(line["year"], line["phase"], line["amount"], line["provisional"])
                          for line in budget["lines"]],
                         [(2021, "definitive", 200.0, False), (2021, "executed", 150.0, False)])
        self.assertEqual(budget["lines"][0]["chapter_label"],
                         "II. Despeses en béns corrents i serveis")
        self.assertEqual(budget["personnel_costs"][0]["amount"], 300.0)
        years = {row["year"]: row for row in budget["years"]}
        self.assertEqual(list(years), [2021])
        self.assertEqual(years[2021]["executed"], 450.0)  # 150 + 10 h × 30 €
        self.assertEqual(years[2021]["execution_rate"], 225.0)
        self.assertEqual(budget["totals"]["executed"], 450.0)
        self.assertEqual(budget["totals"]["share_of_period_total"], 45.0)

    def test_executed_amounts_of_an_open_year_are_provisional_when_published_at_once(self):
        monitoring.policy_update(plan=self.terrassa_plan, user=self.carles, period_kind="year",
                                 pace="linear", tolerance=Decimal(10), rollup="weighted_mean",
                                 publication="entered")
        budget = self.budget()
        self.assertEqual([(line["year"], line["amount"], line["provisional"])
                          for line in budget["lines"] if line["phase"] == "executed"],
                         [(2021, 150.0, False), (2022, 50.0, True)])
        years = {row["year"]: row for row in budget["years"]}
        self.assertEqual((years[2022]["accumulated"], years[2022]["provisional"]),
                         (500.0, True))
        self.assertIsNone(years[2022]["definitive"])
        self.assertIsNone(years[2022]["execution_rate"])  # no credit to compare with
        self.assertEqual(budget["totals"]["executed"], 500.0)


class ActivityTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        monitoring.event_save(plan=cls.terrassa_plan, user=cls.marta, title="Jornada 2022",
                              year=2022, date=date(2022, 5, 4))

    def test_activities_with_attendance_split(self):
        data = self.get_json(self.plan_url() + "events/?year=2021", language="en")
        self.assertEqual(data["count"], 4)
        event = data["results"][0]
        self.assertEqual(event["attendance"], 20)
        self.assertEqual([(a["option"], a["name"], a["count"]) for a in
                          event["attendance_split"]], [("dona", "Woman", 11), ("home", "Man", 7)])
        self.assertEqual(event["bodies"][0]["slug"], "seess")
        self.assertFalse(event["provisional"])

    def test_activities_of_open_periods_follow_the_plan_s_publication(self):
        self.assertNotIn("Jornada 2022", str(self.get_json(self.plan_url() + "events/")))
        monitoring.policy_update(plan=self.terrassa_plan, user=self.carles, period_kind="year",
                                 pace="linear", tolerance=Decimal(10), rollup="weighted_mean",
                                 publication="entered")
        data = self.get_json(self.plan_url() + "events/?year=2022")
        self.assertEqual([(e["title"], e["provisional"]) for e in data["results"]],
                         [("Jornada 2022", True)])

    def test_a_bad_year_is_refused_naming_the_field(self):
        data = self.get_json(self.plan_url() + "events/?year=soon", status=400, language="en")
        self.assertEqual(list(data), ["year"])
