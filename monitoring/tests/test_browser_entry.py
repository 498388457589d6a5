"""In a real browser, Marta enters a period's data for a programme's action and sees it on
the dashboard — without touching the admin."""

from decimal import Decimal

from django.test import tag
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from core.browser import BrowserTestCase
from monitoring import services
from monitoring.models import DisaggregationCategory, IndicatorValue, Progress


@tag("browser")
class BrowserEntryTests(BrowserTestCase):
    def test_an_editor_enters_a_period_for_an_action_and_the_dashboard_shows_it(self):
        plan = self.terrassa_plan
        services.periods_generate(plan=plan, user=self.carles, kind="year")
        action = plan.elements.get(code="LE1.1")
        sexe = DisaggregationCategory.objects.get(key="sexe", organization__isnull=True)
        indicator = services.indicator_save(plan=plan, user=self.marta, element=action,
                                            name="Persones ateses", unit="persones",
                                            categories=[sexe])
        self.sign_in("marta")
        self.go("/editor/terrassa/plans/peest/monitoring/?period=2022")
        row = self.browser.find_element(By.XPATH, "//tr[th//a[contains(., 'LE1.1')]]")
        row.find_element(By.XPATH, "./td[last()]/a").click()
        self.wait_for("#id_status")
        Select(self.find("#id_status")).select_by_value("in_progress")
        self.find("#id_percent").send_keys("62,5")
        self.find("#id_deployment").send_keys("Sessions informatives cada mes.\n\n- assessorament")
        self.find(f"#id_indicator-{indicator.pk}-total").send_keys("332")
        for key, amount in (("dona", "203"), ("home", "129"), ("no-binari", "0")):
            option = sexe.options.get(key=key)
            self.find(f"#id_indicator-{indicator.pk}-split-{option.pk}").send_keys(amount)
        self.find("main form button[type=submit]").click()
        self.wait_for(".message.success")
        self.assertIn("period=2022", self.browser.current_url)
        row = self.browser.find_element(By.XPATH, "//tr[th//a[contains(., 'LE1.1')]]")
        self.assertIn("62,5", row.text)
        progress = Progress.objects.get(element=action, period__year=2022)
        self.assertEqual(progress.percent, Decimal("62.5"))
        self.assertEqual(progress.deployment,
                         "<p>Sessions informatives cada mes.</p><ul><li>assessorament</li></ul>")
        value = IndicatorValue.objects.get(indicator=indicator)
        self.assertEqual(sorted((s.option.key, s.amount) for s in value.splits.all()),
                         [("dona", 203), ("home", 129), ("no-binari", 0)])

    def test_a_wrong_figure_is_explained_on_the_page_and_nothing_is_stored(self):
        plan = self.terrassa_plan
        services.periods_generate(plan=plan, user=self.carles, kind="year")
        action = plan.elements.get(code="LE1.2")
        period = plan.periods.get(year=2021)
        self.sign_in("marta")
        self.go(f"/editor/terrassa/plans/peest/elements/{action.pk}/monitoring/{period.pk}/")
        self.find("#id_percent").send_keys("140")
        self.find("main form button[type=submit]").click()
        summary = self.wait_for(".error-summary")
        self.assertIn("100", summary.text)
        self.assertFalse(Progress.objects.exists())
