"""A published plan's elements: the tree with its bodies and calendar, and the links in and
out, across plans and organisations, as long as the other end is published too."""

from api.tests.world import ApiTestCase
from plans import services


class ElementTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.action = cls.terrassa_plan.elements.get(code="LE1.1")
        cls.barcelona_action = cls.barcelona_plan.elements.get(code="LE1.1")
        cls.secret_action = cls.barcelona_draft.elements.get(code="LE2.1")
        # Jordi links an action of Barcelona's draft to Terrassa's: the draft stays hidden.
        services.link_create(source=cls.secret_action, target=cls.action, user=cls.jordi)
        services.link_create(source=cls.barcelona_action, target=cls.action, user=cls.jordi,
                             kind="related_to", note="Mateix servei")

    def test_elements_come_in_tree_order_with_depth_parent_bodies_and_calendar(self):
        data = self.get_json(self.plan_url() + "elements/")
        self.assertEqual(data["count"], 6)
        rows = [(e["code"], e["depth"], e["parent"] and e["parent"]["code"])
                for e in data["results"]]
        self.assertEqual(rows, [("LE1", 0, None), ("LE1.1", 1, "LE1"), ("LE1.2", 1, "LE1"),
                                ("LE2", 0, None), ("LE2.1", 1, "LE2"), ("LE2.2", 1, "LE2")])
        action = data["results"][1]
        self.assertEqual(action["level"]["key"], "action")
        self.assertEqual(action["calendar"], [{"year": 2021, "quarter": None}])
        self.assertEqual([b["slug"] for b in action["responsible_bodies"]], ["seess"])
        self.assertEqual(action["weight"], 1.0)

    def test_links_across_plans_and_organisations_show_only_published_ends(self):
        data = self.get_json(self.plan_url() + "elements/")
        action = next(e for e in data["results"] if e["code"] == "LE1.1")
        self.assertEqual([(link["element"]["organization"], link["element"]["plan"])
                          for link in action["links_out"]], [("barcelona", "estrategia")])
        self.assertEqual([(link["kind"], link["note"], link["element"]["plan"])
                          for link in action["links_in"]],
                         [("related_to", "Mateix servei", "estrategia")])
        self.assertNotIn("pla-secret", str(data))
        barcelona = self.get_json(action["links_in"][0]["element"]["url"])
        self.assertEqual([link["element"]["slug"] for link in barcelona["links_out"]],
                         [self.action.slug])

    def test_element_detail_has_ancestors_children_texts_and_progress(self):
        services.element_section_save(element=self.action, user=self.marta, kind="motivation",
                                      title="Per què", body="Perquè *sí*.")
        data = self.get_json(f"{self.plan_url()}elements/{self.action.slug}/")
        self.assertEqual([a["code"] for a in data["ancestors"]], ["LE1"])
        self.assertEqual(data["depth"], 1)
        self.assertEqual(data["sections"][0]["body"], "<p>Perquè <em>sí</em>.</p>")
        self.assertEqual([p["period"]["slug"] for p in data["progress"]], ["2020", "2021"])
        self.assertTrue(data["indicators_url"].endswith(f"indicators/?element={self.action.slug}"))
        line = self.get_json(data["parent"]["url"])
        self.assertEqual([c["code"] for c in line["children"]], ["LE1.1", "LE1.2"])
        self.assertEqual(line["ancestors"], [])

    def test_elements_of_drafts_and_unknown_elements_are_not_found(self):
        self.get_json(f"{self.plan_url('barcelona', 'pla-secret')}elements/"
                      f"{self.secret_action.slug}/", status=404)
        self.get_json(f"{self.plan_url()}elements/no-such-element/", status=404)
        # An element of another plan is not found through this one.
        self.get_json(f"{self.plan_url()}elements/{self.barcelona_action.slug}x/", status=404)
