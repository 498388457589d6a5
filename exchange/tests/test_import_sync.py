"""Importing plan documents: a sync that checks everything first and stores all or nothing."""

import copy
import json

from django.test import TestCase
from django.utils import translation

from exchange.demo import demo_load
from exchange.document import plan_document
from exchange.importer import DocumentError, import_documents
from history.models import Change
from organizations.models import Organization
from plans.models import Element, Plan


def minimal_document(**plan_fields) -> dict:
    return {
        "format": "teixit-plan", "version": 1,
        "organization": {"slug": "proves"},
        "plan": {"slug": "pla", "title": "Pla de proves", "kind": "work_plan",
                 "start_year": 2024, "end_year": 2025, "status": "draft", **plan_fields},
        "levels": [
            {"key": "linia", "name": {"ca": "Línia"}, "code_pattern": "L{n}"},
            {"key": "accio", "parent": "linia", "name": {"ca": "Acció"}, "holds_actions": True},
        ],
        "bodies": [{"slug": "ct", "acronym": "CT", "name": "Comissió tècnica",
                    "kind": "committee"}],
        "elements": [
            {"code": "L1", "level": "linia", "title": "Primera línia", "children": [
                {"code": "1.1", "level": "accio", "title": "Una acció", "responsible": ["CT"],
                 "calendar": [2024, "2025-T2"], "links": ["L2"]},
            ]},
            {"code": "L2", "level": "linia", "title": "Segona línia"},
        ],
    }


class ImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        Organization.objects.create(slug="proves", name="Proves", kind="municipality")

    def test_creates_the_plan_and_a_second_import_changes_nothing(self):
        import_documents([minimal_document()])
        plan = Plan.objects.get(slug="pla")
        action = plan.elements.get(code="1.1")
        self.assertEqual(action.parent.code, "L1")
        self.assertEqual(action.responsible_labels, "CT")
        self.assertEqual([(m.year, m.quarter) for m in action.calendar.all()],
                         [(2024, None), (2025, 2)])
        self.assertEqual(action.links_out.get().target.code, "L2")
        changes = Change.objects.count()
        report = import_documents([minimal_document()])[0]
        self.assertFalse(report.changed_anything)
        self.assertEqual(Change.objects.count(), changes)

    def test_every_error_names_its_place_and_nothing_is_stored(self):
        document = minimal_document(end_year=2023)
        document["elements"][0]["children"][0]["calendar"] = [2030]
        document["elements"][0]["children"].append({"code": "1.1", "level": "accio",
                                                    "title": "Codi repetit"})
        document["elements"][1]["children"] = [{"level": "linia", "title": "Mal nivell"}]
        with self.assertRaises(DocumentError) as caught:
            import_documents([document])
        text = "\n".join(caught.exception.messages)
        self.assertIn("plan.end_year", text)
        self.assertIn("«1.1»", text)
        self.assertIn("1.1", text)
        self.assertIn("elements[2].children[1]", text)
        self.assertFalse(Plan.objects.exists())

    def test_a_missing_body_or_link_target_stores_nothing(self):
        document = minimal_document()
        document["elements"][0]["children"][0]["responsible"] = ["XX"]
        document["elements"][1]["links"] = ["L9"]
        with self.assertRaises(DocumentError) as caught:
            import_documents([document])
        text = "\n".join(caught.exception.messages)
        self.assertIn("XX", text)
        self.assertFalse(Plan.objects.exists())
        self.assertFalse(Element.objects.exists())

    def test_an_unquoted_dotted_code_is_an_error_not_a_silent_number(self):
        document = minimal_document()
        document["elements"][0]["children"][0]["code"] = 1.10
        with translation.override("en"), self.assertRaises(DocumentError) as caught:
            import_documents([document])
        self.assertIn("quotes", " ".join(caught.exception.messages))

    def test_a_too_long_title_is_refused_with_its_place(self):
        document = minimal_document()
        document["elements"][1]["title"] = "x" * 700
        with self.assertRaises(DocumentError) as caught:
            import_documents([document])
        self.assertIn("elements[2]", caught.exception.messages[0])

    def test_changes_are_applied_and_recorded_and_absent_elements_deleted_on_request(self):
        import_documents([minimal_document()])
        document = minimal_document()
        document["elements"][0]["children"][0]["title"] = "Acció reanomenada"
        del document["elements"][1]
        document["elements"][0]["children"][0]["links"] = []
        import_documents([document])
        self.assertTrue(Element.objects.filter(code="L2").exists())  # kept without asking
        import_documents([document], delete_missing=True)
        self.assertFalse(Element.objects.filter(code="L2").exists())
        action = Element.objects.get(code="1.1")
        self.assertEqual(action.title, "Acció reanomenada")
        self.assertTrue(Change.objects.filter(object_id=action.pk, action="import",
                                              before__title="Una acció").exists())

    def test_changed_elements_keep_their_parts_and_each_gets_its_before_and_after(self):
        import_documents([minimal_document()])
        action = Element.objects.get(code="1.1")
        written = action.updated_at
        document = minimal_document()
        moved = document["elements"][0]["children"].pop()
        moved.update(title="Acció moguda", calendar=[2025], responsible=["CT"])
        document["elements"].append({"code": "L3", "level": "linia", "title": "Tercera línia",
                                     "children": [moved]})
        document["elements"][1]["title"] = "Segona línia revisada"
        report = import_documents([document])[0]
        self.assertEqual((report.created["element"], report.updated["element"]), (1, 2))
        action.refresh_from_db()
        self.assertEqual((action.parent.code, action.title), ("L3", "Acció moguda"))
        self.assertGreater(action.updated_at, written)
        self.assertEqual([(m.year, m.quarter) for m in action.calendar.all()], [(2025, None)])
        self.assertEqual(action.responsible_labels, "CT")
        self.assertEqual(action.links_out.get().target.code, "L2")
        change = Change.objects.get(object_id=action.pk, action="import",
                                    before__isnull=False)
        self.assertEqual((change.before["title"], change.after["title"]),
                         ("Una acció", "Acció moguda"))
        self.assertEqual(change.user, None)
        second = Element.objects.get(code="L2")
        self.assertTrue(Change.objects.filter(object_id=second.pk, action="import",
                                              after__title="Segona línia revisada").exists())

    def test_changed_links_are_recorded_per_element(self):
        import_documents([minimal_document()])
        document = minimal_document()
        document["elements"][0]["children"][0]["links"] = ["L1"]
        document["elements"][1]["links"] = ["L1"]
        report = import_documents([document])[0]
        self.assertEqual(report.updated["link"], 2)
        action, second = Element.objects.get(code="1.1"), Element.objects.get(code="L2")
        self.assertEqual([link.target.code for link in action.links_out.all()], ["L1"])
        self.assertEqual([link.target.code for link in second.links_out.all()], ["L1"])
        change = Change.objects.filter(object_id=action.pk, action="import").latest("pk")
        self.assertNotEqual(change.before, change.after)
        self.assertEqual(import_documents([document])[0].changed_anything, False)

    def test_an_element_changed_in_fields_and_links_has_one_history_entry(self):
        import_documents([minimal_document()])
        action = Element.objects.get(code="1.1")
        changes = Change.objects.filter(object_id=action.pk, action="import").count()
        document = minimal_document()
        document["elements"][0]["children"][0].update(title="Acció nova", links=["L1"])
        report = import_documents([document])[0]
        self.assertEqual((report.updated["element"], report.updated["link"]), (1, 1))
        self.assertEqual(Change.objects.filter(object_id=action.pk, action="import").count(),
                         changes + 1)
        change = Change.objects.filter(object_id=action.pk, action="import").latest("pk")
        self.assertEqual((change.before["title"], change.after["title"]),
                         ("Una acció", "Acció nova"))
        self.assertEqual([link["target"] for link in change.before["links"]],
                         [Element.objects.get(code="L2").pk])
        self.assertEqual([link["target"] for link in change.after["links"]],
                         [Element.objects.get(code="L1").pk])

    def test_dry_run_reports_without_storing(self):
        reports = import_documents([minimal_document()], dry_run=True)
        self.assertEqual(reports[0].created["element"], 3)
        self.assertFalse(Plan.objects.exists())

    def test_codes_can_swap_between_elements(self):
        import_documents([minimal_document()])
        document = minimal_document()
        first, second = document["elements"]
        first["slug"], second["slug"] = "l1", "l2"
        import_documents([minimal_document()])
        swapped = minimal_document()
        swapped["elements"][0]["slug"] = "l1"
        swapped["elements"][1]["slug"] = "l2"
        swapped["elements"][0]["code"], swapped["elements"][1]["code"] = "L2", "L1"
        swapped["elements"][0]["children"][0]["links"] = ["l2"]
        import_documents([swapped])
        self.assertEqual(Element.objects.get(slug="l1").code, "L2")
        self.assertEqual(Element.objects.get(slug="l2").code, "L1")


