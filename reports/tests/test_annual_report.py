"""The 2022 annual monitoring report of Palanques d'impuls, written from the demo data,
carries every figure and date of the report the technician wrote by hand — in every format."""

from django.conf import settings
from django.test import TestCase

from exchange.demo import demo_load
from plans.models import Plan
from reports import generation
from reports.formats import FORMATS
from reports.tests.extract import EXTRACTORS

FIGURES = [
    # budget: the period, the accumulated (computed), each year, the 2022 split
    "360.000,00 €", "326.113,70 €", "73.498,80 €", "74.758,99 €", "92.890,91 €",
    "84.965,00 €", "81.690,00 €", "3.275,00 €",
    # execution against the expected linear pace
    "50 % executat", "12,5 %",
    # quantitative results with their split by sex
    "332 (203 dones, 129 homes, 0 no binari)", "22 assessoraments",
    "18 (9 dones, 9 homes, 0 no binari)", "22 sol·licituds",
    "17 (9 dones, 8 homes, 0 no binari)", "16 informes", "4 iniciatives", "2 iniciatives",
    # counted activities
    "28 e-mails", "3 coordinacions", "2 reunions", "3 visites", "4 entitat",
    # the calendar and the next year
    "2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026",
]
DATES = ["04/03/2022", "06/07/2022", "27/05/2022", "15/06/2022", "29/09/2022", "13/06/2022",
         "04/02/2022", "07/03/2022", "18/03/2022", "07/02/2022", "26/10/2022", "19/12/2022",
         "29/03/2022", "28/06/2022", "18/10/2022", "20/12/2022"]
NAMES = ["Palanques d'impuls", "Servei municipal d'emprenedoria i economia social",
         "Xarxes supramunicipals i altres xarxes d'abast municipal d'entitats de segon grau",
         "L'economia social a les diferents estratègies municipals",
         "Espais de participació de l'ESS", "Consell ordinari", "Maite Márquez",
         "Ocell de Foc", "cofinançament de personal"]


class AnnualReportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo_load(plan_files=[settings.BASE_DIR / "demo/plans/terrassa--peest-2019-2026.yaml"])
        cls.plan = Plan.objects.get(slug="peest-2019-2026")
        cls.programme = cls.plan.elements.get(slug="palanques-impuls")
        cls.texts = {
            name: EXTRACTORS[name](generation.annual_report(
                cls.plan, cls.programme, 2022, name).content)
            for name in FORMATS}

    def test_every_figure_of_the_source_report_is_in_every_format(self):
        for name, text in self.texts.items():
            for figure in FIGURES:
                with self.subTest(format=name, figure=figure):
                    self.assertIn(figure, text)

    def test_every_date_of_the_source_report_is_in_every_format(self):
        for name, text in self.texts.items():
            for date in DATES:
                with self.subTest(format=name, date=date):
                    self.assertIn(date, text)

    def test_names_and_the_personnel_note(self):
        for name, text in self.texts.items():
            for expected in NAMES:
                with self.subTest(format=name, text=expected):
                    self.assertIn(expected, text)
            self.assertIn("càlcul proporcional", text)

    def test_the_structure_of_the_report(self):
        text = self.texts["pdf"]
        for heading in ("1.1 Eixos estratègics i objectius", "1.2 Tipologia",
                        "1.3 Calendari", "1.5 Assignació pressupostària",
                        "2.1 Estat d'execució", "2.2 Estat de desplegament",
                        "2.3 Resultats quantitatius i qualitatius"):
            self.assertIn(heading, text)

    def test_a_year_without_progress_says_no_data_never_zero(self):
        for name in FORMATS:
            text = EXTRACTORS[name](generation.annual_report(
                self.plan, self.programme, 2021, name).content)
            with self.subTest(format=name):
                self.assertIn("sense dades", text)
                self.assertNotIn("0 % executat", text)
                self.assertIn("92.890,91 €", text)  # the 2021 budget is known

    def test_spanish_and_english(self):
        spanish = EXTRACTORS["html"](generation.annual_report(
            self.plan, self.programme, 2022, "html", "es").content)
        self.assertIn("Informe anual de seguimiento", spanish)
        self.assertIn("326 113,70 €", spanish)  # Spanish groups thousands with a space
        english = EXTRACTORS["html"](generation.annual_report(
            self.plan, self.programme, 2022, "html", "en").content)
        self.assertIn("Annual monitoring report", english)
        self.assertIn("326,113.70 €", english)
