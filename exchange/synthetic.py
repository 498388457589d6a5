"""Catalonia-sized synthetic data: N organisations shaped like the real ones, for measuring.

Each organisation gets a strategic plan 2019–2026 of 3 strategic objectives, 27 programmes
and 8 actuacions per programme (Terrassa's shape), its services, vocabularies and calendar;
8 yearly periods (2019–2025 closed and public, 2026 open); progress of every actuació in every
year; 3 indicators per actuació with yearly values split by sex; each programme's budget with
lines per year × chapter × phase and its personnel co-financing; about 20 activities per
programme and year. A network holds them all, with a work plan whose lines every programme
contributes to.

Rows are written in bulk — PostgreSQL's COPY, executemany elsewhere — with the identifiers
chosen here, so nothing goes row by row through the ORM; the id sequences are reset at the
end. The data carries no history records: it was not entered by anyone.
"""

import datetime
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from budgets.models import Budget, BudgetLine, PersonnelCost
from monitoring.models import (
    DisaggregationCategory,
    Event,
    EventAttendance,
    Indicator,
    IndicatorSplit,
    IndicatorValue,
    MonitoringPolicy,
    Period,
    Progress,
)
from organizations.models import Body, Membership, NetworkMembership, Organization
from plans.models import CalendarMark, Element, ElementBody, Level, Link, Plan, Term

YEARS = list(range(2019, 2027))
CLOSED_YEARS = YEARS[:-1]
OBJECTIVES, PROGRAMMES_PER_OBJECTIVE, ACTIONS_PER_PROGRAMME = 3, 9, 8
EVENTS_PER_PROGRAMME_YEAR = 20
BATCH = 10
PREFIX = "synth"
PASSWORD = "teixit-demo"

SERVICES = ["Servei d'Emprenedoria", "Servei d'Ocupació", "Servei de Comerç",
            "Servei d'Habitatge", "Servei de Medi Ambient", "Servei de Joventut",
            "Servei d'Educació", "Servei de Polítiques de Gènere", "Servei de Participació",
            "Servei de Promoció Econòmica"]
SCOPES = ["Consum", "Habitatge", "Energia", "Alimentació", "Cures", "Finances ètiques"]
INSTRUMENTS = ["Formació", "Assessorament", "Subvencions", "Contractació pública",
               "Comunicació"]
INDICATORS = [("Persones ateses", "persones"), ("Sessions realitzades", "sessions"),
              ("Persones participants en les activitats", "persones")]
EVENT_KINDS = [k for k in Event.Kind.values if k != Event.Kind.EMAILS]
VERBS = ["Impulsar", "Acompanyar", "Formar", "Difondre", "Coordinar", "Enfortir",
         "Facilitar", "Promoure"]
SUBJECTS = ["les cooperatives de treball", "el mercat social", "les entitats del barri",
            "la compra pública responsable", "les iniciatives de consum conscient",
            "l'emprenedoria col·lectiva", "les xarxes de suport mutu",
            "els projectes comunitaris d'energia"]


@dataclass
class SynthReport:
    organizations: int = 0
    rows: Counter = field(default_factory=Counter)
    seconds: float = 0.0


class _Tables:
    """Rows gathered per table and written in bulk, with identifiers chosen here."""

    def __init__(self):
        self.rows: dict[type, list[tuple]] = {}
        self.columns: dict[type, list[str]] = {}
        self.next_id: dict[type, int] = {}
        self.written: Counter = Counter()

    def new_id(self, model) -> int:
        if model not in self.next_id:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT MAX(id) FROM {model._meta.db_table}")  # noqa: S608
                self.next_id[model] = (cursor.fetchone()[0] or 0) + 1
        value = self.next_id[model]
        self.next_id[model] = value + 1
        return value

    def add(self, model, columns: list[str], values: tuple, *, with_id: bool = True) -> int:
        pk = self.new_id(model) if with_id else 0
        self.columns.setdefault(model, ["id", *columns] if with_id else columns)
        self.rows.setdefault(model, []).append((pk, *values) if with_id else values)
        return pk

    def through(self, table: str, columns: list[str], values: tuple) -> None:
        key = ("through", table)
        self.columns.setdefault(key, columns)
        self.rows.setdefault(key, []).append(values)

    def flush(self, order: list) -> None:
        with connection.cursor() as cursor:
            for key in order:
                rows = self.rows.pop(key, None)
                if not rows:
                    continue
                table = key[1] if isinstance(key, tuple) else key._meta.db_table
                _write(cursor, table, self.columns[key], rows)
                self.written[table] += len(rows)


def _write(cursor, table: str, columns: list[str], rows: list[tuple]) -> None:
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:  # noqa: S608
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608


