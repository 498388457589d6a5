"""Budget arithmetic, with Palanques d'impuls's figures from its 2022 monitoring report."""

from decimal import Decimal

from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from budgets import arithmetic as a
from budgets.arithmetic import Line

D = Decimal
PALANQUES = [
    Line(2019, None, a.EXECUTED, D("73498.80")),
    Line(2020, None, a.EXECUTED, D("74758.99")),
    Line(2021, None, a.EXECUTED, D("92890.91")),
    Line(2022, 2, a.EXECUTED, a.personnel_amount(D("2723"), D("30.00"))),
    Line(2022, 4, a.EXECUTED, D("3275.00")),
]


class ArithmeticTests(SimpleTestCase):
    def test_personnel_cofinancing_is_hours_times_cost(self):
        self.assertEqual(a.personnel_amount(D("2723"), D("30.00")), D("81690.00"))
        self.assertEqual(a.personnel_amount(D("10.5"), D("33.333")), D("350.00"))

    def test_palanques_accumulated_and_per_year(self):
        self.assertEqual(a.total(PALANQUES, phase=a.EXECUTED, year=2022), D("84965.00"))
        self.assertEqual(a.total(PALANQUES, phase=a.EXECUTED, up_to_year=2022), D("326113.70"))
        self.assertEqual(a.by_year(PALANQUES, phase=a.EXECUTED),
                         {2019: D("73498.80"), 2020: D("74758.99"), 2021: D("92890.91"),
                          2022: D("84965.00")})
        self.assertEqual(a.by_chapter(PALANQUES, phase=a.EXECUTED, year=2022),
                         {2: D("81690.00"), 4: D("3275.00")})
        self.assertEqual(a.share_of(D("326113.70"), D("360000.00")), D("90.6"))

    def test_execution_rate_uses_the_definitive_credit_else_the_initial(self):
        lines = [Line(2023, 2, a.INITIAL, D(1000)), Line(2023, 2, a.EXECUTED, D(600))]
        self.assertEqual(a.execution_rate(lines, year=2023), D("60.0"))
        lines.append(Line(2023, 2, a.DEFINITIVE, D(1200)))
        self.assertEqual(a.execution_rate(lines, year=2023), D("50.0"))
        self.assertIsNone(a.execution_rate(PALANQUES, year=2022))  # no credit to compare with
        self.assertIsNone(a.execution_rate([Line(2023, 1, a.INITIAL, D(0))], year=2023))

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.tuples(st.integers(2019, 2026), st.sampled_from([None, *range(1, 10)]),
                              st.sampled_from([a.INITIAL, a.DEFINITIVE, a.EXECUTED]),
                              st.decimals(min_value=0, max_value=10**9, places=2)),
                    max_size=30))
    def test_totals_are_the_sums_of_their_lines(self, rows):
        lines = [Line(*row) for row in rows]
        for phase in (a.INITIAL, a.DEFINITIVE, a.EXECUTED):
            whole = a.total(lines, phase=phase)
            self.assertEqual(sum(a.by_year(lines, phase=phase).values(), D(0)), whole)
            self.assertEqual(sum(a.by_chapter(lines, phase=phase).values(), D(0)), whole)
            self.assertEqual(a.total(lines, phase=phase, up_to_year=2026), whole)
