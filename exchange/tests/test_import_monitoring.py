"""Importing monitoring and budget data: through the same rules as the editor, all or nothing."""

import copy
from decimal import Decimal

from django.test import TestCase

from budgets.models import Budget
from exchange.document import plan_document
from exchange.importer import DocumentError, import_documents
from exchange.tests.test_import_sync import minimal_document
from history.models import Change
from monitoring.models import Event, IndicatorValue, Period, Progress, Rating
from organizations.models import Organization


def document_with_monitoring() -> dict:
    document = minimal_document()
    document["monitoring"] = {
        "policy": {"pace": "scheduled", "tolerance": 5},
        "periods": [2024, "2025"],
        "progress": [{"element": "1-1", "period": 2024, "status": "in_progress", "percent": 40,
                      "deployment": "Avança.", "bodies": ["CT"]}],
        "indicators": [{"slug": "persones", "element": "1-1", "name": "Persones ateses",
                        "unit": "persones", "categories": ["sexe"],
                        "values": [{"period": "2024", "total": 332,
                                    "splits": {"sexe/dona": 203, "sexe/home": 129,
                                               "sexe/no-binari": 0}}]}],
        "rating_scales": [{"key": "utilitat", "name": "Utilitat",
                           "levels": [{"key": "poc", "name": "Poc"},
                                      {"key": "molt", "name": "Molt"}]}],
        "ratings": [{"element": "1-1", "period": "2024", "scale": "utilitat",
                     "counts": {"poc": 2, "molt": 5}}],
        "events": [{"element": "1-1", "date": "29/03/2024", "kind": "council_session",
                    "title": "Consell ordinari", "bodies": ["CT"], "attendance": 20,
                    "attendance_split": {"sexe/dona": 12, "sexe/home": 7}},
                   {"element": "1-1", "year": 2024, "kind": "emails", "count": 28,
                    "title": "E-mails de coordinació"}],
    }
    document["budgets"] = [{"element": "l1", "period_total": "360000.00", "lines": [
        {"year": 2024, "chapter": None, "amount": "73498.80"},
        {"year": 2025, "chapter": 4, "amount": 3275}],
        "personnel_costs": [{"year": 2025, "chapter": 2, "hours": 2723, "hourly_cost": 30}]}]
    return document


class MonitoringImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        Organization.objects.create(slug="proves", name="Proves", kind="municipality")

    def test_imports_everything_and_a_second_import_changes_nothing(self):
        import_documents([document_with_monitoring()])
        progress = Progress.objects.get()
        self.assertEqual((progress.percent, progress.deployment), (40, "<p>Avança.</p>"))
        value = IndicatorValue.objects.get()
        self.assertEqual(value.total, 332)
        self.assertEqual({s.option.key: s.amount for s in value.splits.all()},
                         {"dona": 203, "home": 129, "no-binari": 0})
        self.assertEqual(sorted(Rating.objects.values_list("count", flat=True)), [2, 5])
        self.assertEqual(Event.objects.get(kind="emails").count, 28)
        budget = Budget.objects.get()
        self.assertEqual(budget.personnel_costs.get().amount, Decimal("81690.00"))
        changes = Change.objects.count()
        report = import_documents([document_with_monitoring()])[0]
        self.assertFalse(report.changed_anything, report)
        self.assertEqual(Change.objects.count(), changes)

    def test_the_export_imports_back_identically(self):
        import_documents([document_with_monitoring()])
        from plans.models import Plan

        exported = plan_document(Plan.objects.get())
        Organization.objects.create(slug="altra", name="Altra", kind="municipality")
        copy_document = copy.deepcopy(exported)
        for element in copy_document["elements"]:
            for child in element["children"]:
                for link in child["links"]:
                    link["target"]["organization"] = "altra"
        import_documents([copy_document], organization="altra")
        again = plan_document(Plan.objects.get(organization__slug="altra"))
        self.assertEqual(again["monitoring"], exported["monitoring"])
        self.assertEqual(again["budgets"], exported["budgets"])

    def test_bad_figures_are_refused_with_their_place_and_nothing_is_stored(self):
        document = document_with_monitoring()
        document["monitoring"]["progress"][0]["percent"] = 140
        document["monitoring"]["indicators"][0]["values"][0]["splits"]["sexe/dona"] = 400
        document["monitoring"]["events"][0]["date"] = "29/03/2030"
        document["budgets"][0]["lines"][0]["amount"] = "-5"
        with self.assertRaises(DocumentError) as caught:
            import_documents([document])
        text = "\n".join(caught.exception.messages)
        self.assertIn("monitoring.progress[1]", text)
        self.assertIn("monitoring.indicators[1]", text)
        self.assertIn("monitoring.events[1]", text)
        self.assertIn("budgets[1] «l1».lines[1]", text)
        self.assertFalse(Progress.objects.exists())
        self.assertFalse(Period.objects.exists())

    def test_data_of_a_closed_period_cannot_be_changed_by_an_import(self):
        document = document_with_monitoring()
        document["monitoring"]["periods"] = [{"year": 2024, "status": "closed"}, 2025]
        import_documents([document])
        self.assertTrue(Period.objects.get(year=2024).is_closed)
        document["monitoring"]["progress"][0]["percent"] = 60
        with self.assertRaises(DocumentError) as caught:
            import_documents([document])
        self.assertIn("2024", caught.exception.messages[0])
        self.assertEqual(Progress.objects.get().percent, 40)
