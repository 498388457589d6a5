"""A reload of an unchanged public page is answered 304 Not Modified; any change shows."""

from django.urls import reverse

from core.testing import WorldTestCase
from plans import services


class ConditionalGetTests(WorldTestCase):
    def test_an_unchanged_page_is_not_sent_again(self):
        path = reverse("portal:plan", args=["terrassa", "peest"])
        first = self.client.get(path)
        self.assertEqual(first.status_code, 200)
        self.assertTrue(first.has_header("ETag"))
        self.assertTrue(first.has_header("Last-Modified"))
        self.assertIn("no-cache", first["Cache-Control"])
        again = self.client.get(path, headers={"if-none-match": first["ETag"]})
        self.assertEqual(again.status_code, 304)
        self.assertEqual(again.content, b"")

        element = self.element(self.terrassa_plan, "LE1")
        services.element_update(element=element, user=self.marta, title="Línia reescrita")
        changed = self.client.get(path, headers={"if-none-match": first["ETag"]})
        self.assertEqual(changed.status_code, 200)
        self.assertContains(changed, "Línia reescrita")

    def test_the_etag_depends_on_the_language(self):
        catalan = self.client.get("/terrassa/peest/")
        spanish = self.client.get("/es/terrassa/peest/",
                                  headers={"if-none-match": catalan["ETag"]})
        self.assertEqual(spanish.status_code, 200)

    def test_signed_in_people_always_get_the_page(self):
        self.client.force_login(self.marta)
        response = self.client.get("/terrassa/peest/")
        self.assertFalse(response.has_header("ETag"))

    def test_a_page_is_built_once_per_published_version(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        path = reverse("portal:plan", args=["terrassa", "peest"])
        first = self.client.get(path)
        with CaptureQueriesContext(connection) as queries:
            again = self.client.get(path)
        self.assertEqual(len(queries), 1)  # the newest change: the page comes from the cache
        self.assertEqual(again.content, first.content)
        self.assertNotIn(b"csrfmiddlewaretoken", again.content)
        element = self.element(self.terrassa_plan, "LE2")
        services.element_update(element=element, user=self.marta, title="Línia nova")
        self.assertContains(self.client.get(path), "Línia nova")
