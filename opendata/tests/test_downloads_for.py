"""The list of a plan's downloads the portal shows: every address answers, no query."""

from core.testing import WorldTestCase
from opendata.selectors import downloads_for
from opendata.tables import TABLE_KEYS

CONTENT_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8; header=present",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


class DownloadsForTests(WorldTestCase):
    def test_the_whole_plan_then_one_csv_per_table(self):
        with self.assertNumQueries(0):
            downloads = downloads_for(self.terrassa_plan)
        self.assertEqual([(d.format, d.table) for d in downloads],
                         [("json", ""), ("xlsx", "")] + [("csv", key) for key in TABLE_KEYS])
        self.assertEqual(downloads[0].url, "/data/terrassa/peest.json")
        self.assertEqual(downloads[1].url, "/data/terrassa/peest.xlsx")
        lines = next(d for d in downloads if d.table == "budget_lines")
        self.assertEqual(lines.url, "/data/terrassa/peest/budget_lines.csv")
        self.assertIn("CSV", lines.label)
        self.assertTrue(all(d.label and d.description for d in downloads))

    def test_every_download_answers_with_its_format(self):
        for download in downloads_for(self.terrassa_plan):
            with self.subTest(url=download.url):
                response = self.client.get(download.url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Content-Type"], CONTENT_TYPES[download.format])
                self.assertIn("filename=", response["Content-Disposition"])
