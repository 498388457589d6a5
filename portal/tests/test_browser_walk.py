"""In a real browser, a citizen goes from the portal's home to Terrassa's Palanques d'impuls
and to the XMESS's 2020 work plan, reads their progress against the expected pace, budget
(a chart and the same figures as a table), results split by sex and activities, and
downloads a report and the data."""

import io
import urllib.request
import zipfile

from django.conf import settings
from selenium.webdriver.common.by import By

from core.browser import BrowserTestCase
from exchange.demo import demo_load

PLANS = settings.BASE_DIR / "demo/plans"


class PortalWalkTests(BrowserTestCase):
    def setUp(self):
        demo_load(plan_files=[PLANS / "terrassa--peest-2019-2026.yaml",
                              PLANS / "xmess--pla-treball-2020.yaml"])
        self.browser.delete_all_cookies()

    def click(self, text: str) -> None:
        self.browser.find_element(By.PARTIAL_LINK_TEXT, text).click()

    def tab(self, name: str) -> None:
        """Open one of the element's sections (its tabs)."""
        self.browser.find_element(
            By.XPATH, f"//main//ul[@class='tabs']//a[normalize-space()='{name}']").click()

    def main_text(self) -> str:
        return self.find("main").text

    def fetch(self, link_text: str) -> tuple[str, bytes]:
        href = self.browser.find_element(By.PARTIAL_LINK_TEXT, link_text).get_attribute("href")
        with urllib.request.urlopen(href) as response:  # noqa: S310 — our live server
            return response.headers["Content-Type"], response.read()

    def test_terrassa_palanques_impuls(self):
        self.go("/")
        self.click("Pla Estratègic de l'Economia Social i Solidària de Terrassa")
        self.assertIn("Progrés a 2022", self.main_text())
        self.click("Palanques d'impuls")
        text = self.main_text()
        progress = self.find("section[aria-labelledby=progress]").text
        self.assertIn("2022", progress)
        self.assertIn("50 %", progress)
        self.assertIn("Al dia", progress)
        self.assertIn("Informe anual de seguiment 2022", text)
        content_type, body = self.fetch("PDF")
        self.assertEqual(content_type, "application/pdf")
        self.assertTrue(body.startswith(b"%PDF"))

        self.tab("Pressupost")
        chart = self.find("main svg[role=img]")
        self.assertIn("Pressupost executat per any",
                      chart.find_element(By.TAG_NAME, "title").get_attribute("textContent"))
        table = self.find("main").find_element(By.XPATH,
                                               ".//table[caption[contains(., 'per any')]]")
        for figure in ("73.498,80 €", "74.758,99 €", "92.890,91 €", "84.965,00 €"):
            self.assertIn(figure, table.text)
        self.tab("Indicadors")
        indicators = self.main_text()
        self.assertIn("Persones ateses o informades", indicators)
        self.assertIn("Dones", indicators)
        self.assertIn("203", indicators)
        self.tab("Activitats")
        self.assertIn("29/03/2022", self.main_text())
        self.assertEqual(content_type, "application/pdf")
        self.assertTrue(body.startswith(b"%PDF"))

        self.click("Pla Estratègic de l'Economia Social i Solidària de Terrassa")
        self.click("Dades obertes")
        self.assertIn("CC BY 4.0", self.main_text())
        content_type, body = self.fetch("XLSX")
        self.assertIn("spreadsheetml", content_type)
        self.assertIn("xl/workbook.xml", zipfile.ZipFile(io.BytesIO(body)).namelist())

    def test_xmess_2020_work_plan(self):
        self.go("/")
        self.click("Pla de treball 2020 de la XMESS")
        text = self.main_text()
        self.assertIn("Progrés a 2020 T4", text)
        self.assertIn("provisionals", text)
        self.click("Celebrar entre 3-4 jornades")
        progress = self.find("section[aria-labelledby=progress]").text
        for quarter in ("2020 T1", "2020 T2", "2020 T3", "2020 T4"):
            self.assertIn(quarter, progress)
        self.tab("Activitats")
        activities = self.main_text()
        self.assertIn("Jornada en línia sobre joves i ESS", activities)
        self.assertIn("30 dones", activities)

        self.click("Pla de treball 2020 de la XMESS")
        self.click("Pressupost")
        self.find("main svg[role=img]")
        table = self.find("main table").text  # per year: the chart's figures
        self.assertIn("63.282,45 €", table)
        self.assertIn("66.500,00 €", table)
        self.assertIn("95,2 %", table)
        self.assertIn("39.870,45 €", self.main_text())  # chapter II
        self.click("Indicadors")
        self.assertIn("Utilitat", self.main_text())
        self.click("Informes")
        content_type, body = self.fetch("PDF")
        self.assertTrue(body.startswith(b"%PDF"))
        self.click("Dades obertes")
        content_type, body = self.fetch("JSON")
        self.assertIn("json", content_type)
        self.assertIn(b"pla-treball-2020", body)