# The order in which tables are written (a row's references are written before it).
ORDER = [Organization, NetworkMembership, Membership, Body, Plan, MonitoringPolicy, Level, Term,
         Element, ("through", "plans_element_terms"), ElementBody, CalendarMark, Link, Period,
         Progress, ("through", "monitoring_progress_bodies"), Indicator,
         ("through", "monitoring_indicator_categories"), IndicatorValue, IndicatorSplit,
         Budget, BudgetLine, PersonnelCost, Event, ("through", "monitoring_event_bodies"),
         EventAttendance]


def synth(*, organizations: int, seed: int = 1, progress=None) -> SynthReport:
    """Add ``organizations`` synthetic organisations (and, the first time, their network)."""
    started = time.perf_counter()
    rng = random.Random(seed)
    tables = _Tables()
    now = timezone.now()
    sex = DisaggregationCategory.objects.get(key="sexe", organization__isnull=True)
    options = {o.key: o.pk for o in sex.options.all()}
    existing = Organization.objects.filter(slug__startswith=f"{PREFIX}-",
                                           kind=Organization.Kind.MUNICIPALITY).count()
    with transaction.atomic():
        user = _synth_user()
        network, network_lines = _network(tables, now, user)
    last = existing + organizations
    # Ten organisations per transaction: the foreign keys, checked when a transaction
    # commits, are checked batch by batch instead of all at the end.
    for first in range(existing + 1, last + 1, BATCH):
        with transaction.atomic():
            for number in range(first, min(first + BATCH, last + 1)):
                _organization(tables, rng, number, network, network_lines, user, options,
                              sex.pk, now)
            tables.flush(ORDER)
            _reset_sequences()
        if progress:
            progress(min(first + BATCH, last + 1) - existing - 1, organizations)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # the planner's statistics, after such a load
    return SynthReport(organizations=organizations, rows=tables.written,
                       seconds=time.perf_counter() - started)


def _synth_user():
    """One administrator of every synthetic organisation, to look at the editor's pages."""
    user, created = get_user_model().objects.get_or_create(
        username=f"{PREFIX}-admin", defaults={"first_name": "Administració sintètica",
                                               "password": make_password(PASSWORD)})
    return user


def _network(tables: _Tables, now, user) -> tuple[Organization, list[int]]:
    network = Organization.objects.filter(slug=f"{PREFIX}-xarxa").first()
    if network is not None:
        plan = network.plans.get(slug="pla-de-treball")
        return network, list(plan.elements.order_by("pk").values_list("pk", flat=True))
    org_id = tables.add(Organization, ["slug", "name", "short_name", "kind", "parent_id",
                                       "website", "description", "data_licence"],
                        (f"{PREFIX}-xarxa", "Xarxa sintètica de municipis per l'ESS",
                         "Xarxa sintètica", Organization.Kind.NETWORK, None, "",
                         "Dades sintètiques per mesurar Teixit.", "CC-BY-4.0"))
    tables.add(Membership, ["user_id", "organization_id", "role"], (user.pk, org_id, "admin"))
    plan_id = tables.add(Plan, _PLAN_COLUMNS, (
        org_id, "pla-de-treball", "Pla de treball sintètic de la xarxa", Plan.Kind.WORK_PLAN,
        2019, 2026, None, Plan.Status.APPROVED, None, None, datetime.date(2019, 1, 20),
        "Assemblea", "", now, now))
    level_id = tables.add(Level, _LEVEL_COLUMNS, (plan_id, None, "line", "Línia estratègica",
                                                  "Línea estratégica", "Strategic line",
                                                  "Línies estratègiques",
                                                  "Líneas estratégicas", "Strategic lines",
                                                  "LE{n}", False, 1))
    lines = [tables.add(Element, _ELEMENT_COLUMNS, (
        plan_id, level_id, None, f"le{n}", f"LE{n}", f"Línia estratègica {n} de la xarxa", "",
        n, False, False, False, Decimal(1), now, now)) for n in range(1, 7)]
    tables.flush(ORDER)
    return Organization.objects.get(pk=org_id), lines


_PLAN_COLUMNS = ["organization_id", "slug", "title", "kind", "start_year", "end_year",
                 "parent_id", "status", "amendments_from", "amendments_to", "approved_on",
                 "approved_place", "approved_by", "created_at", "updated_at"]
_LEVEL_COLUMNS = ["plan_id", "parent_id", "key", "name_ca", "name_es", "name_en", "plural_ca",
                  "plural_es", "plural_en", "code_pattern", "holds_actions", "order"]
_ELEMENT_COLUMNS = ["plan_id", "level_id", "parent_id", "slug", "code", "title",
                    "description", "order", "is_continuity", "is_agreement_linked",
                    "is_highlighted", "weight", "created_at", "updated_at"]


def _title(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(SUBJECTS)}"


