"""Every list endpoint runs the same number of queries for a plan of 6 elements and for one
of 54 (every page of it, too), with the same kinds of data in both."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.tests.world import ApiTestCase, fill_monitoring
from core.testing import make_plan
from monitoring import services as monitoring


class QueryCountTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.big_plan = make_plan(organization=cls.terrassa, user=cls.marta, slug="gran",
                                 title="Gran", lines=6, actions_per_line=8,
                                 body=cls.terrassa_service)
        fill_monitoring(cls.big_plan, cls.carles, body=cls.terrassa_service,
                        link_to=cls.barcelona_plan)
        for plan in (cls.terrassa_plan, cls.big_plan):  # open periods public, provisional
            monitoring.policy_update(plan=plan, user=cls.carles, period_kind="year",
                                     pace="scheduled", tolerance=10, rollup="weighted_mean",
                                     publication="entered")

    ENDPOINTS = {
        "plan": "",
        "elements": "elements/",
        "elements, page 2": "elements/?page=2&page_size=5",
        "element": "elements/le1/",
        "progress": "progress/",
        "progress of a period": "progress/?period=2021",
        "progress entry": "elements/le1-1/progress/2022/",
        "indicators": "indicators/",
        "indicator value": "indicators/persones-ateses-le11/values/2022/actual/",
        "ratings": "ratings/",
        "budgets": "budgets/",
        "events": "events/",
    }

    def queries(self, url: str) -> int:
        with CaptureQueriesContext(connection) as context:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(context)

    def test_plan_endpoints_do_not_grow_with_the_plan(self):
        self.assertEqual(self.big_plan.elements.count(), 54)
        for name, path in self.ENDPOINTS.items():
            with self.subTest(endpoint=name):
                small = self.queries(self.plan_url("terrassa", "peest") + path)
                big = self.queries(self.plan_url("terrassa", "gran") + path)
                self.assertEqual(small, big)
                self.assertLessEqual(big, 16)

    def test_fixed_counts(self):
        base = self.plan_url("terrassa", "gran")
        # plan; levels, elements, bodies (the tree); calendar, terms, links out, links in
        with self.assertNumQueries(8):
            self.client.get(base + "elements/")
        # plan; policy, periods; elements, progress, calendar (the figures); services
        with self.assertNumQueries(7):
            self.client.get(base + "progress/")
        # plan; policy, periods; indicators, categories, options, values, splits, options;
        # the options' categories
        with self.assertNumQueries(10):
            self.client.get(base + "indicators/")
        # plan; policy, periods; scales, levels, elements, ratings
        with self.assertNumQueries(7):
            self.client.get(base + "ratings/")
        # plan; policy, periods; budgets, lines, personnel co-financing
        with self.assertNumQueries(6):
            self.client.get(base + "budgets/")
        # plan; policy, periods; events, bodies, organisations, attendance, options; the
        # options' categories
        with self.assertNumQueries(9):
            self.client.get(base + "events/")
        with self.assertNumQueries(2):  # count, page
            self.client.get("/api/v1/plans/")
        with self.assertNumQueries(4):  # count, page, networks, members
            self.client.get("/api/v1/organizations/")
