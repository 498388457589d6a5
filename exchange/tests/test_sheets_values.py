"""Cells read the way technicians write them: Catalan and Spanish numbers and dates, yes and
no in three languages, lists with semicolons."""

import datetime
from decimal import Decimal

from django.test import SimpleTestCase

from exchange.sheets.values import CellError, boolean, date, decimal, integer, names, normalise


class NumberTests(SimpleTestCase):
    def test_catalan_and_spanish_numbers(self):
        for written, expected in [("84.965,00", "84965.00"), ("84 965,00", "84965.00"),
                                  ("84\u00a0965,5", "84965.5"), ("12,5", "12.5"),
                                  ("1.234", "1234"), ("1.234.567", "1234567"),
                                  ("1.234.567,89", "1234567.89"), ("0,75", "0.75"),
                                  ("50%", "50"), ("3.000 €", "3000"), ("-2,5", "-2.5")]:
            with self.subTest(written=written):
                self.assertEqual(decimal(written), Decimal(expected))

    def test_plain_numbers_and_real_number_cells(self):
        self.assertEqual(decimal("84965.00"), Decimal("84965.00"))
        self.assertEqual(decimal("12.5"), Decimal("12.5"))
        self.assertEqual(decimal("0.234"), Decimal("0.234"))  # never thousands after a 0
        self.assertEqual(decimal("1,234,567.5"), Decimal("1234567.5"))
        self.assertEqual(decimal(84965.0), Decimal("84965.0"))
        self.assertEqual(decimal(332), Decimal(332))
        self.assertEqual(decimal(Decimal("3.10")), Decimal("3.10"))
        self.assertIsNone(decimal(""))
        self.assertIsNone(decimal(None))

    def test_what_is_not_a_number_says_so(self):
        for written in ("abc", "1.2.3,4,5", "12,34,5", "29/03/2022", "1e5", "--1", "5."):
            with self.subTest(written=written), self.assertRaises(CellError):
                decimal(written)
        with self.assertRaisesMessage(CellError, "és una data, no un nombre"):
            decimal(datetime.date(2022, 3, 29))
        with self.assertRaises(CellError):
            decimal(float("nan"))

    def test_whole_numbers(self):
        self.assertEqual(integer("2.022"), 2022)
        self.assertEqual(integer(2022.0), 2022)
        with self.assertRaisesMessage(CellError, "no és un nombre enter"):
            integer("2,5")


class DateTests(SimpleTestCase):
    def test_catalan_and_iso_dates_and_date_cells(self):
        expected = datetime.date(2022, 3, 29)
        for written in ("29/03/2022", "29/3/2022", "2022-03-29", "29-03-2022", "29.03.2022",
                        "2022-03-29 00:00:00", datetime.datetime(2022, 3, 29), expected):
            with self.subTest(written=written):
                self.assertEqual(date(written), expected)

    def test_a_wrong_date_says_how_to_write_it(self):
        for written in ("31/02/2022", "març 2022", "2022/13/01"):
            with self.subTest(written=written), self.assertRaisesMessage(CellError,
                                                                         "29/03/2022"):
                date(written)


class WordTests(SimpleTestCase):
    def test_yes_and_no_in_three_languages(self):
        for written in ("sí", "Si", "SÍ", "yes", "true", "x", "1", True):
            self.assertIs(boolean(written), True, written)
        for written in ("no", "No", "false", "0", "fals", False):
            self.assertIs(boolean(written), False, written)
        self.assertIsNone(boolean(""))
        with self.assertRaises(CellError):
            boolean("potser")

    def test_lists_keep_commas_inside_names(self):
        self.assertEqual(names("Jornades, formacions, tallers; Materials"),
                         ["Jornades, formacions, tallers", "Materials"])
        self.assertEqual(names("CT;\nST ;"), ["CT", "ST"])
        self.assertEqual(names(None), [])

    def test_headers_compare_without_accents_case_or_spacing(self):
        self.assertEqual(normalise("  % Executat "), normalise("% executat"))
        self.assertEqual(normalise("Àmbits  temàtics"), "ambits tematics")
        self.assertEqual(normalise("Col·laboració"), normalise("collaboracio"))
        self.assertEqual(normalise("next_actions"), "next actions")