def _organization(tables, rng, number, network, network_lines, user, options, sex_id, now):
    slug = f"{PREFIX}-{number:04d}"
    org = tables.add(Organization, ["slug", "name", "short_name", "kind", "parent_id",
                                    "website", "description", "data_licence"],
                     (slug, f"Ajuntament sintètic {number:04d}", f"Sintètic {number:04d}",
                      Organization.Kind.MUNICIPALITY, None, "", "", "CC-BY-4.0"))
    tables.add(NetworkMembership, ["network_id", "member_id", "joined_on"],
               (network.pk, org, datetime.date(2019, 1, 1)))
    tables.add(Membership, ["user_id", "organization_id", "role"], (user.pk, org, "admin"))
    bodies = [tables.add(Body, ["organization_id", "slug", "acronym", "name", "kind",
                                "functions", "meeting_periodicity", "holders", "partner_id",
                                "order"],
                         (org, f"s{n}", f"S{n}", name, Body.Kind.SERVICE, "", "", "", None, n))
              for n, name in enumerate(SERVICES, start=1)]
    plan = tables.add(Plan, _PLAN_COLUMNS, (
        org, "pla-estrategic", f"Pla estratègic d'economia social i solidària {number:04d}",
        Plan.Kind.STRATEGIC_PLAN, 2019, 2026, None, Plan.Status.APPROVED, None, None,
        datetime.date(2019, 3, 29), "Ple municipal", "", now, now))
    tables.add(MonitoringPolicy, ["plan_id", "period_kind", "pace", "tolerance", "rollup",
                                  "publication", "data_note"],
               (plan, "year", "linear", Decimal(10), "weighted_mean", "closed",
                "Dades sintètiques."))
    names = [("objective", "Objectiu estratègic", "Objetivo estratégico", "Strategic objective",
              "Objectius estratègics", "Objetivos estratégicos", "Strategic objectives",
              "O{n}", False),
             ("programme", "Programa", "Programa", "Programme", "Programes", "Programas",
              "Programmes", "P{n}", False),
             ("action", "Actuació", "Actuación", "Action", "Actuacions", "Actuaciones",
              "Actions", "{parent}.{n}", True)]
    levels, parent_level = [], None
    for order, (key, *labels, pattern, holds) in enumerate(names, start=1):
        parent_level = tables.add(Level, _LEVEL_COLUMNS, (plan, parent_level, key, *labels,
                                                          pattern, holds, order))
        levels.append(parent_level)
    scopes = [tables.add(Term, ["plan_id", "vocabulary", "name", "order"],
                         (plan, Term.Vocabulary.THEMATIC_SCOPE, name, n))
              for n, name in enumerate(SCOPES, start=1)]
    instruments = [tables.add(Term, ["plan_id", "vocabulary", "name", "order"],
                              (plan, Term.Vocabulary.INSTRUMENT, name, n))
                   for n, name in enumerate(INSTRUMENTS, start=1)]
    periods = {year: tables.add(Period, ["plan_id", "kind", "year", "number", "status",
                                         "closed_at", "closed_by_id"],
                                (plan, "year", year, 1,
                                 "closed" if year in CLOSED_YEARS else "open",
                                 now if year in CLOSED_YEARS else None,
                                 user.pk if year in CLOSED_YEARS else None))
               for year in YEARS}
    programme_number = 0
    for o in range(1, OBJECTIVES + 1):
        objective = tables.add(Element, _ELEMENT_COLUMNS, (
            plan, levels[0], None, f"o{o}", f"O{o}", f"Objectiu estratègic {o}: {_title(rng)}",
            "", o, False, False, False, Decimal(1), now, now))
        for p in range(1, PROGRAMMES_PER_OBJECTIVE + 1):
            programme_number += 1
            code = f"P{programme_number}"
            programme = tables.add(Element, _ELEMENT_COLUMNS, (
                plan, levels[1], objective, f"p{programme_number}", code,
                f"Programa {programme_number}: {_title(rng)}", "", p, False, False, False,
                Decimal(1), now, now))
            tables.add(ElementBody, ["element_id", "body_id", "role", "order"],
                       (programme, rng.choice(bodies), "responsible", 0))
            tables.add(Link, ["source_id", "target_id", "kind", "note", "order"],
                       (programme, rng.choice(network_lines), "contributes_to", "", 0))
            actions = _actions(tables, rng, plan, levels[2], programme, programme_number,
                               bodies, scopes, instruments, periods, options, sex_id, now)
            _budget(tables, rng, plan, programme)
            _events(tables, rng, plan, actions, bodies, options)


