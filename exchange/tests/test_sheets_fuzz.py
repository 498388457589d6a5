"""Malformed sheets — random headers, cells of every type, missing cells, duplicate codes,
circles of parents, garbage bytes — never make the import fail with an unhandled exception,
and a file with any error never stores anything."""

import csv
import datetime
import io

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from core.testing import build_world
from exchange.sheets import columns as c
from exchange.tests.sheets import run, table_counts, xlsx

TABLES = [c.ELEMENTS, c.LINKS, c.PROGRESS, c.LINES, c.EVENTS, c.PERIODS, c.VALUES, c.PLAN]
CODES = ["LE1", "LE2", "LE1.1", "LE1.2", "LE2.1", "LE9", "", "line", "action", "seess",
         "SEESS", "2021", "2020-T1", "2022", "persones-ateses", "=SUM(A1:A3)", "-1", "@x"]


def headers(table: c.Table):
    names = [col.name(lang) for col in table.columns for lang in c.LANGUAGES]
    return st.lists(st.one_of(st.sampled_from(names), st.text(max_size=12)), min_size=1,
                    max_size=len(table.columns) + 2)


cells = st.one_of(
    st.none(), st.sampled_from(CODES), st.text(max_size=20),
    st.integers(min_value=-10, max_value=100_000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2040, 12, 31)),
    st.sampled_from(["84.965,00", "1.234", "12,5", "sí", "no", "En curs", "IV", "29/03/2022",
                     "2022-13-45", "Obligacions", "Sexe: Dona"]),
)


@st.composite
def sheets(draw):
    chosen = draw(st.lists(st.sampled_from(TABLES), min_size=1, max_size=3,
                             unique_by=lambda table: table.key))
    result = {}
    for table in chosen:
        width = draw(st.integers(min_value=1, max_value=len(table.columns) + 1))
        rows = draw(st.lists(st.lists(cells, max_size=width), max_size=6))
        result[table.name(draw(st.sampled_from(c.LANGUAGES)))] = [draw(headers(table)), *rows]
    return result


def as_csv(rows: list[list]) -> bytes:
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";")
    for row in rows:
        writer.writerow(["" if cell is None else str(cell) for cell in row])
    return output.getvalue().encode("utf-8")


def readable(text):  # openpyxl refuses some control characters in a cell
    return isinstance(text, str) and any(ord(ch) < 32 and ch not in "\t\n\r" for ch in text)


class FuzzTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_world(cls)

    def import_stores_all_or_nothing(self, data: bytes, filename: str) -> None:
        before = table_counts()
        result = run(self.terrassa, data, filename, plan_slug="peest", apply=True,
                     confirm_deletions=True)
        if result.errors or not result.applied:
            self.assertEqual(table_counts(), before, [str(e) for e in result.errors])

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(sheets())
    @example({"elements": [["codi", "pare", "títol"], ["LE1", "LE1.1", "Línia"],
                           ["LE1.1", "LE1", "Acció"]]})
    @example({"elements": [["codi", "títol"], ["LE1", "Una"], ["LE1", "Dues"]]})
    @example({"avenç": [["element", "període", "% executat"], ["LE1.1", "2021", "abc"]]})
    def test_workbooks(self, book):
        book = {name: [[None if readable(cell) else cell for cell in row] for row in rows]
                for name, rows in book.items()}
        self.import_stores_all_or_nothing(xlsx(book), "fulls.xlsx")

    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(sheets(), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    def test_csv_files(self, book, encoding):
        name, rows = next(iter(book.items()))
        data = as_csv(rows).decode("utf-8")
        try:
            encoded = data.encode(encoding)
        except UnicodeEncodeError:
            encoded = data.encode("utf-8")
        self.import_stores_all_or_nothing(encoded, f"{name}.csv")

    @settings(max_examples=20, deadline=None)
    @given(st.binary(max_size=3000), st.sampled_from(["fulls.xlsx", "fulls.csv", "fulls.zip"]))
    def test_garbage_bytes(self, data, filename):
        self.import_stores_all_or_nothing(data, filename)
