"""The work-plan document and the project card, the command line and the editor's page."""

import tempfile
import zipfile
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse

from exchange.demo import demo_load
from plans.models import Plan
from reports import generation
from reports.formats import FORMATS
from reports.tests.extract import EXTRACTORS

PLANS = settings.BASE_DIR / "demo/plans"


class WorkPlanDocumentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo_load(plan_files=[PLANS / "xmess--pla-treball-2020.yaml",
                              PLANS / "xmess--pla-treball-2025.yaml"])

    def test_the_2020_work_plan_in_every_format(self):
        plan = Plan.objects.get(slug="pla-treball-2020")
        for name in FORMATS:
            text = EXTRACTORS[name](generation.workplan_document(plan, name).content)
            with self.subTest(format=name):
                for expected in ("Pla de treball 2020 de la XMESS", "29/11/2019",
                                 "Assemblea ordinària de la XMESS", "Línies estratègiques",
                                 "LE1. Ajudar a enfortir l'ESS a cada municipi",
                                 "L.A.18 Coproduir el relat", "Jornades, formacions, tallers",
                                 "Pressupost ordinari, Conveni", "CE – Comissió executiva",
                                 "Trimestral", "9 municipis", "D'execució", "Utilitat"):
                    self.assertIn(expected, text)
                for code in range(1, 30):
                    self.assertIn(f"{code}. ", text)

    def test_the_2025_work_plan_shows_its_marks_and_working_groups(self):
        plan = Plan.objects.get(slug="pla-treball-2025")
        text = EXTRACTORS["html"](generation.workplan_document(plan, "html").content)
        for expected in ("Amposta", "23/10/2024", "25/09/2024", "15/10/2024", "Continuïtat",
                         "Conveni", "Grups de treball", "Agroecologia",
                         "Llegenda de les marques"):
            self.assertIn(expected, text)


class ProjectCardTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo_load(plan_files=[PLANS / "barcelona--estrategia-ess-2030.yaml"])

    def test_the_card_carries_its_lines_milestones_texts_and_proposal_codes(self):
        plan = Plan.objects.get(slug="estrategia-ess-2030")
        element = plan.elements.get(slug="taules-intercooperacio-sectorial")
        for name in FORMATS:
            text = EXTRACTORS[name](generation.project_card(plan, element, name).content)
            with self.subTest(format=name):
                for expected in ("(1) Taules i projectes d'intercooperació sectorial",
                                 "L1. Augmentar el pes de l'ESS", "L7. ", "L8. ", "1.1. ",
                                 "1.2. ", "1.3. ", "3.2. ", "3.3. ", "4.2. ", "4.3. ",
                                 "Motivació", "Open Value Network", "BiciHub", "CONFLOOP",
                                 "E-COL", "Recollint les propostes de"):
                    self.assertIn(expected, text)


class CommandAndPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo_load(plan_files=[PLANS / "terrassa--peest-2019-2026.yaml"])

    def test_the_command_writes_one_report_or_one_per_programme(self):
        with tempfile.TemporaryDirectory() as folder:
            call_command("report", "annual", org="terrassa", plan="peest-2019-2026",
                         element="palanques-impuls", year=2022, format="docx", out=folder,
                         stdout=StringIO())
            self.assertTrue((Path(folder) / "informe-seguiment-palanques-impuls-2022.docx")
                            .exists())
            call_command("report", "annual", org="terrassa", plan="peest-2019-2026",
                         year=2022, format="odt", out=folder, stdout=StringIO(),
                         stderr=StringIO())
            self.assertTrue((Path(folder) / "informe-seguiment-palanques-impuls-2022.odt")
                            .exists())

    def test_the_command_explains_what_is_wrong(self):
        with self.assertRaisesMessage(CommandError, "2030"):
            call_command("report", "annual", org="terrassa", plan="peest-2019-2026",
                         year=2030, stdout=StringIO())
        with self.assertRaisesMessage(CommandError, "--element"):
            call_command("report", "card", org="terrassa", plan="peest-2019-2026",
                         stdout=StringIO())

    def test_the_editor_downloads_a_report_and_all_programmes_as_a_zip(self):
        from django.contrib.auth import get_user_model

        self.client.force_login(get_user_model().objects.get(username="marta"))
        plan = Plan.objects.get(slug="peest-2019-2026")
        programme = plan.elements.get(slug="palanques-impuls")
        base = reverse("editor:report_annual", args=["terrassa", "peest-2019-2026"])
        page = self.client.get(reverse("editor:reports", args=["terrassa", "peest-2019-2026"]))
        self.assertContains(page, "Palanques d&#x27;impuls")
        # The year offered first is the latest one with progress recorded.
        self.assertContains(page, '<option value="2022" selected>', html=False)
        pdf = self.client.get(f"{base}?programme={programme.pk}&year=2022&format=pdf"
                              "&language=ca")
        self.assertEqual(pdf["Content-Type"], "application/pdf")
        self.assertTrue(pdf.content.startswith(b"%PDF"))
        preview = self.client.get(f"{base}?programme={programme.pk}&year=2022&format=html"
                                  "&language=ca")
        self.assertIn("inline", preview["Content-Disposition"])
        archive = self.client.get(f"{base}?programme=&year=2022&format=docx&language=ca")
        self.assertEqual(archive["Content-Type"], "application/zip")
        import io

        names = zipfile.ZipFile(io.BytesIO(archive.content)).namelist()
        self.assertEqual(names, ["informe-seguiment-palanques-impuls-2022.docx"])
