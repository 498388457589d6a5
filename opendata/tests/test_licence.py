"""Every download states its organisation's licence: CC BY 4.0 unless the organisation chose
another, in a Link header and, where the format can hold it, inside the file."""

from core.testing import WorldTestCase
from opendata.tests.reading import json_document, workbook
from organizations.models import DataLicence
from organizations.services import organization_licence_set

URLS = ("/data/terrassa/peest.json", "/data/terrassa/peest.xlsx",
        "/data/terrassa/peest/elements.csv", "/data/terrassa/peest/budget_lines.csv")
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
ODBL = "https://opendatacommons.org/licenses/odbl/1-0/"


class LicenceTests(WorldTestCase):
    def test_cc_by_by_default_in_the_link_header_of_every_download(self):
        for url in URLS:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url)["Link"], f'<{CC_BY}>; rel="license"')

    def test_the_json_metadata_names_the_licence_the_source_and_the_organisation(self):
        metadata = json_document(self.client.get(URLS[0]))["metadata"]
        self.assertEqual(metadata["licence"], {
            "id": "CC-BY-4.0", "name": "Creative Commons Attribution 4.0 (CC BY 4.0)",
            "url": CC_BY})
        self.assertEqual(metadata["source"], "http://testserver/terrassa/peest/")
        self.assertEqual(metadata["organization"],
                         {"slug": "terrassa", "name": "Ajuntament de Terrassa"})
        self.assertEqual(metadata["downloads"]["csv"]["budget_lines"],
                         "http://testserver/data/terrassa/peest/budget_lines.csv")
        self.assertTrue(metadata["generated_at"])

    def test_the_spreadsheet_opens_with_the_licence(self):
        about = workbook(self.client.get(URLS[1]))["about"]
        values = [cell.value for row in about.iter_rows(max_row=8) for cell in row]
        self.assertIn("Creative Commons Attribution 4.0 (CC BY 4.0)", values)
        self.assertIn(CC_BY, values)
        self.assertIn("http://testserver/terrassa/peest/", values)

    def test_the_organisation_s_choice_shows_everywhere(self):
        organization_licence_set(organization=self.terrassa, user=self.carles,
                                 licence=DataLicence.ODBL)
        for url in URLS:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url)["Link"], f'<{ODBL}>; rel="license"')
        metadata = json_document(self.client.get(URLS[0]))["metadata"]
        self.assertEqual(metadata["licence"]["id"], "ODbL-1.0")
        about = workbook(self.client.get(URLS[1]))["about"]
        self.assertIn(ODBL, [cell.value for row in about.iter_rows(max_row=8) for cell in row])
        # Barcelona keeps its own.
        self.assertEqual(self.client.get("/data/barcelona/estrategia.json")["Link"],
                         f'<{CC_BY}>; rel="license"')
