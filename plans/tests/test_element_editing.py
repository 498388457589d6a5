"""Marta, Terrassa's technician, keeps her plan's tree through the editor's pages."""

from django.urls import reverse
from django.utils import translation

from core.testing import WorldTestCase
from history.models import Change
from plans.models import Element


class ElementEditingTests(WorldTestCase):
    def setUp(self):
        self.client.force_login(self.marta)
        self.plan = self.terrassa_plan
        self.line_level = self.plan.levels.get(key="line")
        self.action_level = self.plan.levels.get(key="action")

    def url(self, name, **kwargs):
        return reverse(f"editor:{name}", kwargs={"org": "terrassa", "plan": "peest", **kwargs})

    def test_adds_an_action_under_a_line_with_a_proposed_code(self):
        line = self.element(self.plan, "LE2")
        create = self.url("element_create") + f"?level={self.action_level.pk}&parent={line.pk}"
        response = self.client.get(create)
        self.assertContains(response, 'value="LE2.3"')  # the level's code style
        response = self.client.post(self.url("element_create"), {
            "level": self.action_level.pk, "parent": line.pk, "code": "LE2.3",
            "title": "Fira de l'economia social", "description": "Una fira.\n\n- dissabte",
            "weight": "2", "calendar": ["2022-2", "2022-3"],
            "responsible": [self.terrassa_service.pk]})
        element = Element.objects.get(plan=self.plan, code="LE2.3")
        self.assertRedirects(response, self.url("plan") + f"#element-{element.pk}")
        self.assertEqual(element.parent, line)
        self.assertEqual(element.description, "<p>Una fira.</p><ul><li>dissabte</li></ul>")
        self.assertEqual([(m.year, m.quarter) for m in element.calendar.all()],
                         [(2022, 2), (2022, 3)])
        self.assertEqual(element.responsible_bodies, [self.terrassa_service])
        change = Change.objects.get(object_id=element.pk, action=Change.Action.CREATE)
        self.assertEqual(change.user, self.marta)
        self.assertEqual(change.after["title"], "Fira de l'economia social")

    def test_refuses_a_duplicate_code_in_catalan_and_stores_nothing(self):
        line = self.element(self.plan, "LE1")
        count = Element.objects.count()
        response = self.client.post(self.url("element_create"), {
            "level": self.action_level.pk, "parent": line.pk, "code": "LE1.1",
            "title": "Una altra", "weight": "1"}, HTTP_ACCEPT_LANGUAGE="ca")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "LE1.1")
        self.assertContains(response, 'class="error-summary"')
        self.assertEqual(Element.objects.count(), count)

    def test_refuses_a_calendar_year_outside_the_plan(self):
        element = self.element(self.plan, "LE1.1")
        response = self.client.post(self.url("element_edit", element_id=element.pk), {
            "code": "LE1.1", "title": element.title, "weight": "1", "calendar": ["2030"]})
        self.assertEqual(response.status_code, 200)  # 2030 is not even offered
        element.refresh_from_db()
        self.assertEqual([m.year for m in element.calendar.all()], [2021])

    def test_inline_edit_through_htmx_returns_the_row(self):
        element = self.element(self.plan, "LE1.2")
        url = self.url("element_inline", element_id=element.pk)
        form = self.client.get(url, HTTP_HX_REQUEST="true")
        self.assertContains(form, f'id="row-{element.pk}"')
        self.assertContains(form, 'name="title"')
        self.assertNotContains(form, "<html")
        response = self.client.post(url, {"code": "LE1.2", "title": "Títol nou"},
                                    HTTP_HX_REQUEST="true")
        self.assertContains(response, "Títol nou")
        self.assertNotContains(response, "<html")
        element.refresh_from_db()
        self.assertEqual(element.title, "Títol nou")

    def test_inline_edit_with_an_empty_title_shows_the_error_in_place(self):
        element = self.element(self.plan, "LE1.2")
        response = self.client.post(self.url("element_inline", element_id=element.pk),
                                    {"code": "LE1.2", "title": ""}, HTTP_HX_REQUEST="true")
        self.assertContains(response, 'role="alert"')
        element.refresh_from_db()
        self.assertEqual(element.title, "Acció 1.2")

    def test_inline_edit_works_without_javascript(self):
        element = self.element(self.plan, "LE1.2")
        url = self.url("element_inline", element_id=element.pk)
        self.assertContains(self.client.get(url), "<html")
        response = self.client.post(url, {"code": "LE1.2", "title": "Sense JS"})
        self.assertRedirects(response, self.url("plan") + f"#element-{element.pk}")

    def test_reorders_siblings_up_and_down(self):
        first, second = self.element(self.plan, "LE1.1"), self.element(self.plan, "LE1.2")
        response = self.client.post(self.url("element_reorder", element_id=second.pk),
                                    {"direction": "up"}, HTTP_HX_REQUEST="true")
        self.assertContains(response, 'id="tree"')
        titles = list(first.parent.children.order_by("order").values_list("code", flat=True))
        self.assertEqual(titles, ["LE1.2", "LE1.1"])
        self.client.post(self.url("element_reorder", element_id=second.pk),
                         {"direction": "down"})
        titles = list(first.parent.children.order_by("order").values_list("code", flat=True))
        self.assertEqual(titles, ["LE1.1", "LE1.2"])
        self.assertEqual(Change.objects.filter(object_id=second.pk,
                                               action=Change.Action.REORDER).count(), 2)

    def test_moves_an_action_to_another_line(self):
        action = self.element(self.plan, "LE1.1")
        target = self.element(self.plan, "LE2")
        response = self.client.post(self.url("element_move", element_id=action.pk),
                                    {"parent": target.pk, "position": "1"})
        self.assertEqual(response.status_code, 302)
        action.refresh_from_db()
        self.assertEqual(action.parent, target)
        self.assertEqual(list(target.children.order_by("order").values_list("code", flat=True)),
                         ["LE1.1", "LE2.1", "LE2.2"])
        self.assertEqual(list(self.element(self.plan, "LE1").children.values_list(
            "order", flat=True)), [1])

    def test_cannot_move_an_action_under_an_action(self):
        action = self.element(self.plan, "LE1.1")
        other = self.element(self.plan, "LE2.1")
        response = self.client.post(self.url("element_move", element_id=action.pk),
                                    {"parent": other.pk})
        self.assertEqual(response.status_code, 200)
        action.refresh_from_db()
        self.assertEqual(action.parent.code, "LE1")

    def test_deletes_a_line_with_its_actions_and_restores_them(self):
        line = self.element(self.plan, "LE1")
        other = self.element(self.plan, "LE2.1")
        from plans import services

        services.link_create(source=other, target=self.element(self.plan, "LE1.1"),
                             user=self.marta)
        with translation.override("en"):
            confirm = self.client.get(self.url("element_delete", element_id=line.pk))
            self.assertContains(confirm, "2 elements under it will be deleted too.")
        self.client.post(self.url("element_delete", element_id=line.pk))
        self.assertFalse(self.plan.elements.filter(code__startswith="LE1").exists())
        change = Change.objects.get(object_id=line.pk, action=Change.Action.DELETE)
        response = self.client.post(reverse("editor:change_restore", args=[change.pk]))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(sorted(self.plan.elements.filter(code__startswith="LE1")
                                .values_list("code", flat=True)), ["LE1", "LE1.1", "LE1.2"])
        restored = self.element(self.plan, "LE1.1")
        self.assertEqual(restored.responsible_bodies, [self.terrassa_service])
        self.assertTrue(other.links_out.filter(target=restored).exists())

    def test_restores_a_previous_version_of_an_element(self):
        element = self.element(self.plan, "LE2.2")
        edit = self.url("element_edit", element_id=element.pk)
        self.client.post(edit, {"code": "LE2.2", "title": "Primera versió", "weight": "1",
                                "calendar": ["2021"]})
        first = Change.objects.filter(object_id=element.pk).latest("pk")
        self.client.post(edit, {"code": "LE2.2", "title": "Segona versió", "weight": "3",
                                "calendar": ["2023"]})
        detail = self.client.get(reverse("editor:change", args=[first.pk]))
        self.assertContains(detail, "Primera versió")
        self.client.post(reverse("editor:change_restore", args=[first.pk]))
        element.refresh_from_db()
        self.assertEqual(element.title, "Primera versió")
        self.assertEqual(element.weight, 1)
        self.assertEqual([m.year for m in element.calendar.all()], [2021])
        history = self.client.get(self.url("element_history", element_id=element.pk))
        self.assertContains(history, "Segona versió"[:7])

    def test_links_an_action_to_a_line_of_another_organisations_published_plan(self):
        action = self.element(self.plan, "LE1.1")
        target = self.element(self.barcelona_plan, "LE2")
        url = self.url("link_create", element_id=action.pk)
        choices = self.client.get(url + "?target_plan=barcelona/estrategia")
        self.assertContains(choices, "Línia 2 de Estratègia")
        self.assertNotContains(self.client.get(url), "Pla en preparació")
        self.client.post(url, {"target_plan": "barcelona/estrategia", "kind": "contributes_to",
                               "target": target.pk, "note": ""})
        self.assertTrue(action.links_out.filter(target=target).exists())
        detail = self.client.get(self.url("element", element_id=action.pk))
        self.assertContains(detail, "Ajuntament de Barcelona")

    def test_cannot_link_to_a_draft_of_another_organisation(self):
        action = self.element(self.plan, "LE1.1")
        url = self.url("link_create", element_id=action.pk)
        response = self.client.get(url + "?target_plan=barcelona/pla-secret")
        self.assertEqual(response.status_code, 404)
