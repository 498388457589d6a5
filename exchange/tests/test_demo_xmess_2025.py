"""The demo plan of the XMESS, work plan 2025: what a reader of the source would
check."""

import datetime

from django.conf import settings
from django.test import TestCase

from exchange.demo import demo_load
from organizations.models import Body
from plans.models import Element, Plan

PLAN_FILES = [
    settings.BASE_DIR / "demo/plans/xmess--pla-treball-2020.yaml",
    settings.BASE_DIR / "demo/plans/xmess--pla-treball-2025.yaml",
]

AREAS = [
    ("1", "Acollida | Cura de membres"),
    ("2", "Assessoraments | Mentories"),
    ("3", "Comissions, Assemblees | Trobada de càrrecs electes"),
    ("4", "Relacions amb l'ecosistema de l'ESS"),
    ("5", "Jornades"),
    ("6", "Grups de treball"),
    ("7", "Comunicació"),
    ("8", "Altres propostes. Coneixement | Relacions"),
]

# Top-level bullets of each area (level "actuacio").
ACTIONS_PER_AREA = {"1": 2, "2": 3, "3": 4, "4": 4, "5": 3, "6": 7, "7": 0, "8": 2}

# Sub-bullets (level "subactuacio") under the actions that have them.
SUB_ACTIONS = {"1.1": 5, "1.2": 6, "2.1": 5, "3.2": 2, "4.1": 2, "5.1": 3, "8.1": 1}

# Working groups of area 6: code, title, body slug, number of actions.
WORKING_GROUPS = [
    ("6.A", "Agroecologia", "gt-agroecologia", 3),
    ("6.B", "Compra i Contractació Pública Responsable", "gt-ccpr", 4),
    ("6.C", "Comunalitats", "gt-comunalitats", 2),
    ("6.D", "Formació", "gt-formacio", 3),
    ("6.E", "Cures", "gt-cures", 3),
    ("6.F", "Finançament Municipal de l'ESS", "gt-financament", 3),
    ("6.G", "Cooperativisme d'Habitatge", "gt-habitatge", 4),
    ("6.H", "Monedes Locals i Socials", "gt-monedes", 2),
]

# (continuity, agreement) of a sample of actions, as the marker rule reads the source.
MARKERS = {
    "1.1": (False, False),
    "1.1.a": (True, False),
    "1.1.d": (True, True),
    "1.1.e": (False, False),
    "1.2.a": (False, True),
    "2.1": (True, True),
    "2.2": (True, False),
    "2.3": (False, True),
    "3.4": (False, False),
    "4.2": (True, True),
    "5.3": (True, True),
    "6.1": (True, False),
    "6.5": (True, False),
    "6.7": (True, True),
    "6.B.4": (False, True),
    "6.E.2": (True, True),
    "6.G.2": (False, False),
    "6.H.2": (False, True),
    "7.A.3": (False, True),
    "7.B.1": (False, False),
    "8.2": (False, True),
}

ACTION_LEVELS = ["actuacio", "subactuacio", "actuacio-grup", "actuacio-comunicacio",
                 "subactuacio-comunicacio"]


