"""A draft read from a plan's document becomes a draft plan, through the importer: with its
tree, links, bodies and texts, a slug of its own, the organisation's bodies left as they are,
every change in the history, and the text not placed kept in the plan."""

from core.richtext import html_to_text
from core.testing import WorldTestCase
from exchange.documents import DocumentError, draft_create, draft_from_file
from exchange.tests.document_recovery import DOCUMENTS
from history.models import Change
from organizations.models import Body
from plans.models import Link, Plan


def read(name: str):
    return draft_from_file((DOCUMENTS / name).read_bytes(), name)


class DraftCreateTests(WorldTestCase):
    def test_the_2020_work_plan_becomes_a_draft_plan(self):
        draft = read("xmess-pla-treball-2020.txt")
        plan = draft_create(organization=self.xmess, user=self.alba, draft=draft)
        self.assertEqual((plan.slug, plan.status, plan.start_year, plan.end_year),
                         ("pla-de-treball-2020", Plan.Status.DRAFT, 2020, 2020))
        self.assertEqual(plan.elements.count(), 57)
        self.assertEqual(Link.objects.filter(source__plan=plan).count(), 70)
        action = plan.elements.get(code="1")
        self.assertEqual([link.target.code for link in action.links_out.order_by("order")],
                         ["L.A.7", "L.A.8", "LE1"])
        self.assertEqual(list(action.element_bodies.values_list("body__acronym", flat=True)),
                         ["CT", "ST"])
        self.assertEqual(self.xmess.bodies.count(), 7)
        self.assertEqual(plan.levels.get(key="linia-dactuacio").code_pattern, "L.A.{n}")
        self.assertEqual(list(plan.sections.values_list("kind", flat=True)),
                         ["process", "introduction", "legend", "other", "methodology",
                          "evaluation"])
        self.assertTrue(Change.objects.filter(plan=plan, user=self.alba).exists())

    def test_the_text_not_placed_is_kept_in_the_plan(self):
        draft = read("barcelona-activa-pla-treball-2018.txt")
        plan = draft_create(organization=self.barcelona, user=self.jordi, draft=draft)
        section = plan.sections.get(title="Text que la importació no ha ubicat")
        self.assertEqual(section.kind, "other")
        text = html_to_text(section.body)
        for piece in draft.unplaced:
            self.assertIn(piece[:30], text)
        self.assertEqual(plan.elements.count(), 118)

    def test_the_same_document_twice_gives_two_plans(self):
        draft = read("barcelona-fitxa-projecte-ciutat.txt")
        first = draft_create(organization=self.barcelona, user=self.jordi, draft=draft)
        second = draft_create(organization=self.barcelona, user=self.jordi, draft=draft)
        self.assertNotEqual(first.slug, second.slug)
        self.assertEqual(second.slug, f"{first.slug}-2")
        named = draft_create(organization=self.barcelona, user=self.jordi, draft=draft,
                             slug="fitxa-taules")
        self.assertEqual(named.slug, "fitxa-taules")
        project = named.elements.get(code="1")
        self.assertEqual(project.links_out.count(), 10)
        self.assertEqual(project.sections.count(), 3)

    def test_bodies_the_organisation_has_are_used_as_they_are(self):
        Body.objects.create(organization=self.xmess, slug="comissio-tecnica", acronym="CT",
                            name="Comissió Tècnica de la Xarxa", kind=Body.Kind.COMMITTEE,
                            functions="Les seves pròpies funcions")
        plan = draft_create(organization=self.xmess, user=self.alba,
                            draft=read("xmess-pla-treball-2020.txt"))
        body = self.xmess.bodies.get(acronym="CT")
        self.assertEqual((body.slug, body.name, body.functions),
                         ("comissio-tecnica", "Comissió Tècnica de la Xarxa",
                          "Les seves pròpies funcions"))
        self.assertTrue(plan.elements.get(code="1").element_bodies.filter(body=body).exists())

    def test_a_corrected_period_leaves_marks_outside_it_listed(self):
        draft = read("terrassa-palanques-impuls-2022.txt")
        draft.document["plan"].update(start_year=2023, end_year=2026)
        plan = draft_create(organization=self.terrassa, user=self.marta, draft=draft)
        self.assertFalse(plan.elements.filter(calendar__isnull=False).exists())
        section = plan.sections.get(title="Text que la importació no ha ubicat")
        self.assertIn("fora del període del pla", section.body)

    def test_a_draft_the_importer_refuses_stores_nothing(self):
        draft = read("xmess-pla-treball-2020.txt")
        draft.document["plan"]["start_year"] = 2030  # after the end year
        before = Plan.objects.count()
        with self.assertRaises(DocumentError):
            draft_create(organization=self.xmess, user=self.alba, draft=draft)
        self.assertEqual(Plan.objects.count(), before)
