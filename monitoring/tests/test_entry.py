"""Marta enters a period's data for an element through the editor; Carles closes periods."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.testing import WorldTestCase, make_plan
from history.models import Change
from monitoring import services
from monitoring.models import Indicator, IndicatorValue, Period, Progress, Rating


class EntryTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        plan = cls.terrassa_plan
        cls.periods = services.periods_generate(plan=plan, user=cls.carles, kind="year")
        cls.p2021 = next(p for p in cls.periods if p.year == 2021)
        cls.action = plan.elements.get(code="LE1.1")
        cls.indicator = services.indicator_save(
            plan=plan, user=cls.marta, element=cls.action, name="Persones ateses",
            unit="persones", categories=[cls.sexe()])
        cls.scale = services.rating_scale_save(plan=plan, user=cls.marta, key="utilitat",
                                               name="Utilitat",
                                               levels=[("poc", "Poc"), ("molt", "Molt")])

    @staticmethod
    def sexe():
        from monitoring.models import DisaggregationCategory

        return DisaggregationCategory.objects.get(key="sexe", organization__isnull=True)

    def url(self, period=None):
        return reverse("editor:entry", args=["terrassa", "peest", self.action.pk,
                                             (period or self.p2021).pk])

    def option_id(self, key):
        return self.sexe().options.get(key=key).pk

    def post(self, **fields):
        data = {"status": "in_progress", "percent": "40", "deployment": "Avança bé.",
                f"indicator-{self.indicator.pk}-total": "332",
                f"indicator-{self.indicator.pk}-split-{self.option_id('dona')}": "203",
                f"indicator-{self.indicator.pk}-split-{self.option_id('home')}": "129",
                f"indicator-{self.indicator.pk}-split-{self.option_id('no-binari')}": "0",
                f"rating-{self.scale.levels.get(key='molt').pk}": "5"}
        data.update(fields)
        return self.client.post(self.url(), data)

    def test_an_editor_enters_progress_values_splits_and_ratings_together(self):
        self.client.force_login(self.marta)
        self.assertContains(self.client.get(self.url()), "Persones ateses")
        response = self.post(bodies=[self.terrassa_service.pk])
        self.assertEqual(response.status_code, 302)
        progress = Progress.objects.get(element=self.action, period=self.p2021)
        self.assertEqual((progress.percent, progress.deployment), (40, "<p>Avança bé.</p>"))
        self.assertEqual(list(progress.bodies.all()), [self.terrassa_service])
        value = IndicatorValue.objects.get(indicator=self.indicator, period=self.p2021)
        self.assertEqual(value.total, 332)
        self.assertEqual({s.option.key: s.amount for s in value.splits.all()},
                         {"dona": 203, "home": 129, "no-binari": 0})
        self.assertEqual(Rating.objects.get().count, 5)
        self.assertTrue(Change.objects.filter(content_type__model="progress",
                                              user=self.marta).exists())

    def test_catalan_number_formats_are_read(self):
        self.client.force_login(self.marta)
        self.post(percent="12,5", **{f"indicator-{self.indicator.pk}-total": "1.332"})
        self.assertEqual(Progress.objects.get().percent, Decimal("12.5"))
        self.assertEqual(IndicatorValue.objects.get().total, 1332)

    def test_a_split_larger_than_its_total_stores_nothing_at_all(self):
        self.client.force_login(self.marta)
        response = self.post(**{f"indicator-{self.indicator.pk}-total": "300"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "332")  # the split's sum, named in the message
        self.assertContains(response, 'class="error-summary"')
        self.assertFalse(Progress.objects.exists())  # the progress was rolled back too
        self.assertFalse(IndicatorValue.objects.exists())

    def test_a_percentage_over_100_is_refused(self):
        self.client.force_login(self.marta)
        response = self.post(percent="140")
        self.assertContains(response, 'class="error-summary"')
        self.assertFalse(Progress.objects.exists())

    def test_a_finished_element_cannot_be_half_done(self):
        self.client.force_login(self.marta)
        response = self.post(status="finished", percent="60")
        self.assertContains(response, 'class="error-summary"')
        self.assertFalse(Progress.objects.exists())

    def test_a_closed_period_is_locked_until_an_administrator_reopens_it(self):
        status_url = reverse("editor:period_status", args=["terrassa", "peest", self.p2021.pk])
        self.client.force_login(self.marta)
        self.assertEqual(self.client.post(status_url, {"action": "close"}).status_code, 403)
        self.client.force_login(self.carles)
        self.client.post(status_url, {"action": "close"})
        self.p2021.refresh_from_db()
        self.assertTrue(self.p2021.is_closed)
        self.client.force_login(self.marta)
        response = self.post()
        self.assertContains(response, "2021")
        self.assertFalse(Progress.objects.exists())
        self.client.force_login(self.carles)
        self.client.post(status_url, {"action": "reopen"})
        statuses = list(Change.objects.filter(content_type__model="period",
                                              object_id=self.p2021.pk,
                                              action=Change.Action.STATUS)
                        .order_by("pk").values_list("after__status", flat=True))
        self.assertEqual(statuses, ["closed", "open"])
        self.client.force_login(self.marta)
        self.assertEqual(self.post().status_code, 302)

    def test_the_dashboard_shows_what_is_behind_and_what_lacks_data(self):
        services.progress_save(element=self.action, period=self.p2021, user=self.marta,
                               status="in_progress", percent=Decimal(10))
        self.client.force_login(self.nuria)
        response = self.client.get(reverse("editor:monitoring", args=["terrassa", "peest"])
                                   + "?period=2021")
        figures = response.context["figures"]
        self.assertEqual([row.element.code for row in figures.behind], ["LE1.1"])
        self.assertEqual(sorted(row.element.code for row in figures.lacking_data),
                         ["LE1.2", "LE2.1", "LE2.2"])
        line = figures.by_element()[self.element(self.terrassa_plan, "LE1").pk]
        self.assertEqual(line.figure.percent, 10)  # the only child with data; no zeros
        self.assertEqual((line.figure.counted, line.figure.considered), (1, 2))
        self.assertContains(response, "sense dades")

    def test_dashboard_and_element_pages_cost_the_same_queries_whatever_the_size(self):
        large = make_plan(organization=self.terrassa, user=self.marta, slug="gran",
                          title="Gran", lines=6, actions_per_line=8,
                          body=self.terrassa_service)
        services.rating_scale_save(plan=large, user=self.marta, key="utilitat", name="Utilitat",
                                   levels=[("poc", "Poc"), ("molt", "Molt")])
        for plan in (self.terrassa_plan, large):
            for element in plan.elements.all():
                services.indicator_save(plan=plan, user=self.marta, element=element,
                                        name=f"Indicador {element.code}",
                                        categories=[self.sexe()])
            services.periods_generate(plan=plan, user=self.carles, kind="year")
            periods = list(plan.periods.order_by("year"))
            for element in plan.elements.filter(level__holds_actions=True):
                services.progress_save(element=element, period=periods[1], user=self.marta,
                                       status="in_progress", percent=Decimal(30),
                                       bodies=[self.terrassa_service])
                services.event_save(plan=plan, user=self.marta, title="Reunió", year=2021,
                                    element=element.parent)
                indicator = element.indicators.get(name__startswith="Indicador")
                services.indicator_value_save(indicator=indicator, period=periods[1],
                                              user=self.marta, total=Decimal(5),
                                              splits={self.sexe().options.first(): 2})
        self.client.force_login(self.marta)

        def queries(url):
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(url).status_code, 200)
            return len(captured)

        small_plan = self.terrassa_plan
        for name in ("monitoring", "events", "indicators", "budgets"):
            with self.subTest(page=name):
                self.assertEqual(queries(reverse(f"editor:{name}", args=["terrassa", "peest"])),
                                 queries(reverse(f"editor:{name}", args=["terrassa", "gran"])))
        small = queries(reverse("editor:element_monitoring", args=[
            "terrassa", "peest", small_plan.elements.get(code="LE1").pk]))
        big = queries(reverse("editor:element_monitoring", args=[
            "terrassa", "gran", large.elements.get(code="LE1").pk]))
        self.assertEqual(small, big)


class IndicatorDefinitionTests(WorldTestCase):
    def test_an_editor_defines_an_indicator_with_its_split(self):
        self.client.force_login(self.marta)
        action = self.element(self.terrassa_plan, "LE1.1")
        from monitoring.models import DisaggregationCategory

        sexe = DisaggregationCategory.objects.get(key="sexe")
        self.client.post(reverse("editor:indicator_create", args=["terrassa", "peest"]), {
            "name": "Assessoraments", "element": action.pk, "unit": "assessoraments",
            "measure_type": "count", "higher_is_better": "on", "time_aggregation": "sum",
            "organization_aggregation": "sum", "categories": [sexe.pk]})
        indicator = Indicator.objects.get(name="Assessoraments")
        self.assertEqual((indicator.element, list(indicator.categories.all())),
                         (action, [sexe]))

    def test_periods_outside_the_plan_are_refused(self):
        from django.core.exceptions import ValidationError

        with self.assertRaises(ValidationError):
            services.period_create(plan=self.terrassa_plan, user=self.marta, kind="year",
                                   year=2030)
        self.assertFalse(Period.objects.exists())
