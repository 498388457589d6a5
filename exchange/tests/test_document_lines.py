"""The small functions that read a plan's document, line by line and row by row, without a
database."""

from django.test import SimpleTestCase

from exchange.documents import lines as L
from exchange.documents import tables as T
from exchange.documents.blocks import html_lines
from exchange.documents.readers.text import blocks_from_text


class LabelTests(SimpleTestCase):
    def test_labels_say_code_level_and_title(self):
        cases = {
            "LE1. Ajudar a enfortir l'ESS": ("code", "LE1", "Ajudar a enfortir l'ESS", None),
            "L1: Augmentar el pes de l'ESS": ("code", "L1", "Augmentar el pes de l'ESS", None),
            "Objectiu 1.1": ("named", "1.1", "", "Objectiu"),
            "02. Eix de treball 1: Desenvolupament": ("named", "1", "Desenvolupament",
                                                      "Eix de treball"),
            "Programa 3: Foment": ("named", "3", "Foment", "Programa"),
            "A. Elaboració del model": ("letter", "A", "Elaboració del model", None),
            "A.** Impulsar la 2a edició": ("letter", "A", "Impulsar la 2a edició", None),
            "1. Generar estudis": ("number", "1", "Generar estudis", None),
            "5- JORNADES": ("number", "5", "JORNADES", None),
            "1.1. Incidir en el model": ("dotted", "1.1", "Incidir en el model", None),
            "(1) Taules i projectes": ("paren", "1", "Taules i projectes", None),
        }
        for text, (kind, label, title, level) in cases.items():
            with self.subTest(text=text):
                found = L.parse_label(text)
                self.assertEqual((found.kind, found.label, found.title, found.level),
                                 (kind, label, title, level))

    def test_plain_text_has_no_label(self):
        for text in ("Elaboració d'una mesura de govern.", "1 Organitzar jornades",
                     "Línia a la que contribuiria"):
            self.assertIsNone(L.parse_label(text), text)

    def test_codes_compare_without_their_dots_between_letters(self):
        self.assertEqual(L.code_key("L.E.1"), L.code_key("LE1"))
        self.assertEqual(L.code_key("L.A.7"), "LA7")
        self.assertNotEqual(L.code_key("1.1"), L.code_key("11"))
        self.assertEqual(L.codes_in("L.A.7 L.A.8"), ["L.A.7", "L.A.8"])
        self.assertIs(L.only_codes("L.E.1 L.E.3"), True)
        self.assertIs(L.only_codes("CT ST"), False)

    def test_headings_that_announce_a_level(self):
        self.assertEqual(L.level_heading("Mesures:"), "Mesura")
        self.assertEqual(L.level_heading("LÍNIES D'ACTUACIÓ DE LA XMESS"), "Línia d'actuació")
        self.assertEqual(L.level_heading("Accions destacades:"), "Acció destacada")
        self.assertEqual(L.level_heading("PLA DE TREBALL 2020-ACCIONS"), "Acció")
        self.assertEqual(L.level_heading("Medidas:"), "Mesura")
        self.assertIsNone(L.level_heading("Mesures de govern aprovades el 2018"))

    def test_section_kinds_in_catalan_and_spanish(self):
        self.assertEqual(L.section_kind("01.1 MISSIÓ"), "mission")
        self.assertEqual(L.section_kind("Llegenda"), "legend")
        self.assertEqual(L.section_kind("REPTES del Pla de Treball 2025"), "challenges")
        self.assertEqual(L.section_kind("Metodología"), "methodology")
        self.assertIsNone(L.section_kind("Eix de treball 1"))

    def test_coded_items_in_one_cell(self):
        self.assertEqual(
            L.split_coded_list("1.1. Incidir en el model. 1.2. Augmentar l'ocupació."),
            [("1.1", "Incidir en el model"), ("1.2", "Augmentar l'ocupació")])
        self.assertEqual([c for c, _t in L.split_coded_list(
            "L1: Augmentar el pes L7: Desenvolupar palanques")], ["L1", "L7"])


