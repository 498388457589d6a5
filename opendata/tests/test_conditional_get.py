"""A repeated download is answered 304 until the plan, its organisation (bodies, licence) or
a plan it links to changes."""

from django.utils.http import http_date

from core.testing import WorldTestCase
from organizations.services import organization_licence_set
from plans import services

URL = "/data/terrassa/peest/elements.csv"


class ConditionalGetTests(WorldTestCase):
    def test_an_unchanged_plan_is_not_sent_again(self):
        first = self.client.get(URL)
        self.assertTrue(first["ETag"].startswith('W/"'))
        again = self.client.get(URL, headers={"if-none-match": first["ETag"]})
        self.assertEqual(again.status_code, 304)
        self.assertEqual(again.content, b"")
        self.assertEqual(again["ETag"], first["ETag"])
        self.assertIn("rel=\"license\"", again["Link"])
        since = self.client.get(URL, headers={"if-modified-since": first["Last-Modified"]})
        self.assertEqual(since.status_code, 304)
        self.assertEqual(self.client.head(URL, headers={"if-none-match": first["ETag"]})
                         .status_code, 304)

    def test_last_modified_is_the_newest_recorded_change_of_the_plan(self):
        from history.models import Change

        newest = Change.objects.filter(plan=self.terrassa_plan).latest("at").at
        self.assertEqual(self.client.get(URL)["Last-Modified"], http_date(newest.timestamp()))

    def test_a_change_to_the_plan_sends_it_again(self):
        etag = self.client.get(URL)["ETag"]
        services.element_update(element=self.element(self.terrassa_plan, "LE1"),
                                user=self.marta, title="Línia reescrita")
        response = self.client.get(URL, headers={"if-none-match": etag})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Línia reescrita")

    def test_a_change_of_licence_sends_it_again(self):
        etag = self.client.get(URL)["ETag"]
        organization_licence_set(organization=self.terrassa, user=self.carles,
                                 licence="CC0-1.0")
        response = self.client.get(URL, headers={"if-none-match": etag})
        self.assertEqual(response.status_code, 200)
        self.assertIn("publicdomain/zero", response["Link"])

    def test_a_change_in_a_linked_plan_sends_it_again(self):
        target = self.element(self.barcelona_plan, "LE2")
        services.link_create(source=self.element(self.terrassa_plan, "LE1.1"), target=target,
                             user=self.marta)
        url = "/data/terrassa/peest/links.csv"
        etag = self.client.get(url)["ETag"]
        services.element_update(element=target, user=self.jordi, title="Nou títol a Barcelona")
        response = self.client.get(url, headers={"if-none-match": etag})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Nou títol a Barcelona")

    def test_each_format_and_table_has_its_own_etag(self):
        etags = {self.client.get(url)["ETag"] for url in (
            URL, "/data/terrassa/peest/links.csv", "/data/terrassa/peest.json",
            "/data/terrassa/peest.xlsx")}
        self.assertEqual(len(etags), 4)
