"""Every DOCX and ODT Teixit writes opens in LibreOffice: converted to PDF without error, with
its pages and its text. The make commands install LibreOffice Writer where it is missing, so
this test runs everywhere the suite runs."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.test import TestCase

from exchange.demo import demo_load
from plans.models import Plan
from reports import generation
from reports.tests.extract import pdf_text

PLANS = settings.BASE_DIR / "demo/plans"


def office() -> str:
    command = shutil.which("soffice") or shutil.which("libreoffice")
    if not command:
        raise AssertionError("LibreOffice is missing: `make test` installs it "
                             "(apt package libreoffice-writer-nogui).")
    return command


class LibreOfficeConversionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo_load(plan_files=sorted(PLANS.glob("*.yaml")))

    def documents(self):
        terrassa = Plan.objects.get(slug="peest-2019-2026")
        strategy = Plan.objects.get(slug="estrategia-ess-2030")
        yield "annual-2022", "84.965,00", lambda f: generation.annual_report(
            terrassa, terrassa.elements.get(slug="palanques-impuls"), 2022, f)
        yield "annual-2021", "sense dades", lambda f: generation.annual_report(
            terrassa, terrassa.elements.get(slug="palanques-impuls"), 2021, f)
        for slug in ("pla-treball-2020", "pla-treball-2025", "pla-treball-2018"):
            plan = Plan.objects.get(slug=slug)
            yield slug, plan.title, lambda f, plan=plan: generation.workplan_document(plan, f)
        yield "card", "CONFLOOP", lambda f: generation.project_card(
            strategy, strategy.elements.get(slug="taules-intercooperacio-sectorial"), f)

    def test_every_docx_and_odt_converts_to_pdf(self):
        command = office()
        with tempfile.TemporaryDirectory() as folder:
            folder = Path(folder)
            expected = {}
            for name, text, make in self.documents():
                for format_name in ("docx", "odt"):
                    path = folder / "in" / f"{name}-{format_name}.{format_name}"
                    path.parent.mkdir(exist_ok=True)
                    path.write_bytes(make(format_name).content)
                    expected[path.stem] = text
            result = subprocess.run(
                [command, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                 "--headless", "--convert-to", "pdf", "--outdir", str(folder / "out"),
                 *sorted(str(p) for p in (folder / "in").iterdir())],
                capture_output=True, text=True, timeout=300, check=False)
            self.assertEqual(result.returncode, 0, result.stderr)
            for stem, text in expected.items():
                with self.subTest(document=stem):
                    pdf = folder / "out" / f"{stem}.pdf"
                    self.assertTrue(pdf.exists(),
                                    f"{stem}: no PDF\n{result.stdout}\n{result.stderr}")
                    self.assertIn(text, pdf_text(pdf.read_bytes()))
