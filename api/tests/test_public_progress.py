"""Progress is public only for the periods the plan publishes: closed ones, or every one
(marked provisional) when the plan publishes data as soon as it is entered. Each row carries
the figure the pages show: executed and expected %, the on-track flag, the rule and weights."""

from decimal import Decimal

from api.tests.world import ApiTestCase
from monitoring import services as monitoring


class ProgressTests(ApiTestCase):
    def publish_at_once(self):
        monitoring.policy_update(plan=self.terrassa_plan, user=self.carles, period_kind="year",
                                 pace="linear", tolerance=Decimal(10), rollup="weighted_mean",
                                 publication="entered")

    def test_only_closed_periods_are_public_by_default(self):
        data = self.get_json(self.plan_url() + "progress/")
        self.assertEqual({row["period"]["slug"] for row in data["results"]}, {"2020", "2021"})
        self.assertFalse(any(row["provisional"] for row in data["results"]))
        self.assertNotIn("Desplegament 2022", str(data))
        action = self.element(self.terrassa_plan, "LE1.1")
        self.get_json(self.progress_url(action, 2022), status=404)
        self.get_json(self.plan_url() + "progress/?period=2022", status=404)
        entry = self.get_json(self.progress_url(action, 2021))
        self.assertEqual(entry["deployment"], "<p>Desplegament 2021</p>")

    def test_open_periods_are_provisional_when_published_at_once(self):
        self.publish_at_once()
        data = self.get_json(self.plan_url() + "progress/?period=2022")
        self.assertTrue(data["count"] > 0)
        self.assertTrue(all(row["provisional"] for row in data["results"]))
        self.assertIn("Desplegament 2022", str(data))

    def test_a_row_has_the_entry_and_the_figure_with_its_rule_and_weights(self):
        line = self.element(self.terrassa_plan, "LE1")
        actions = list(line.children.order_by("pk"))
        data = self.get_json(self.plan_url() + f"progress/?period=2021&element={line.slug}")
        self.assertEqual(data["count"], 1)
        row = data["results"][0]
        self.assertIsNone(row["status"])  # nothing entered for the line itself
        figure = row["figure"]
        expected_mean = (Decimal(40) + Decimal(41)) / 2
        self.assertEqual(Decimal(str(figure["executed"])), expected_mean)
        self.assertEqual(figure["expected"], 50.0)  # linear pace: 2 of 4 years gone
        # 40.5 % against 50 % expected, within the plan's tolerance of 10 points.
        self.assertEqual((figure["flag"], figure["on_track"]), ("on_track", True))
        self.assertEqual(figure["tolerance"], 10.0)
        self.assertEqual((figure["rule"], figure["rolled_up"], figure["counted"]),
                         ("weighted_mean", True, 2))
        child = self.get_json(self.progress_url(actions[0], 2021))
        self.assertEqual((child["status"], child["percent"]), ("in_progress", 40.0))
        self.assertEqual(child["figure"]["share"], 0.5)
        self.assertEqual(child["figure"]["weight"], 1.0)
        self.assertEqual([b["slug"] for b in child["bodies"]], ["seess"])
        self.assertFalse(child["figure"]["rolled_up"])

    def test_elements_without_anything_to_show_are_left_out(self):
        data = self.get_json(self.plan_url() + "progress/?period=2020")
        # 2020 has no data, but every action is followed: they show, as "no data".
        self.assertEqual({row["figure"]["flag"] for row in data["results"]}, {"no_data"})
        self.assertTrue(all(row["figure"]["executed"] is None for row in data["results"]))
