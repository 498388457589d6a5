"""The demo plan of Barcelona Activa's Direcció Executiva de Desenvolupament Socioeconòmic de
Proximitat, work plan 2018: what a reader of the source would check."""

from django.conf import settings
from django.test import TestCase

from exchange.demo import demo_load
from exchange.document import plan_document
from exchange.importer import import_documents
from plans.models import Element, Plan

PLAN_FILE = settings.BASE_DIR / "demo/plans/barcelona-activa--pla-treball-2018.yaml"

AXES = {
    "1": "Desenvolupament econòmic de proximitat",
    "2": "Innovació socioeconòmica",
    "3": "Polítiques de temps per a la millora de la vida quotidiana de la ciutadania",
    "4": "Organització interna",
}

OBJECTIVES = {
    "1": ["1.1", "1.2", "1.3", "1.4"],
    "2": ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6"],
    "3": ["3.1"],
    "4": ["4.1"],
}

MEASURE_LETTERS = {
    "1.1": "ABCDE",
    "1.2": "ABCD",
    "1.3": "AB",
    "1.4": "ABC",
    "2.1": "ABC",
    "2.2": "ABCDEFG",
    "2.3": "ABCD",
    "2.4": "ABCD",
    "2.5": "ABCDE",
    "2.6": "ABCD",
    "3.1": "ABCDE",
    "4.1": "ABCDEFG",
}

SUB_ITEM_COUNTS = {
    "1.1.A": 5, "1.1.B": 4, "1.1.C": 6, "1.1.D": 2, "1.1.E": 1,
    "1.2.A": 1, "1.2.B": 3, "1.2.C": 1, "1.2.D": 4,
    "1.3.A": 2, "1.4.A": 2, "1.4.B": 3, "2.6.B": 3,
}

HIGHLIGHTED = {
    "2.2": (3, "III edició del Programa La Comunicadora"),
    "2.3": (6, "Conveni amb Casa Orlandai per l'impuls de l'ESS"),
    "2.4": (3, "Posada en marxa de La Pionera"),
}


