"""A download costs the same number of queries whatever the size of the plan, and a 304 two
(the plan and its newest change)."""

from decimal import Decimal

from budgets import services as budgets
from core.testing import WorldTestCase
from monitoring import services as monitoring
from monitoring.models import DisaggregationOption
from plans import services

# The plan with its organisation, the newest change, the plan document (levels, vocabularies,
# elements and what hangs from them, bodies, monitoring, budgets), the public periods and
# the published plans its links point to.
DOWNLOAD_QUERIES = 36
NOT_MODIFIED_QUERIES = 2
URLS = ("/data/terrassa/peest.json", "/data/terrassa/peest.xlsx",
        "/data/terrassa/peest/budget_lines.csv")


class QueryCountTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        plan, user = cls.terrassa_plan, cls.marta
        monitoring.policy_update(plan=plan, user=user, period_kind="year", pace="linear",
                                 tolerance=Decimal(10), rollup="weighted_mean",
                                 publication="entered")
        cls.period = monitoring.period_create(plan=plan, user=cls.carles, kind="year",
                                              year=2021)
        cls.scale = monitoring.rating_scale_save(plan=plan, user=user, key="utilitat",
                                                 name="Utilitat", levels=[("poc", "Poc"),
                                                                          ("molt", "Molt")])
        services.plan_section_save(plan=plan, user=user, kind="mission", title="Missió",
                                   body="Text")
        cls.add_everything(cls, [plan.elements.get(code="LE1.1")])

    def add_everything(self, elements):
        """One of every kind of record on each element: terms, calendar, bodies, a text, a
        link, progress, an indicator value split by sex, ratings, an activity with its
        attendance, a budget with a line and personnel co-financing."""
        plan, user = self.terrassa_plan, self.marta
        women, men = (DisaggregationOption.objects.get(category__key="sexe", key=key)
                      for key in ("dona", "home"))
        target = self.barcelona_plan.elements.get(code="LE2")
        levels = list(self.scale.levels.all())
        for element in elements:
            term = services.term_save(plan=plan, user=user, vocabulary="instrument",
                                      name=f"Instrument {element.code}")
            services.element_update(element=element, user=user, terms=[term],
                                    responsible=[self.terrassa_service],
                                    calendar=[(2021, None)])
            services.element_section_save(element=element, user=user, kind="motivation",
                                          title="Motivació", body="Per què")
            services.link_create(source=element, target=target, user=user)
            monitoring.progress_save(element=element, period=self.period, user=user,
                                     status="in_progress", percent=Decimal(40),
                                     bodies=[self.terrassa_service])
            indicator = monitoring.indicator_save(plan=plan, user=user, element=element,
                                                  name=f"Persones {element.code}",
                                                  categories=[women.category])
            monitoring.indicator_value_save(indicator=indicator, period=self.period, user=user,
                                            total=Decimal(10),
                                            splits={women: Decimal(6), men: Decimal(4)})
            monitoring.ratings_save(element=element, period=self.period, user=user,
                                    counts={levels[0]: 2, levels[1]: 5})
            monitoring.event_save(plan=plan, user=user, title=f"Reunió {element.code}",
                                  year=2021, element=element, bodies=[self.terrassa_service],
                                  organizations=[self.xmess], attendance=10,
                                  attendance_split={women: 6, men: 4})
            budget = budgets.budget_save(plan=plan, user=user, element=element,
                                         period_total=Decimal(1000))
            budgets.budget_line_save(budget=budget, user=user, year=2021, phase="executed",
                                     amount=Decimal(100), chapter=2)
            budgets.personnel_cost_save(budget=budget, user=user, year=2021,
                                        hours=Decimal(10), hourly_cost=Decimal(30))

    def assert_download_queries(self):
        for url in URLS:
            with self.subTest(url=url), self.assertNumQueries(DOWNLOAD_QUERIES):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_a_small_and_a_large_plan_cost_the_same(self):
        self.assert_download_queries()
        plan, line = self.terrassa_plan, self.terrassa_plan.elements.get(code="LE2")
        level = plan.levels.get(key="action")
        added = [services.element_create(plan=plan, user=self.marta, level=level, parent=line,
                                         code=f"LE2.{n}", title=f"Acció 2.{n}")
                 for n in range(3, 13)]
        self.add_everything(added + list(plan.elements.filter(code__in=["LE1.2", "LE2.1"])))
        self.assertEqual(len(self.client.get(URLS[2]).content.splitlines()), 1 + 13 * 2)
        self.assert_download_queries()

    def test_a_304_costs_two_queries(self):
        for url in URLS:
            etag = self.client.get(url)["ETag"]
            with self.subTest(url=url), self.assertNumQueries(NOT_MODIFIED_QUERIES):
                self.assertEqual(self.client.get(url, headers={"if-none-match": etag})
                                 .status_code, 304)