def _actions(tables, rng, plan, level, programme, number, bodies, scopes, instruments,
             periods, options, sex_id, now) -> list[int]:
    actions = []
    for a in range(1, ACTIONS_PER_PROGRAMME + 1):
        action = tables.add(Element, _ELEMENT_COLUMNS, (
            plan, level, programme, f"p{number}-{a}", f"P{number}.{a}",
            f"{_title(rng)} ({number}.{a})",
            "<p>Actuació sintètica per mesurar Teixit amb dades de la mida de Catalunya.</p>",
            a, rng.random() < .5, rng.random() < .2, rng.random() < .1, Decimal(1), now, now))
        actions.append(action)
        for term in (rng.choice(scopes), rng.choice(instruments)):
            tables.through("plans_element_terms", ["element_id", "term_id"], (action, term))
        tables.add(ElementBody, ["element_id", "body_id", "role", "order"],
                   (action, rng.choice(bodies), "responsible", 0))
        tables.add(ElementBody, ["element_id", "body_id", "role", "order"],
                   (action, rng.choice(bodies), "involved", 1))
        first = rng.choice(YEARS[:4])
        for year in range(first, min(first + rng.randint(3, 8), YEARS[-1] + 1)):
            tables.add(CalendarMark, ["element_id", "year", "quarter"], (action, year, None))
        percent = 0
        for year in YEARS:
            percent = min(100, percent + rng.choice([0, 5, 10, 12.5, 15, 20]))
            status = "finished" if percent == 100 else ("in_progress" if percent else "pending")
            entry = tables.add(Progress, ["element_id", "period_id", "status", "percent",
                                          "deployment", "next_actions", "updated_at"],
                               (action, periods[year], status, Decimal(str(percent)),
                                "<p>Desplegament de l'any, en dades sintètiques.</p>", "", now))
            tables.through("monitoring_progress_bodies", ["progress_id", "body_id"],
                           (entry, rng.choice(bodies)))
        for i, (name, unit) in enumerate(INDICATORS, start=1):
            indicator = tables.add(Indicator, [
                "plan_id", "element_id", "slug", "name", "description", "unit",
                "measure_type", "higher_is_better", "time_aggregation",
                "organization_aggregation", "order"],
                (plan, action, f"p{number}-{len(actions)}-{i}", name, "", unit, "count", True,
                 "sum", "sum", i))
            tables.through("monitoring_indicator_categories",
                           ["indicator_id", "disaggregationcategory_id"], (indicator, sex_id))
            for year in YEARS:
                women, men, other = rng.randint(5, 120), rng.randint(5, 100), rng.randint(0, 3)
                value = tables.add(IndicatorValue, ["indicator_id", "period_id", "kind",
                                                    "total", "text"],
                                   (indicator, periods[year], "actual",
                                    Decimal(women + men + other), ""))
                for key, amount in (("dona", women), ("home", men), ("no-binari", other)):
                    tables.add(IndicatorSplit, ["value_id", "option_id", "amount"],
                               (value, options[key], Decimal(amount)))
    return actions


def _budget(tables, rng, plan, programme):
    budget = tables.add(Budget, ["plan_id", "element_id", "period_total", "note"],
                        (plan, programme, Decimal(rng.randint(200, 900) * 1000), ""))
    for year in YEARS:
        for chapter in (1, 2, 4):
            initial = Decimal(rng.randint(5_000, 60_000))
            definitive = initial + Decimal(rng.randint(0, 5_000))
            executed = (definitive * Decimal(rng.randint(70, 100)) / 100).quantize(
                Decimal("0.01"))
            for phase, amount in (("initial", initial), ("definitive", definitive),
                                  ("executed", executed)):
                tables.add(BudgetLine, ["budget_id", "year", "chapter", "phase", "amount",
                                        "concept"], (budget, year, chapter, phase, amount, ""))
        tables.add(PersonnelCost, ["budget_id", "year", "chapter", "phase", "hours",
                                   "hourly_cost", "concept"],
                   (budget, year, 1, "executed", Decimal(rng.randint(200, 1600)),
                    Decimal("31.50"), "Cofinançament de personal"))


def _events(tables, rng, plan, actions, bodies, options):
    for year in YEARS:
        for n in range(EVENTS_PER_PROGRAMME_YEAR):
            element = rng.choice(actions)
            attendance = rng.randint(8, 80) if rng.random() < .5 else None
            event = tables.add(Event, ["plan_id", "element_id", "key", "year", "date", "kind",
                                       "title", "description", "count", "attendance"],
                               (plan, element, f"e{element}-{year}-{n}", year,
                                datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                                rng.choice(EVENT_KINDS), f"Sessió de treball {n + 1}", "", 1,
                                attendance))
            tables.through("monitoring_event_bodies", ["event_id", "body_id"],
                           (event, rng.choice(bodies)))
            if attendance:
                women = rng.randint(0, attendance)
                for key, count in (("dona", women), ("home", attendance - women)):
                    tables.add(EventAttendance, ["event_id", "option_id", "count"],
                               (event, options[key], count))


def _reset_sequences() -> None:
    models = [m for m in ORDER if not isinstance(m, tuple)]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