class BarcelonaActiva2018DemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.report = demo_load(plan_files=[PLAN_FILE])
        cls.plan = Plan.objects.get(organization__slug="barcelona-activa",
                                    slug="pla-treball-2018")

    def element(self, code: str) -> Element:
        return Element.objects.get(plan=self.plan, code=code)

    def children_of(self, code: str, level: str) -> list[Element]:
        return list(self.element(code).children.filter(level__key=level).order_by("order"))

    def test_plan_fields(self):
        plan = self.plan
        self.assertEqual(plan.kind, Plan.Kind.WORK_PLAN)
        self.assertEqual((plan.start_year, plan.end_year), (2018, 2018))
        self.assertEqual(plan.status, Plan.Status.APPROVED)
        self.assertIsNone(plan.approved_on)
        self.assertEqual(plan.approved_place, "")
        self.assertIn("Direcció Executiva de Desenvolupament Socioeconòmic de Proximitat",
                      plan.title)
        self.assertTrue(plan.organization.bodies.filter(
            name="Direcció Executiva de Desenvolupament Socioeconòmic de Proximitat").exists())

    def test_mission(self):
        mission = self.plan.sections.get(kind="mission")
        self.assertIn("Promoure l'activitat econòmica en clau de proximitat i de reequilibri "
                      "territorial, apropant els serveis de Barcelona Activa als barris",
                      mission.body)
        self.assertIn("impulsant les innovacions socioeconòmiques transformadores i l'economia "
                      "social.", mission.body)

    def test_four_axes(self):
        axes = Element.objects.filter(plan=self.plan, parent=None, level__key="eix")
        self.assertEqual({e.code: e.title for e in axes}, AXES)
        self.assertIn("Promoure estratègies de desenvolupament econòmic de proximitat",
                      self.element("1").description)
        self.assertIn("nova cultura dels usos del temps", self.element("3").description)

    def test_objectives_per_axis(self):
        for axis, codes in OBJECTIVES.items():
            with self.subTest(axis=axis):
                objectives = self.children_of(axis, "objectiu")
                self.assertEqual([e.code for e in objectives], codes)
        self.assertEqual(Element.objects.filter(plan=self.plan, level__key="objectiu").count(),
                         12)
        # The body (2.1–2.6) wins over the index (2.1–2.5).
        self.assertTrue(self.element("2.1").title.startswith("Potenciar el rol de Barcelona "
                                                             "Activa"))
        self.assertEqual(self.element("2.6").title, "Promoure la contractació pública "
                         "socialment responsable en el marc de les empreses d'economia social")

    def test_measures_per_objective(self):
        for objective, letters in MEASURE_LETTERS.items():
            with self.subTest(objective=objective):
                measures = self.children_of(objective, "mesura")
                self.assertEqual(len(measures), len(letters))
                self.assertEqual([e.code for e in measures],
                                 [f"{objective}.{letter}" for letter in letters])
        self.assertEqual(Element.objects.filter(plan=self.plan, level__key="mesura").count(),
                         53)

    def test_sub_items(self):
        for measure, count in SUB_ITEM_COUNTS.items():
            with self.subTest(measure=measure):
                items = self.children_of(measure, "actuacio")
                self.assertEqual([e.code for e in items],
                                 [f"{measure}.{n}" for n in range(1, count + 1)])
        self.assertEqual(Element.objects.filter(plan=self.plan, level__key="actuacio").count(),
                         37)
        self.assertTrue(self.element("1.1.A.1").title.startswith(
            "Presentació de l'estratègia de territorialització"))
        self.assertEqual(self.element("1.1.A.2").title, "Elaboració d'una mesura de govern")
        locals_ = self.element("1.1.C.1")
        self.assertTrue(locals_.title.startswith("Dinamització de locals buits"))
        self.assertEqual(locals_.description.count("<li>"), 4)
        self.assertIn("Baixos de protecció oficial", locals_.description)
        self.assertEqual(self.element("2.6.B.1").title, "Aplicació de les clàusules socials")

    def test_district_plan_accountability(self):
        self.assertEqual(
            self.element("1.2.D.2").title,
            "Rendició de comptes del PDE semestralment (indicadors bàsics de resultats, "
            "valoració qualitativa i % d'execució del les mesures) i anualment (indicadors "
            "bàsics de resultats, valoració qualitativa, resum econòmic)",
        )

    def test_highlighted_actions(self):
        highlighted = Element.objects.filter(plan=self.plan, is_highlighted=True)
        self.assertEqual(highlighted.count(), 12)
        self.assertFalse(highlighted.exclude(level__key="accio-destacada").exists())
        for objective, (count, title) in HIGHLIGHTED.items():
            with self.subTest(objective=objective):
                actions = self.children_of(objective, "accio-destacada")
                self.assertEqual(len(actions), count)
                self.assertTrue(all(a.is_highlighted for a in actions))
                self.assertTrue(any(a.title.startswith(title) for a in actions))
        self.assertFalse(self.element("1.1").children.filter(is_highlighted=True).exists())

    def test_figures_and_names(self):
        texts = " ".join(f"{e.title} {e.description}"
                         for e in Element.objects.filter(plan=self.plan))
        for fact in ["BOOSTINO", "10 Districtes", "99 projectes aprovats",
                     "Impulsem el que fas", "1,6 M d'euros", "24 projectes", "Matchfunding",
                     "120 comerços", "Comerç a prop", "105 persones contractades",
                     "3,5 M de pressupost", "Barri d'Oficis", "La Pionera", "Alencop",
                     "Diomcoop", "BMINCOME", "The Governance Lab, de New York",
                     "Casa Orlandai"]:
            with self.subTest(fact=fact):
                self.assertIn(fact, texts)

    def test_calendar_only_where_the_text_gives_a_time(self):
        scheduled = Element.objects.filter(plan=self.plan, calendar__isnull=False).distinct()
        marks = {e.code: [(m.year, m.quarter) for m in e.calendar.all()] for e in scheduled}
        self.assertEqual(marks, {"1.2.A.1": [(2018, 1)], "1.3.A.1": [(2018, None)],
                                 "1.3.A.2": [(2018, 1), (2018, 2)]})

    def test_loading_twice_changes_nothing(self):
        report = demo_load(plan_files=[PLAN_FILE]).plans[0]
        self.assertFalse(report.changed_anything)
        self.assertEqual(report.unchanged["element"], 118)

    def test_export_round_trip_changes_nothing(self):
        report = import_documents([plan_document(self.plan)])[0]
        self.assertFalse(report.changed_anything)
