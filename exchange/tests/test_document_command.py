"""``teixit import`` with a plan's own document: a dry run prints what was recognised and the
text not placed; without it, the draft plan is created."""

from io import StringIO

from django.core.management import call_command

from core.testing import WorldTestCase
from exchange.tests.document_recovery import DOCUMENTS
from plans.models import Plan

SOURCE = DOCUMENTS / "barcelona-activa-pla-treball-2018.txt"


class ImportDocumentCommandTests(WorldTestCase):
    def test_a_dry_run_prints_counts_and_the_text_not_placed(self):
        out = StringIO()
        before = Plan.objects.count()
        call_command("import", str(SOURCE), org="barcelona", dry_run=True, stdout=out)
        output = out.getvalue()
        self.assertIn("elements: 118", output)
        self.assertIn("codis: 118", output)
        self.assertIn("Simulació: no s’ha desat res.", output)
        self.assertIn("Ajuntament de", output)  # a line of the cover, not placed
        self.assertEqual(Plan.objects.count(), before)

    def test_without_a_dry_run_the_draft_plan_is_created(self):
        out = StringIO()
        call_command("import", str(SOURCE), org="barcelona", stdout=out)
        plan = Plan.objects.get(organization=self.barcelona, slug="pla-de-treball-2018")
        self.assertEqual(plan.status, Plan.Status.DRAFT)
        self.assertEqual(plan.elements.count(), 118)
        self.assertIn("Esborrany de pla creat: barcelona/pla-de-treball-2018.", out.getvalue())
