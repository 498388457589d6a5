"""Every public page runs the same number of queries for a small and a large plan."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets import services as budget_services
from core.testing import WorldTestCase, make_plan
from monitoring import services
from plans.models import Plan

PAGES = ["plan", "plan_texts", "plan_elements", "plan_budget", "plan_indicators",
         "plan_activities", "plan_reports", "plan_data", "plan_history"]
LIMIT = 15


class PublicPageQueryTests(WorldTestCase):
    def monitored_plan(self, slug: str, lines: int, actions: int) -> Plan:
        plan = make_plan(organization=self.terrassa, user=self.marta, slug=slug, title=slug,
                         lines=lines, actions_per_line=actions, body=self.terrassa_service)
        services.periods_generate(plan=plan, user=self.carles, kind="year")
        period = plan.periods.get(year=2021)
        sex = self.terrassa_categories()
        for n, action in enumerate(plan.elements.filter(level__key="action")):
            services.progress_save(element=action, period=period, user=self.marta,
                                   status="in_progress", percent=Decimal(10 + n % 80),
                                   bodies=[self.terrassa_service])
            indicator = services.indicator_save(plan=plan, user=self.marta,
                                                name=f"Persones {n}", element=action,
                                                categories=sex)
            services.indicator_value_save(indicator=indicator, period=period, user=self.marta,
                                          total=Decimal(20),
                                          splits={sex[0].options.first(): Decimal(10)})
            services.event_save(plan=plan, user=self.marta, title=f"Reunió {n}", year=2021,
                                element=action, bodies=[self.terrassa_service])
            budget = budget_services.budget_save(plan=plan, user=self.marta, element=action,
                                                 period_total=Decimal(1000))
            budget_services.budget_line_save(budget=budget, user=self.marta, year=2021,
                                             phase="executed", amount=Decimal(100), chapter=2)
        services.period_close(period=period, user=self.carles)
        return plan

    def terrassa_categories(self):
        from monitoring.models import DisaggregationCategory

        return list(DisaggregationCategory.objects.filter(organization__isnull=True))

    def count(self, path: str) -> int:
        self.client.get(path)  # warm the per-process caches (content types, site)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(path)
        self.assertEqual(response.status_code, 200, path)
        return len(queries)

    def test_public_pages_do_not_grow_with_the_plan(self):
        small = self.monitored_plan("petit", 1, 1)
        large = self.monitored_plan("gran", 4, 6)
        for name in [*PAGES, "element", "element_indicators", "element_budget",
                     "element_activities"]:
            with self.subTest(page=name):
                def path(plan, name=name):
                    if name.startswith("element"):
                        line = plan.elements.get(code="LE1")
                        return reverse(f"portal:{name}", args=["terrassa", plan.slug,
                                                               line.slug])
                    return reverse(f"portal:{name}", args=["terrassa", plan.slug])
                small_count = self.count(path(small))
                large_count = self.count(path(large))
                self.assertEqual(small_count, large_count)
                self.assertLessEqual(large_count, LIMIT)

    def test_home_organisation_and_search_pages(self):
        self.monitored_plan("petit", 1, 1)
        counts = {}
        for path in (reverse("portal:home"), reverse("portal:organization", args=["xmess"]),
                     reverse("portal:search") + "?q=acció"):
            counts[path] = self.count(path)
        self.monitored_plan("gran", 4, 6)
        for path, before in counts.items():
            with self.subTest(path=path):
                self.assertEqual(self.count(path), before)
