"""A published plan as tables: the same rows for every tabular format (CSV, XLSX…).

Each table has a stable key (its CSV name and XLSX sheet) and columns with stable,
machine-friendly keys: they are the public contract, documented in docs/open-data.md. The
rows are read from the public plan document (``opendata.selectors.public_document``), so
every format shows exactly the data the JSON download holds.

Cell values are ``str``, ``int``, ``Decimal``, ``bool``, ``datetime.date`` or ``None``; lists
(of bodies, vocabulary names…) are joined with ``LIST_SEPARATOR``.
"""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core import spreadsheets
from core.richtext import html_to_text

LIST_SEPARATOR = "; "

# Column types, as the "about" sheet and the documentation name them.
TEXT = "text"
LIST = "list"
INTEGER = "integer"
DECIMAL = "decimal"
MONEY = "money"
BOOLEAN = "boolean"
DATE = "date"

# A text starting with one of these is run as a formula by spreadsheets (CSV injection): the
# tabular formats neutralise it, each in its own way (core/spreadsheets.py).
FORMULA_TRIGGERS = spreadsheets.FORMULA_TRIGGERS
looks_like_formula = spreadsheets.looks_like_formula


@dataclass(frozen=True)
class Column:
    key: str
    type: str
    description: Promise


@dataclass(frozen=True)
class TableSpec:
    key: str
    title: Promise
    description: Promise
    columns: tuple[Column, ...]
    rows: Callable[[dict, "_Lookups"], Iterator[dict]]


@dataclass
class Table:
    spec: TableSpec
    rows: list[tuple]

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.spec.columns


# Columns that several tables share.
ELEMENT = Column("element", TEXT, _("Identifier of the element (see the elements table)."))
PLAN_OR_ELEMENT = Column("element", TEXT, _("Identifier of the element (see the elements "
                                            "table); empty for the whole plan."))
ELEMENT_CODE = Column("element_code", TEXT, _("Code of the element as the plan shows it."))
PERIOD = Column("period", TEXT, _("Reporting period: 2022 (a year), 2022-s1 (a semester) or "
                                  "2022-t3 (a quarter)."))
PROVISIONAL = Column("provisional", BOOLEAN, _("True while the data's period is still open: "
                                               "the figures may change until it is closed."))
BODIES = Column("bodies", LIST, _("Identifiers of the bodies involved (see the bodies table)."))
INDICATOR = Column("indicator", TEXT, _("Identifier of the indicator."))
VALUE_KIND = Column("kind", TEXT, _("baseline, target or actual."))


@dataclass
class _Lookups:
    """What several tables look up in the document."""

    codes: dict[str, str]

    @classmethod
    def of(cls, document: dict) -> "_Lookups":
        return cls(codes={e["slug"]: e["code"] for e, _parent, _depth, _position
                          in _walk(document["elements"])})

    def code(self, slug: str | None) -> str:
        return self.codes.get(slug, "") if slug else ""


def _walk(elements: list[dict], parent: str | None = None, depth: int = 0):
    for position, element in enumerate(elements, start=1):
        yield element, parent, depth, position
        yield from _walk(element["children"], element["slug"], depth + 1)


def _decimal(value) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def _date(value) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _list(values) -> str:
    return LIST_SEPARATOR.join(str(v) for v in values)


def _calendar(marks: list[dict]) -> str:
    return _list(f"{m['year']}-t{m['quarter']}" if m["quarter"] else str(m["year"])
                 for m in marks)


def _split(key: str) -> tuple[str, str]:
    category, _slash, option = key.partition("/")
    return category, option


# Rows ---------------------------------------------------------------------------------------

def _element_rows(document, lookups):
    for element, parent, depth, position in _walk(document["elements"]):
        yield {
            "element": element["slug"], "code": element["code"], "level": element["level"],
            "parent": parent or "", "depth": depth, "position": position,
            "title": element["title"], "description": html_to_text(element["description"]),
            "weight": _decimal(element["weight"]), "highlighted": element["highlighted"],
            "continuity": element["continuity"], "agreement": element["agreement"],
            "action_type": element["action_type"] or "",
            "instruments": _list(element["instruments"]),
            "thematic_scopes": _list(element["thematic_scopes"]),
            "budget_sources": _list(element["budget_sources"]),
            "source_codes": _list(element["source_codes"]),
            "calendar": _calendar(element["calendar"]),
            "responsible": _list(b["body"] for b in element["responsible"]),
            "involved": _list(b["body"] for b in element["involved"]),
        }


