"""Every demo plan survives a round trip through a spreadsheet: exported as XLSX (or as a zip
of CSV files), imported into an empty organisation, and exported again, the two files are
the same bytes — the workbook has fixed properties and its zip fixed dates, and every row
follows the plan's tree and periods, never database ids. Importing the file a second time
changes nothing."""

from django.test import TestCase
from django.utils import translation

from exchange.demo import demo_load
from exchange.sheets.export import template_download
from exchange.tests.sheets import run
from history.models import Change
from organizations.models import Organization
from plans.models import Plan

DEMO_PLANS = [
    ("xmess", "pla-treball-2020"),
    ("xmess", "pla-treball-2025"),
    ("barcelona-activa", "pla-treball-2018"),
    ("terrassa", "peest-2019-2026"),
    ("barcelona", "estrategia-ess-2030"),
]


class RoundTripTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo_load()

    def setUp(self):
        translation.activate("ca")

    def round_trip(self, format: str) -> None:
        for number, (org, slug) in enumerate(DEMO_PLANS, start=1):
            with self.subTest(plan=slug):
                empty = Organization.objects.create(slug=f"buida-{number}",
                                                    name=f"Organització buida {number}",
                                                    kind=Organization.Kind.MUNICIPALITY)
                plan = Plan.objects.get(organization__slug=org, slug=slug)
                first = template_download(plan, kind="plan", format=format)
                result = run(empty, first.content, first.filename, apply=True)
                self.assertEqual(result.errors, [])
                self.assertTrue(result.creating)
                copy = Plan.objects.get(organization=empty, slug=slug)
                self.assertEqual(copy.elements.count(), plan.elements.count())
                second = template_download(copy, kind="plan", format=format)
                self.assertEqual(first.filename, second.filename)
                self.assertEqual(first.content, second.content)
                changes = Change.objects.count()
                again = run(empty, first.content, first.filename, apply=True)
                self.assertEqual(again.errors, [])
                self.assertFalse(again.changes_anything, again.counts)
                self.assertEqual((again.changes, again.absent), ([], []))
                self.assertEqual(Change.objects.count(), changes)

    def test_xlsx(self):
        self.round_trip("xlsx")

    def test_csv(self):
        self.round_trip("csv")

    def test_the_same_plan_gives_the_same_bytes(self):
        plan = Plan.objects.get(organization__slug="terrassa", slug="peest-2019-2026")
        for format in ("xlsx", "csv"):
            for kind in ("structure", "monitoring", "budgets", "events", "plan"):
                with self.subTest(format=format, kind=kind):
                    self.assertEqual(template_download(plan, kind=kind, format=format).content,
                                     template_download(plan, kind=kind, format=format).content)
