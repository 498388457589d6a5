"""The demo data: all five sources load together, and loading again changes nothing."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase

from exchange.demo import demo_load
from history.models import Change
from organizations.models import Membership, Organization
from plans.models import Element, Plan


class DemoLoadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.first = demo_load()

    def test_the_identifiers_acceptance_checks_use_exist(self):
        self.assertTrue(Element.objects.filter(plan__organization__slug="terrassa",
                                               plan__slug="peest-2019-2026",
                                               slug="palanques-impuls").exists())
        for org, plan in (("xmess", "pla-treball-2020"), ("xmess", "pla-treball-2025"),
                          ("barcelona-activa", "pla-treball-2018"),
                          ("barcelona", "estrategia-ess-2030")):
            self.assertTrue(Plan.objects.filter(organization__slug=org, slug=plan).exists())
        self.assertTrue(Element.objects.filter(plan__slug="estrategia-ess-2030",
                                               slug="taules-intercooperacio-sectorial").exists())

    def test_terrassa_and_barcelona_are_members_of_the_xmess(self):
        xmess = Organization.objects.get(slug="xmess")
        self.assertEqual(sorted(xmess.members.values_list("slug", flat=True)),
                         ["barcelona", "terrassa"])

    def test_demo_people_have_their_roles(self):
        roles = {(m.user.username, m.organization.slug): m.role
                 for m in Membership.objects.select_related("user", "organization")}
        self.assertEqual(roles[("alba", "xmess")], "admin")
        self.assertEqual(roles[("marta", "terrassa")], "editor")
        self.assertEqual(roles[("nuria", "terrassa")], "viewer")
        self.assertTrue(get_user_model().objects.get(username="admin").is_superuser)

    def test_loading_again_changes_nothing(self):
        changes = Change.objects.count()
        report = demo_load()
        self.assertFalse(any(plan.changed_anything for plan in report.plans))
        self.assertEqual(Change.objects.count(), changes)

    def test_make_run_skips_unchanged_files(self):
        out = StringIO()
        call_command("demo", if_changed=True, stdout=out)
        self.assertIn("up to date", out.getvalue())

    def test_a_changed_element_is_put_back_by_a_refresh(self):
        element = Element.objects.get(plan__slug="pla-treball-2020", code="7")
        title = element.title
        Element.objects.filter(pk=element.pk).update(title="Canviat a mà")
        demo_load()
        element.refresh_from_db()
        self.assertEqual(element.title, title)


class CommandLineTests(SimpleTestCase):
    def test_the_teixit_command_is_installed_and_lists_demo_and_export(self):
        command = Path(sys.prefix) / "bin" / "teixit"
        self.assertTrue(command.exists(), f"{command} is missing: pip install -e .")
        result = subprocess.run([str(command), "help"], capture_output=True, text=True,
                                cwd=settings.BASE_DIR, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("demo", result.stdout)
        self.assertIn("export", result.stdout)
