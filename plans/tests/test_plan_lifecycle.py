"""A plan's life: created as a draft, opened for amendments, approved, archived."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse

from core.testing import WorldTestCase
from plans import services
from plans.models import Plan


class PlanLifecycleTests(WorldTestCase):
    def test_an_editor_creates_a_draft_plan_with_a_level_structure(self):
        self.client.force_login(self.marta)
        response = self.client.post(reverse("editor:plan_create", args=["terrassa"]), {
            "title": "Pla de treball 2027", "slug": "", "kind": "work_plan",
            "start_year": "2027", "end_year": "2027",
            "level_preset": "line_actionline_action"})
        plan = Plan.objects.get(organization=self.terrassa, slug="pla-de-treball-2027")
        self.assertRedirects(response, reverse("editor:plan", args=["terrassa", plan.slug]))
        self.assertEqual(plan.status, Plan.Status.DRAFT)
        self.assertEqual([lv.name_ca for lv in plan.levels.all()],
                         ["Línia estratègica", "Línia d'actuació", "Acció"])

    def test_period_must_be_ordered(self):
        self.client.force_login(self.marta)
        response = self.client.post(reverse("editor:plan_create", args=["terrassa"]), {
            "title": "Pla", "kind": "work_plan", "start_year": "2027", "end_year": "2025"})
        self.assertContains(response, "2025")
        self.assertContains(response, 'class="error-summary"')
        self.assertFalse(Plan.objects.filter(title="Pla").exists())

    def test_the_period_cannot_shrink_below_scheduled_elements(self):
        with self.assertRaises(ValidationError) as caught:
            services.plan_update(plan=self.terrassa_plan, user=self.marta, slug="peest",
                                 title="PEEST", kind="work_plan", start_year=2022,
                                 end_year=2023, parent=None)
        self.assertIn("2021", str(caught.exception))

    def test_administrator_opens_amendments_then_approves(self):
        self.client.force_login(self.carles)
        url = reverse("editor:plan_status", args=["terrassa", "esborrany"])
        response = self.client.post(url, {"status": "amendments"})
        self.assertContains(response, 'class="error-summary"')  # the period is needed
        self.client.post(url, {"status": "amendments", "amendments_from": "2024-09-25",
                               "amendments_to": "2024-10-15"})
        self.terrassa_draft.refresh_from_db()
        self.assertEqual(self.terrassa_draft.status, Plan.Status.AMENDMENTS)
        response = self.client.post(url, {"status": "approved", "approved_on": "2024-10-23"})
        self.assertContains(response, 'class="error-summary"')  # the place is needed
        self.client.post(url, {"status": "approved", "approved_on": "2024-10-23",
                               "approved_place": "Amposta", "approved_by": "Assemblea"})
        self.terrassa_draft.refresh_from_db()
        self.assertEqual((self.terrassa_draft.status, self.terrassa_draft.approved_on,
                          self.terrassa_draft.approved_place),
                         (Plan.Status.APPROVED, datetime.date(2024, 10, 23), "Amposta"))

    def test_approval_cannot_come_before_the_amendment_period(self):
        plan = self.terrassa_draft
        services.plan_set_status(plan=plan, user=self.carles, status=Plan.Status.AMENDMENTS,
                                 amendments_from=datetime.date(2024, 9, 25),
                                 amendments_to=datetime.date(2024, 10, 15))
        with self.assertRaises(ValidationError):
            services.plan_set_status(plan=plan, user=self.carles, status=Plan.Status.APPROVED,
                                     approved_on=datetime.date(2024, 9, 1),
                                     approved_place="Amposta")


class PublicPageTests(WorldTestCase):
    def test_anonymous_citizens_read_published_plans_without_javascript(self):
        response = self.client.get(reverse("portal:plan", args=["terrassa", "peest"]))
        self.assertContains(response, "LE1")
        self.assertContains(response, "Acció 1.2")
        self.assertContains(response, '<html lang="ca">')

    def test_drafts_are_not_public(self):
        self.assertEqual(self.client.get(reverse("portal:plan", args=[
            "barcelona", "pla-secret"])).status_code, 404)
        home = self.client.get(reverse("portal:home"))
        self.assertContains(home, "PEEST")
        self.assertNotContains(home, "Pla en preparació")
        self.assertNotContains(home, "Esborrany de Terrassa")

    def test_the_organisations_people_preview_their_draft(self):
        self.client.force_login(self.nuria)
        response = self.client.get(reverse("portal:plan", args=["terrassa", "esborrany"]))
        self.assertContains(response, "Esborrany de Terrassa")
        self.client.force_login(self.marta)
        self.assertEqual(self.client.get(reverse("portal:plan", args=[
            "barcelona", "pla-secret"])).status_code, 404)

    def test_level_names_follow_the_language(self):
        response = self.client.get("/es/terrassa/peest/")
        self.assertContains(response, "Línea")
        self.assertContains(response, '<html lang="es">')