class Xmess2025DemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.report = demo_load(plan_files=PLAN_FILES)
        cls.plan = Plan.objects.get(organization__slug="xmess", slug="pla-treball-2025")

    def element(self, code: str) -> Element:
        return Element.objects.get(plan=self.plan, code=code)

    def children_of(self, code: str, level: str) -> list[Element]:
        return list(self.element(code).children.filter(level__key=level).order_by("order"))

    def calendar_of(self, code: str) -> list[tuple[int, int | None]]:
        return sorted(((m.year, m.quarter) for m in self.element(code).calendar.all()),
                      key=lambda mark: (mark[0], mark[1] or 0))

    def test_plan_fields(self):
        plan = self.plan
        self.assertEqual(plan.kind, Plan.Kind.WORK_PLAN)
        self.assertEqual((plan.start_year, plan.end_year), (2025, 2025))
        self.assertEqual(plan.status, Plan.Status.APPROVED)
        self.assertEqual(plan.approved_on, datetime.date(2024, 10, 23))
        self.assertEqual(plan.approved_place, "Amposta")
        self.assertEqual(plan.approved_by, "Assemblea ordinària de la XMESS")
        self.assertEqual(plan.amendments_from, datetime.date(2024, 9, 25))
        self.assertEqual(plan.amendments_to, datetime.date(2024, 10, 15))

    def test_sections(self):
        sections = list(self.plan.sections.order_by("order"))
        self.assertEqual([s.kind for s in sections],
                         ["process", "criteria", "challenges", "legend"])
        criteria = sections[1].body
        self.assertEqual(criteria.count("<li>"), 3)
        self.assertIn("Donar continuïtat a les activitats", criteria)
        self.assertIn("Departament de Treball i Empresa", criteria)
        self.assertIn("bienni 2024-25", criteria)
        self.assertIn("Finestra Única cooperativa", sections[2].body)
        self.assertIn("Actuacions de continuïtat", sections[3].body)
        self.assertIn("Actuacions vinculades al Conveni", sections[3].body)

    def test_areas_in_order(self):
        areas = self.plan.elements.filter(parent=None).order_by("order")
        self.assertEqual([(a.code, a.title) for a in areas], AREAS)
        self.assertTrue(all(a.level.key == "area" for a in areas))

    def test_actions_per_area(self):
        for code, count in ACTIONS_PER_AREA.items():
            with self.subTest(area=code):
                actions = self.children_of(code, "actuacio")
                self.assertEqual(len(actions), count)
                self.assertEqual([a.code for a in actions],
                                 [f"{code}.{n}" for n in range(1, count + 1)])

    def test_sub_actions(self):
        for code, count in SUB_ACTIONS.items():
            with self.subTest(action=code):
                self.assertEqual(len(self.children_of(code, "subactuacio")), count)
        self.assertEqual(self.plan.elements.filter(level__key="subactuacio").count(),
                         sum(SUB_ACTIONS.values()))

    def test_working_groups_and_their_actions(self):
        groups = self.children_of("6", "grup-treball")
        self.assertEqual([(g.code, g.title) for g in groups],
                         [(code, title) for code, title, _slug, _n in WORKING_GROUPS])
        for code, _title, slug, count in WORKING_GROUPS:
            with self.subTest(group=code):
                actions = self.children_of(code, "actuacio-grup")
                self.assertEqual(len(actions), count)
                for action in actions:
                    self.assertEqual(
                        [b.slug for b in action.bodies_with_role("responsible")], [slug])

    def test_working_groups_are_bodies(self):
        slugs = [slug for _code, _title, slug, _n in WORKING_GROUPS]
        bodies = Body.objects.filter(organization__slug="xmess", slug__in=slugs)
        self.assertEqual(bodies.count(), 8)
        self.assertTrue(all(b.kind == Body.Kind.WORKING_GROUP for b in bodies))
        self.assertEqual(
            Body.objects.get(organization__slug="xmess", slug="gt-comunalitats").functions,
            "En coordinació amb la Secretaria Tècnica de Comunalitats.")
        for slug, kind in (("assemblea", Body.Kind.ORGAN),
                           ("comissio-executiva-ampliada", Body.Kind.COMMITTEE),
                           ("coordinacio", Body.Kind.TEAM)):
            with self.subTest(body=slug):
                self.assertEqual(
                    Body.objects.get(organization__slug="xmess", slug=slug).kind, kind)
        self.assertFalse(Body.objects.filter(organization__slug="xmess",
                                             name__icontains="Secretaria Tècnica de Comunalitats")
                         .exists())

    def test_communication_blocks(self):
        blocks = self.children_of("7", "ambit-comunicacio")
        self.assertEqual([(b.code, b.title) for b in blocks],
                         [("7.A", "Comunicació externa"), ("7.B", "Comunicació interna")])
        self.assertEqual(len(self.children_of("7.A", "actuacio-comunicacio")), 6)
        self.assertEqual(len(self.children_of("7.B", "actuacio-comunicacio")), 3)
        self.assertEqual(len(self.children_of("7.A.1", "subactuacio-comunicacio")), 1)

    def test_markers(self):
        for code, (continuity, agreement) in MARKERS.items():
            with self.subTest(action=code):
                element = self.element(code)
                self.assertEqual((element.is_continuity, element.is_agreement_linked),
                                 (continuity, agreement))
        elements = self.plan.elements
        self.assertEqual(elements.filter(is_continuity=True).count(), 39)
        self.assertEqual(elements.filter(is_agreement_linked=True).count(), 38)
        self.assertEqual(elements.filter(is_continuity=True, is_agreement_linked=True).count(),
                         16)
        self.assertFalse(elements.exclude(level__key__in=ACTION_LEVELS)
                         .filter(is_continuity=True).exists())

    def test_calendar(self):
        actions = self.plan.elements.filter(level__key__in=ACTION_LEVELS)
        self.assertEqual(actions.count(), 83)
        hinted = {"3.2": [(2025, 1), (2025, 2), (2025, 4)],
                  "5.3": [(2025, 1), (2025, 2)],
                  "8.2": [(2025, 4)]}
        for action in actions:
            with self.subTest(action=action.code):
                self.assertEqual(self.calendar_of(action.code),
                                 hinted.get(action.code, [(2025, None)]))
        self.assertFalse(self.element("6.A").calendar.exists())

    def test_facts_carried(self):
        self.assertIn("bossa d'hores de 50 h anuals", self.element("2.3").title)
        self.assertIn("CCPR", self.element("2.3").title)
        self.assertIn("“Soc regidor/a d'ESS, i ara què? (Mandat 2027-2031)”",
                      self.element("1.1.e").title)
        self.assertIn("Bordeus (29-31/10/2025)", self.element("8.2").title)
        self.assertIn("https://bordeauxgsef2025.org/es/", self.element("8.2").description)
        self.assertIn("Enquesta 2024", self.element("5.1.a").title)
        self.assertIn("Educació i ESS", self.element("5.1.a").description)
        self.assertEqual(
            [b.slug for b in self.element("1.2.e").bodies_with_role("responsible")],
            ["coordinacio"])
        self.assertEqual(
            [b.slug for b in self.element("6.E.3").bodies_with_role("involved")],
            ["gt-habitatge"])

    def test_loading_twice_changes_nothing(self):
        reports = demo_load(plan_files=PLAN_FILES).plans
        for report in reports:
            with self.subTest(plan=report.plan):
                self.assertFalse(report.changed_anything)
        self.assertEqual(self.plan.elements.count(), 101)
