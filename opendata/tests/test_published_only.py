"""Only published plans are downloadable, whoever asks, and nothing in them names a plan
the public may not read."""

from django.urls import reverse

from core.testing import WorldTestCase
from opendata.tests.reading import csv_rows, json_document
from plans import services


def urls(org: str, plan: str) -> list[str]:
    return [reverse("opendata:plan_json", kwargs={"org": org, "plan": plan}),
            reverse("opendata:plan_xlsx", kwargs={"org": org, "plan": plan}),
            reverse("opendata:plan_csv", kwargs={"org": org, "plan": plan,
                                                 "table": "elements"})]


class PublishedOnlyTests(WorldTestCase):
    def test_a_published_plan_downloads_in_every_format(self):
        for url in urls("terrassa", "peest"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_a_draft_is_not_found_even_for_its_own_people(self):
        for user in (None, self.marta):
            if user:
                self.client.force_login(user)
            for url in urls("barcelona", "pla-secret") + urls("terrassa", "esborrany"):
                with self.subTest(url=url, user=user):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 404)
                    self.assertNotContains(response, "Pla en preparació", status_code=404)

    def test_unknown_plans_tables_and_methods_are_refused(self):
        self.assertEqual(self.client.get("/data/terrassa/no-such-plan.json").status_code, 404)
        self.assertEqual(self.client.get("/data/terrassa/peest/no_such_table.csv").status_code,
                         404)
        self.assertEqual(self.client.post("/data/terrassa/peest.json").status_code, 405)

    def test_links_into_drafts_are_left_out(self):
        source = self.element(self.terrassa_plan, "LE1.1")
        services.link_create(source=source, target=self.element(self.terrassa_draft, "LE1"),
                             user=self.marta)
        services.link_create(source=source, target=self.element(self.barcelona_plan, "LE2"),
                             user=self.marta)
        rows = csv_rows(self.client.get("/data/terrassa/peest/links.csv"))
        self.assertEqual([(r["element_code"], r["target_plan"], r["target_code"]) for r in rows],
                         [("LE1.1", "estrategia", "LE2")])
        text = self.client.get("/data/terrassa/peest.json").content.decode()
        self.assertNotIn("esborrany", text)
        self.assertIn("estrategia", text)

    def test_a_draft_parent_plan_is_not_named(self):
        services.plan_update(plan=self.terrassa_plan, user=self.carles, slug="peest",
                             title="PEEST", kind="work_plan", start_year=2020, end_year=2023,
                             parent=self.terrassa_draft)
        document = json_document(self.client.get("/data/terrassa/peest.json"))
        self.assertIsNone(document["plan"]["parent"])
