"""The monitoring rules on their own: expected pace, on-track flag, roll-ups, distributions."""

from decimal import Decimal

from django.test import SimpleTestCase
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from monitoring import calc
from monitoring.calc import Node

D = Decimal
percents = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False)
weights = st.decimals(min_value=D("0.1"), max_value=50, places=1, allow_nan=False)
statuses = st.sampled_from([calc.PENDING, calc.IN_PROGRESS, calc.POSTPONED, calc.FINISHED])


@st.composite
def children(draw, min_size=1, max_size=6):
    size = draw(st.integers(min_value=min_size, max_value=max_size))
    return [Node(key=i + 1, weight=draw(weights), status=draw(statuses),
                 percent=draw(st.one_of(st.none(), percents))) for i in range(size)]


def parent_of(nodes) -> Node:
    return Node(key=0, children=nodes)


class PaceTests(SimpleTestCase):
    def test_linear_pace_of_an_eight_year_plan_is_twelve_and_a_half_percent_a_year(self):
        for year, expected in ((2019, D("12.5")), (2022, D(50)), (2026, D(100))):
            self.assertEqual(calc.expected_linear(start_year=2019, end_year=2026,
                                                  at=calc.period_end(year, "year", 1)), expected)

    def test_linear_pace_within_a_year(self):
        self.assertEqual(calc.expected_linear(start_year=2020, end_year=2020,
                                              at=calc.period_end(2020, "quarter", 3)), D(75))

    def test_scheduled_pace_counts_the_scheduled_quarters_gone_by(self):
        marks = [(2020, 2), (2020, 3)]
        self.assertEqual(calc.expected_scheduled(marks, at=calc.period_end(2020, "quarter", 1)),
                         D(0))
        self.assertEqual(calc.expected_scheduled(marks, at=calc.period_end(2020, "quarter", 2)),
                         D(50))
        self.assertEqual(calc.expected_scheduled(marks, at=calc.period_end(2020, "year", 1)),
                         D(100))
        self.assertIsNone(calc.expected_scheduled([], at=D(2021)))

    def test_flag(self):
        self.assertEqual(calc.pace_flag(D(45), D(50), D(10)), calc.ON_TRACK)
        self.assertEqual(calc.pace_flag(D(39), D(50), D(10)), calc.BEHIND)
        self.assertEqual(calc.pace_flag(None, D(50), D(10)), calc.NO_DATA)
        self.assertEqual(calc.pace_flag(D(20), None, D(10)), calc.NOT_SCHEDULED)