class LineTests(SimpleTestCase):
    def test_bullets_also_as_a_scanner_reads_them(self):
        self.assertEqual(L.bullet("- Baixos de protecció oficial"),
                         ("dash", "Baixos de protecció oficial"))
        self.assertEqual(L.bullet("O Aprofitar el marc")[0], "box")
        self.assertEqual(L.bullet("¢ Consolidar el paper")[0], "arrow")
        self.assertEqual(L.bullet("» Ocupació i emprenedoria")[0], "chevron")
        self.assertIsNone(L.bullet("O bé una altra cosa"))  # not before a capital letter

    def test_marks_at_the_end_of_an_item(self):
        self.assertEqual(L.trailing_marks("Potenciar la figura. \\(Q)"),
                         ("Potenciar la figura.", ["\\(Q)"]))
        self.assertEqual(L.trailing_marks("com a eina per: @ \\@"),
                         ("com a eina per:", ["@", "\\@"]))
        self.assertEqual(L.trailing_marks("en el seu territori).@"),
                         ("en el seu territori).", ["@"]))
        self.assertEqual(L.trailing_marks("Sense marques."), ("Sense marques.", []))

    def test_contents_lines(self):
        self.assertIs(L.is_contents_line("1.1.Eixos estratègics i objectius....."), True)
        self.assertIs(L.is_contents_line("01. INTRODUCCIÓ\t3"), True)
        self.assertEqual(L.contents_entry("- 1.2.Tipologia d'actuacions....."),
                         ("1.2", "tipologia d'actuacions"))

    def test_prose_against_titles(self):
        self.assertIs(L.is_prose("Es desplegaran tres tipus de serveis."), True)
        self.assertIs(L.is_prose("La convocatòria inclourà algunes innovacions."), True)
        self.assertIs(L.is_prose("Elaboració d'una mesura de govern."), False)

    def test_titles(self):
        self.assertEqual(L.tidy_title("ACOLLIDA | CURA DE MEMBRES"), "Acollida | Cura de membres")
        self.assertEqual(L.tidy_title("Elaboració d'una mesura de govern."),
                         "Elaboració d'una mesura de govern")
        self.assertEqual(L.tidy_title("notícies, díptics, etc."), "notícies, díptics, etc.")
        self.assertEqual(L.split_title("Impulsar i assessorar iniciatives i empreses del "
                                       "territori. Especial èmfasi en el gènere."),
                         ("Impulsar i assessorar iniciatives i empreses del territori",
                          "Especial èmfasi en el gènere."))


class TextReaderTests(SimpleTestCase):
    def test_markdown_headings_lists_and_tables(self):
        blocks = blocks_from_text("## **LE1. Ajudar**\n\n- Treballar\n  1. Primer\n\n"
                                  "A\tB\n1\t2\n")
        self.assertEqual([(b.kind, b.level, b.marker) for b in blocks],
                         [("heading", 2, ""), ("paragraph", 0, "-"), ("paragraph", 1, ""),
                          ("table", 0, "")])
        self.assertEqual(blocks[0].text, "LE1. Ajudar")
        self.assertEqual(blocks[3].rows, [["A", "B"], ["1", "2"]])

    def test_headings_glued_by_bold_come_apart(self):
        blocks = blocks_from_text("Objectiu 2.3**Impuls i enfortiment****Mesures:**")
        self.assertEqual([b.text for b in blocks], ["Objectiu 2.3", "Impuls i enfortiment",
                                                   "Mesures:"])

    def test_a_line_that_continues_a_sentence_is_joined(self):
        blocks = blocks_from_text("Elaborar i difondre els productes dels Grups de\n"
                                  "treball, com per exemple guies.\n\nUna altra.")
        self.assertEqual([b.text for b in blocks],
                         ["Elaborar i difondre els productes dels Grups de treball, com per "
                          "exemple guies.", "Una altra."])

    def test_html_in_cells(self):
        self.assertEqual(html_lines("<p>TÍTOL</p> <ul> - Un - Dos</ul>"),
                         ["TÍTOL", "- Un", "- Dos"])
        self.assertEqual(html_lines("<ul><li>A:<ul><li>a1</li></ul></li><li>B</li></ul>"),
                         ["- A:", "  - a1", "- B"])


