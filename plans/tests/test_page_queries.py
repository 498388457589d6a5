"""The plan pages cost the same number of queries whatever the size of the plan."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.testing import WorldTestCase, make_plan


class PageQueryTests(WorldTestCase):
    def count_queries(self, url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_editor_tree_is_constant_in_the_number_of_elements(self):
        make_plan(organization=self.terrassa, user=self.marta, slug="petit",
                          title="Petit", lines=1, actions_per_line=2, body=self.terrassa_service)
        large = make_plan(organization=self.terrassa, user=self.marta, slug="gran",
                          title="Gran", lines=6, actions_per_line=8, body=self.terrassa_service)
        self.assertEqual(large.elements.count(), 54)
        self.client.force_login(self.marta)
        small_count = self.count_queries(reverse("editor:plan", args=["terrassa", "petit"]))
        large_count = self.count_queries(reverse("editor:plan", args=["terrassa", "gran"]))
        self.assertEqual(small_count, large_count)
        self.assertLessEqual(large_count, 12)

    def test_public_plan_page_is_constant_in_the_number_of_elements(self):
        make_plan(organization=self.terrassa, user=self.marta, slug="petit", title="Petit",
                  lines=1, actions_per_line=1)
        make_plan(organization=self.terrassa, user=self.marta, slug="gran", title="Gran",
                  lines=5, actions_per_line=10)
        small_count = self.count_queries(reverse("portal:plan", args=["terrassa", "petit"]))
        large_count = self.count_queries(reverse("portal:plan", args=["terrassa", "gran"]))
        self.assertEqual(small_count, large_count)
        self.assertLessEqual(large_count, 8)

    def test_element_page_does_not_grow_with_its_links_and_children(self):
        self.client.force_login(self.marta)
        plan = self.terrassa_plan
        line = self.element(plan, "LE1")
        url = reverse("editor:element", args=["terrassa", "peest", line.pk])
        before = self.count_queries(url)
        from plans import services

        for element in plan.elements.exclude(pk=line.pk):
            services.link_create(source=line, target=element, user=self.marta)
            services.link_create(source=element, target=line, user=self.marta,
                                 kind="related_to")
        for n in range(5):
            services.element_create(plan=plan, user=self.marta, level=plan.levels.get(
                key="action"), parent=line, title=f"Més {n}", responsible=[
                    self.terrassa_service])
        self.assertEqual(self.count_queries(url), before)