def _level_rows(document, lookups):
    for level in document["levels"]:
        yield {"level": level["key"], "parent": level["parent"] or "",
               "name_ca": level["name"]["ca"], "name_es": level["name"]["es"],
               "name_en": level["name"]["en"], "code_pattern": level["code_pattern"],
               "holds_actions": level["holds_actions"]}


def _body_rows(document, lookups):
    for body in document["bodies"]:
        yield {"body": body["slug"], "acronym": body["acronym"], "name": body["name"],
               "kind": body["kind"], "partner": body["partner"] or ""}


def _link_rows(document, lookups):
    for element, _parent, _depth, _position in _walk(document["elements"]):
        for link in element["links"]:
            target = link["target"]
            yield {"element": element["slug"], "element_code": element["code"],
                   "kind": link["kind"], "target_organization": target["organization"],
                   "target_plan": target["plan"], "target_element": target["element"],
                   "target_code": target["code"], "target_title": target["title"],
                   "note": link["note"]}


def _period_rows(document, lookups):
    for period in document["monitoring"]["periods"]:
        yield {"period": period["period"], "kind": period["kind"], "year": period["year"],
               "number": period["number"], "status": period["status"],
               "provisional": period["provisional"]}


def _progress_rows(document, lookups):
    for entry in document["monitoring"]["progress"]:
        yield {"element": entry["element"], "element_code": lookups.code(entry["element"]),
               "period": entry["period"], "status": entry["status"],
               "percent": _decimal(entry["percent"]),
               "deployment": html_to_text(entry["deployment"]),
               "next_actions": html_to_text(entry["next_actions"]),
               "bodies": _list(entry["bodies"]), "provisional": entry["provisional"]}


def _indicator_rows(document, lookups):
    for indicator in document["monitoring"]["indicators"]:
        yield {"indicator": indicator["slug"], "element": indicator["element"] or "",
               "element_code": lookups.code(indicator["element"]), "name": indicator["name"],
               "description": html_to_text(indicator["description"]),
               "unit": indicator["unit"], "measure_type": indicator["measure_type"],
               "higher_is_better": indicator["higher_is_better"],
               "time_aggregation": indicator["time_aggregation"],
               "organization_aggregation": indicator["organization_aggregation"],
               "categories": _list(indicator["categories"])}


def _indicator_value_rows(document, lookups):
    for indicator in document["monitoring"]["indicators"]:
        for value in indicator["values"]:
            yield {"indicator": indicator["slug"], "period": value["period"],
                   "kind": value["kind"], "total": _decimal(value["total"]),
                   "text": value["text"], "provisional": value["provisional"]}


def _indicator_split_rows(document, lookups):
    for indicator in document["monitoring"]["indicators"]:
        for value in indicator["values"]:
            for key, amount in value["splits"].items():
                category, option = _split(key)
                yield {"indicator": indicator["slug"], "period": value["period"],
                       "kind": value["kind"], "category": category, "option": option,
                       "amount": _decimal(amount), "provisional": value["provisional"]}


def _rating_rows(document, lookups):
    scales = {s["key"]: s for s in document["monitoring"]["rating_scales"]}
    for rating in document["monitoring"]["ratings"]:
        scale = scales.get(rating["scale"], {"name": "", "levels": []})
        level_names = {level["key"]: level["name"] for level in scale["levels"]}
        for level, count in rating["counts"].items():
            yield {"element": rating["element"], "element_code": lookups.code(rating["element"]),
                   "period": rating["period"], "scale": rating["scale"],
                   "scale_name": scale["name"], "level": level,
                   "level_name": level_names.get(level, ""), "count": count,
                   "provisional": rating["provisional"]}


