"""Filtering a plan's elements by words, line, body, status, thematic scope and year."""

from decimal import Decimal

from django.urls import reverse

from core.testing import WorldTestCase
from monitoring import services
from plans import services as plan_services
from plans.models import Term


class FilterTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        plan = cls.terrassa_plan
        services.periods_generate(plan=plan, user=cls.carles, kind="year")
        period = plan.periods.get(year=2021)
        cls.finished = plan.elements.get(code="LE1.1")
        services.progress_save(element=cls.finished, period=period, user=cls.marta,
                               status="finished", percent=Decimal(100))
        services.period_close(period=period, user=cls.carles)

    @property
    def url(self):
        return reverse("portal:plan_elements", args=["terrassa", "peest"])

    def codes(self, query: str) -> list[str]:
        response = self.client.get(self.url + query)
        self.assertEqual(response.status_code, 200)
        return [row.split('<span class="code">')[1].split("<")[0]
                for row in response.content.decode().split("<tr>")[2:]]

    def test_words_ignore_case_and_accents(self):
        self.assertEqual(self.codes("?q=ACCIO+1.2"), ["LE1.2"])

    def test_a_line_holds_its_children_and_what_contributes_to_it(self):
        line = self.terrassa_plan.elements.get(code="LE1")
        other = self.terrassa_plan.elements.get(code="LE2.1")
        plan_services.link_create(source=other, target=line, user=self.marta)
        self.assertEqual(self.codes(f"?line={line.pk}"), ["LE1.1", "LE1.2", "LE2.1"])

    def test_status_in_the_published_period(self):
        self.assertEqual(self.codes("?status=finished"), ["LE1.1"])
        self.assertEqual(self.codes("?status=no_data"), ["LE1.2", "LE2.1", "LE2.2"])

    def test_body_scope_and_year(self):
        scope = Term.objects.create(plan=self.terrassa_plan, name="Consum",
                                    vocabulary=Term.Vocabulary.THEMATIC_SCOPE)
        self.finished.terms.add(scope)
        self.assertEqual(self.codes(f"?scope={scope.pk}"), ["LE1.1"])
        self.assertEqual(self.codes(f"?body={self.terrassa_service.pk}"),
                         ["LE1.1", "LE1.2", "LE2.1", "LE2.2"])
        self.assertEqual(self.codes("?year=2021"), ["LE1.1", "LE1.2", "LE2.1", "LE2.2"])

    def test_a_value_that_is_not_offered_is_explained(self):
        response = self.client.get(self.url + "?year=1999&body=abc")
        self.assertContains(response, "Esculliu una opció vàlida")
