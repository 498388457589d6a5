"""Indicator values of public periods with their split: "not recorded" is an option of its
own (not zero), and the recorded total stands in its own right."""

from decimal import Decimal

from api.tests.world import ApiTestCase, sex_category
from monitoring import services as monitoring


class IndicatorTests(ApiTestCase):
    def test_values_of_public_periods_with_their_split(self):
        action = self.element(self.terrassa_plan, "LE1.1")
        data = self.get_json(self.plan_url() + f"indicators/?element={action.slug}",
                             language="es")
        self.assertEqual(data["count"], 1)
        indicator = data["results"][0]
        self.assertEqual(indicator["element"]["slug"], action.slug)
        self.assertEqual([c["key"] for c in indicator["disaggregations"]], ["sexe"])
        options = {o["key"]: o for o in indicator["disaggregations"][0]["options"]}
        self.assertTrue(options["no-consta"]["not_recorded"])
        self.assertEqual(options["no-consta"]["name"], "No consta")
        self.assertEqual([(v["period"]["slug"], v["kind"]) for v in indicator["values"]],
                         [("2021", "target"), ("2021", "actual")])
        actual = indicator["values"][1]
        self.assertEqual(actual["total"], 30.0)  # its own field: the split adds up to 27
        self.assertEqual({s["option"]: s["amount"] for s in actual["splits"]},
                         {"dona": 12.0, "home": 10.0, "no-consta": 5.0})
        self.assertNotIn("no-binari", [s["option"] for s in actual["splits"]])
        self.assertEqual(indicator["actual_over_time"], 30.0)

    def test_values_of_open_periods_appear_once_the_plan_publishes_them(self):
        monitoring.policy_update(plan=self.terrassa_plan, user=self.carles, period_kind="year",
                                 pace="linear", tolerance=Decimal(10), rollup="weighted_mean",
                                 publication="entered")
        data = self.get_json(self.plan_url() + "indicators/")
        values = data["results"][0]["values"]
        self.assertEqual([(v["period"]["slug"], v["provisional"]) for v in values
                          if v["kind"] == "actual"], [("2021", False), ("2022", True)])
        self.assertEqual(data["results"][0]["actual_over_time"], 60.0)  # summed over time

    def test_a_value_is_readable_on_its_own(self):
        indicator = self.terrassa_plan.indicators.first()
        url = f"{self.plan_url()}indicators/{indicator.slug}/values/2021/actual/"
        self.assertEqual(self.get_json(url)["total"], 30.0)
        self.get_json(url.replace("/2021/", "/2022/"), status=404)  # not public yet
        self.get_json(url.replace("/actual/", "/baseline/"), status=404)  # none recorded
        self.get_json(url.replace("/actual/", "/nonsense/"), status=404)
        self.assertTrue(sex_category().options.filter(key="no-consta").exists())
