"""Synthetic organisations (``teixit synth``) shaped like the real ones, and the main pages
running the same number of queries — at most 15 — however many organisations there are."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from organizations.models import Organization
from plans.models import Element

PLAN = "/synth-0001/pla-estrategic/"
PAGES = [
    (None, PLAN),
    (None, PLAN + "elements/p1/"),
    (None, "/synth-xarxa/"),
    ("synth-admin", "/editor/synth-0001/plans/pla-estrategic/"),
    ("synth-admin", "/editor/synth-0001/plans/pla-estrategic/monitoring/"),
]


class ScaleTests(TestCase):
    def synth(self, count: int) -> str:
        out = StringIO()
        call_command("synth", orgs=count, stdout=out, stderr=StringIO())
        return out.getvalue()

    def queries(self) -> dict[str, int]:
        counts = {}
        admin = get_user_model().objects.get(username="synth-admin")
        for user, path in PAGES:
            if user:
                self.client.force_login(admin)
            else:
                self.client.logout()
            self.client.get(path)  # warm the per-process caches
            with CaptureQueriesContext(connection) as captured:
                response = self.client.get(path)
            self.assertEqual(response.status_code, 200, path)
            counts[path] = len(captured)
        return counts

    def test_synth_makes_organisations_shaped_like_the_real_ones(self):
        report = self.synth(2)
        self.assertIn("2 synthetic organisations added", report)
        network = Organization.objects.get(slug="synth-xarxa")
        self.assertEqual(network.members.count(), 2)
        plan_elements = Element.objects.filter(plan__organization__slug="synth-0001")
        self.assertEqual(plan_elements.filter(level__key="programme").count(), 27)
        self.assertEqual(plan_elements.filter(level__key="action").count(), 27 * 8)
        self.synth(1)  # adds to what is there
        self.assertEqual(network.members.count(), 3)

    def test_pages_cost_the_same_with_more_organisations(self):
        self.synth(1)
        few = self.queries()
        self.synth(4)
        many = self.queries()
        self.assertEqual(few, many)
        for path, count in many.items():
            self.assertLessEqual(count, 15, path)