def _event_rows(document, lookups):
    for event in document["monitoring"]["events"]:
        yield {"event": event["key"], "element": event["element"] or "",
               "element_code": lookups.code(event["element"]), "year": event["year"],
               "date": _date(event["date"]), "kind": event["kind"], "title": event["title"],
               "description": html_to_text(event["description"]), "count": event["count"],
               "bodies": _list(event["bodies"]), "organizations": _list(event["organizations"]),
               "attendance": event["attendance"], "provisional": event["provisional"]}


def _event_attendance_rows(document, lookups):
    for event in document["monitoring"]["events"]:
        for key, count in event["attendance_split"].items():
            category, option = _split(key)
            yield {"event": event["key"], "category": category, "option": option,
                   "count": count, "provisional": event["provisional"]}


def _budget_rows(document, lookups):
    for budget in document["budgets"]:
        yield {"element": budget["element"] or "", "element_code": lookups.code(budget["element"]),
               "period_total": _decimal(budget["period_total"]),
               "note": budget["note"]}


def _budget_line_rows(document, lookups):
    for budget in document["budgets"]:
        lines = [(line, False) for line in budget["lines"]]
        lines += [(cost, True) for cost in budget["personnel_costs"]]
        lines.sort(key=lambda item: (item[0]["year"], item[0]["chapter"] or 0, item[1]))
        for line, personnel in lines:
            yield {"element": budget["element"] or "",
                   "element_code": lookups.code(budget["element"]), "year": line["year"],
                   "chapter": line["chapter"], "phase": line["phase"],
                   "amount": _decimal(line["amount"]), "concept": line["concept"],
                   "personnel": personnel,
                   "hours": _decimal(line["hours"]) if personnel else None,
                   "hourly_cost": _decimal(line["hourly_cost"]) if personnel else None,
                   "provisional": line["provisional"]}


# The tables, in the order every format lists them ------------------------------------------

