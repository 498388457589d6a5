"""``teixit import`` and ``teixit export`` with spreadsheets and plan documents."""

import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command

from core.testing import WorldTestCase
from exchange.document import plan_document
from exchange.tests.sheets import csv_file, sheet_values, table_counts, xlsx
from plans.models import Plan


class CommandTests(WorldTestCase):
    def setUp(self):
        super().setUp()
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.folder = Path(folder.name)

    def file(self, name: str, data: bytes) -> str:
        path = self.folder / name
        path.write_bytes(data)
        return str(path)

    def call(self, *args, **options) -> tuple[str, str]:
        out, err = StringIO(), StringIO()
        call_command(*args, stdout=out, stderr=err, **options)
        return out.getvalue(), err.getvalue()

    def test_export_writes_a_workbook_or_a_zip_of_csv_and_json_to_standard_output(self):
        path = str(self.folder / "peest.xlsx")
        self.call("export", org="terrassa", plan="peest", format="xlsx", out=path)
        sheets = sheet_values(Path(path).read_bytes())
        self.assertIn("elements", sheets)
        self.assertIn("avenç", sheets)
        self.assertIn("partides", sheets)
        self.assertIn("activitats", sheets)
        zipped = str(self.folder / "peest.zip")
        self.call("export", org="terrassa", plan="peest", format="csv", out=zipped,
                  language="es")
        self.assertTrue(Path(zipped).read_bytes().startswith(b"PK"))
        folder = self.folder / "taules"
        _out, err = self.call("export", org="terrassa", plan="peest", format="csv",
                              out=f"{folder}/")
        self.assertIn("peest-pla-elements.csv", {p.name for p in folder.iterdir()})
        self.assertIn("18 fitxers: ", err)
        self.assertTrue((folder / "peest-pla-elements.csv").read_bytes().startswith(
            "\ufeffidentificador;codi;".encode()))
        with self.assertRaisesMessage(CommandError, "--out peest.zip"):
            self.call("export", org="terrassa", plan="peest", format="csv",
                      out=str(self.folder / "peest.csv"))
        self.assertFalse((self.folder / "peest.csv").exists())
        with self.assertRaisesMessage(CommandError, "--out"):
            self.call("export", org="terrassa", plan="peest", format="xlsx")
        out, _err = self.call("export", org="terrassa", plan="peest", format="json")
        self.assertEqual(json.loads(out)["plan"]["slug"], "peest")

    def test_import_previews_with_dry_run_and_then_applies(self):
        path = self.file("elements.csv", csv_file([["codi", "títol"], ["LE1.1", "Nova"]]))
        before = table_counts()
        out, _err = self.call("import", path, org="terrassa", plan="peest", dry_run=True)
        self.assertIn("elements.csv fila 2: LE1.1 · Acció 1.1 (títol: Acció 1.1 → Nova)", out)
        self.assertIn("LE2.2 · Acció 2.2 — no és al fitxer", out)
        self.assertIn("Simulació: no s’ha desat res.", out)
        self.assertEqual(table_counts(), before)
        out, _err = self.call("import", path, org="terrassa", plan="peest")
        self.assertIn("Importat a terrassa/peest.", out)
        self.assertEqual(self.terrassa_plan.elements.get(code="LE1.1").title, "Nova")
        self.assertEqual(self.terrassa_plan.elements.count(), 6)
        rows = [[e.code, e.title] for e in self.terrassa_plan.elements.exclude(code="LE2.2")]
        path = self.file("elements.csv", csv_file([["codi", "títol"], *rows]))
        out, _err = self.call("import", path, org="terrassa", plan="peest",
                              delete_missing=True)
        self.assertIn("LE2.2 · Acció 2.2 — s’esborrarà", out)
        self.assertFalse(self.terrassa_plan.elements.filter(code="LE2.2").exists())

    def test_errors_give_their_place_store_nothing_and_exit_with_an_error(self):
        path = self.file("fulls.xlsx", xlsx({"elements": [["codi", "pes"], ["LE1", "pesat"]]}))
        before = table_counts()
        with self.assertRaisesMessage(CommandError, "1 error: no s’ha importat res."):
            _out, err = self.call("import", path, org="terrassa", plan="peest")
        self.assertEqual(table_counts(), before)
        err = StringIO()
        with self.assertRaises(CommandError):
            call_command("import", path, org="terrassa", plan="peest", stdout=StringIO(),
                         stderr=err)
        self.assertIn("error: Full “elements”, fila 2, columna “pes”", err.getvalue())

    def test_a_spreadsheet_without_plan_sheet_needs_the_plan_named(self):
        path = self.file("elements.csv", csv_file([["codi", "títol"], ["LE1.1", "Nova"]]))
        with self.assertRaises(CommandError):
            self.call("import", path, org="terrassa")
        err = StringIO()
        with self.assertRaises(CommandError):
            call_command("import", path, org="terrassa", stdout=StringIO(), stderr=err)
        self.assertIn("indiqueu el pla", err.getvalue())

    def test_a_workbook_with_its_plan_sheet_creates_the_plan_in_another_organisation(self):
        path = str(self.folder / "peest.xlsx")
        self.call("export", org="terrassa", plan="peest", format="xlsx", out=path)
        out, _err = self.call("import", path, org="barcelona")
        self.assertIn("es crearà", out)
        copy = Plan.objects.get(organization=self.barcelona, slug="peest")
        self.assertEqual(copy.elements.count(), 6)

    def test_a_plan_document_in_json(self):
        document = plan_document(self.terrassa_plan)
        document["elements"][0]["title"] = "Línia reanomenada"
        path = self.file("peest.json", json.dumps(document).encode())
        out, _err = self.call("import", path, org="terrassa", dry_run=True)
        self.assertIn("0 / 1 / 0", out)
        self.call("import", path, org="terrassa")
        self.assertEqual(self.terrassa_plan.elements.get(code="LE1").title, "Línia reanomenada")

    def test_files_it_does_not_read(self):
        with self.assertRaisesMessage(CommandError, "No hi ha cap fitxer"):
            self.call("import", str(self.folder / "cap.xlsx"), org="terrassa")
        with self.assertRaisesMessage(CommandError, ".ods"):
            self.call("import", self.file("fulls.ods", b"x"), org="terrassa")
        with self.assertRaisesMessage(CommandError, "No hi ha cap organització “cap”"):
            self.call("import", self.file("a.csv", b"x"), org="cap")

    def test_messages_come_in_the_language_asked_for(self):
        path = self.file("elements.csv", csv_file([["codi", "títol"], ["LE1.1", "Nova"]]))
        out, _err = self.call("import", path, org="terrassa", plan="peest", dry_run=True,
                              language="en")
        self.assertIn("elements.csv row 2: LE1.1 · Acció 1.1 (títol: Acció 1.1 → Nova)", out)
        self.assertIn("Dry run: nothing has been stored.", out)
        out, _err = self.call("import", path, org="terrassa", plan="peest", dry_run=True,
                              language="es")
        self.assertIn("Simulación: no se ha guardado nada.", out)
        with self.assertRaisesMessage(CommandError, "There is no plan “cap” of organisation"):
            self.call("export", org="terrassa", plan="cap", language="en")
