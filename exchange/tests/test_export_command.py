"""``teixit export``: the XMESS 2020 work plan as the source gives it, and every demo plan."""

import json
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import TestCase

from exchange.demo import demo_load

# Action → (responsible bodies, L.A., L.E.), as the 2020 work plan's table gives them.
XMESS_2020_ACTIONS = {
    "1": (["CT", "ST"], ["L.A.7", "L.A.8"], ["LE1"]),
    "2": (["GT", "ST"], ["L.A.1", "L.A.2"], ["LE1"]),
    "3": (["CT", "C"], ["L.A.6", "L.A.15"], ["LE1", "LE3"]),
    "4": (["ST"], ["L.A.8", "L.A.16"], ["LE1", "LE3"]),
    "5": (["C"], ["L.A.8", "L.A.16"], ["LE1", "LE3"]),
    "6": (["CT", "GT", "ST", "C"], ["L.A.1"], ["LE1"]),
    "7": (["ST", "C"], ["L.A.3", "L.A.15"], ["LE1", "LE3"]),
    "8": (["GT"], ["L.A.1"], ["LE1"]),
    "9": (["GT"], ["L.A.1"], ["LE1"]),
    "10": (["CE", "CT", "GT"], ["L.A.17"], ["LE3"]),
    "11": (["C", "A"], ["L.A.8", "L.A.16"], ["LE1", "LE3"]),
    "12": (["C", "A"], ["L.A.16"], ["LE3"]),
    "13": (["ST"], ["L.A.7"], ["LE1"]),
    "14": (["ST"], ["L.A.7"], ["LE1"]),
    "15": (["ST"], ["L.A.9"], ["LE1"]),
    "16": (["C", "A"], ["L.A.7"], ["LE1"]),
    "17": (["CE", "GT"], ["L.A.9"], ["LE2"]),
    "18": (["CE"], ["L.A.11"], ["LE2"]),
    "19": (["CE", "CT"], ["L.A.11"], ["LE2"]),
    "20": (["CT", "M"], ["L.A.11"], ["LE2"]),
    "21": (["CE", "CT"], ["L.A.13"], ["LE2"]),
    "22": (["GT"], ["L.A.11"], ["LE2"]),
    "23": (["CE", "GT"], ["L.A.9"], ["LE2"]),
    "24": (["CT", "M"], ["L.A.13"], ["LE2"]),
    "25": (["C", "A"], ["L.A.15"], ["LE3"]),
    "26": (["CT", "ST", "C"], ["L.A.15"], ["LE3"]),
    "27": (["ST"], ["L.A.10"], ["LE2"]),
    "28": (["C"], ["L.A.15"], ["LE3"]),
    "29": (["C", "A"], ["L.A.10"], ["LE2"]),
}

DEMO_PLANS = [
    ("xmess", "pla-treball-2020"),
    ("xmess", "pla-treball-2025"),
    ("barcelona-activa", "pla-treball-2018"),
    ("terrassa", "peest-2019-2026"),
    ("barcelona", "estrategia-ess-2030"),
]


def export(org: str, plan: str) -> dict:
    out = StringIO()
    call_command("export", org=org, plan=plan, format="json", stdout=out)
    return json.loads(out.getvalue())


class ExportCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo_load()

    def test_xmess_2020_lists_the_29_actions_with_bodies_and_links(self):
        document = export("xmess", "pla-treball-2020")
        actions = [e for e in document["elements"] if e["level"] == "accio"]
        self.assertEqual([a["code"] for a in actions], [str(n) for n in range(1, 30)])
        for action in actions:
            with self.subTest(action=action["code"]):
                bodies, action_lines, strategic_lines = XMESS_2020_ACTIONS[action["code"]]
                self.assertEqual([b["acronym"] for b in action["responsible"]], bodies)
                targets = [link["target"]["code"] for link in action["links"]]
                self.assertEqual([t for t in targets if t.startswith("L.A.")], action_lines)
                self.assertEqual([t for t in targets if t.startswith("LE")], strategic_lines)
                self.assertTrue(all(link["kind"] == "contributes_to" for link in action["links"]))

    def test_xmess_2020_carries_instruments_scopes_budget_and_bodies_table(self):
        document = export("xmess", "pla-treball-2020")
        first = next(e for e in document["elements"] if e["code"] == "1")
        self.assertEqual(first["instruments"], ["Jornades, formacions, tallers"])
        self.assertEqual(first["budget_sources"], ["Pressupost ordinari", "Conveni"])
        self.assertIn("Feminismes", first["thematic_scopes"])
        bodies = {b["acronym"]: b for b in document["bodies"]}
        self.assertEqual(bodies["CE"]["meeting_periodicity"], "quarterly")
        self.assertEqual(bodies["CE"]["holders"], "9 municipis")
        self.assertEqual(bodies["CT"]["meeting_periodicity"], "monthly")
        self.assertEqual(len([e for e in document["elements"] if e["level"] == "linia-actuacio"]),
                         18)

    def test_every_demo_plan_exports(self):
        for org, plan in DEMO_PLANS:
            with self.subTest(plan=plan):
                document = export(org, plan)
                self.assertEqual(document["format"], "teixit-plan")
                self.assertEqual(document["plan"]["slug"], plan)
                self.assertTrue(document["elements"])

    def test_unknown_plan_says_which_plans_exist(self):
        with self.assertRaisesMessage(CommandError, "xmess/pla-treball-2020"):
            call_command("export", org="xmess", plan="no-such-plan", stdout=StringIO())
