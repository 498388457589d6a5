"""Files that are too big, zip bombs, damaged workbooks, CSV files that are not text: each
refused with a clear message, quickly, and nothing stored."""

import io
import time
import zipfile

from django.test import override_settings

from core.testing import WorldTestCase
from exchange.sheets.export import template_download
from exchange.tests.sheets import run, table_counts, xlsx


def with_part(data: bytes, name: str, content: bytes | None = None, replace=None) -> bytes:
    """The zip ``data`` with the part ``name`` added (or its text replaced)."""
    source = zipfile.ZipFile(io.BytesIO(data)) if data else None
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist() if source else []:
            part = source.read(info)
            if replace and info.filename == name:
                part = part.replace(*replace)
            target.writestr(info, part)
        if content is not None:
            target.writestr(name, content)
    return output.getvalue()


class BadFileTests(WorldTestCase):
    def setUp(self):
        super().setUp()
        self.before = table_counts()
        self.started = time.monotonic()

    def refused(self, data: bytes, filename: str, *expected: str):
        result = run(self.terrassa, data, filename, plan_slug="peest", apply=True)
        self.assertEqual(len(result.errors), 1, result.errors)
        for text in expected:
            self.assertIn(text, str(result.errors[0]))
        self.assertFalse(result.applied)
        self.assertEqual(table_counts(), self.before)
        self.assertLess(time.monotonic() - self.started, 5)
        return result

    def test_a_file_over_the_size_limit_says_the_limit(self):
        self.refused(b"x" * (10 * 1024 * 1024 + 1), "gran.csv", "10 MB")
        with override_settings(SPREADSHEET_MAX_BYTES=2 * 1024 * 1024):
            self.refused(b"x" * (3 * 1024 * 1024), "gran.xlsx", "2 MB", "3 MB")

    def test_a_zip_bomb_is_refused_before_it_is_opened(self):
        workbook = xlsx({"elements": [["codi", "títol"], ["LE1", "Línia"]]})
        bomb = with_part(workbook, "xl/media/zeros.bin", b"\0" * (50 * 1024 * 1024))
        self.assertLess(len(bomb), 200 * 1024)
        self.refused(bomb, "bomba.xlsx", "bomba zip")
        self.refused(with_part(b"", "a.csv", b"a;b\n" * (20 * 1024 * 1024)), "bomba.zip",
                     "bomba zip")

    def test_a_sheet_declaring_too_many_rows_or_columns_is_refused_before_it_is_read(self):
        workbook = xlsx({"elements": [["codi", "títol"], ["LE1", "Línia"]]})
        for dimension in (b'ref="A1:B1048576"', b'ref="A1:XFD2"'):
            with self.subTest(dimension=dimension):
                data = with_part(workbook, "xl/worksheets/sheet1.xml",
                                 replace=(b'ref="A1:B2"', dimension))
                self.refused(data, "fulls.xlsx", "20000")

    @override_settings(SPREADSHEET_MAX_ROWS=50)
    def test_a_sheet_with_too_many_rows_is_refused_while_it_is_read(self):
        rows = [["codi", "títol"]] + [[f"X{n}", f"Element {n}"] for n in range(60)]
        data = with_part(xlsx({"elements": rows}), "xl/worksheets/sheet1.xml",
                         replace=(b'<dimension ref="A1:B61"/>', b""))
        self.refused(data, "fulls.xlsx", "50")
        self.refused("\n".join(";".join(row) for row in rows).encode(), "elements.csv", "50")

    def test_damaged_workbooks(self):
        good = template_download(self.terrassa_plan, kind="structure", format="xlsx").content
        for name, data in [("truncated", good[: len(good) // 2]),
                           ("random bytes", bytes(range(256)) * 50),
                           ("no workbook", with_part(b"", "hola.txt", b"hola")),
                           ("bad xml", with_part(good, "xl/workbook.xml",
                                                 replace=(b"<sheets>", b"<sheets><<")))]:
            with self.subTest(name=name):
                self.refused(data, "fulls.xlsx")

    def test_a_csv_that_is_not_text(self):
        png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 20
        self.refused(png, "imatge.csv", "imatge.csv")
        xlsx_as_csv = xlsx({"elements": [["codi"], ["LE1"]]})
        self.refused(xlsx_as_csv, "fulls.csv", "fulls.csv")

    def test_other_files(self):
        self.refused(b"", "buit.csv")
        self.refused(b"PK", "fulls.ods", "fulls.ods")
        self.refused(with_part(b"", "llegiu.txt", b"res"), "fulls.zip")
        self.refused(b"a;b\n\"sense tancar\n" + b"x" * 200_000, "elements.csv")
