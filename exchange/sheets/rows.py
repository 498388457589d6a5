"""A plan document (exchange/document.py) as the rows of the spreadsheets' tables.

Every table is written from the plan document, so a spreadsheet holds exactly what the JSON
export holds, and an import compares each sheet row with the row the current document gives
(``Rows.current``). Cell values are typed — ``str``, ``int``, ``Decimal``, ``datetime.date``
or ``None`` — and the formats write them as numbers and dates where they are.

Rows follow the plan's tree and its periods, never database ids, so the same plan in another
organisation gives the same rows.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from core.richtext import html_to_markup as _html_to_markup
from exchange.sheets import columns as c
from exchange.sheets.values import BOOLEAN_WORDS, LIST_SEPARATOR
from monitoring.models import DisaggregationCategory


@dataclass(frozen=True)
class Split:
    """One option of a disaggregation category, as a column of its own (e.g. Sexe: Dona)."""

    key: str  # "sexe/dona"
    category: str
    names: dict[str, str]
    aliases: frozenset[str]

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names["ca"]


def split_catalogue(organization) -> list[Split]:
    """Every split option the organisation may use (the shared categories and its own)."""
    from exchange.sheets.values import normalise

    categories = (DisaggregationCategory.objects
                  .filter(Q(organization__isnull=True) | Q(organization=organization))
                  .prefetch_related("options").order_by("pk"))
    splits = []
    for category in categories:
        for option in category.options.all():
            labels = {}
            for language in c.LANGUAGES:
                category_name = getattr(category, f"name_{language}") or category.name_ca
                option_name = getattr(option, f"name_{language}") or option.name_ca
                labels[language] = f"{category_name}: {option_name}"
            aliases = {normalise(label) for label in labels.values()}
            aliases |= {normalise(f"{category.key}/{option.key}")}
            splits.append(Split(f"{category.key}/{option.key}", category.key, labels,
                                frozenset(aliases)))
    return splits


def period_label(reference: str) -> str:
    """``2022-t1`` as people write it: ``2022-T1``."""
    return reference.upper()


class Rows:
    """The rows of every table of one plan document, in the user's language."""

    def __init__(self, document: dict, *, language: str, splits: list[Split]):
        self.document = document
        self.language = language
        self.catalogue = splits
        self.elements: list[tuple[dict, str | None]] = []  # (element, parent slug), tree order
        self._walk(document.get("elements") or [], None)
        self.position = {e["slug"]: i for i, (e, _parent) in enumerate(self.elements)}
        self.element_ref = {e["slug"]: e["code"] or e["slug"] for e, _parent in self.elements}
        acronyms = [b["acronym"] for b in document.get("bodies") or [] if b["acronym"]]
        self.body_ref = {b["slug"]: (b["acronym"] if b["acronym"] and acronyms.count(
            b["acronym"]) == 1 else b["slug"]) for b in document.get("bodies") or []}
        monitoring = document.get("monitoring") or {}
        self.period_order = {f"{p['year']}" if p["kind"] == "year" else
                             f"{p['year']}-{'s' if p['kind'] == 'semester' else 't'}{p['number']}":
                             i for i, p in enumerate(monitoring.get("periods") or [])}

    def _walk(self, items: list[dict], parent: str | None) -> None:
        for item in items:
            self.elements.append((item, parent))
            self._walk(item.get("children") or [], item["slug"])

    # cell values ---------------------------------------------------------------------------

    def choice(self, column: c.Column, value):
        if value is None or value == "":
            return None
        for key, label in column.choices():
            if key == value:
                return str(label)
        return str(value)

    def boolean(self, value) -> str | None:
        if value is None:
            return None
        yes, no = BOOLEAN_WORDS.get(self.language, BOOLEAN_WORDS["ca"])
        return yes if value else no

    def ref(self, slug) -> str | None:
        if not slug:
            return None
        return self.element_ref.get(slug, slug)

    def bodies(self, slugs) -> str:
        return LIST_SEPARATOR.join(self.body_ref.get(s, s) for s in slugs)

    @staticmethod
    def number(value) -> Decimal | None:
        if value is None or value == "":
            return None
        return Decimal(str(value))

    @staticmethod
    def money(value) -> Decimal | None:
        if value is None or value == "":
            return None
        return Decimal(str(value)).quantize(Decimal("0.01"))

    def period_key(self, reference: str):
        return self.period_order.get(reference, len(self.period_order)), reference

    def element_key(self, slug) -> int:
        return -1 if slug is None else self.position.get(slug, len(self.position))

    def cells(self, table: c.Table, row: dict) -> dict:
        """A row's values written as cells: choices by their label, yes/no in words."""
        result = {}
        for column in table.columns:
            value = row.get(column.key)
            if column.type == c.CHOICE:
                value = self.choice(column, value)
            elif column.type == c.BOOLEAN:
                value = self.boolean(value)
            result[column.key] = value
        for key, value in row.items():
            if key.startswith("split:"):
                result[key] = value
        return result

    def splits_for(self, table: c.Table) -> list[Split]:
        """The split columns a table shows: the categories the plan's indicators use (values),
        or those of the activities' attendance and always the split by sex (activities)."""
        monitoring = self.document.get("monitoring") or {}
        if table.splits == "values":
            used = {k for i in monitoring.get("indicators") or [] for k in i["categories"]}
        elif table.splits == "attendance":
            used = {"sexe"} | {key.split("/")[0] for e in monitoring.get("events") or []
                               for key in e["attendance_split"]}
        else:
            return []
        return [s for s in self.catalogue if s.category in used]

    # tables --------------------------------------------------------------------------------

    def table(self, table: c.Table, *, period: str | None = None) -> list[dict]:
        rows = getattr(self, f"rows_{table.key}")(period) if table.key in (
            "progress", "values", "ratings") else getattr(self, f"rows_{table.key}")()
        return [self.cells(table, row) for row in rows]

    def rows_plan(self) -> list[dict]:
        plan = self.document["plan"]
        parent = plan.get("parent")
        return [{
            "slug": plan["slug"], "title": plan["title"], "kind": plan["kind"],
            "start_year": plan["start_year"], "end_year": plan["end_year"],
            "parent": f"{parent['organization']}/{parent['plan']}" if parent else None,
            "status": plan["status"],
            "amendments_from": _date(plan.get("amendments_from")),
            "amendments_to": _date(plan.get("amendments_to")),
            "approved_on": _date(plan.get("approved_on")),
            "approved_place": plan.get("approved_place") or None,
            "approved_by": plan.get("approved_by") or None,
        }]

    def rows_levels(self) -> list[dict]:
        return [{
            "key": level["key"], "parent": level["parent"],
            **{f"name_{lang}": level["name"].get(lang) or None for lang in c.LANGUAGES},
            **{f"plural_{lang}": level["plural"].get(lang) or None for lang in c.LANGUAGES},
            "code_pattern": level["code_pattern"] or None,
            "holds_actions": level["holds_actions"],
        } for level in self.document.get("levels") or []]

    def rows_vocabularies(self) -> list[dict]:
        vocabularies = self.document.get("vocabularies") or {}
        return [{"vocabulary": vocabulary, "name": name}
                for vocabulary, _label in c.VOCABULARIES.column("vocabulary").choices()
                for name in vocabularies.get(vocabulary) or []]

    def rows_bodies(self) -> list[dict]:
        return [{
            "identifier": body["slug"], "acronym": body["acronym"] or None,
            "name": body["name"], "kind": body["kind"],
            "functions": body["functions"] or None,
            "meeting_periodicity": body["meeting_periodicity"] or None,
            "holders": body["holders"] or None, "partner": body["partner"],
        } for body in self.document.get("bodies") or []]

    def rows_elements(self) -> list[dict]:
        return [{
            "identifier": item["slug"], "code": item["code"] or None,
            "parent": self.ref(parent), "level": item["level"], "title": item["title"],
            "description": html_to_markup(item["description"]) or None,
            "action_type": item["action_type"] or None,
            "instruments": _list(item["instruments"]),
            "thematic_scopes": _list(item["thematic_scopes"]),
            "budget_sources": _list(item["budget_sources"]),
            "source_codes": _list(item["source_codes"]),
            "calendar": _list(f"{m['year']}-T{m['quarter']}" if m["quarter"] else str(m["year"])
                              for m in item["calendar"]),
            "responsible": self.bodies(b["body"] for b in item["responsible"]) or None,
            "involved": self.bodies(b["body"] for b in item["involved"]) or None,
            "continuity": item["continuity"], "agreement": item["agreement"],
            "highlighted": item["highlighted"],
            "weight": self.number(item["weight"]),
        } for item, parent in self.elements]

    def rows_links(self) -> list[dict]:
        own = (self.document["organization"]["slug"], self.document["plan"]["slug"])
        rows = []
        for item, _parent in self.elements:
            for link in item["links"]:
                target = link["target"]
                if (target["organization"], target["plan"]) == own:
                    reference = target["code"] or target["element"]
                else:
                    reference = f"{target['organization']}/{target['plan']}/{target['element']}"
                rows.append({"source": self.ref(item["slug"]), "target": reference,
                             "kind": link["kind"], "note": link["note"] or None})
        return rows

    def rows_sections(self) -> list[dict]:
        rows = [{"element": None, "kind": s["kind"], "title": s["title"] or None,
                 "body": html_to_markup(s["body"]) or None}
                for s in self.document.get("sections") or []]
        for item, _parent in self.elements:
            rows += [{"element": self.ref(item["slug"]), "kind": s["kind"],
                      "title": s["title"] or None, "body": html_to_markup(s["body"]) or None}
                     for s in item["sections"]]
        return rows

    def rows_settings(self) -> list[dict]:
        policy = (self.document.get("monitoring") or {}).get("policy") or {}
        if not policy:
            return [{}]
        return [{"period_kind": policy["period_kind"], "pace": policy["pace"],
                 "tolerance": self.number(policy["tolerance"]), "rollup": policy["rollup"],
                 "publication": policy["publication"],
                 "data_note": policy["data_note"] or None}]

    def rows_periods(self) -> list[dict]:
        monitoring = self.document.get("monitoring") or {}
        return [{"period": period_label(reference), "status": p["status"]}
                for reference, p in zip(self.period_order, monitoring.get("periods") or [],
                                        strict=True)]

    def rows_progress(self, period: str | None) -> list[dict]:
        items = (self.document.get("monitoring") or {}).get("progress") or []
        titles = {e["slug"]: e["title"] for e, _parent in self.elements}
        if period is None:
            chosen = sorted(items, key=lambda p: (self.period_key(p["period"]),
                                                  self.element_key(p["element"])))
        else:  # a template of one period: every element, filled in where there is data
            by_element = {p["element"]: p for p in items if p["period"] == period}
            chosen = [by_element.get(e["slug"]) or {"element": e["slug"], "period": period}
                      for e, _parent in self.elements]
        return [{
            "element": self.ref(p["element"]), "title": titles.get(p["element"]),
            "period": period_label(p["period"]), "status": p.get("status"),
            "percent": self.number(p.get("percent")),
            "deployment": html_to_markup(p.get("deployment") or "") or None,
            "next_actions": html_to_markup(p.get("next_actions") or "") or None,
            "bodies": self.bodies(p.get("bodies") or []) or None,
        } for p in chosen]

    def rows_indicators(self) -> list[dict]:
        return [{
            "identifier": i["slug"], "element": self.ref(i["element"]), "name": i["name"],
            "description": html_to_markup(i["description"]) or None, "unit": i["unit"] or None,
            "measure_type": i["measure_type"], "higher_is_better": i["higher_is_better"],
            "time_aggregation": i["time_aggregation"],
            "organization_aggregation": i["organization_aggregation"],
            "categories": _list(i["categories"]),
        } for i in (self.document.get("monitoring") or {}).get("indicators") or []]

    def rows_values(self, period: str | None) -> list[dict]:
        kinds = [k for k, _label in c.VALUES.column("kind").choices()]
        rows = []
        for indicator in (self.document.get("monitoring") or {}).get("indicators") or []:
            values = sorted(indicator["values"], key=lambda v: (self.period_key(v["period"]),
                                                                kinds.index(v["kind"])))
            if period is not None:
                values = [v for v in values if v["period"] == period]
                if not any(v["kind"] == "actual" for v in values):
                    values.append({"period": period, "kind": "actual"})
            for value in values:
                row = {"indicator": indicator["slug"], "name": indicator["name"],
                       "period": period_label(value["period"]), "kind": value["kind"],
                       "total": self.number(value.get("total")),
                       "text": value.get("text") or None}
                for key, amount in (value.get("splits") or {}).items():
                    row[f"split:{key}"] = self.number(amount)
                rows.append(row)
        return rows

    def rows_scales(self) -> list[dict]:
        return [{"scale": s["key"], "scale_name": s["name"] or None,
                 "description": s["description"] or None, "level": level["key"],
                 "level_name": level["name"] or None}
                for s in (self.document.get("monitoring") or {}).get("rating_scales") or []
                for level in s["levels"]]

    def rows_ratings(self, period: str | None) -> list[dict]:
        monitoring = self.document.get("monitoring") or {}
        scales = {s["key"]: (i, [level["key"] for level in s["levels"]])
                  for i, s in enumerate(monitoring.get("rating_scales") or [])}
        items = [r for r in monitoring.get("ratings") or []
                 if period is None or r["period"] == period]
        items.sort(key=lambda r: (self.period_key(r["period"]), self.element_key(r["element"]),
                                  scales.get(r["scale"], (99,))[0]))
        rows = []
        for rating in items:
            levels = scales.get(rating["scale"], (0, []))[1]
            for level in sorted(rating["counts"], key=lambda k: levels.index(k)
                                if k in levels else 99):
                rows.append({"element": self.ref(rating["element"]),
                             "period": period_label(rating["period"]),
                             "scale": rating["scale"], "level": level,
                             "count": rating["counts"][level]})
        return rows

    def budgets(self) -> list[dict]:
        return sorted(self.document.get("budgets") or [],
                      key=lambda b: self.element_key(b["element"]))

    def rows_budgets(self) -> list[dict]:
        return [{"element": self.ref(b["element"]), "period_total": self.money(b["period_total"]),
                 "note": b["note"] or None} for b in self.budgets()]

    def rows_lines(self) -> list[dict]:
        return [{"element": self.ref(b["element"]), "year": line["year"],
                 "chapter": line["chapter"], "phase": line["phase"],
                 "amount": self.money(line["amount"]), "concept": line["concept"] or None}
                for b in self.budgets() for line in b["lines"]]

    def rows_personnel(self) -> list[dict]:
        return [{"element": self.ref(b["element"]), "year": cost["year"],
                 "chapter": cost["chapter"], "phase": cost["phase"],
                 "hours": self.number(cost["hours"]),
                 "hourly_cost": self.money(cost["hourly_cost"]),
                 "amount": self.money(cost.get("amount")), "concept": cost["concept"] or None}
                for b in self.budgets() for cost in b["personnel_costs"]]

    def rows_events(self) -> list[dict]:
        rows = []
        for event in (self.document.get("monitoring") or {}).get("events") or []:
            row = {"identifier": event["key"], "date": _date(event["date"]),
                   "year": event["year"], "kind": event["kind"], "title": event["title"],
                   "element": self.ref(event["element"]),
                   "description": html_to_markup(event["description"]) or None,
                   "count": event["count"], "bodies": self.bodies(event["bodies"]) or None,
                   "organizations": _list(event["organizations"]),
                   "attendance": event["attendance"]}
            for key, count in event["attendance_split"].items():
                row[f"split:{key}"] = count
            rows.append(row)
        return rows


def html_to_markup(html: str) -> str:
    """Stored HTML in the light markup a cell shows. An empty list item, which the markup
    cannot hold, is left out."""
    text = "\n".join(line for line in _html_to_markup(html).split("\n")
                     if not re.fullmatch(r"\s*[-*•]\s*", line))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _list(names) -> str | None:
    return LIST_SEPARATOR.join(names) or None


def _date(value) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None
