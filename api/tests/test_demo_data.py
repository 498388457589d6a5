"""The examples of docs/api.md, on the demo data: Terrassa's strategic plan (programme
"Palanques d'impuls", its 2019–2022 monitoring closed) and the XMESS work plan 2020 (data
published as soon as entered: its last quarter provisional)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import TestCase

from api.services import api_token_create
from exchange.demo import demo_load
from organizations.models import Organization
from plans.models import Plan

PLANS = settings.BASE_DIR / "demo/plans"
PEEST = "/api/v1/organizations/terrassa/plans/peest-2019-2026/"
XMESS = "/api/v1/organizations/xmess/plans/pla-treball-2020/"


class DemoDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo_load(plan_files=[PLANS / "terrassa--peest-2019-2026.yaml",
                              PLANS / "xmess--pla-treball-2020.yaml"])
        users = get_user_model().objects
        cls.marta = api_token_create(user=users.get(username="marta"),
                                     organization=Organization.objects.get(slug="terrassa"),
                                     name="Demo").secret
        cls.jordi = api_token_create(user=users.get(username="jordi"),
                                     organization=Organization.objects.get(slug="barcelona"),
                                     name="Demo").secret

    def get(self, url, **extra):
        response = self.client.get(url, **extra)
        self.assertEqual(response.status_code, 200, url)
        return response.json()

    def test_the_xmess_and_its_members(self):
        xmess = self.get("/api/v1/organizations/xmess/")
        self.assertEqual({m["slug"] for m in xmess["members"]}, {"terrassa", "barcelona"})
        plans = self.get("/api/v1/plans/?organization=xmess")
        self.assertEqual([p["slug"] for p in plans["results"]], ["pla-treball-2020"])

    def test_palanques_impuls_its_actions_and_their_2022_results(self):
        programme = self.get(PEEST + "elements/palanques-impuls/")
        self.assertEqual([c["slug"] for c in programme["children"]],
                         ["servei-emprenedoria-economia-social", "xarxes-supramunicipals",
                          "ess-estrategies-municipals", "espais-participacio-ess"])
        last = programme["progress"][-1]
        self.assertEqual((last["period"]["slug"], last["figure"]["rolled_up"]), ("2022", True))
        indicators = self.get(PEEST + "indicators/?element=servei-emprenedoria-economia-social")
        served = next(i for i in indicators["results"]
                      if i["slug"] == "persones-ateses-informades")
        value = served["values"][0]
        self.assertEqual(value["total"], 332.0)
        self.assertEqual({s["option"]: s["amount"] for s in value["splits"]},
                         {"dona": 203.0, "home": 129.0, "no-binari": 0.0})
        budget = self.get(PEEST + "budgets/?element=palanques-impuls")["results"][0]
        self.assertEqual(budget["period_total"], 360000.0)
        events = self.get(PEEST + "events/?element=xarxes-supramunicipals&year=2022")
        self.assertGreater(events["count"], 0)

    def test_xmess_2020_last_quarter_is_provisional(self):
        plan = self.get(XMESS)
        self.assertEqual(plan["monitoring"]["publication"], "entered")
        self.assertIn("il·lustratives", plan["monitoring"]["data_note"])
        rows = self.get(XMESS + "progress/?period=2020-t4")["results"]
        self.assertTrue(rows and all(row["provisional"] for row in rows))
        rows = self.get(XMESS + "progress/?period=2020-t3")["results"]
        self.assertFalse(any(row["provisional"] for row in rows))
        self.assertGreater(self.get(XMESS + "ratings/?period=2020-t4")["count"], 0)

    def test_marta_writes_2023_progress_and_jordi_cannot(self):
        url = PEEST + "elements/xarxes-supramunicipals/progress/2023/"
        data = {"status": "in_progress", "percent": 60,
                "deployment": "Trobades trimestrals amb la XMESS."}
        refused = self.client.put(url, data, content_type="application/json",
                                  HTTP_AUTHORIZATION=f"Bearer {self.jordi}")
        self.assertEqual(refused.status_code, 404)
        response = self.client.put(url, data, content_type="application/json",
                                   HTTP_AUTHORIZATION=f"Bearer {self.marta}")
        self.assertEqual(response.status_code, 201, response.content)
        self.assertTrue(response.json()["provisional"])
        closed = self.client.put(url.replace("2023", "2022"), data,
                                 content_type="application/json",
                                 HTTP_AUTHORIZATION=f"Bearer {self.marta}",
                                 HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(closed.status_code, 400)
        self.assertIn("closed", closed.json()["non_field_errors"][0])
        self.assertTrue(Plan.objects.get(slug="peest-2019-2026").is_published)
