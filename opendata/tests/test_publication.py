"""Which records of a period, a date or a whole year the public sees (no database)."""

import datetime

from django.test import SimpleTestCase

from monitoring.models import Period
from monitoring.publication import Publication, Visibility


def quarter(number: int, status: str) -> Period:
    return Period(kind="quarter", year=2020, number=number, status=status)


class PublicationTests(SimpleTestCase):
    def test_nothing_is_public_without_public_periods(self):
        publication = Publication.of([])
        self.assertIs(publication.of_period("2020"), Visibility.HIDDEN)
        self.assertIs(publication.of_year(2020), Visibility.HIDDEN)
        self.assertIs(publication.of_date(datetime.date(2020, 5, 1)), Visibility.HIDDEN)

    def test_closed_quarters_publish_their_records_and_dates_but_not_the_whole_year(self):
        # A plan that publishes closed periods only: the fourth quarter is not public yet.
        publication = Publication.of([quarter(1, "closed"), quarter(2, "closed"),
                                      quarter(3, "closed")])
        self.assertIs(publication.of_period("2020-t3"), Visibility.FINAL)
        self.assertIs(publication.of_period("2020-t4"), Visibility.HIDDEN)
        self.assertIs(publication.of_date(datetime.date(2020, 9, 30)), Visibility.FINAL)
        self.assertIs(publication.of_date(datetime.date(2020, 10, 1)), Visibility.HIDDEN)
        self.assertIs(publication.of_year(2020), Visibility.HIDDEN)

    def test_an_open_public_period_makes_its_records_provisional(self):
        # A plan that publishes as soon as data is entered.
        publication = Publication.of([quarter(1, "closed"), quarter(2, "closed"),
                                      quarter(3, "closed"), quarter(4, "open")])
        self.assertIs(publication.of_period("2020-t4"), Visibility.PROVISIONAL)
        self.assertIs(publication.of_date(datetime.date(2020, 12, 31)), Visibility.PROVISIONAL)
        self.assertIs(publication.of_date(datetime.date(2020, 2, 20)), Visibility.FINAL)
        self.assertIs(publication.of_year(2020), Visibility.PROVISIONAL)
        self.assertIs(publication.of_year(2021), Visibility.HIDDEN)

    def test_a_closed_year_is_final_for_its_records_dates_and_amounts(self):
        publication = Publication.of([Period(kind="year", year=2022, number=1,
                                             status="closed")])
        self.assertIs(publication.of_period("2022"), Visibility.FINAL)
        self.assertIs(publication.of_year(2022), Visibility.FINAL)
        self.assertIs(publication.of_date(datetime.date(2022, 3, 29)), Visibility.FINAL)
        self.assertIs(publication.of_year(2023), Visibility.HIDDEN)

    def test_semesters_cover_the_year_together(self):
        first = Period(kind="semester", year=2021, number=1, status="closed")
        second = Period(kind="semester", year=2021, number=2, status="closed")
        self.assertIs(Publication.of([first]).of_year(2021), Visibility.HIDDEN)
        self.assertIs(Publication.of([first, second]).of_year(2021), Visibility.FINAL)
