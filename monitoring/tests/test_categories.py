"""An organisation adds its own ways of splitting figures (age bands, type of entity…)."""

from decimal import Decimal

from django.urls import reverse

from core.testing import WorldTestCase
from monitoring import services
from monitoring.models import DisaggregationCategory


class CategoryTests(WorldTestCase):
    def post(self, **extra):
        data = {"name_ca": "Franja d'edat", "name_es": "Franja de edad", "name_en": "Age band",
                "options-TOTAL_FORMS": "4", "options-INITIAL_FORMS": "0",
                "options-0-name_ca": "Menys de 30", "options-1-name_ca": "30 a 64",
                "options-2-name_ca": "65 o més", "options-3-name_ca": "No consta",
                "options-3-is_not_recorded": "on"}
        data.update(extra)
        return self.client.post(reverse("editor:category_create", args=["terrassa"]), data)

    def test_an_editor_adds_a_category_with_its_options_in_order(self):
        self.client.force_login(self.marta)
        self.post()
        category = DisaggregationCategory.objects.get(organization=self.terrassa)
        self.assertEqual([(o.name_ca, o.is_not_recorded) for o in category.options.all()],
                         [("Menys de 30", False), ("30 a 64", False), ("65 o més", False),
                          ("No consta", True)])
        page = self.client.get(reverse("editor:categories", args=["terrassa"]))
        self.assertContains(page, "Franja d&#x27;edat")

    def test_other_organisations_do_not_see_it_and_viewers_cannot_add(self):
        self.client.force_login(self.marta)
        self.post()
        self.client.force_login(self.jordi)
        page = self.client.get(reverse("editor:categories", args=["barcelona"]))
        self.assertNotContains(page, "Franja d&#x27;edat")
        self.client.force_login(self.nuria)
        self.assertEqual(self.post().status_code, 403)

    def test_an_option_with_figures_cannot_be_removed(self):
        category = services.category_save(organization=self.terrassa, user=self.marta,
                                           name_ca="Edat", options=[{"name_ca": "Joves"},
                                                                    {"name_ca": "Adults"}])
        period = services.period_create(plan=self.terrassa_plan, user=self.marta, kind="year",
                                        year=2021)
        indicator = services.indicator_save(plan=self.terrassa_plan, user=self.marta,
                                            name="Participants", categories=[category])
        young = category.options.get(name_ca="Joves")
        services.indicator_value_save(indicator=indicator, period=period, user=self.marta,
                                      total=Decimal(10), splits={young: Decimal(4)})
        from django.core.exceptions import ValidationError

        with self.assertRaises(ValidationError):
            services.category_save(organization=self.terrassa, user=self.marta,
                                   category=category, name_ca="Edat",
                                   options=[{"name_ca": "Adults", "id": category.options.get(
                                       name_ca="Adults").pk}, {"name_ca": "Grans"}])
        self.assertTrue(category.options.filter(pk=young.pk).exists())
