"""Anyone reads published plans; drafts are not found, whoever asks."""

from datetime import date

from api.tests.world import ApiTestCase
from monitoring import services as monitoring
from plans import services
from plans.models import Plan


class PlanTests(ApiTestCase):
    def test_only_published_plans_are_listed(self):
        data = self.get_json("/api/v1/plans/")
        self.assertEqual({(p["organization"]["slug"], p["slug"]) for p in data["results"]},
                         {("terrassa", "peest"), ("barcelona", "estrategia")})
        terrassa = self.get_json("/api/v1/plans/?organization=terrassa")
        self.assertEqual([p["slug"] for p in terrassa["results"]], ["peest"])
        self.assertEqual(terrassa["results"][0]["licence"]["id"], "CC-BY-4.0")

    def test_drafts_are_not_found_even_with_an_editor_token(self):
        for url in (self.plan_url("barcelona", "pla-secret"),
                    self.plan_url("barcelona", "pla-secret") + "elements/",
                    self.plan_url("barcelona", "pla-secret") + "progress/",
                    self.plan_url("terrassa", "esborrany") + "indicators/"):
            with self.subTest(url=url):
                response = self.client.get(url,
                                           HTTP_AUTHORIZATION=f"Bearer {self.jordi_token}")
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Pla en preparació", response.content.decode())

    def test_a_plan_opened_for_amendments_is_public(self):
        services.plan_set_status(plan=self.barcelona_draft, user=self.jordi,
                                 status=Plan.Status.AMENDMENTS,
                                 amendments_from=date(2020, 2, 1),
                                 amendments_to=date(2020, 3, 1))
        data = self.get_json(self.plan_url("barcelona", "pla-secret"))
        self.assertEqual(data["status"], "amendments")

    def test_the_parent_plan_shows_only_when_published(self):
        for parent, expected in ((self.terrassa_draft, None), (self.terrassa_plan, "peest")):
            child = self.barcelona_plan
            Plan.objects.filter(pk=child.pk).update(parent=parent)
            data = self.get_json(self.plan_url("barcelona", "estrategia"))
            self.assertEqual(data["parent"] and data["parent"]["slug"], expected)

    def test_detail_has_levels_texts_policy_and_periods(self):
        services.plan_section_save(plan=self.terrassa_plan, user=self.marta,
                                   kind="introduction", title="Introducció",
                                   body="Un **pla**.")
        data = self.get_json(self.plan_url(), language="en")
        self.assertEqual([level["key"] for level in data["levels"]], ["line", "action"])
        self.assertEqual(data["levels"][1]["parent"], "line")
        self.assertEqual(data["levels"][1]["name"], "Action")
        self.assertEqual(data["levels"][1]["names"]["ca"], "Acció")
        self.assertEqual(data["sections"][0]["body"], "<p>Un <strong>pla</strong>.</p>")
        self.assertEqual(data["monitoring"]["rollup"], "weighted_mean")
        self.assertEqual(data["monitoring"]["publication"], "closed")
        periods = {p["slug"]: p for p in data["periods"]}
        self.assertEqual([p for p, v in periods.items() if v["public"]], ["2020", "2021"])
        self.assertFalse(any(p["provisional"] for p in periods.values()))
        self.assertTrue(data["links"]["progress"].endswith(self.plan_url() + "progress/"))

    def test_periods_are_provisional_when_the_plan_publishes_data_at_once(self):
        monitoring.policy_update(plan=self.terrassa_plan, user=self.carles, period_kind="year",
                                 pace="linear", tolerance=10, rollup="weighted_mean",
                                 publication="entered")
        periods = {p["slug"]: p for p in self.get_json(self.plan_url())["periods"]}
        self.assertTrue(all(p["public"] for p in periods.values()))
        self.assertEqual([s for s, p in periods.items() if p["provisional"]], ["2022", "2023"])
