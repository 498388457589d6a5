"""A citizen reads the demo plans on the portal: Terrassa's Palanques d'impuls with its 2022
progress against the pace, budget, results by sex, activities and reports; the XMESS's 2020
work plan with its provisional last quarter; the network and its members."""

from django.conf import settings
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from exchange.demo import demo_load

PLANS = settings.BASE_DIR / "demo/plans"
TERRASSA = ["terrassa", "peest-2019-2026"]


def url(name, *args):
    return reverse(f"portal:{name}", args=args)


class DemoPortalTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo_load(plan_files=[PLANS / "terrassa--peest-2019-2026.yaml",
                              PLANS / "xmess--pla-treball-2020.yaml",
                              PLANS / "barcelona--estrategia-ess-2030.yaml"])

    def setUp(self):
        translation.activate(settings.LANGUAGE_CODE)

    def page(self, path):
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200, path)
        return response.content.decode()

    def test_the_plan_shows_2022_progress_against_the_expected_pace(self):
        html = self.page(url("plan", *TERRASSA))
        self.assertIn("Progrés a 2022", html)
        self.assertIn("Palanques d&#x27;impuls", html)
        # Six rows (objective, programme, four actuacions): 50 % executed, 50 % expected.
        self.assertEqual(html.count('<td class="number">50\u00a0%</td>'), 6)
        self.assertEqual(html.count("</span></span> 50\u00a0%</td>"), 6)  # bar and figure
        self.assertIn("Al dia", html)
        self.assertIn("Com es calculen aquestes xifres", html)
        self.assertIn("mitjana ponderada", html)
        self.assertIn("25\u00a0%", html)  # each actuació weighs a quarter of the programme

    def test_a_year_without_data_says_so(self):
        html = self.page(url("plan", *TERRASSA) + "?period=2021")
        self.assertIn("sense dades", html)
        self.assertNotIn("0\u00a0%", html.replace("50\u00a0%", "").replace("37,5\u00a0%", ""))

    def test_the_programme_page(self):
        html = self.page(url("element", *TERRASSA, "palanques-impuls"))
        for expected in (
            "Palanques d&#x27;impuls", "Servei municipal d&#x27;emprenedoria",  # its actuacions
            "Executat i previst (%)",  # the chart of its progress, and the table
            "Informe anual de seguiment 2022",  # its report for download
        ):
            self.assertIn(expected, html)
        self.assertIn('role="img"', html)
        html = self.page(url("element_budget", *TERRASSA, "palanques-impuls"))
        for expected in ("360.000,00\u00a0€", "326.113,70\u00a0€", "90,6\u00a0%",
                         "73.498,80\u00a0€", "84.965,00\u00a0€", "3.275,00\u00a0€",
                         "81.690,00\u00a0€", "Pressupost executat per any"):
            self.assertIn(expected, html)
        html = self.page(url("element_indicators", *TERRASSA, "palanques-impuls"))
        for expected in ("Persones ateses o informades", "332", "203", "129", "Dones"):
            self.assertIn(expected, html)  # people attended, with the split by sex
        html = self.page(url("element_activities", *TERRASSA, "palanques-impuls"))
        self.assertIn("29/03/2022", html)
        self.assertIn("Consell ordinari", html)
        self.assertIn("63 activitats", html)

    def test_the_budget_page_has_a_chart_and_the_same_figures_as_a_table(self):
        html = self.page(url("plan_budget", *TERRASSA))
        self.assertIn("<svg", html)
        self.assertIn("<table", html)
        for figure in ("73.498,80\u00a0€", "74.758,99\u00a0€", "92.890,91\u00a0€",
                       "84.965,00\u00a0€"):
            self.assertEqual(html.count(figure), 3)  # bar label, chart description, table
        self.assertIn("IV. Transferències corrents", html)

    def test_indicators_with_their_split_by_sex(self):
        html = self.page(url("plan_indicators", *TERRASSA))
        self.assertIn("Persones ateses o informades", html)
        self.assertIn("Dones", html)
        self.assertIn("No binari", html)

    def test_activities_can_be_filtered_by_year(self):
        html = self.page(url("plan_activities", *TERRASSA) + "?year=2022")
        self.assertIn("63 activitats", html)
        self.assertIn("20/12/2022", html)

    def test_the_reports_are_offered_and_downloadable(self):
        html = self.page(url("plan_reports", *TERRASSA))
        self.assertIn(url("annual_report", *TERRASSA, "palanques-impuls", 2022, "pdf"), html)
        response = self.client.get(url("annual_report", *TERRASSA, "palanques-impuls", 2022,
                                       "pdf"))
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertIn("attachment", response["Content-Disposition"])
        # 2023 is not closed, so its report is not public.
        self.assertEqual(self.client.get(url("annual_report", *TERRASSA, "palanques-impuls",
                                             2023, "pdf")).status_code, 404)
        self.assertEqual(self.client.get(url("annual_report", *TERRASSA, "palanques-impuls",
                                             2022, "exe")).status_code, 404)

    def test_the_history_of_modifications(self):
        html = self.page(url("plan_history", *TERRASSA))
        self.assertIn("Historial de modificacions", html)
        self.assertNotIn("marta", html)

    def test_the_xmess_work_plan_shows_its_open_quarter_as_provisional(self):
        html = self.page(url("plan", "xmess", "pla-treball-2020"))
        self.assertIn("2020 T4", html)
        self.assertIn("provisional", html)
        self.assertIn("Dades il·lustratives", html)
        html = self.page(url("plan_indicators", "xmess", "pla-treball-2020"))
        self.assertIn("Utilitat", html)
        self.assertIn("una distribució, mai una mitjana", html)

    def test_links_across_plans_and_organisations(self):
        html = self.page(url("element", "barcelona", "estrategia-ess-2030",
                             "taules-intercooperacio-sectorial"))
        self.assertIn("Contribueix a", html)
        self.assertIn("L1", html)

    def test_the_network_page_lists_its_members_and_their_plans(self):
        html = self.page(url("organization", "xmess"))
        self.assertIn("Membres de la xarxa", html)
        self.assertIn("Ajuntament de Terrassa", html)
        self.assertIn("Pla Estratègic de l&#x27;Economia Social i Solidària de Terrassa", html)

    def test_search_ignores_accents(self):
        html = self.page(url("search") + "?q=participacio")
        self.assertIn("Espais de participació de l&#x27;ESS", html)

    def test_every_page_in_spanish_and_english(self):
        for language, words in (("es", "Presupuesto"), ("en", "Budget")):
            with self.subTest(language=language):
                response = self.client.get(f"/{language}/terrassa/peest-2019-2026/budget/")
                self.assertContains(response, words)
                self.assertContains(response, f'lang="{language}"')
