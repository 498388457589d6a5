"""Ratings of public periods, as distributions of answers: a line adds up its actions'
answers, never averages them."""

from api.tests.world import ApiTestCase


class RatingTests(ApiTestCase):
    def test_distributions_of_public_periods(self):
        data = self.get_json(self.plan_url() + "ratings/")
        self.assertEqual({row["period"]["slug"] for row in data["results"]}, {"2021"})
        by_code = {row["element"]["code"]: row for row in data["results"]}
        self.assertEqual(list(by_code), ["LE1", "LE1.1", "LE1.2", "LE2", "LE2.1", "LE2.2"])
        action, line = by_code["LE1.1"], by_code["LE1"]
        self.assertEqual([(d["level"], d["count"]) for d in action["distribution"]],
                         [("poc", 1), ("molt", 3)])
        self.assertTrue(action["entered"])
        self.assertEqual([(d["level"], d["count"]) for d in line["distribution"]],
                         [("poc", 2), ("molt", 6)])
        self.assertFalse(line["entered"])
        self.assertEqual(line["answers"], 8)
        self.assertEqual(line["scale"], {"key": "utilitat", "name": "Utilitat"})

    def test_filters(self):
        line = self.element(self.terrassa_plan, "LE2")
        data = self.get_json(self.plan_url() + f"ratings/?element={line.slug}&period=2021")
        self.assertEqual(data["count"], 1)
        self.get_json(self.plan_url() + "ratings/?period=2022", status=404)
