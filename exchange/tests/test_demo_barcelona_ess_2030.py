"""The Barcelona ESS strategy 2030 demo file: one city-project card."""

from django.conf import settings
from django.test import TestCase

from exchange.demo import demo_load
from exchange.document import plan_document
from organizations.models import NetworkMembership
from plans.models import Link, Plan

PLAN_FILE = settings.BASE_DIR / "demo/plans/barcelona--estrategia-ess-2030.yaml"

LINES = {
    "L1": "Augmentar el pes de l'ESS en l'economia de la ciutat, la seva solidesa, articulació i "
          "extensió, especialment en els sectors estratègics",
    "L7": "Desenvolupar palanques que impulsin l'Estratègia",
    "L8": "Transversalitzar els reptes de l'economia digital, l'economia feminista, les "
          "migracions i la transició energètica i ecològica",
}
FITES = {
    "1.1": "Incidir en el model productiu de la ciutat mitjançant l'impuls de l'ESS en els "
           "sectors estratègics",
    "1.2": "Augmentar l'ocupació de qualitat de l'ESS en els sectors estratègics",
    "1.3": "Polinitzar altres actors econòmics amb instruments i pràctiques de l'ESS",
    "3.2": "Facilitar la intercooperació entre actors de l'ESS, enfortint el mercat social",
    "3.3": "Impulsar la transformació de la demanda de consum, a través d'espais físics i "
           "virtuals de comercialització, difusió i sensibilització de l'ESS",
    "4.2": "Promoure l'articulació de les iniciatives d'ESS a les comunitats i districtes de la "
           "ciutat",
    "4.3": "Promoure pols econòmics d'ESS locals",
}
SOURCE_CODES = [
    "CONFLOOP", "E-COL", "FEM-FCTC", "MOB", "MIGR", "MUTUA",
    "SECT-AGRO", "SECT-CONSUM", "SECT-HABIT", "SECT-TÈXTIL", "SECT-TRANS", "ST",
]
TRACTOR_PROJECTS = [
    "BiciHub", "Espai Participatiu Agròpolis", "Espai comercial de consum conscient",
    "Comunitats Energètiques Locals", "Community Land Trust", "Cultura Cooperativa",
    "Hub de Transició Energètica", "RevESStim", "Xarxa de Parcs Agraris propers a la ciutat",
]


class BarcelonaEss2030DemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.report = demo_load(plan_files=[PLAN_FILE])
        cls.plan = Plan.objects.get(organization__slug="barcelona", slug="estrategia-ess-2030")
        cls.card = cls.plan.elements.get(slug="taules-intercooperacio-sectorial")

    def test_plan(self):
        plan = self.plan
        self.assertEqual(plan.title,
                         "Estratègia de l'Economia Social i Solidària a Barcelona 2030")
        self.assertEqual(plan.kind, Plan.Kind.STRATEGY)
        self.assertEqual((plan.start_year, plan.end_year), (2021, 2030))
        self.assertEqual(plan.status, Plan.Status.APPROVED)
        self.assertIsNone(plan.approved_on)
        self.assertTrue(plan.sections.filter(kind="introduction").exists())

    def test_levels_are_all_top_level(self):
        levels = {lv.key: lv for lv in self.plan.levels.all()}
        self.assertEqual(set(levels), {"linia-estrategica", "fita", "projecte-ciutat"})
        self.assertTrue(all(lv.parent_id is None for lv in levels.values()))
        self.assertEqual(levels["linia-estrategica"].code_pattern, "L{n}")
        self.assertEqual(levels["fita"].name_ca, "Fita")
        self.assertEqual(levels["projecte-ciutat"].name_ca, "Projecte de ciutat")

    def test_lines_and_fites_belong_to_the_strategy(self):
        lines = self.plan.elements.filter(level__key="linia-estrategica")
        self.assertEqual({e.code: e.title for e in lines}, LINES)
        fites = self.plan.elements.filter(level__key="fita")
        self.assertEqual({e.code: e.title for e in fites}, FITES)
        self.assertFalse(self.plan.elements.exclude(parent=None).exists())
        self.assertEqual(self.plan.elements.count(), 3 + 7 + 1)

    def test_card(self):
        card = self.card
        self.assertEqual(card.level.key, "projecte-ciutat")
        self.assertEqual(card.code, "1")
        self.assertEqual(card.title, "Taules i projectes d'intercooperació sectorial / Impuls de "
                                     "plans sectorials i ESS")

    def test_card_links_to_exactly_its_lines_and_fites(self):
        links = list(self.card.links_out.select_related("target__plan__organization"))
        self.assertEqual([link.target.code for link in links], [*LINES, *FITES])
        for link in links:
            self.assertEqual(link.kind, Link.Kind.CONTRIBUTES_TO)
            self.assertEqual(link.target.plan_id, self.plan.pk)
        self.assertEqual(Link.objects.filter(source__plan=self.plan).count(), 10)

    def test_source_codes(self):
        codes = [t.name for t in sorted(self.card.terms_of("source_code"),
                                        key=lambda t: t.order)]
        self.assertEqual(codes, SOURCE_CODES)

    def test_sections(self):
        sections = list(self.card.sections.order_by("order"))
        self.assertEqual([s.kind for s in sections],
                         ["motivation", "potential_actions", "related_proposals"])
        motivation, potential, related = sections
        self.assertTrue(motivation.body.startswith("<p>Potenciar l'articulació sectorial"))
        self.assertEqual(potential.body.count("<li>"), 3)
        self.assertIn("Aquestes taules desenvoluparan:", potential.body)
        # 10 bullets, 3 sub-bullets of the collaborations, 9 tractor projects
        self.assertEqual(related.body.count("<li>"), 10 + 3 + 9)
        self.assertIn("Open Value Network", related.body)
        self.assertIn("(AESCAT)", related.body)
        for project in TRACTOR_PROJECTS:
            self.assertIn(f"<li>{project}</li>", related.body)

    def test_barcelona_is_a_member_of_xmess(self):
        self.assertTrue(NetworkMembership.objects.filter(
            network__slug="xmess", member__slug="barcelona").exists())

    def test_export_and_second_load_change_nothing(self):
        document = plan_document(self.plan)
        card = next(e for e in document["elements"]
                    if e["slug"] == "taules-intercooperacio-sectorial")
        self.assertEqual(card["source_codes"], SOURCE_CODES)
        self.assertEqual([link["target"]["code"] for link in card["links"]], [*LINES, *FITES])
        again = demo_load(plan_files=[PLAN_FILE])
        self.assertFalse(any(report.changed_anything for report in again.plans))