TABLES: tuple[TableSpec, ...] = (
    TableSpec("elements", _("Elements"), _("The plan's tree: one row per element (axis, "
                                           "line, objective, action…), parents before "
                                           "children."), (
        Column("element", TEXT, _("Identifier of the element (stable across renames).")),
        Column("code", TEXT, _("Code of the element as the plan shows it.")),
        Column("level", TEXT, _("Identifier of its level (see the levels table).")),
        Column("parent", TEXT, _("Identifier of the parent element; empty at the top.")),
        Column("depth", INTEGER, _("Depth in the tree: 0 at the top.")),
        Column("position", INTEGER, _("Position among its siblings, from 1.")),
        Column("title", TEXT, _("Title.")),
        Column("description", TEXT, _("Description, as plain text.")),
        Column("weight", DECIMAL, _("Relative weight among its siblings when progress is "
                                    "rolled up.")),
        Column("highlighted", BOOLEAN, _("A highlighted action.")),
        Column("continuity", BOOLEAN, _("An action continued from earlier plans.")),
        Column("agreement", BOOLEAN, _("An action linked to the agreement with the "
                                       "Generalitat.")),
        Column("action_type", TEXT, _("Type of action.")),
        Column("instruments", LIST, _("Instruments.")),
        Column("thematic_scopes", LIST, _("Thematic scopes.")),
        Column("budget_sources", LIST, _("Budget sources.")),
        Column("source_codes", LIST, _("Codes of the participatory proposals it gathers.")),
        Column("calendar", LIST, _("Years (2022) and quarters (2022-t1) in which it is "
                                   "scheduled.")),
        Column("responsible", LIST, _("Identifiers of the bodies responsible for it.")),
        Column("involved", LIST, _("Identifiers of the bodies involved.")),
    ), _element_rows),
    TableSpec("levels", _("Levels"), _("The kinds of element of the plan's tree."), (
        Column("level", TEXT, _("Identifier of the level.")),
        Column("parent", TEXT, _("Identifier of the parent level; empty at the top.")),
        Column("name_ca", TEXT, _("Name in Catalan.")),
        Column("name_es", TEXT, _("Name in Spanish.")),
        Column("name_en", TEXT, _("Name in English.")),
        Column("code_pattern", TEXT, _("How codes of new elements are proposed.")),
        Column("holds_actions", BOOLEAN, _("Its elements are actions.")),
    ), _level_rows),
    TableSpec("bodies", _("Bodies"), _("The organisation's bodies, teams, services and "
                                       "partners that elements and activities name."), (
        Column("body", TEXT, _("Identifier of the body.")),
        Column("acronym", TEXT, _("Acronym.")),
        Column("name", TEXT, _("Name.")),
        Column("kind", TEXT, _("organ, committee, working_group, team, service, "
                               "participation, administration or partner.")),
        Column("partner", TEXT, _("Identifier of the organisation it stands for, if any.")),
    ), _body_rows),
    TableSpec("links", _("Links"), _("What each element contributes or relates to, also "
                                     "in other plans and organisations."), (
        ELEMENT, ELEMENT_CODE,
        Column("kind", TEXT, _("contributes_to or related_to.")),
        Column("target_organization", TEXT, _("Identifier of the target's organisation.")),
        Column("target_plan", TEXT, _("Identifier of the target's plan.")),
        Column("target_element", TEXT, _("Identifier of the target element.")),
        Column("target_code", TEXT, _("Code of the target element.")),
        Column("target_title", TEXT, _("Title of the target element.")),
        Column("note", TEXT, _("Note on the link.")),
    ), _link_rows),
    TableSpec("periods", _("Periods"), _("The reporting periods whose data is published."), (
        PERIOD,
        Column("kind", TEXT, _("year, semester or quarter.")),
        Column("year", INTEGER, _("Year.")),
        Column("number", INTEGER, _("1 for a year; 1–2 for semesters; 1–4 for quarters.")),
        Column("status", TEXT, _("open or closed.")),
        PROVISIONAL,
    ), _period_rows),
    TableSpec("progress", _("Progress"), _("Each element's execution in each published "
                                           "period."), (
        ELEMENT, ELEMENT_CODE, PERIOD,
        Column("status", TEXT, _("pending, in_progress, finished, postponed or cancelled.")),
        Column("percent", DECIMAL, _("Executed percentage (0–100) by the end of the period; "
                                     "empty means no data, not 0.")),
        Column("deployment", TEXT, _("State of deployment, as plain text.")),
        Column("next_actions", TEXT, _("Actions foreseen for the next year.")),
        BODIES, PROVISIONAL,
    ), _progress_rows),
    TableSpec("indicators", _("Indicators"), _("The definitions of the plan's indicators "
                                               "(their values are in indicator_values)."), (
        INDICATOR, PLAN_OR_ELEMENT, ELEMENT_CODE,
        Column("name", TEXT, _("Name.")),
        Column("description", TEXT, _("Description.")),
        Column("unit", TEXT, _("Unit, e.g. people.")),
        Column("measure_type", TEXT, _("count, percent, currency, ordinal or qualitative.")),
        Column("higher_is_better", BOOLEAN, _("Whether a higher value is better.")),
        Column("time_aggregation", TEXT, _("How values add up over time: sum, last, max or "
                                           "mean.")),
        Column("organization_aggregation", TEXT, _("How values add up across organisations: "
                                                   "sum, mean or none.")),
        Column("categories", LIST, _("Identifiers of the categories its values are split by "
                                     "(e.g. sexe).")),
    ), _indicator_rows),
    TableSpec("indicator_values", _("Indicator values"), _("Baseline, target and actual "
                                                           "values per published period."), (
        INDICATOR, PERIOD, VALUE_KIND,
        Column("total", DECIMAL, _("The recorded total (the split may add up to less when "
                                   "some were not recorded, never to more).")),
        Column("text", TEXT, _("Qualitative value or note.")),
        PROVISIONAL,
    ), _indicator_value_rows),
    TableSpec("indicator_splits", _("Indicator splits"), _("Each value split by category, "
                                                           "e.g. by sex."), (
        INDICATOR, PERIOD, VALUE_KIND,
        Column("category", TEXT, _("Identifier of the category (e.g. sexe).")),
        Column("option", TEXT, _("Identifier of the option (e.g. dona, home, no-binari, "
                                 "no-consta).")),
        Column("amount", DECIMAL, _("Amount for that option.")),
        PROVISIONAL,
    ), _indicator_split_rows),
    TableSpec("ratings", _("Ratings"), _("Answers per level of each rating scale (a "
                                         "distribution, never averaged)."), (
        ELEMENT, ELEMENT_CODE, PERIOD,
        Column("scale", TEXT, _("Identifier of the rating scale.")),
        Column("scale_name", TEXT, _("Name of the rating scale.")),
        Column("level", TEXT, _("Identifier of the level.")),
        Column("level_name", TEXT, _("Name of the level.")),
        Column("count", INTEGER, _("Number of answers.")),
        PROVISIONAL,
    ), _rating_rows),
    TableSpec("events", _("Activities"), _("Meetings, assemblies, council sessions, "
                                           "trainings and other dated activities."), (
        Column("event", TEXT, _("Identifier of the activity.")),
        PLAN_OR_ELEMENT, ELEMENT_CODE,
        Column("year", INTEGER, _("Year.")),
        Column("date", DATE, _("Date (YYYY-MM-DD); empty when only the year is known.")),
        Column("kind", TEXT, _("meeting, assembly, council_session, working_group, training, "
                               "presentation, visit, coordination, emails or other.")),
        Column("title", TEXT, _("Title.")),
        Column("description", TEXT, _("Description, as plain text.")),
        Column("count", INTEGER, _("How many (more than 1 for activities counted together).")),
        Column("bodies", LIST, _("Identifiers of the bodies taking part.")),
        Column("organizations", LIST, _("Identifiers of the organisations taking part.")),
        Column("attendance", INTEGER, _("People attending.")),
        PROVISIONAL,
    ), _event_rows),
    TableSpec("event_attendance", _("Attendance"), _("Attendance of each activity split by "
                                                     "category, e.g. by sex."), (
        Column("event", TEXT, _("Identifier of the activity.")),
        Column("category", TEXT, _("Identifier of the category (e.g. sexe).")),
        Column("option", TEXT, _("Identifier of the option (e.g. dona, home, no-binari, "
                                 "no-consta).")),
        Column("count", INTEGER, _("People.")),
        PROVISIONAL,
    ), _event_attendance_rows),
    TableSpec("budgets", _("Budgets"), _("The budget of the plan and of its elements for the "
                                         "whole period."), (
        PLAN_OR_ELEMENT, ELEMENT_CODE,
        Column("period_total", MONEY, _("Budget for the whole period, in euros.")),
        Column("note", TEXT, _("Note.")),
    ), _budget_rows),
    TableSpec("budget_lines", _("Budget lines"), _("Amounts by year, chapter and phase, "
                                                   "personnel co-financing included."), (
        PLAN_OR_ELEMENT, ELEMENT_CODE,
        Column("year", INTEGER, _("Year.")),
        Column("chapter", INTEGER, _("Expenditure chapter, 1–9 (I–IX); empty when the amount "
                                     "is not split by chapter.")),
        Column("phase", TEXT, _("initial (initial credit), definitive (definitive credit) or "
                                "executed (recognised obligations).")),
        Column("amount", MONEY, _("Amount in euros.")),
        Column("concept", TEXT, _("Concept.")),
        Column("personnel", BOOLEAN, _("True for personnel co-financing: hours × cost per "
                                       "hour, a proportional calculation.")),
        Column("hours", DECIMAL, _("Hours (personnel co-financing only).")),
        Column("hourly_cost", MONEY, _("Cost per hour in euros (personnel co-financing "
                                       "only).")),
        PROVISIONAL,
    ), _budget_line_rows),
)

TABLE_KEYS = tuple(spec.key for spec in TABLES)


def spec_of(key: str) -> TableSpec:
    """The table named ``key``; KeyError when there is none."""
    return {spec.key: spec for spec in TABLES}[key]


def plan_tables(document: dict, *, only: str | None = None) -> list[Table]:
    """Every table (or only the one named ``only``) of a public plan document."""
    lookups = _Lookups.of(document)
    specs = [spec_of(only)] if only else TABLES
    tables = []
    for spec in specs:
        keys = [column.key for column in spec.columns]
        tables.append(Table(spec=spec, rows=[tuple(row[key] for key in keys)
                                             for row in spec.rows(document, lookups)]))
    return tables
