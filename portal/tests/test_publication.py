"""What the public sees: published plans only, and of their monitoring only the periods the
plan publishes — closed ones, or every one (marked provisional) when it says so."""

from decimal import Decimal

from django.urls import reverse

from core.testing import WorldTestCase
from monitoring import services
from monitoring.models import MonitoringPolicy
from plans import services as plan_services


class PublicationTests(WorldTestCase):
    def setUp(self):
        super().setUp()
        plan = self.terrassa_plan
        services.periods_generate(plan=plan, user=self.carles, kind="year")
        self.p2021, self.p2022 = plan.periods.get(year=2021), plan.periods.get(year=2022)
        self.action = self.element(plan, "LE1.1")
        services.progress_save(element=self.action, period=self.p2021, user=self.marta,
                               status="in_progress", percent=Decimal("40"),
                               deployment="Primer any de desplegament")
        services.progress_save(element=self.action, period=self.p2022, user=self.marta,
                               status="in_progress", percent=Decimal("77"),
                               deployment="Text de treball encara no validat")
        self.plan_url = reverse("portal:plan", args=["terrassa", "peest"])
        self.element_url = reverse("portal:element", args=["terrassa", "peest",
                                                           self.action.slug])

    def test_open_periods_are_not_public_until_closed(self):
        html = self.client.get(self.element_url).content.decode()
        self.assertNotIn("77\u00a0%", html)
        self.assertNotIn("Primer any", html)
        services.period_close(period=self.p2021, user=self.carles)
        html = self.client.get(self.element_url).content.decode()
        self.assertIn("40\u00a0%", html)
        self.assertIn("Primer any de desplegament", html)
        self.assertNotIn("77\u00a0%", html)
        self.assertNotIn("Text de treball", html)
        html = self.client.get(self.plan_url).content.decode()
        self.assertIn("Progrés a 2021", html)

    def test_a_plan_may_publish_as_entered_and_marks_it_provisional(self):
        policy = services.policy_of(self.terrassa_plan)
        services.policy_update(plan=self.terrassa_plan, user=self.carles,
                               period_kind=policy.period_kind, pace=policy.pace,
                               tolerance=policy.tolerance, rollup=policy.rollup,
                               publication=MonitoringPolicy.Publication.ENTERED)
        html = self.client.get(self.plan_url).content.decode()
        self.assertIn("Progrés a 2022", html)
        self.assertIn("77\u00a0%", html)
        self.assertIn("provisional", html)

    def test_the_public_history_leaves_out_entries_of_unpublished_periods(self):
        history = reverse("portal:plan_history", args=["terrassa", "peest"])
        html = self.client.get(history).content.decode()
        self.assertNotIn(f"{self.action} · 2021", html)
        self.assertNotIn(f"{self.action} · 2022", html)
        services.period_close(period=self.p2021, user=self.carles)
        html = self.client.get(history).content.decode()
        self.assertEqual(html.count(f"{self.action} · 2021"), 1)
        self.assertNotIn(f"{self.action} · 2022", html)

    def test_drafts_are_not_public_but_their_people_preview_them(self):
        draft = reverse("portal:plan", args=["terrassa", "esborrany"])
        self.assertEqual(self.client.get(draft).status_code, 404)
        for name in ("plan_budget", "plan_indicators", "plan_history", "plan_reports"):
            self.assertEqual(self.client.get(reverse(f"portal:{name}", args=[
                "terrassa", "esborrany"])).status_code, 404)
        self.client.force_login(self.jordi)  # of another organisation
        self.assertEqual(self.client.get(draft).status_code, 404)
        self.client.force_login(self.nuria)
        self.assertContains(self.client.get(draft), "Previsualització")

    def test_links_to_unpublished_plans_are_not_shown(self):
        secret = self.barcelona_draft.elements.first()
        plan_services.link_create(source=self.action, target=secret, user=self.marta)
        html = self.client.get(self.element_url).content.decode()
        self.assertNotIn(secret.title, html)
        public = self.barcelona_plan.elements.first()
        plan_services.link_create(source=self.action, target=public, user=self.marta)
        html = self.client.get(self.element_url).content.decode()
        self.assertIn(public.title, html)
        self.assertIn("Ajuntament de Barcelona", html)

    def test_unknown_elements_and_plans_are_not_found(self):
        for path in (reverse("portal:element", args=["terrassa", "peest", "no-existeix"]),
                     reverse("portal:plan", args=["terrassa", "no-existeix"]),
                     reverse("portal:organization", args=["no-existeix"])):
            self.assertEqual(self.client.get(path).status_code, 404)

    def test_activities_and_executed_amounts_follow_the_same_rule(self):
        from budgets import services as budget_services

        services.event_save(plan=self.terrassa_plan, user=self.marta, element=self.action,
                            title="Jornada de tardor", year=2022)
        budget = budget_services.budget_save(plan=self.terrassa_plan, user=self.marta,
                                             element=self.action, period_total=Decimal(9000))
        budget_services.budget_line_save(budget=budget, user=self.marta, year=2022,
                                         phase="initial", amount=Decimal("2500"))
        budget_services.budget_line_save(budget=budget, user=self.marta, year=2022,
                                         phase="executed", amount=Decimal("1234.56"))
        budget_page = reverse("portal:plan_budget", args=["terrassa", "peest"])
        activities = reverse("portal:plan_activities", args=["terrassa", "peest"])
        history = reverse("portal:plan_history", args=["terrassa", "peest"])
        self.assertNotContains(self.client.get(activities), "Jornada de tardor")
        self.assertNotContains(self.client.get(self.element_url), "Jornada de tardor")
        html = self.client.get(budget_page).content.decode()
        self.assertIn("2.500,00\u00a0€", html)  # planned: public with the plan
        self.assertNotIn("1.234,56", html)
        html = self.client.get(history).content.decode()
        self.assertNotIn("Jornada de tardor", html)
        self.assertNotIn("1234.56", html)
        services.period_close(period=self.p2022, user=self.carles)
        self.assertContains(self.client.get(activities), "Jornada de tardor")
        self.assertContains(self.client.get(budget_page), "1.234,56\u00a0€")
        self.assertContains(self.client.get(history), "Jornada de tardor")
