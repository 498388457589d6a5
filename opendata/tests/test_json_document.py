"""The JSON download is a plan document (docs/exchange-format.md) with its metadata: whoever
downloads it can read it with the same tools, or import it into another Teixit."""

from django.test import TestCase

from exchange.importer import import_documents
from opendata.tests.reading import XMESS_2020, json_document, load_demo
from organizations.models import Organization
from plans.models import Plan

URL = "/data/xmess/pla-treball-2020.json"


class JsonDocumentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo(XMESS_2020)

    def test_it_is_a_teixit_plan_document_with_metadata(self):
        document = json_document(self.client.get(URL))
        self.assertEqual((document["format"], document["version"]), ("teixit-plan", 1))
        self.assertEqual(document["plan"]["slug"], "pla-treball-2020")
        self.assertEqual(document["metadata"]["title"], "Pla de treball 2020 de la XMESS")
        self.assertEqual(document["metadata"]["downloads"]["json"], f"http://testserver{URL}")
        plan = Plan.objects.get(organization__slug="xmess", slug="pla-treball-2020")
        self.assertEqual(len(document["elements"]), plan.elements.filter(parent=None).count())

    def test_it_imports_into_another_organisation(self):
        document = json_document(self.client.get(URL))
        Organization.objects.create(slug="reutilitzadora", name="Reutilitzadora",
                                    kind=Organization.Kind.NETWORK)
        (report,) = import_documents([document], organization="reutilitzadora")
        self.assertEqual(report.created["progress"], len(document["monitoring"]["progress"]))
        copy = Plan.objects.get(organization__slug="reutilitzadora", slug="pla-treball-2020")
        self.assertEqual(copy.elements.count(), Plan.objects.get(
            organization__slug="xmess", slug="pla-treball-2020").elements.count())
