"""Marta's program records an indicator's value, with its split by sex, through the same
service as the editor; a split larger than the total, or an option the indicator does not
use, is refused naming the field."""

from api.tests.world import ApiTestCase
from monitoring.models import IndicatorValue


class IndicatorValueWriteTests(ApiTestCase):
    def setUp(self):
        self.indicator = self.terrassa_plan.indicators.order_by("pk").first()
        self.url = (f"{self.plan_url()}indicators/{self.indicator.slug}/values/2023/"
                    "actual/")

    def values(self):
        return list(IndicatorValue.objects.order_by("pk").values_list("pk", "total", "text"))

    def test_put_records_the_total_and_its_split(self):
        response = self.send("put", self.url, {"total": 25, "splits": [
            {"category": "sexe", "option": "dona", "amount": 10},
            {"category": "sexe", "option": "no-consta", "amount": 15}]},
            token=self.marta_token)
        self.assertEqual(response.status_code, 201, response.content)
        data = response.json()
        self.assertEqual((data["total"], data["provisional"]), (25.0, True))
        self.assertEqual({s["option"]: (s["amount"], s["not_recorded"]) for s in data["splits"]},
                         {"dona": (10.0, False), "no-consta": (15.0, True)})
        response = self.send("put", self.url, {"total": 26}, token=self.marta_token)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["splits"], [])

    def test_delete_removes_the_value(self):
        self.send("put", self.url, {"total": 3}, token=self.marta_token)
        response = self.send("delete", self.url, token=self.marta_token)
        self.assertEqual(response.status_code, 204)
        self.assertFalse(IndicatorValue.objects.filter(indicator=self.indicator,
                                                       period__year=2023).exists())

    def test_refusals_name_the_field_and_store_nothing(self):
        before = self.values()
        for data, field in (
            ({"total": 10, "splits": [{"category": "sexe", "option": "dona", "amount": 11}]},
             "splits"),
            ({"total": 10, "splits": [{"category": "edat", "option": "jove", "amount": 1}]},
             "splits"),
            ({"total": 10, "splits": [{"category": "sexe", "option": "altres", "amount": 1}]},
             "splits"),
            ({"total": -1}, "total"),
            ({"total": 2.5}, "total"),  # a count is a whole number
        ):
            with self.subTest(data=data):
                response = self.send("put", self.url, data, token=self.marta_token)
                self.assertEqual(response.status_code, 400)
                self.assertEqual(list(response.json()), [field])
        self.assertEqual(self.values(), before)

    def test_closed_periods_viewers_and_other_organisations_are_refused(self):
        before = self.values()
        closed = self.url.replace("/2023/", "/2021/")
        self.assertEqual(self.send("put", closed, {"total": 1}, token=self.marta_token)
                         .status_code, 400)
        self.assertEqual(self.send("delete", closed, token=self.marta_token).status_code, 400)
        self.assertEqual(self.send("put", self.url, {"total": 1}, token=self.nuria_token)
                         .status_code, 403)
        self.assertEqual(self.send("put", self.url, {"total": 1}, token=self.jordi_token)
                         .status_code, 404)
        self.assertEqual(self.send("put", self.url.replace("/actual/", "/guess/"),
                                   {"total": 1}, token=self.marta_token).status_code, 404)
        self.assertEqual(self.values(), before)