class TableTests(SimpleTestCase):
    HEADER = ["Accions", "Instruments", "Àmbit temàtic", "Calendari", "", "", "",
              "Responsabilitat", "Impacte pressupostari", "", "Línia d'Actuació",
              "Línia Estratègica"]
    QUARTERS = ["", "", "", "1er Trim", "2on Trim", "3er Trim", "4rt Trim", "", "", "", "", ""]

    def test_the_header_tells_each_column(self):
        shape = T.layout([self.HEADER, self.QUARTERS, ["1. Fer-ho", "", "CPR"]])
        self.assertEqual(shape.kind, "actions")
        self.assertEqual(shape.header_rows, 2)
        self.assertEqual([c.role for c in shape.columns],
                         ["title", "instrument", "scope", "calendar", "calendar", "calendar",
                          "calendar", "responsible", "budget", "budget", "link", "link"])
        self.assertEqual([c.quarter for c in shape.columns[3:7]], [1, 2, 3, 4])
        self.assertEqual(shape.columns[10].level, "Línia d'actuació")
        self.assertEqual(T.header_role("Nombre de la actuación"), "title")
        self.assertEqual(T.header_role("Responsables"), "responsible")

    def test_a_shifted_row_is_put_back_in_place(self):
        shape = T.layout([self.HEADER, self.QUARTERS])
        row = ["8. Generar un grup de treball", "", "<b>Governança</b>", "Identitat/relat",
               "", "", "", "", "", "GT", "Pressupost ordinari", "", "L.A.1"]
        placed, left = T.align_row(row, shape.columns)
        roles = {shape.columns[i].role: value for i, value in placed.items()}
        self.assertEqual(left, [])
        self.assertEqual(roles["responsible"], "GT")
        self.assertEqual(roles["budget"], "Pressupost ordinari")
        self.assertEqual(roles["link"], "L.A.1")
        self.assertEqual(roles["scope"], "Identitat/relat")
        self.assertEqual(roles["instrument"], "<b>Governança</b>")

    def test_values(self):
        self.assertEqual(T.split_scopes("CPR Feminismes Joves Transició ecològica"),
                         ["CPR", "Feminismes", "Joves", "Transició ecològica"])
        self.assertEqual(T.split_scopes("Coneixement/consolidació"), ["Coneixement/consolidació"])
        self.assertEqual(T.source_codes("CONFLOOP, SECT (AGRO, CONSUM), ST"),
                         ["CONFLOOP", "SECT-AGRO", "SECT-CONSUM", "ST"])
        self.assertEqual(T.split_body_name("<b>CE – Comissió executiva</b>"),
                         ("CE", "Comissió executiva"))
        self.assertEqual(T.split_body_name("Comissió tècnica (CT)"), ("CT", "Comissió tècnica"))
        self.assertEqual(T.periodicity("Trimestral"), "quarterly")
        self.assertEqual(T.periodicity("A demanda"), "on_demand")
        self.assertEqual(T.split_names("Serveis municipals: Servei Educació, Servei de "
                                       "Medi Ambient (Canvi climàtic), Servei Comerç."),
                         ["Servei Educació", "Servei de Medi Ambient (Canvi climàtic)",
                          "Servei Comerç"])

    def test_a_card_and_its_rows(self):
        rows = [["Línia a la que contribuiria", "L1: Augmentar"], ["Motivació", "Per què"],
                ["Altres projectes", "<ul><li>Un</li></ul>"], ["", "<ul><li>Dos</li></ul>"]]
        self.assertEqual(T.layout(rows).kind, "card")
        self.assertEqual([(label, T.card_role(label)) for label, _v in T.card_rows(rows)],
                         [("Línia a la que contribuiria", "links"),
                          ("Motivació", "motivation"), ("Altres projectes", "related_proposals")])