class RoundTripTests(TestCase):
    """Export → import into an empty organisation → export gives the same document."""

    @classmethod
    def setUpTestData(cls):
        demo_load()
        Organization.objects.create(slug="buida", name="Organització buida",
                                    kind="municipality")

    def test_every_demo_plan_round_trips(self):
        for plan in Plan.objects.exclude(organization__slug="buida"):
            with self.subTest(plan=plan.slug):
                original = json.loads(json.dumps(plan_document(plan)))
                copy_document = copy.deepcopy(original)
                for element in _walk(copy_document["elements"]):
                    for link in element["links"]:
                        if (link["target"]["organization"], link["target"]["plan"]) == (
                                plan.organization.slug, plan.slug):
                            link["target"]["organization"] = "buida"
                import_documents([copy_document], organization="buida")
                imported = Plan.objects.get(organization__slug="buida", slug=plan.slug)
                again = json.loads(json.dumps(plan_document(imported)))
                again["organization"] = original["organization"]
                for element in _walk(again["elements"]):
                    for link in element["links"]:
                        if link["target"]["organization"] == "buida":
                            link["target"]["organization"] = plan.organization.slug
                again_bodies = {b["slug"]: b for b in again.pop("bodies")}
                original_bodies = original.pop("bodies")
                for body in original_bodies:
                    self.assertEqual(again_bodies[body["slug"]], body)
                self.assertEqual(again, original)


def _walk(elements):
    for element in elements:
        yield element
        yield from _walk(element["children"])
