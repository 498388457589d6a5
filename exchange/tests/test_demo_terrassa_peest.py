"""The Terrassa PEEST 2019-2026 demo file: the programme "Palanques d'impuls"."""

from django.conf import settings
from django.test import TestCase

from exchange.demo import demo_load
from exchange.document import plan_document
from organizations.models import Body, NetworkMembership
from plans.models import Element, Plan

PLAN_FILE = settings.BASE_DIR / "demo/plans/terrassa--peest-2019-2026.yaml"

ACTUACIONS = [
    ("servei-emprenedoria-economia-social", "Servei municipal d'emprenedoria i economia social"),
    ("xarxes-supramunicipals",
     "Xarxes supramunicipals i altres xarxes d'abast municipal d'entitats de segon grau"),
    ("ess-estrategies-municipals", "L'economia social a les diferents estratègies municipals"),
    ("espais-participacio-ess", "Espais de participació de l'ESS"),
]

# 1.4 Serveis, àrees implicades, altres administracions i projectes, in the source's order.
PROGRAMME_INVOLVED = [
    "Servei d'Emprenedoria i Economia Social",
    "Xarxa de Municipis per l'Economia Social i Solidària",
    "Consell Comarcal del Vallès Occidental",
    "Ateneu Cooperatiu del Vallès Occidental",
    "Xarxa d'Economia Solidària",
    "La Llançadora",
    "Servei Educació",
    "Servei de Qualitat Democràtica",
    "Transició Energètica",
    "Servei de Medi Ambient",
    "Servei de Cooperació Internacional",
    "Servei de Joventut",
    "Servei de Gent Gran",
    "Servei de Ciutadania",
    "Servei de Turisme",
    "Servei de Polítiques de gènere",
    "Servei LGTBI",
    "Servei Municipal Habitatge",
    "Servei Ocupació",
]

# 2.2 Serveis implicats, one row per actuació.
ACTUACIO_INVOLVED = {
    "servei-emprenedoria-economia-social": ["servei-emprenedoria-economia-social"],
    "xarxes-supramunicipals": [
        "xmess", "consell-comarcal-valles-occidental", "ateneu-cooperatiu-valles-occidental",
        "xes", "la-llancadora", "federacio-cooperatives-catalunya", "ocell-de-foc",
    ],
    "ess-estrategies-municipals": [
        "servei-educacio", "servei-consum", "servei-qualitat-democratica", "servei-universitats",
        "servei-medi-ambient", "servei-cooperacio-internacional", "servei-joventut",
        "servei-cultura", "servei-ciutadania", "servei-cicles-vida", "servei-politiques-genere",
        "servei-lgtbi", "servei-promocio-industrial", "servei-comerc", "coordinacio-districtes",
    ],
    "espais-participacio-ess": ["cmesst"],
}


def involved(element: Element) -> list[str]:
    return [body.slug for body in element.bodies_with_role("involved")]


class TerrassaPeestDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.report = demo_load(plan_files=[PLAN_FILE])
        cls.plan = Plan.objects.get(organization__slug="terrassa", slug="peest-2019-2026")
        cls.programme = cls.plan.elements.get(slug="palanques-impuls")

    def test_plan(self):
        plan = self.plan
        self.assertEqual(plan.title,
                         "Pla Estratègic de l'Economia Social i Solidària de Terrassa 2019-2026")
        self.assertEqual(plan.kind, Plan.Kind.STRATEGIC_PLAN)
        self.assertEqual((plan.start_year, plan.end_year), (2019, 2026))
        self.assertEqual(plan.status, Plan.Status.APPROVED)
        self.assertIsNone(plan.approved_on)
        introduction = plan.sections.get(kind="introduction")
        self.assertIn("27 programes", introduction.body)
        self.assertIn("Palanques d'impuls", introduction.body)

    def test_levels(self):
        levels = list(self.plan.levels.order_by("order"))
        self.assertEqual([lv.key for lv in levels], ["objectiu-estrategic", "programa", "actuacio"])
        self.assertEqual([lv.name_ca for lv in levels],
                         ["Objectiu estratègic", "Programa", "Actuació"])
        self.assertEqual([lv.parent.key if lv.parent else None for lv in levels],
                         [None, "objectiu-estrategic", "programa"])
        self.assertEqual([lv.holds_actions for lv in levels], [False, False, True])
        self.assertTrue(all(lv.name_es and lv.name_en for lv in levels))

    def test_tree_without_codes(self):
        self.assertEqual(self.plan.elements.count(), 6)
        self.assertFalse(self.plan.elements.exclude(code="").exists())
        objective = self.programme.parent
        self.assertEqual(objective.level.key, "objectiu-estrategic")
        self.assertIsNone(objective.parent)
        self.assertEqual(
            objective.title,
            "Disposar de les eines necessàries per al desenvolupament del Pla Estratègic i per "
            "la transversalitat de l'Economia Social i Solidària",
        )
        self.assertIn("transversal", objective.description)

    def test_programme(self):
        programme = self.programme
        self.assertEqual(programme.level.key, "programa")
        self.assertEqual(programme.title, "Palanques d'impuls")
        self.assertEqual(programme.description.count("<li>"), 4)
        self.assertIn("Palanca d'impuls - Espai de participació de l'ESS", programme.description)

    def test_four_actuacions_in_order(self):
        children = list(self.programme.children.order_by("order"))
        self.assertEqual([(e.slug, e.title) for e in children], ACTUACIONS)
        for element in children:
            self.assertEqual(element.level.key, "actuacio")
            self.assertEqual([t.name for t in element.terms_of("action_type")], ["Tècnica"])

    def test_actuacio_headings_and_texts(self):
        headings = {
            "servei-emprenedoria-economia-social": "SERVEI D'EMPRENEDORIA I ECONOMIA SOCIAL",
            "xarxes-supramunicipals": "XARXES SUPRAMUNICIPALS",
            "ess-estrategies-municipals": "TRANSVERSALITAT",
            "espais-participacio-ess": "ESPAIS DE PARTICIPACIÓ",
        }
        bullets = {"servei-emprenedoria-economia-social": 4, "xarxes-supramunicipals": 4,
                   "ess-estrategies-municipals": 9, "espais-participacio-ess": 1}
        for slug, heading in headings.items():
            element = self.plan.elements.get(slug=slug)
            self.assertTrue(element.description.startswith(f"<p>{heading}</p>"), slug)
            self.assertEqual(element.description.count("<li>"), bullets[slug], slug)
        # The 2.2 note on where costs moved is the 2022 deployment text, not the description.
        first = self.plan.elements.get(slug="servei-emprenedoria-economia-social")
        self.assertNotIn("Programa Pla de Formació", first.description)
        deployment = first.progress.get(period__year=2022).deployment
        self.assertIn("Programa Pla de Formació des de l'any 2020", deployment)
        self.assertIn("Programa Accés a Finançament des de l'any 2021", deployment)

    def test_calendar_marks_2022_only(self):
        for slug, _title in ACTUACIONS:
            element = self.plan.elements.get(slug=slug)
            self.assertEqual([(m.year, m.quarter) for m in element.calendar.all()],
                             [(2022, None)], slug)
        self.assertFalse(self.programme.calendar.exists())

    def test_programme_involved_bodies(self):
        self.assertEqual([b.name for b in self.programme.bodies_with_role("involved")],
                         PROGRAMME_INVOLVED)
        self.assertEqual(self.programme.bodies_with_role("responsible"), [])

    def test_actuacio_involved_bodies(self):
        for slug, expected in ACTUACIO_INVOLVED.items():
            self.assertEqual(involved(self.plan.elements.get(slug=slug)), expected, slug)
        first = self.plan.elements.get(slug="servei-emprenedoria-economia-social")
        self.assertEqual([b.slug for b in first.bodies_with_role("responsible")],
                         ["servei-emprenedoria-economia-social"])

    def test_bodies(self):
        bodies = {b.slug: b for b in Body.objects.filter(organization__slug="terrassa")}
        self.assertEqual(len(bodies), 29)
        partners = {slug: b.partner.slug for slug, b in bodies.items() if b.partner_id}
        self.assertEqual(partners, {
            "xmess": "xmess", "xes": "xes",
            "consell-comarcal-valles-occidental": "consell-comarcal-valles-occidental",
            "ateneu-cooperatiu-valles-occidental": "ateneu-cooperatiu-valles-occidental",
        })
        self.assertEqual(bodies["cmesst"].kind, Body.Kind.PARTICIPATION)
        self.assertEqual(bodies["cmesst"].acronym, "CMESST")
        self.assertEqual(bodies["consell-comarcal-valles-occidental"].kind,
                         Body.Kind.ADMINISTRATION)
        self.assertIn("XIS", bodies["consell-comarcal-valles-occidental"].functions)
        for slug in ("xmess", "xes", "ateneu-cooperatiu-valles-occidental", "la-llancadora",
                     "federacio-cooperatives-catalunya", "ocell-de-foc"):
            self.assertEqual(bodies[slug].kind, Body.Kind.PARTNER, slug)
        services = {slug for slug, b in bodies.items() if b.kind == Body.Kind.SERVICE}
        self.assertEqual(len(services), 21)
        self.assertIn("servei-medi-ambient", services)
        self.assertNotIn("servei-de-medi-ambient-canvi-climatic", bodies)

    def test_terrassa_is_a_member_of_xmess(self):
        self.assertTrue(NetworkMembership.objects.filter(
            network__slug="xmess", member__slug="terrassa").exists())

    def test_no_monitoring_figures(self):
        text = " ".join(e.description for e in self.plan.elements.all())
        for figure in ("360.000", "84.965", "50%", "332"):
            self.assertNotIn(figure, text)

    def test_export_and_second_load_change_nothing(self):
        document = plan_document(self.plan)
        programme = document["elements"][0]["children"][0]
        self.assertEqual(programme["slug"], "palanques-impuls")
        self.assertEqual([c["title"] for c in programme["children"]],
                         [title for _slug, title in ACTUACIONS])
        again = demo_load(plan_files=[PLAN_FILE])
        self.assertFalse(any(report.changed_anything for report in again.plans))
