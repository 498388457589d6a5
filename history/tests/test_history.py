"""Every change to plans, elements, links and bodies is recorded and can be undone."""

import datetime

from django.urls import reverse

from core.testing import WorldTestCase
from history.models import Change
from organizations import services as organization_services
from organizations.models import Body
from plans import services
from plans.models import Plan


class HistoryTests(WorldTestCase):
    def test_plan_changes_are_recorded_with_before_and_after_and_can_be_restored(self):
        plan = self.terrassa_draft
        services.plan_update(plan=plan, user=self.marta, slug=plan.slug, title="Títol nou",
                             kind=plan.kind, start_year=2020, end_year=2023, parent=None)
        services.plan_section_save(plan=plan, user=self.marta, kind="mission", title="Missió",
                                   body="Promoure l'ESS.")
        change = Change.objects.filter(plan=plan, content_type__model="plan").latest("pk")
        self.assertEqual(change.user, self.marta)
        self.assertEqual(change.before["sections"], [])
        self.assertEqual(change.after["sections"][0]["body"], "<p>Promoure l'ESS.</p>")
        first = Change.objects.filter(plan=plan, content_type__model="plan",
                                      after__title="Títol nou").order_by("pk").first()
        self.client.force_login(self.marta)
        self.client.post(reverse("editor:change_restore", args=[first.pk]))
        plan.refresh_from_db()
        self.assertEqual(plan.title, "Títol nou")
        self.assertFalse(plan.sections.exists())  # back to how it was after that change

    def test_links_are_part_of_the_source_elements_history(self):
        source = self.element(self.terrassa_plan, "LE1.1")
        target = self.element(self.terrassa_plan, "LE2")
        link = services.link_create(source=source, target=target, user=self.marta)
        services.link_delete(link=link, user=self.marta)
        changes = list(Change.objects.filter(object_id=source.pk, content_type__model="element")
                       .order_by("pk"))
        self.assertEqual([len(c.after["links"]) for c in changes[-2:]], [1, 0])
        self.client.force_login(self.marta)
        self.client.post(reverse("editor:change_restore", args=[changes[-2].pk]))
        self.assertTrue(source.links_out.filter(target=target).exists())

    def test_body_changes_are_recorded_and_a_deleted_body_comes_back(self):
        body = organization_services.body_save(organization=self.terrassa, user=self.marta,
                                               name="Servei de Joventut", kind="service")
        organization_services.body_save(organization=self.terrassa, user=self.marta, body=body,
                                        name="Servei de Joventut", kind="service",
                                        functions="Pla d'emancipació")
        body_id = body.pk
        organization_services.body_delete(body=body, user=self.marta)
        self.assertFalse(Body.objects.filter(pk=body_id).exists())
        deletion = Change.objects.get(object_id=body_id, content_type__model="body",
                                      action=Change.Action.DELETE)
        self.client.force_login(self.marta)
        page = self.client.get(reverse("editor:change", args=[deletion.pk]))
        self.assertContains(page, "Pla d&#x27;emancipació")
        self.client.post(reverse("editor:change_restore", args=[deletion.pk]))
        self.assertEqual(Body.objects.get(pk=body_id).functions, "Pla d'emancipació")

    def test_a_body_in_use_cannot_be_deleted(self):
        self.client.force_login(self.marta)
        response = self.client.post(reverse("editor:body_delete", args=[
            "terrassa", self.terrassa_service.pk]), follow=True)
        self.assertContains(response, "LE1.1")
        self.assertTrue(Body.objects.filter(pk=self.terrassa_service.pk).exists())

    def test_history_pages_show_who_and_what(self):
        element = self.element(self.terrassa_plan, "LE1.1")
        services.element_update(element=element, user=self.marta, title="Acció revisada")
        self.client.force_login(self.nuria)
        page = self.client.get(reverse("editor:plan_history", args=["terrassa", "peest"]))
        self.assertContains(page, "Marta")
        self.assertContains(page, "Acció revisada")
        change = Change.objects.filter(object_id=element.pk).latest("pk")
        detail = self.client.get(reverse("editor:change", args=[change.pk]))
        self.assertContains(detail, "<del>Acció 1.1</del>", html=True)
        self.assertContains(detail, "<ins>Acció revisada</ins>", html=True)
        restore = reverse("editor:change_restore", args=[change.pk])
        self.assertNotContains(detail, restore)  # a viewer cannot restore
        self.client.force_login(self.marta)
        self.assertContains(self.client.get(reverse("editor:change", args=[change.pk])),
                            restore)

    def test_status_changes_are_recorded(self):
        plan = self.terrassa_draft
        services.plan_set_status(plan=plan, user=self.carles, status=Plan.Status.AMENDMENTS,
                                 amendments_from=datetime.date(2024, 9, 25),
                                 amendments_to=datetime.date(2024, 10, 15))
        change = Change.objects.filter(plan=plan, action=Change.Action.STATUS).get()
        self.assertEqual((change.before["status"], change.after["status"]),
                         ("draft", "amendments"))
