"""The tables of the spreadsheets: their sheets, columns, types and accepted values.

Sheet and column names are data in Catalan, Spanish and English (like level names): a sheet
is written with the names of the user's language and read with the names of any of the three
(compared without accents, case or extra spaces), or with the column's key. What each column
means is a translatable text, shown on the instructions sheet and in docs/spreadsheets.md.

Four kinds of template gather the tables: ``structure``, ``monitoring``, ``budgets`` and
``events``; ``plan`` is all of them in one workbook.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from budgets.models import Phase
from exchange.sheets.values import normalise
from monitoring.models import (
    Event,
    Indicator,
    IndicatorValue,
    MonitoringPolicy,
    Period,
    Progress,
)
from organizations.models import Body
from plans.models import ElementSection, Link, Plan, PlanSection, Term

LANGUAGES = ("ca", "es", "en")

# Column types
TEXT = "text"  # one line
LONG_TEXT = "long_text"  # several lines, kept as written
MARKUP = "markup"  # rich text in the light markup (paragraphs, lists, **bold**…)
LIST = "list"  # names separated by semicolons
INTEGER = "integer"
DECIMAL = "decimal"
MONEY = "money"
BOOLEAN = "boolean"
DATE = "date"
CHOICE = "choice"

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]


def names(ca: str, es: str, en: str) -> dict[str, str]:
    return {"ca": ca, "es": es, "en": en}


def chapter_choices():
    return [(number, roman) for number, roman in enumerate(ROMAN, start=1)]


def section_kind_choices():
    seen, result = set(), []
    for value, label in [*PlanSection.Kind.choices, *ElementSection.Kind.choices]:
        if value not in seen:
            seen.add(value)
            result.append((value, label))
    return result


@dataclass(frozen=True)
class Column:
    key: str
    names: dict[str, str]
    type: str
    help: Promise
    choices: Callable[[], list[tuple]] | None = None
    required: bool = False
    informative: bool = False  # shown for reference, ignored on import
    width: int = 14

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names["en"]

    def aliases(self) -> set[str]:
        return {normalise(n) for n in self.names.values()} | {normalise(self.key)}


@dataclass(frozen=True)
class Table:
    key: str
    names: dict[str, str]
    help: Promise
    columns: tuple[Column, ...]
    fields: bool = False  # a sheet of fields (one per row: name, value), not of records
    splits: str = ""  # "values" or "attendance": one more column per split option
    one_of: tuple[str, ...] = ()  # columns of which the sheet needs at least one

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names["en"]

    def aliases(self) -> set[str]:
        return {normalise(n) for n in self.names.values()} | {normalise(self.key)}

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


# Columns several tables share --------------------------------------------------------------

ELEMENT_REF_HELP = _("The element's code (or its identifier when it has no code).")


def element_ref(*, required=True, help=ELEMENT_REF_HELP) -> Column:
    return Column("element", names("element", "elemento", "element"), TEXT, help,
                  required=required, width=12)


def period_column() -> Column:
    return Column("period", names("període", "periodo", "period"), TEXT,
                  _("The reporting period: 2022 (a year), 2022-S1 (a semester) or 2022-T3 (a "
                    "quarter). It must be one of the plan's periods."), required=True,
                  width=10)


IDENTIFIER = Column("identifier", names("identificador", "identificador", "identifier"), TEXT,
                    _("Lowercase letters, digits and dashes; it keeps a row tied to the same "
                      "record when other columns change. Leave it empty in a new row: Teixit "
                      "makes one (from the code, the name or the title and date)."), width=18)
TITLE_INFO = Column("title", names("títol", "título", "title"), TEXT,
                    _("The element's title, for reference (not imported)."), informative=True,
                    width=40)

# The structure ---------------------------------------------------------------------------

PLAN = Table("plan", names("pla", "plan", "plan"),
             _("The plan's own fields, one per row: a plan can be created from this sheet."),
             (
                 Column("slug", names("identificador", "identificador", "identifier"), TEXT,
                        _("The plan's identifier: lowercase letters, digits and dashes.")),
                 Column("title", names("títol", "título", "title"), TEXT, _("The plan's title."),
                        required=True),
                 Column("kind", names("tipus", "tipo", "kind"), CHOICE, _("The kind of plan."),
                        choices=lambda: Plan.Kind.choices),
                 Column("start_year", names("primer any", "primer año", "first year"), INTEGER,
                        _("The first year of the plan's period."), required=True),
                 Column("end_year", names("darrer any", "último año", "last year"), INTEGER,
                        _("The last year of the plan's period (included)."), required=True),
                 Column("parent", names("pla pare", "plan padre", "parent plan"), TEXT,
                        _("The plan it belongs to, as organisation/plan (e.g. "
                          "barcelona/estrategia-ess-2030); empty when none.")),
                 Column("status", names("estat", "estado", "status"), CHOICE,
                        _("Only an administrator of the organisation can change it."),
                        choices=lambda: Plan.Status.choices),
                 Column("amendments_from", names("esmenes des de", "enmiendas desde",
                                                 "amendments from"), DATE,
                        _("First day of the amendment period.")),
                 Column("amendments_to", names("esmenes fins a", "enmiendas hasta",
                                               "amendments until"), DATE,
                        _("Last day of the amendment period.")),
                 Column("approved_on", names("data d'aprovació", "fecha de aprobación",
                                             "approved on"), DATE, _("The approval date.")),
                 Column("approved_place", names("lloc d'aprovació", "lugar de aprobación",
                                                "approved at"), TEXT,
                        _("Where it was approved.")),
                 Column("approved_by", names("aprovat per", "aprobado por", "approved by"), TEXT,
                        _("The body that approved it.")),
             ), fields=True)

LEVELS = Table("levels", names("nivells", "niveles", "levels"),
               _("The kinds of element of the plan's tree, parents before children."), (
                   Column("key", names("identificador", "identificador", "identifier"), TEXT,
                          _("The level's identifier: lowercase letters, digits and dashes."),
                          required=True, width=18),
                   Column("parent", names("nivell pare", "nivel padre", "parent level"), TEXT,
                          _("The identifier of the level above; empty for the top level."),
                          width=18),
                   Column("name_ca", names("nom (català)", "nombre (catalán)", "name (Catalan)"),
                          TEXT, _("The level's name in Catalan."), required=True, width=20),
                   Column("name_es", names("nom (castellà)", "nombre (castellano)",
                                           "name (Spanish)"), TEXT,
                          _("The level's name in Spanish."), width=20),
                   Column("name_en", names("nom (anglès)", "nombre (inglés)", "name (English)"),
                          TEXT, _("The level's name in English."), width=20),
                   Column("plural_ca", names("plural (català)", "plural (catalán)",
                                             "plural (Catalan)"), TEXT,
                          _("The plural in Catalan, for headings."), width=20),
                   Column("plural_es", names("plural (castellà)", "plural (castellano)",
                                             "plural (Spanish)"), TEXT,
                          _("The plural in Spanish."), width=20),
                   Column("plural_en", names("plural (anglès)", "plural (inglés)",
                                             "plural (English)"), TEXT,
                          _("The plural in English."), width=20),
                   Column("code_pattern", names("patró de codi", "patrón de código",
                                                "code pattern"), TEXT,
                          _("How the editor proposes codes: {n} a number, {A} a capital letter, "
                            "{a} a small letter, {parent} the parent's code.")),
                   Column("holds_actions", names("conté accions", "contiene acciones",
                                                 "holds actions"), BOOLEAN,
                          _("Whether its elements are actions (with instruments, calendar and "
                            "responsible bodies).")),
               ))

VOCABULARIES = Table("vocabularies", names("vocabularis", "vocabularios", "vocabularies"),
                     _("The names the elements use for their type, instruments, thematic "
                       "scopes, budget sources and proposal codes, in the order the editor "
                       "shows them."), (
                         Column("vocabulary", names("vocabulari", "vocabulario", "vocabulary"),
                                CHOICE, _("Which vocabulary."),
                                choices=lambda: Term.Vocabulary.choices, required=True,
                                width=22),
                         Column("name", names("nom", "nombre", "name"), TEXT,
                                _("The name, as elements use it."), required=True, width=40),
                     ))

BODIES = Table("bodies", names("òrgans", "órganos", "bodies"),
               _("The bodies of the organisation (organs, committees, teams, services, "
                 "partners). An import adds and changes bodies but never deletes one: other "
                 "plans may use it."), (
                   IDENTIFIER,
                   Column("acronym", names("sigla", "sigla", "acronym"), TEXT,
                          _("The acronym other sheets may use to name the body."), width=10),
                   Column("name", names("nom", "nombre", "name"), TEXT, _("The body's name."),
                          required=True, width=36),
                   Column("kind", names("tipus", "tipo", "kind"), CHOICE, _("The kind of body."),
                          choices=lambda: Body.Kind.choices, width=20),
                   Column("functions", names("funcions", "funciones", "functions"), LONG_TEXT,
                          _("What it does."), width=36),
                   Column("meeting_periodicity", names("periodicitat", "periodicidad",
                                                       "meeting periodicity"), CHOICE,
                          _("How often it meets; empty when not known."),
                          choices=lambda: Body.Periodicity.choices),
                   Column("holders", names("integrants", "integrantes", "holders"), TEXT,
                          _("Who sits in it (e.g. 9 municipalities)."), width=20),
                   Column("partner", names("organització representada",
                                           "organización representada", "partner organisation"),
                          TEXT, _("The identifier of the organisation an external body stands "
                                  "for; empty otherwise.")),
               ))

ELEMENTS = Table("elements", names("elements", "elementos", "elements"),
                 _("The tree of the plan, one element per row. The order of the rows is the "
                   "order of the elements under their parent."), (
                     IDENTIFIER,
                     Column("code", names("codi", "código", "code"), TEXT,
                            _("The code shown (LE1, L.A.7, 1.1.A); unique in the plan."),
                            width=10),
                     Column("parent", names("pare", "padre", "parent"), TEXT,
                            _("The code (or identifier) of the element it hangs from; empty at "
                              "the top."), width=10),
                     Column("level", names("nivell", "nivel", "level"), TEXT,
                            _("The identifier of its level (see the levels sheet)."), width=14),
                     Column("title", names("títol", "título", "title"), TEXT,
                            _("The element's title."), width=50),
                     Column("description", names("descripció", "descripción", "description"),
                            MARKUP, _("Blank lines separate paragraphs; lines starting with “- ” "
                                      "make a list."), width=40),
                     Column("action_type", names("tipus d'acció", "tipo de acción",
                                                 "action type"), TEXT,
                            _("A name of the action type vocabulary.")),
                     Column("instruments", names("instruments", "instrumentos", "instruments"),
                            LIST, _("Names separated by semicolons."), width=24),
                     Column("thematic_scopes", names("àmbits temàtics", "ámbitos temáticos",
                                                     "thematic scopes"), LIST,
                            _("Names separated by semicolons."), width=24),
                     Column("budget_sources", names("fonts de finançament",
                                                    "fuentes de financiación", "budget sources"),
                            LIST, _("Names separated by semicolons."), width=20),
                     Column("source_codes", names("propostes", "propuestas", "proposal codes"),
                            LIST, _("Codes of the participatory proposals it gathers, separated "
                                    "by semicolons.")),
                     Column("calendar", names("calendari", "calendario", "calendar"), LIST,
                            _("Years (2022) or quarters (2022-T1) in which it is scheduled, "
                              "separated by semicolons; within the plan's period.")),
                     Column("responsible", names("responsables", "responsables", "responsible"),
                            LIST, _("Acronyms (or identifiers) of the responsible bodies, "
                                    "separated by semicolons."), width=18),
                     Column("involved", names("implicats", "implicados", "involved"), LIST,
                            _("Acronyms (or identifiers) of the bodies involved, separated by "
                              "semicolons."), width=18),
                     Column("continuity", names("continuïtat", "continuidad", "continuity"),
                            BOOLEAN, _("A continuity action: sí or no."), width=10),
                     Column("agreement", names("conveni", "convenio", "agreement"), BOOLEAN,
                            _("Linked to the agreement with the Generalitat: sí or no."),
                            width=10),
                     Column("highlighted", names("destacada", "destacada", "highlighted"),
                            BOOLEAN, _("A highlighted action: sí or no."), width=10),
                     Column("weight", names("pes", "peso", "weight"), DECIMAL,
                            _("Its weight among its siblings for progress roll-ups (0 or more; "
                              "1 by default)."), width=8),
                 ), one_of=("identifier", "code", "title"))

LINKS = Table("links", names("enllaços", "vínculos", "links"),
              _("What each element contributes or relates to, also in other plans."), (
                  Column("source", names("origen", "origen", "source"), TEXT,
                         _("The code (or identifier) of the element the link goes from."),
                         required=True, width=12),
                  Column("target", names("destinació", "destino", "target"), TEXT,
                         _("The code (or identifier) of an element of this plan, or "
                           "organisation/plan/element for another plan."), required=True,
                         width=30),
                  Column("kind", names("tipus", "tipo", "kind"), CHOICE, _("The kind of link."),
                         choices=lambda: Link.Kind.choices, width=18),
                  Column("note", names("nota", "nota", "note"), TEXT, _("A short note."),
                         width=30),
              ))

SECTIONS = Table("sections", names("textos", "textos", "texts"),
                 _("The text sections of the plan (mission, introduction…) and of its elements "
                   "(motivation…), in reading order."), (
                     element_ref(required=False, help=_("The code (or identifier) of the element "
                                                        "the text belongs to; empty for the "
                                                        "plan's own texts.")),
                     Column("kind", names("tipus", "tipo", "kind"), CHOICE,
                            _("The kind of text."), choices=section_kind_choices,
                            required=True, width=20),
                     Column("title", names("títol", "título", "title"), TEXT,
                            _("The text's title."), width=30),
                     Column("body", names("text", "texto", "text"), MARKUP,
                            _("Blank lines separate paragraphs; lines starting with “- ” make a "
                              "list."), width=60),
                 ))

# Monitoring ------------------------------------------------------------------------------

SETTINGS = Table("settings", names("seguiment", "seguimiento", "monitoring"),
                 _("How the plan is monitored, one setting per row."), (
                     Column("period_kind", names("períodes", "periodos", "periods"), CHOICE,
                            _("The kind of reporting period."),
                            choices=lambda: MonitoringPolicy.PeriodKind.choices),
                     Column("pace", names("ritme esperat", "ritmo esperado", "expected pace"),
                            CHOICE, _("How the expected percentage is computed."),
                            choices=lambda: MonitoringPolicy.Pace.choices),
                     Column("tolerance", names("tolerància", "tolerancia", "tolerance"), DECIMAL,
                            _("Points below the expected pace still on track.")),
                     Column("rollup", names("agregació", "agregación", "roll-up"), CHOICE,
                            _("How progress rolls up to parents."),
                            choices=lambda: MonitoringPolicy.Rollup.choices),
                     Column("publication", names("publicació", "publicación", "publication"),
                            CHOICE, _("When a period's data becomes public."),
                            choices=lambda: MonitoringPolicy.Publication.choices),
                     Column("data_note", names("nota sobre les dades", "nota sobre los datos",
                                               "note on the data"), LONG_TEXT,
                            _("Shown next to the data: its source, or that it is "
                              "illustrative.")),
                 ), fields=True)

PERIODS = Table("periods", names("períodes", "periodos", "periods"),
                _("The plan's reporting periods. Only an administrator of the organisation can "
                  "close or reopen one; a closed period's data cannot change."), (
                    period_column(),
                    Column("status", names("estat", "estado", "status"), CHOICE,
                           _("Open or closed."), choices=lambda: Period.Status.choices),
                ))

PROGRESS = Table("progress", names("avenç", "avance", "progress"),
                 _("Each element's execution in a period. A row with nothing but the element "
                   "and the period records nothing."), (
                     element_ref(),
                     TITLE_INFO,
                     period_column(),
                     Column("status", names("estat", "estado", "status"), CHOICE,
                            _("The element's status in the period."),
                            choices=lambda: Progress.Status.choices, width=16),
                     Column("percent", names("% executat", "% ejecutado", "% executed"), DECIMAL,
                            _("The share done by the end of the period, 0 to 100. Empty means "
                              "“no data”, never 0."), width=10),
                     Column("deployment", names("estat del desplegament",
                                                "estado del despliegue", "deployment"), MARKUP,
                            _("What was done (blank lines separate paragraphs)."), width=50),
                     Column("next_actions", names("actuacions previstes", "actuaciones previstas",
                                                  "next actions"), MARKUP,
                            _("What is foreseen for the next year."), width=40),
                     Column("bodies", names("serveis implicats", "servicios implicados",
                                            "services involved"), LIST,
                            _("Acronyms (or identifiers) of the bodies involved that period, "
                              "separated by semicolons."), width=18),
                 ))

INDICATORS = Table("indicators", names("indicadors", "indicadores", "indicators"),
                   _("The definitions of the indicators; their values are on the values "
                     "sheet."), (
                       IDENTIFIER,
                       element_ref(required=False, help=_("The code (or identifier) of the "
                                                          "element it measures; empty for the "
                                                          "whole plan.")),
                       Column("name", names("nom", "nombre", "name"), TEXT,
                              _("What is measured."), required=True, width=40),
                       Column("description", names("descripció", "descripción", "description"),
                              MARKUP, _("How it is measured."), width=30),
                       Column("unit", names("unitat", "unidad", "unit"), TEXT,
                              _("E.g. people, advisories, €."), width=12),
                       Column("measure_type", names("mesura", "medida", "measure"), CHOICE,
                              _("What kind of figure it is."),
                              choices=lambda: Indicator.MeasureType.choices),
                       Column("higher_is_better", names("més és millor", "más es mejor",
                                                        "higher is better"), BOOLEAN,
                              _("sí or no."), width=10),
                       Column("time_aggregation", names("agregació en el temps",
                                                        "agregación en el tiempo", "over time"),
                              CHOICE, _("How the values of several periods add up."),
                              choices=lambda: Indicator.TimeAggregation.choices),
                       Column("organization_aggregation", names(
                           "agregació entre organitzacions", "agregación entre organizaciones",
                           "over organisations"), CHOICE,
                              _("How the values of several organisations add up."),
                              choices=lambda: Indicator.OrganizationAggregation.choices),
                       Column("categories", names("desagregació", "desagregación",
                                                  "disaggregated by"), LIST,
                              _("Identifiers of the categories it is split by (e.g. sexe), "
                                "separated by semicolons.")),
                   ))

VALUES = Table("values", names("valors", "valores", "values"),
               _("Baselines, targets and actual values of the indicators, with one column per "
                 "split option (e.g. Sexe: Dona). An empty split cell is “not recorded”, not "
                 "0; the split may add up to less than the total, never to more."), (
                   Column("indicator", names("indicador", "indicador", "indicator"), TEXT,
                          _("The indicator's identifier (see the indicators sheet)."),
                          required=True, width=20),
                   Column("name", names("nom", "nombre", "name"), TEXT,
                          _("The indicator's name, for reference (not imported)."),
                          informative=True, width=36),
                   period_column(),
                   Column("kind", names("tipus de valor", "tipo de valor", "kind of value"),
                          CHOICE, _("Baseline, target or actual value."),
                          choices=lambda: IndicatorValue.Kind.choices, required=True),
                   Column("total", names("total", "total", "total"), DECIMAL,
                          _("The recorded total."), width=10),
                   Column("text", names("text", "texto", "text"), TEXT,
                          _("A qualitative value or a note."), width=24),
               ), splits="values")

SCALES = Table("scales", names("escales", "escalas", "rating scales"),
               _("The scales the plan rates its elements on, one row per level, lowest "
                 "first."), (
                   Column("scale", names("escala", "escala", "scale"), TEXT,
                          _("The scale's identifier."), required=True),
                   Column("scale_name", names("nom de l'escala", "nombre de la escala",
                                              "scale name"), TEXT, _("The scale's name."),
                          width=20),
                   Column("description", names("descripció", "descripción", "description"),
                          TEXT, _("What is rated."), width=30),
                   Column("level", names("nivell", "nivel", "level"), TEXT,
                          _("The level's identifier."), required=True),
                   Column("level_name", names("nom del nivell", "nombre del nivel", "level name"),
                          TEXT, _("The level's name."), width=20),
               ))

RATINGS = Table("ratings", names("valoracions", "valoraciones", "ratings"),
                _("How many answers gave each level of a scale, per element and period (shown "
                  "as distributions, never averaged)."), (
                    element_ref(),
                    period_column(),
                    Column("scale", names("escala", "escala", "scale"), TEXT,
                           _("The scale's identifier."), required=True),
                    Column("level", names("nivell", "nivel", "level"), TEXT,
                           _("The level's identifier."), required=True),
                    Column("count", names("respostes", "respuestas", "answers"), INTEGER,
                           _("The number of answers; empty or 0 records nothing."),
                           required=True, width=10),
                ))

# Budgets ---------------------------------------------------------------------------------

PLAN_OR_ELEMENT = _("The code (or identifier) of the element; empty for the whole plan.")

BUDGETS = Table("budgets", names("pressupostos", "presupuestos", "budgets"),
                _("The budget for the whole period, of the plan or of an element."), (
                    element_ref(required=False, help=PLAN_OR_ELEMENT),
                    Column("period_total", names("pressupost del període",
                                                 "presupuesto del periodo",
                                                 "budget for the period"), MONEY,
                           _("In euros; empty when not known."), width=16),
                    Column("note", names("nota", "nota", "note"), LONG_TEXT, _("A note."),
                           width=40),
                ))

LINES = Table("lines", names("partides", "partidas", "budget lines"),
              _("Amounts by year, chapter and phase. A line is matched by its element, year, "
                "chapter, phase and concept."), (
                  element_ref(required=False, help=PLAN_OR_ELEMENT),
                  Column("year", names("any", "año", "year"), INTEGER, _("The year."),
                         required=True, width=8),
                  Column("chapter", names("capítol", "capítulo", "chapter"), CHOICE,
                         _("The expenditure chapter, I to IX; empty when the amount is not "
                           "split by chapter."), choices=chapter_choices, width=10),
                  Column("phase", names("fase", "fase", "phase"), CHOICE,
                         _("Initial credit, definitive credit or recognised obligations."),
                         choices=lambda: Phase.choices, width=22),
                  Column("amount", names("import", "importe", "amount"), MONEY,
                         _("In euros."), required=True),
                  Column("concept", names("concepte", "concepto", "concept"), TEXT,
                         _("What the amount is for."), width=30),
              ))

PERSONNEL = Table("personnel", names("personal", "personal", "personnel"),
                  _("Personnel co-financing: hours × cost per hour. A row is matched by its "
                    "element, year, chapter, phase and concept."), (
                      element_ref(required=False, help=PLAN_OR_ELEMENT),
                      Column("year", names("any", "año", "year"), INTEGER, _("The year."),
                             required=True, width=8),
                      Column("chapter", names("capítol", "capítulo", "chapter"), CHOICE,
                             _("The expenditure chapter, I to IX (I by default)."),
                             choices=chapter_choices, width=10),
                      Column("phase", names("fase", "fase", "phase"), CHOICE,
                             _("Initial credit, definitive credit or recognised obligations."),
                             choices=lambda: Phase.choices, width=22),
                      Column("hours", names("hores", "horas", "hours"), DECIMAL,
                             _("Hours devoted."), required=True, width=10),
                      Column("hourly_cost", names("cost per hora", "coste por hora",
                                                  "cost per hour"), MONEY,
                             _("In euros."), required=True, width=12),
                      Column("amount", names("import", "importe", "amount"), MONEY,
                             _("Hours × cost per hour, for reference (not imported: it is "
                               "always computed)."), informative=True),
                      Column("concept", names("concepte", "concepto", "concept"), TEXT,
                             _("What the hours were for."), width=30),
                  ))

# Activities ------------------------------------------------------------------------------

EVENTS = Table("events", names("activitats", "actividades", "activities"),
               _("Meetings, assemblies, trainings, counted e-mails… with attendance and its "
                 "split (one column per option, e.g. Sexe: Dona)."), (
                   IDENTIFIER,
                   Column("date", names("data", "fecha", "date"), DATE,
                          _("The day; empty when only the year is known."), width=12),
                   Column("year", names("any", "año", "year"), INTEGER,
                          _("The year; taken from the date when there is one."), width=8),
                   Column("kind", names("tipus", "tipo", "kind"), CHOICE,
                          _("The kind of activity."), choices=lambda: Event.Kind.choices,
                          width=18),
                   Column("title", names("títol", "título", "title"), TEXT,
                          _("What the activity was."), required=True, width=40),
                   element_ref(required=False, help=_("The code (or identifier) of the element "
                                                      "it belongs to; empty for the plan.")),
                   Column("description", names("descripció", "descripción", "description"),
                          MARKUP, _("More about it."), width=30),
                   Column("count", names("quantes", "cuántas", "how many"), INTEGER,
                          _("More than 1 for activities counted together (e.g. 28 e-mails); 1 "
                            "by default."), width=8),
                   Column("bodies", names("òrgans", "órganos", "bodies"), LIST,
                          _("Acronyms (or identifiers) of the bodies taking part, separated by "
                            "semicolons."), width=16),
                   Column("organizations", names("organitzacions", "organizaciones",
                                                 "organisations"), LIST,
                          _("Identifiers of the organisations taking part, separated by "
                            "semicolons."), width=16),
                   Column("attendance", names("assistents", "asistentes", "attendance"),
                          INTEGER, _("People attending; empty when not known."), width=10),
               ), splits="attendance")

# The sheets an import skips.
INSTRUCTIONS = names("instruccions", "instrucciones", "instructions")
LISTS = names("llistes", "listas", "lists")


@dataclass(frozen=True)
class Kind:
    key: str
    label: Promise
    help: Promise
    tables: tuple[Table, ...]
    all_periods: tuple[Table, ...] = field(default=())  # added when not for one period


STRUCTURE_TABLES = (PLAN, LEVELS, VOCABULARIES, BODIES, ELEMENTS, LINKS, SECTIONS)
MONITORING_TABLES = (PROGRESS, INDICATORS, VALUES, SCALES, RATINGS)
BUDGET_TABLES = (BUDGETS, LINES, PERSONNEL)
EVENT_TABLES = (EVENTS,)

KINDS = {
    "structure": Kind("structure", _("Structure"),
                      _("The plan's fields, levels, vocabularies, bodies, elements, links and "
                        "texts."), STRUCTURE_TABLES),
    "monitoring": Kind("monitoring", _("Monitoring"),
                       _("Progress, indicator values and ratings, of one period or of all."),
                       MONITORING_TABLES, all_periods=(SETTINGS, PERIODS)),
    "budgets": Kind("budgets", _("Budgets"),
                    _("Budgets for the period, budget lines and personnel co-financing."),
                    BUDGET_TABLES),
    "events": Kind("events", _("Activities"),
                   _("Dated and counted activities with their attendance."), EVENT_TABLES),
    "plan": Kind("plan", _("The whole plan"),
                 _("Everything above in one workbook: it can create the plan in another "
                   "organisation."), (*STRUCTURE_TABLES, SETTINGS, PERIODS, *MONITORING_TABLES,
                                      *BUDGET_TABLES, *EVENT_TABLES)),
}

# Every table, in the order an import applies them.
TABLES = (*STRUCTURE_TABLES, SETTINGS, PERIODS, *MONITORING_TABLES, *BUDGET_TABLES,
          *EVENT_TABLES)


def tables_of(kind: str, *, period: bool = False) -> tuple[Table, ...]:
    """The tables of a kind of template; a monitoring template of one period leaves out the
    settings and the list of periods."""
    spec = KINDS[kind]
    if kind == "monitoring" and not period:
        return (*spec.all_periods, *spec.tables)
    return spec.tables
