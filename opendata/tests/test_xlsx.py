"""The spreadsheet: an "about" sheet describing every table and column in the visitor's
language (Catalan by default), then one sheet per table headed by the columns' keys."""

from core.testing import WorldTestCase
from opendata.tables import TABLES
from opendata.tests.reading import workbook

URL = "/data/terrassa/peest.xlsx"


class SpreadsheetTests(WorldTestCase):
    def test_one_sheet_per_table_headed_by_the_column_keys(self):
        book = workbook(self.client.get(URL))
        self.assertEqual(book.sheetnames, ["about", *(spec.key for spec in TABLES)])
        for spec in TABLES:
            with self.subTest(table=spec.key):
                header = [cell.value for cell in book[spec.key][1]]
                self.assertEqual(header, [column.key for column in spec.columns])
        codes = [row[1] for row in book["elements"].iter_rows(min_row=2, values_only=True)]
        self.assertEqual(codes, ["LE1", "LE1.1", "LE1.2", "LE2", "LE2.1", "LE2.2"])

    def test_the_about_sheet_describes_every_column(self):
        about = workbook(self.client.get(URL))["about"]
        described = {(row[0], row[1]) for row in about.iter_rows(values_only=True)
                     if row[3]}
        for spec in TABLES:
            for column in spec.columns:
                self.assertIn((spec.key, column.key), described)

    def test_the_about_sheet_follows_the_visitor_s_language(self):
        def texts(response):
            return {cell.value for row in workbook(response)["about"].iter_rows()
                    for cell in row}

        catalan = self.client.get(URL)
        spanish = self.client.get(URL, headers={"accept-language": "es"})
        self.assertTrue({"Títol", "Descripció"} <= texts(catalan))
        self.assertTrue({"Título", "Descripción"} <= texts(spanish))
        self.assertNotEqual(catalan["ETag"], spanish["ETag"])
