"""The Terrassa PEEST 2019-2026 demo file: monitoring and budget of "Palanques d'impuls" as the
programme's annual monitoring report 2022 gives them."""

import datetime
from collections import Counter
from decimal import Decimal

from django.conf import settings
from django.test import TestCase

from budgets.models import Chapter
from exchange.demo import demo_load
from monitoring import calc
from monitoring.models import Event, MonitoringPolicy, Period, Progress
from monitoring.selectors import budget_summaries, indicators_of, plan_figures
from plans.models import Plan

PLAN_FILE = settings.BASE_DIR / "demo/plans/terrassa--peest-2019-2026.yaml"

ACTUACIONS = ["servei-emprenedoria-economia-social", "xarxes-supramunicipals",
              "ess-estrategies-municipals", "espais-participacio-ess"]

# slug: (element, total, {option: amount} or None)
INDICATORS = {
    "persones-ateses-informades": ("servei-emprenedoria-economia-social", 332,
                                   {"dona": 203, "home": 129, "no-binari": 0}),
    "assessoraments-ess": ("servei-emprenedoria-economia-social", 22, None),
    "persones-assessorades-ess": ("servei-emprenedoria-economia-social", 18,
                                  {"dona": 9, "home": 9, "no-binari": 0}),
    "sos-mentoring-sollicituds": ("servei-emprenedoria-economia-social", 22, None),
    "sos-mentoring-persones-ateses": ("servei-emprenedoria-economia-social", 17,
                                      {"dona": 9, "home": 8, "no-binari": 0}),
    "informes-anuals-seguiment": ("servei-emprenedoria-economia-social", 16, None),
    "recull-cures-iniciatives-proposades": ("xarxes-supramunicipals", 4, None),
    "recull-cures-iniciatives-validades": ("xarxes-supramunicipals", 2, None),
}

EVENTS_PER_ACTUACIO = {
    "servei-emprenedoria-economia-social": 1,
    "xarxes-supramunicipals": 23,
    "ess-estrategies-municipals": 25,
    "espais-participacio-ess": 14,
}

# Every date 2.3 gives, by actuació.
DATES = {
    "xarxes-supramunicipals": [
        "2022-02-04", "2022-02-07", "2022-03-04", "2022-03-07", "2022-03-07", "2022-03-18",
        "2022-03-18", "2022-05-27", "2022-06-13", "2022-06-15", "2022-07-06", "2022-09-29",
        "2022-10-26", "2022-12-19",
    ],
    "espais-participacio-ess": ["2022-03-29", "2022-06-28", "2022-10-18", "2022-12-20"],
}

# "L'economia social a les diferents estratègies municipals": activities per service.
STRATEGY_EVENTS_PER_SERVICE = {
    "servei-qualitat-democratica": 3,
    "servei-cooperacio-internacional": 4,
    "servei-politiques-genere": 4,
    "servei-educacio": 1,
    "servei-universitats": 1,
    "servei-cultura": 1,
    "servei-joventut": 4,  # 3 of Joventut, and the consultation on the Guia temps per cures
    "servei-ciutadania": 1,
    "servei-lgtbi": 1,
    "servei-promocio-industrial": 3,
    "servei-comerc": 1,
    "coordinacio-districtes": 1,
    "servei-medi-ambient": 1,
    "ateneu-cooperatiu-valles-occidental": 3,
}


class TerrassaMonitoringDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo_load(plan_files=[PLAN_FILE])
        cls.plan = Plan.objects.get(organization__slug="terrassa", slug="peest-2019-2026")
        cls.programme = cls.plan.elements.get(slug="palanques-impuls")
        cls.periods = {p.year: p for p in Period.objects.filter(plan=cls.plan)}

    # policy and periods ------------------------------------------------------------------

    def test_policy(self):
        policy = self.plan.monitoring_policy
        self.assertEqual(policy.period_kind, MonitoringPolicy.PeriodKind.YEAR)
        self.assertEqual(policy.pace, MonitoringPolicy.Pace.LINEAR)
        self.assertEqual(policy.tolerance, Decimal(10))
        self.assertEqual(policy.rollup, MonitoringPolicy.Rollup.WEIGHTED_MEAN)
        self.assertIn("Informe anual de seguiment 2022", policy.data_note)
        self.assertIn("anys anteriors", policy.data_note)

    def test_periods_2019_to_2026_reported_years_closed(self):
        periods = Period.objects.filter(plan=self.plan)
        self.assertEqual([(p.kind, p.year, p.number) for p in periods],
                         [("year", year, 1) for year in range(2019, 2027)])
        self.assertEqual([p.year for p in periods if p.is_closed], [2019, 2020, 2021, 2022])
        policy = self.plan.monitoring_policy
        self.assertEqual([p.year for p in periods if p.is_public(policy)],
                         [2019, 2020, 2021, 2022])

    # budget ------------------------------------------------------------------------------

    def test_budget_totals_are_computed(self):
        [summary] = budget_summaries(self.plan, up_to_year=2022)
        self.assertEqual(summary.budget.element, self.programme)
        self.assertEqual(summary.budget.period_total, Decimal("360000.00"))
        self.assertEqual(summary.accumulated, Decimal("326113.70"))
        self.assertEqual(summary.executed_this_year, Decimal("84965.00"))
        self.assertEqual(summary.executed_by_year, {
            2019: Decimal("73498.80"), 2020: Decimal("74758.99"),
            2021: Decimal("92890.91"), 2022: Decimal("84965.00")})

    def test_budget_lines_as_the_source_gives_them(self):
        [summary] = budget_summaries(self.plan, up_to_year=2022)
        budget = summary.budget
        self.assertEqual(
            [(line.year, line.chapter, line.phase, line.amount) for line in budget.lines.all()],
            [(2019, None, "executed", Decimal("73498.80")),
             (2020, None, "executed", Decimal("74758.99")),
             (2021, None, "executed", Decimal("92890.91")),
             (2022, Chapter.IV, "executed", Decimal("3275.00"))])
        # "Pressupost 2022 executat del CAP II: -": no other chapter II spending.
        self.assertFalse(budget.lines.filter(chapter=Chapter.II).exists())
        [cost] = budget.personnel_costs.all()
        self.assertEqual((cost.year, cost.chapter, cost.phase), (2022, Chapter.II, "executed"))
        self.assertEqual(cost.amount, Decimal("81690.00"))
        self.assertIn("càlcul proporcional de les hores", budget.note)
        self.assertIn("il·lustratius", budget.note)

    def test_computed_totals_are_not_typed_in_the_file(self):
        text = PLAN_FILE.read_text(encoding="utf-8")
        for figure in ("326113", "326.113", "84965", "84.965"):
            self.assertNotIn(figure, text)

    # progress ----------------------------------------------------------------------------

    def test_four_actuacions_50_percent_in_2022(self):
        for slug in ACTUACIONS:
            progress = Progress.objects.get(element__plan=self.plan, element__slug=slug,
                                            period=self.periods[2022])
            self.assertEqual(progress.status, Progress.Status.IN_PROGRESS, slug)
            self.assertEqual(progress.percent, Decimal(50), slug)
            self.assertTrue(progress.deployment, slug)
        self.assertFalse(Progress.objects.filter(element__plan=self.plan)
                         .exclude(period=self.periods[2022]).exists())

    def test_deployment_and_services_of_2022(self):
        def progress(slug):
            return Progress.objects.get(element__plan=self.plan, element__slug=slug,
                                        period=self.periods[2022])

        first = progress("servei-emprenedoria-economia-social")
        self.assertIn("Programa Pla de Formació des de l'any 2020", first.deployment)
        self.assertIn("Procés de consolidació, reforç i dimensió", first.deployment)
        self.assertIn("Consell Comarcal – XIS", progress("xarxes-supramunicipals").deployment)
        bodies = {slug: {b.slug for b in progress(slug).bodies.all()} for slug in ACTUACIONS}
        self.assertEqual(bodies["servei-emprenedoria-economia-social"],
                         {"servei-emprenedoria-economia-social"})
        self.assertEqual(len(bodies["xarxes-supramunicipals"]), 7)
        self.assertEqual(len(bodies["ess-estrategies-municipals"]), 15)
        self.assertEqual(bodies["espais-participacio-ess"], {"cmesst"})

    def test_programme_rolls_up_to_50_against_50_expected(self):
        period = self.periods[2022]
        rows = plan_figures(self.plan, [period])[period.pk].by_element()
        row = rows[self.programme.pk]
        self.assertTrue(row.figure.rolled_up)
        self.assertEqual(row.percent, Decimal("50.0"))
        self.assertEqual(row.expected, Decimal("50.0"))
        self.assertEqual(row.flag, calc.ON_TRACK)
        own = Progress.objects.get(element=self.programme, period=period)
        self.assertIsNone(own.percent)
        self.assertIn("les palanques es mantindran", own.next_actions)

    def test_2021_has_no_data(self):
        period = self.periods[2021]
        figures = plan_figures(self.plan, [period])[period.pk]
        for row in figures.rows:
            self.assertIsNone(row.percent, row.element.slug)
            self.assertEqual(row.flag, calc.NO_DATA, row.element.slug)
        self.assertEqual(figures.by_element()[self.programme.pk].expected, Decimal("37.5"))

    # indicators --------------------------------------------------------------------------

    def test_indicator_values_and_splits(self):
        period = self.periods[2022]
        series = {s.indicator.slug: s for s in indicators_of(self.plan)}
        self.assertEqual(set(series), set(INDICATORS))
        for slug, (element, total, split) in INDICATORS.items():
            indicator = series[slug].indicator
            self.assertEqual(indicator.element.slug, element, slug)
            self.assertEqual(indicator.measure_type, "count", slug)
            self.assertTrue(indicator.unit, slug)
            value = series[slug].value(period)
            self.assertEqual(value.total, total, slug)
            self.assertEqual({s.option.key: s.amount for s in value.splits.all()},
                             split or {}, slug)
            self.assertEqual([c.key for c in indicator.categories.all()],
                             ["sexe"] if split else [], slug)
            self.assertEqual(len(series[slug].values), 1, slug)

    # events ------------------------------------------------------------------------------

    def test_four_ordinary_cmesst_sessions(self):
        sessions = Event.objects.filter(plan=self.plan, kind=Event.Kind.COUNCIL_SESSION)
        self.assertEqual(sorted(e.date for e in sessions),
                         [datetime.date(2022, 3, 29), datetime.date(2022, 6, 28),
                          datetime.date(2022, 10, 18), datetime.date(2022, 12, 20)])
        for event in sessions:
            self.assertEqual(event.title, "Consell ordinari")
            self.assertEqual(event.element.slug, "espais-participacio-ess")
            self.assertEqual([b.slug for b in event.bodies.all()], ["cmesst"])

    def test_events_per_actuacio(self):
        events = Event.objects.filter(plan=self.plan)
        self.assertEqual(Counter(e.element.slug for e in events), EVENTS_PER_ACTUACIO)
        self.assertEqual({e.year for e in events}, {2022})

    def test_every_date_of_the_source(self):
        for slug in ACTUACIONS:
            dates = sorted(e.date.isoformat() for e in Event.objects.filter(
                plan=self.plan, element__slug=slug, date__isnull=False))
            self.assertEqual(dates, DATES.get(slug, []), slug)

    def test_counted_activities(self):
        def event(key):
            return Event.objects.get(plan=self.plan, key=key)

        self.assertEqual((event("2022-ateneu-emails-coordinacio").kind,
                          event("2022-ateneu-emails-coordinacio").count), ("emails", 28))
        self.assertEqual(event("2022-xmess-gt-futur-coordinacions-email").count, 3)
        self.assertEqual(event("2022-ocell-de-foc-reunions-previes").count, 2)
        self.assertEqual(event("2022-cmesst-visites-entitats").count, 3)
        self.assertEqual(event("2022-cmesst-seguiment-grups-treball").count, 2)
        self.assertEqual(event("2022-cmesst-entitats-presentades").count, 4)
        self.assertEqual(event("2022-cmesst-serveis-ajuntament").count, 2)
        undated = Event.objects.filter(plan=self.plan, date__isnull=True)
        self.assertEqual(undated.count(), 45)

    def test_strategy_events_by_service(self):
        events = Event.objects.filter(plan=self.plan, element__slug="ess-estrategies-municipals")
        per_body = Counter(b.slug for e in events for b in e.bodies.all())
        self.assertEqual(per_body, STRATEGY_EVENTS_PER_SERVICE)
        self.assertTrue(all(e.date is None and e.year == 2022 for e in events))

    def test_organisations_taking_part(self):
        per_organisation = Counter(o.slug for e in Event.objects.filter(plan=self.plan)
                                   for o in e.organizations.all())
        self.assertEqual(per_organisation, {"xmess": 8, "consell-comarcal-valles-occidental": 2,
                                            "ateneu-cooperatiu-valles-occidental": 11})

    def test_cmesst_results(self):
        titles = [e.title for e in Event.objects.filter(
            plan=self.plan, element__slug="espais-participacio-ess", date__isnull=True)]
        for text in ("Maite Márquez, Creixen", "Terrassa Cooperativa i Programes Educatius",
                     "(Creixen, L'Egarenca, La Fact)", "GIT Fiare Vallès-Cat Central",
                     "Comunalitats Urbanes", "Joventut i pacte per l'emancipació",
                     "sindicatura de greuges", "CMHabitatge", "Ciutat del Comerç Just",
                     "plataforma Participa"):
            self.assertTrue(any(text in title for title in titles), text)
