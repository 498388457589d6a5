"""The illustrative monitoring data of the XMESS work plan 2020: marked as invented, quarterly,
consistent over time, with utility and impact distributions, and locked where closed."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import TestCase

from exchange.demo import demo_load
from history.models import Change
from monitoring.models import Period, Progress, Rating
from monitoring.services import progress_save
from plans.models import Plan

PLAN_FILE = settings.BASE_DIR / "demo/plans/xmess--pla-treball-2020.yaml"
ACTIONS = [str(n) for n in range(1, 30)]
LEVELS = ["poc", "suficient", "molt"]
STATUS_ORDER = {Progress.Status.PENDING: 0, Progress.Status.IN_PROGRESS: 1,
                Progress.Status.FINISHED: 2}


class Xmess2020MonitoringDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo_load(plan_files=[PLAN_FILE])
        cls.plan = Plan.objects.get(organization__slug="xmess", slug="pla-treball-2020")

    def progress_by_action(self) -> dict[str, list[Progress]]:
        result = {code: [] for code in ACTIONS}
        for entry in (Progress.objects.filter(element__plan=self.plan)
                      .select_related("element", "period")
                      .order_by("period__year", "period__number")):
            result[entry.element.slug].append(entry)
        return result

    def test_the_data_note_says_the_data_is_illustrative(self):
        policy = self.plan.monitoring_policy
        self.assertIn("il·lustratives", policy.data_note)
        self.assertIn("inventades", policy.data_note)
        self.assertIn("No provenen de cap document de la XMESS", policy.data_note)
        self.assertEqual((policy.period_kind, policy.pace, policy.tolerance, policy.rollup),
                         ("quarter", "scheduled", Decimal(15), "weighted_mean"))

    def test_four_quarters_the_first_three_closed(self):
        periods = list(Period.objects.filter(plan=self.plan).order_by("year", "number"))
        self.assertEqual([(p.kind, p.year, p.number) for p in periods],
                         [("quarter", 2020, n) for n in (1, 2, 3, 4)])
        self.assertEqual([p.is_closed for p in periods], [True, True, True, False])

    def test_every_action_has_its_last_quarter_progress(self):
        entries = Progress.objects.filter(element__plan=self.plan, period__number=4)
        self.assertEqual(sorted(entries.values_list("element__slug", flat=True), key=int),
                         ACTIONS)

    def test_progress_never_goes_back(self):
        for code, entries in self.progress_by_action().items():
            with self.subTest(action=code):
                percents = [e.percent for e in entries if e.percent is not None]
                self.assertEqual(percents, sorted(percents))
                steps = [STATUS_ORDER[e.status] for e in entries if e.status in STATUS_ORDER]
                self.assertEqual(steps, sorted(steps))
                for entry in entries:
                    if entry.status == Progress.Status.FINISHED:
                        self.assertIn(entry.percent, (None, Decimal(100)))
        self.assertFalse(Progress.objects.filter(element__plan=self.plan,
                                                 status=Progress.Status.CANCELLED).exists())

    def test_utility_and_impact_distributions_in_the_last_quarter(self):
        scales = {s.key: [level.key for level in s.levels.all()]
                  for s in self.plan.rating_scales.prefetch_related("levels")}
        self.assertEqual(scales, {"utilitat": LEVELS, "impacte": LEVELS})
        rated = (Progress.objects.filter(element__plan=self.plan, period__number=4,
                                         status__in=[Progress.Status.FINISHED,
                                                     Progress.Status.IN_PROGRESS])
                 .values_list("element__slug", flat=True))
        self.assertGreater(len(rated), 20)
        ratings = Rating.objects.filter(element__plan=self.plan).select_related(
            "element", "period", "level__scale")
        self.assertEqual({r.period.number for r in ratings}, {4})
        for slug in rated:
            for scale in ("utilitat", "impacte"):
                with self.subTest(action=slug, scale=scale):
                    counts = {r.level.key: r.count for r in ratings
                              if r.element.slug == slug and r.level.scale.key == scale}
                    self.assertEqual(sorted(counts, key=LEVELS.index), LEVELS)
                    self.assertTrue(9 <= sum(counts.values()) <= 30)

    def test_a_closed_quarter_cannot_be_changed(self):
        entry = Progress.objects.get(element__plan=self.plan, element__slug="10",
                                     period__number=2)
        changes = Change.objects.count()
        with self.assertRaises(ValidationError):
            progress_save(element=entry.element, period=entry.period, user=None,
                          status=Progress.Status.IN_PROGRESS, percent=Decimal(90),
                          deployment="Canvi.")
        entry.refresh_from_db()
        self.assertEqual(entry.percent, Decimal(20))
        self.assertEqual(entry.deployment, "")
        self.assertEqual(Change.objects.count(), changes)