class RollUpTests(SimpleTestCase):
    def test_a_weighted_mean_with_normalised_weights(self):
        nodes = [Node(key=1, weight=D(3), percent=D(100)), Node(key=2, weight=D(1), percent=D(0))]
        figure = calc.roll_up([parent_of(nodes)], calc.WEIGHTED_MEAN)[0]
        self.assertEqual(figure.percent, D(75))
        self.assertEqual(figure.weights, {1: D("0.75"), 2: D("0.25")})
        self.assertTrue(figure.rolled_up)

    def test_the_four_palanques_at_fifty_percent_give_fifty(self):
        nodes = [Node(key=i, percent=D(50), expected=D(50)) for i in range(1, 5)]
        figure = calc.roll_up([parent_of(nodes)], calc.WEIGHTED_MEAN)[0]
        self.assertEqual((figure.percent, figure.expected), (D(50), D(50)))

    def test_a_finished_element_without_a_figure_counts_as_done(self):
        figure = calc.roll_up([Node(key=1, status=calc.FINISHED)], calc.WEIGHTED_MEAN)[1]
        self.assertEqual(figure.percent, D(100))

    def test_nothing_known_is_no_data_not_zero(self):
        nodes = [Node(key=1), Node(key=2, status=calc.IN_PROGRESS)]
        figure = calc.roll_up([parent_of(nodes)], calc.WEIGHTED_MEAN)[0]
        self.assertIsNone(figure.percent)
        self.assertFalse(figure.has_data)
        self.assertEqual((figure.counted, figure.considered), (0, 2))

    def test_manual_rule_keeps_each_entry(self):
        parent = Node(key=0, percent=D(10), children=[Node(key=1, percent=D(90))])
        self.assertEqual(calc.roll_up([parent], calc.MANUAL)[0].percent, D(10))

    def test_equal_mean_ignores_weights(self):
        nodes = [Node(key=1, weight=D(9), percent=D(100)), Node(key=2, weight=D(1), percent=D(0))]
        self.assertEqual(calc.roll_up([parent_of(nodes)], calc.EQUAL_MEAN)[0].percent, D(50))

    def test_three_levels(self):
        leaf = [Node(key=10, percent=D(20)), Node(key=11, percent=D(40))]
        middle = [Node(key=1, children=leaf), Node(key=2, percent=D(90))]
        figures = calc.roll_up([parent_of(middle)], calc.WEIGHTED_MEAN)
        self.assertEqual(figures[1].percent, D(30))
        self.assertEqual(figures[0].percent, D(60))

    @settings(max_examples=200, deadline=None)
    @given(children(), st.decimals(min_value=D("0.01"), max_value=1000, places=2))
    def test_scaling_all_weights_changes_nothing(self, nodes, factor):
        before = calc.roll_up([parent_of(nodes)], calc.WEIGHTED_MEAN)[0]
        scaled = [Node(key=n.key, weight=n.weight * factor, status=n.status, percent=n.percent)
                  for n in nodes]
        after = calc.roll_up([parent_of(scaled)], calc.WEIGHTED_MEAN)[0]
        if before.percent is None:
            self.assertIsNone(after.percent)
        else:
            self.assertAlmostEqual(float(before.percent), float(after.percent), places=6)

    @settings(max_examples=200, deadline=None)
    @given(children(), weights)
    def test_a_child_without_data_never_counts_as_zero(self, nodes, weight):
        assume(any(calc.own_percent(n) is not None for n in nodes))
        before = calc.roll_up([parent_of(nodes)], calc.WEIGHTED_MEAN)[0]
        with_unknown = nodes + [Node(key=99, weight=weight, status=calc.IN_PROGRESS)]
        after = calc.roll_up([parent_of(with_unknown)], calc.WEIGHTED_MEAN)[0]
        self.assertEqual(before.percent, after.percent)
        self.assertEqual(after.considered, before.considered + 1)
        self.assertEqual(after.counted, before.counted)

    @settings(max_examples=200, deadline=None)
    @given(children(), percents, weights)
    def test_cancelled_children_are_left_out(self, nodes, percent, weight):
        before = calc.roll_up([parent_of(nodes)], calc.WEIGHTED_MEAN)[0]
        cancelled = Node(key=99, weight=weight, status=calc.CANCELLED, percent=percent)
        after = calc.roll_up([parent_of(nodes + [cancelled])], calc.WEIGHTED_MEAN)[0]
        self.assertEqual(before.percent, after.percent)
        self.assertEqual(before.considered, after.considered)

    @settings(max_examples=200, deadline=None)
    @given(children())
    def test_the_roll_up_lies_between_its_children_and_weights_add_up_to_one(self, nodes):
        figure = calc.roll_up([parent_of(nodes)], calc.WEIGHTED_MEAN)[0]
        known = [calc.own_percent(n) for n in nodes if calc.own_percent(n) is not None]
        if not known:
            self.assertIsNone(figure.percent)
            return
        self.assertGreaterEqual(figure.percent, min(known) - D("0.000001"))
        self.assertLessEqual(figure.percent, max(known) + D("0.000001"))
        self.assertAlmostEqual(float(sum(figure.weights.values())), 1.0, places=9)


class DistributionAndAggregationTests(SimpleTestCase):
    def test_ratings_add_up_as_distributions(self):
        self.assertEqual(calc.distribution([{"poc": 2, "molt": 1}, {"poc": 1, "suficient": 4}]),
                         {"poc": 3, "molt": 1, "suficient": 4})

    def test_indicator_over_time(self):
        series = [D(3), None, D(5), D(2)]
        self.assertEqual(calc.aggregate_over_time(series, "sum"), D(10))
        self.assertEqual(calc.aggregate_over_time(series, "last"), D(2))
        self.assertEqual(calc.aggregate_over_time(series, "max"), D(5))
        self.assertEqual(calc.aggregate_over_time([D(2), D(4)], "mean"), D(3))
        self.assertIsNone(calc.aggregate_over_time([None], "sum"))

    def test_indicator_over_organisations(self):
        self.assertEqual(calc.aggregate_over_organizations([D(1), D(3)], "mean"), D(2))
        self.assertIsNone(calc.aggregate_over_organizations([D(1)], "none"))
