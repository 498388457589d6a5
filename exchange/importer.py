"""Reading plan documents (format ``teixit-plan``) into the database.

The import is a sync keyed by identifiers: the plan by its organisation and slug, levels by
key, terms by vocabulary and name, bodies by slug, elements by slug. What is equal is left
alone, so importing the same document twice changes nothing the second time. Everything is
checked before anything is written; a document with any error stores nothing, and every error
says where it is (element code or position, field) and what is wrong.

Besides the exact export format, the reader accepts shorthands that make hand-written data
files readable: plain text for descriptions, body and term names as strings, links as codes,
calendar marks as ``2022`` or ``"2020-T1"``. See docs/exchange-format.md.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.richtext import sanitize_html, text_to_html
from exchange.document import FORMAT, VERSION, VOCABULARY_KEYS, element_parts
from exchange.monitoring_import import MonitoringSync
from exchange.values import parse_date
from history.models import Change
from history.services import change_record, change_records
from organizations.models import Body, Organization
from organizations.versioning import body_snapshot
from plans.models import (
    CalendarMark,
    Element,
    ElementBody,
    ElementSection,
    Level,
    Link,
    Plan,
    PlanSection,
    Term,
)
from plans.versioning import (
    element_snapshots,
    element_subtree_snapshot,
    level_snapshot,
    plan_snapshot,
    term_snapshot,
)


class DocumentError(Exception):
    """The document cannot be imported; ``messages`` says every reason, each with its place."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass
class ImportReport:
    organization: str
    plan: str
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


# Parsing ----------------------------------------------------------------------------------

@dataclass
class ElementSpec:
    where: str
    slug: str
    level: str
    parent: str | None
    order: int
    code: str
    title: str
    description: str
    weight: Decimal
    highlighted: bool
    continuity: bool
    agreement: bool
    terms: list[tuple[str, str]]
    responsible: list[str]
    involved: list[str]
    calendar: list[tuple[int, int | None]]
    sections: list[tuple[str, str, str]]
    links: list[dict]


@dataclass
class PlanSpec:
    organization: str
    slug: str
    fields: dict
    parent: tuple[str, str] | None
    sections: list[tuple[str, str, str]]
    levels: list[dict]
    vocabularies: dict[str, list[str]]
    bodies: list[dict]
    elements: list[ElementSpec]
    monitoring: dict | None = None  # raw; checked while it is written (monitoring_import)
    budgets: list | None = None


# The fields of an element an import writes (with ``updated_at``, set by hand in bulk).
UPDATED_FIELDS = ("level", "parent", "code", "title", "description", "order", "weight",
                  "is_highlighted", "is_continuity", "is_agreement_linked", "updated_at")
_QUARTER = re.compile(r"^\s*(\d{4})\s*[-/ ]\s*[TQ]([1-4])\s*$", re.IGNORECASE)


class _Reader:
    """Turns one document into a :class:`PlanSpec`, collecting every error on the way."""

    def __init__(self, document: dict, organization_slug: str | None):
        self.document = document
        self.organization_slug = organization_slug
        self.errors: list[str] = []

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}" if where else message)

    def read(self) -> PlanSpec | None:
        doc = self.document
        if not isinstance(doc, dict):
            self.error("", _("The document is not a JSON object."))
            return None
        if doc.get("format", FORMAT) != FORMAT:
            self.error("format", _("This is not a Teixit plan document (format “%(format)s”).")
                       % {"format": doc.get("format")})
        if doc.get("version", VERSION) != VERSION:
            self.error("version", _("Version %(version)s of the format is not supported.")
                       % {"version": doc.get("version")})
        organization = self.organization_slug or _dig(doc, "organization", "slug")
        if not organization:
            self.error("organization", _("The document does not say which organisation."))
        plan = doc.get("plan")
        if not isinstance(plan, dict):
            self.error("plan", _("The document has no plan."))
            return None
        fields = self.read_plan_fields(plan)
        levels = self.read_levels(doc.get("levels") or [])
        level_parents = {lv["key"]: lv["parent"] for lv in levels}
        vocabularies = self.read_vocabularies(doc.get("vocabularies") or {})
        bodies = self.read_bodies(doc.get("bodies") or [])
        elements: list[ElementSpec] = []
        self.read_elements(doc.get("elements") or [], parent=None, parent_level=None,
                           level_parents=level_parents, out=elements,
                           period=(fields.get("start_year"), fields.get("end_year")),
                           prefix="elements")
        self.check_unique(elements)
        parent = plan.get("parent")
        parent_ref = None
        if isinstance(parent, dict) and parent.get("plan"):
            parent_ref = (parent.get("organization") or organization, parent["plan"])
        return PlanSpec(
            organization=organization or "",
            slug=plan.get("slug") or "",
            fields=fields,
            parent=parent_ref,
            sections=self.read_sections(doc.get("sections") or [], Plan, "sections"),
            levels=levels,
            vocabularies=vocabularies,
            bodies=bodies,
            elements=elements,
            monitoring=self.section(doc, "monitoring", dict),
            budgets=self.section(doc, "budgets", list),
        )

    def section(self, doc: dict, key: str, kind: type):
        value = doc.get(key)
        if value is None:
            return None
        if not isinstance(value, kind):
            self.error(key, _("This part of the document has the wrong shape."))
            return None
        return value

    # plan ---------------------------------------------------------------------------------

    def read_plan_fields(self, plan: dict) -> dict:
        fields = {}
        slug = plan.get("slug")
        if not slug or slugify(slug) != slug or len(slug) > 80:
            self.error("plan.slug", _("The plan needs an identifier of lowercase letters, "
                                      "digits and dashes."))
        title = self.text("plan.title", plan.get("title"), 300)
        if not title:
            self.error("plan.title", _("The plan has no title."))
        fields["title"] = title
        fields["kind"] = self.choice("plan.kind", plan.get("kind"), _values(Plan.Kind),
                                     default=Plan.Kind.OTHER)
        fields["status"] = self.choice("plan.status", plan.get("status"), _values(Plan.Status),
                                       default=Plan.Status.DRAFT)
        start, end = plan.get("start_year"), plan.get("end_year")
        for key, value in (("start_year", start), ("end_year", end)):
            if not isinstance(value, int) or not 1900 <= value <= 2200:
                self.error(f"plan.{key}", _("A year is a whole number such as 2022."))
        if isinstance(start, int) and isinstance(end, int) and start > end:
            self.error("plan.end_year", _("The last year comes before the first year."))
        fields["start_year"], fields["end_year"] = start, end
        for key in ("amendments_from", "amendments_to", "approved_on"):
            fields[key] = self.date(f"plan.{key}", plan.get(key))
        fields["approved_place"] = self.text("plan.approved_place", plan.get("approved_place"),
                                             120)
        fields["approved_by"] = self.text("plan.approved_by", plan.get("approved_by"), 200)
        if (fields["amendments_from"] and fields["amendments_to"]
                and fields["amendments_from"] > fields["amendments_to"]):
            self.error("plan.amendments_to", _("The amendment period ends before it starts."))
        return fields

    def read_sections(self, sections, model, where: str) -> list[tuple[str, str, str]]:
        result = []
        kinds = _values(model.sections.rel.related_model.Kind)
        for i, section in enumerate(_as_list(sections), start=1):
            place = f"{where}[{i}]"
            if not isinstance(section, dict):
                self.error(place, _("A section has a kind, a title and a text."))
                continue
            kind = self.choice(f"{place}.kind", section.get("kind"), kinds, default="other")
            result.append((kind, self.text(f"{place}.title", section.get("title"), 300),
                           text_to_html(section.get("body") or "")))
        return result

    def read_levels(self, levels) -> list[dict]:
        result, keys = [], set()
        for i, level in enumerate(_as_list(levels), start=1):
            place = f"levels[{i}]"
            if not isinstance(level, dict) or not level.get("key"):
                self.error(place, _("A level needs an identifier (key)."))
                continue
            key = str(level["key"])
            if slugify(key) != key or len(key) > 40:
                self.error(place, _("The level identifier “%(key)s” may only hold lowercase "
                                    "letters, digits and dashes (at most 40).") % {"key": key})
            if key in keys:
                self.error(place, _("The level “%(key)s” is defined twice.") % {"key": key})
            parent = level.get("parent")
            if parent is not None and parent not in keys:
                self.error(place, _("The parent level “%(parent)s” must be defined before it.")
                           % {"parent": parent})
            name = level.get("name") or {}
            if isinstance(name, str):
                name = {"ca": name}
            plural = level.get("plural") or {}
            if isinstance(plural, str):
                plural = {"ca": plural}
            if not name.get("ca"):
                self.error(place, _("The level needs a name in Catalan."))
            keys.add(key)
            result.append({
                "key": key, "parent": parent,
                "name_ca": self.text(f"{place}.name.ca", name.get("ca"), 80),
                "name_es": self.text(f"{place}.name.es", name.get("es"), 80),
                "name_en": self.text(f"{place}.name.en", name.get("en"), 80),
                "plural_ca": self.text(f"{place}.plural.ca", plural.get("ca"), 80),
                "plural_es": self.text(f"{place}.plural.es", plural.get("es"), 80),
                "plural_en": self.text(f"{place}.plural.en", plural.get("en"), 80),
                "code_pattern": self.text(f"{place}.code_pattern", level.get("code_pattern"),
                                          40),
                "holds_actions": bool(level.get("holds_actions", False)),
            })
        if not result:
            self.error("levels", _("The plan defines no levels."))
        return result

    def read_vocabularies(self, vocabularies) -> dict[str, list[str]]:
        result = {}
        if not isinstance(vocabularies, dict):
            self.error("vocabularies", _("Vocabularies are lists of names by vocabulary."))
            return result
        for vocabulary, names in vocabularies.items():
            if vocabulary not in _values(Term.Vocabulary):
                self.error(f"vocabularies.{vocabulary}", _("Unknown vocabulary."))
                continue
            result[vocabulary] = [self.text(f"vocabularies.{vocabulary}", n, 200)
                                  for n in _as_list(names) if _clean_name(n)]
        return result

    def read_bodies(self, bodies) -> list[dict]:
        result, slugs = [], set()
        for i, body in enumerate(_as_list(bodies), start=1):
            place = f"bodies[{i}]"
            if not isinstance(body, dict) or not (body.get("name") or "").strip():
                self.error(place, _("A body needs a name."))
                continue
            slug = body.get("slug") or slugify(body.get("acronym") or body["name"])[:80]
            if slugify(slug) != slug or len(slug) > 80:
                self.error(place, _("The identifier “%(slug)s” may only hold lowercase letters, "
                                    "digits and dashes.") % {"slug": slug})
            if slug in slugs:
                self.error(place, _("The body “%(slug)s” is defined twice.") % {"slug": slug})
            slugs.add(slug)
            result.append({
                "slug": slug,
                "acronym": self.text(f"{place}.acronym", body.get("acronym"), 20),
                "name": self.text(f"{place}.name", body["name"], 200),
                "kind": self.choice(f"{place}.kind", body.get("kind"), _values(Body.Kind),
                                    default=Body.Kind.TEAM),
                "functions": (body.get("functions") or "").strip(),
                "meeting_periodicity": self.choice(
                    f"{place}.meeting_periodicity", body.get("meeting_periodicity") or "",
                    ["", *_values(Body.Periodicity)], default=""),
                "holders": self.text(f"{place}.holders", body.get("holders"), 200),
                "partner": body.get("partner") or None,
            })
        return result

    # elements -----------------------------------------------------------------------------

    def read_elements(self, items, *, parent: str | None, parent_level: str | None,
                      level_parents: dict, out: list, period, prefix: str) -> None:
        for position, item in enumerate(_as_list(items), start=1):
            place = f"{prefix}[{position}]"
            if not isinstance(item, dict):
                self.error(place, _("An element is a set of fields."))
                continue
            label = item.get("code") or (item.get("title") or "")[:40]
            where = f"{place} «{label}»" if label else place
            title = self.text(f"{where}.title", item.get("title"), 600)
            if not title:
                self.error(where, _("The element has no title."))
            level = item.get("level")
            if level not in level_parents:
                self.error(where, _("The level “%(level)s” is not defined.") % {"level": level})
            elif level_parents[level] != parent_level:
                expected = level_parents[level]
                if expected is None:
                    self.error(where, _("Elements of level “%(level)s” go at the top, not "
                                        "under another element.") % {"level": level})
                else:
                    self.error(where, _("An element of level “%(level)s” goes under one of "
                                        "level “%(parent)s”.")
                               % {"level": level, "parent": expected})
            if isinstance(item.get("code"), float):
                self.error(where, _("The code %(code)s was read as a number; write codes with "
                                    "dots between quotes (\"1.10\").") % {"code": item["code"]})
            code = self.text(f"{where}.code", item.get("code"), 40)
            slug = str(item.get("slug") or "")
            if slug and (slugify(slug) != slug or len(slug) > 80):
                self.error(where, _("The identifier “%(slug)s” may only hold lowercase letters, "
                                    "digits and dashes.") % {"slug": slug})
            weight = item.get("weight", 1)
            try:
                weight = Decimal(str(weight))
                if weight < 0:
                    raise InvalidOperation
            except (InvalidOperation, ValueError):
                self.error(where, _("The weight must be a number of zero or more."))
                weight = Decimal(1)
            terms = []
            action_type = item.get("action_type")
            if action_type:
                terms.append((Term.Vocabulary.ACTION_TYPE,
                              self.text(f"{where}.action_type", action_type, 200)))
            for vocabulary, key in VOCABULARY_KEYS.items():
                terms.extend((vocabulary, self.text(f"{where}.{key}", n, 200))
                             for n in _as_list(item.get(key)) if _clean_name(n))
            spec = ElementSpec(
                where=where, slug=slug, level=level or "", parent=parent, order=position,
                code=code, title=title,
                description=text_to_html(item.get("description") or ""),
                weight=weight,
                highlighted=bool(item.get("highlighted", False)),
                continuity=bool(item.get("continuity", False)),
                agreement=bool(item.get("agreement", False)),
                terms=terms,
                responsible=[self.body_ref(where, b) for b in _as_list(item.get("responsible"))],
                involved=[self.body_ref(where, b) for b in _as_list(item.get("involved"))],
                calendar=self.calendar(where, item.get("calendar"), period),
                sections=self.read_sections(item.get("sections") or [], Element,
                                            f"{where}.sections"),
                links=[self.link(where, link) for link in _as_list(item.get("links"))],
            )
            out.append(spec)
            if not spec.slug:
                spec.slug = "\0pending"  # assigned once all codes are known
            self.read_elements(item.get("children") or [], parent=spec, parent_level=level,
                               level_parents=level_parents, out=out, period=period,
                               prefix=f"{place}.children")

    def body_ref(self, where: str, ref) -> str:
        if isinstance(ref, dict):
            ref = ref.get("body") or ref.get("acronym") or ref.get("name")
        if not isinstance(ref, str) or not ref.strip():
            self.error(where, _("A body reference is empty."))
            return ""
        return ref.strip()

    def link(self, where: str, link) -> dict:
        kind, note = Link.Kind.CONTRIBUTES_TO, ""
        if isinstance(link, dict):
            kind = self.choice(f"{where}.links", link.get("kind") or kind, _values(Link.Kind),
                               default=Link.Kind.CONTRIBUTES_TO)
            note = self.text(f"{where}.links", link.get("note"), 300)
            target = link.get("target", link.get("to"))
        else:
            target = link
        if isinstance(target, float):
            self.error(where, _("The link target %(target)s was read as a number; write codes "
                                "with dots between quotes (\"1.1\").") % {"target": target})
            return {"kind": kind, "note": note, "ref": (None, None, str(target))}
        if isinstance(target, dict):
            ref = (target.get("organization"), target.get("plan"),
                   target.get("element") or target.get("code"))
        elif isinstance(target, (str, int)) and str(target).strip():
            parts = str(target).strip().split("/")
            ref = (None, None, parts[0]) if len(parts) == 1 else (
                (parts[0], parts[1], "/".join(parts[2:])) if len(parts) >= 3 else (None, None, ""))
        else:
            ref = (None, None, "")
        if not ref[2]:
            self.error(where, _("A link has no target."))
        return {"kind": kind, "note": note, "ref": ref}

    def calendar(self, where: str, marks, period) -> list[tuple[int, int | None]]:
        result = []
        for mark in _as_list(marks):
            year = quarter = None
            if isinstance(mark, int):
                year = mark
            elif isinstance(mark, dict):
                year, quarter = mark.get("year"), mark.get("quarter")
            elif isinstance(mark, str):
                match = _QUARTER.match(mark)
                if match:
                    year, quarter = int(match[1]), int(match[2])
                elif mark.strip().isdigit():
                    year = int(mark)
            if not isinstance(year, int) or (quarter is not None and quarter not in (1, 2, 3, 4)):
                self.error(where, _("“%(mark)s” is not a calendar mark (a year such as 2022, or "
                                    "a quarter such as 2020-T1).") % {"mark": mark})
                continue
            start, end = period
            if isinstance(start, int) and isinstance(end, int) and not start <= year <= end:
                self.error(where, _("%(year)s is outside the plan's period (%(start)s–%(end)s).")
                           % {"year": year, "start": start, "end": end})
                continue
            if (year, quarter) not in result:
                result.append((year, quarter))
        for year, quarter in result:
            if quarter is not None and (year, None) in result:
                self.error(where, _("%(year)s is marked both as a whole year and by quarters; "
                                    "choose one.") % {"year": year})
                break
        return sorted(result, key=lambda m: (m[0], m[1] or 0))

    def check_unique(self, elements: list[ElementSpec]) -> None:
        codes: dict[str, str] = {}
        for spec in elements:
            if spec.code:
                if spec.code in codes:
                    self.error(spec.where, _("The code “%(code)s” is also used by %(other)s.")
                               % {"code": spec.code, "other": codes[spec.code]})
                codes[spec.code] = spec.where
        slugs: dict[str, str] = {}
        for spec in elements:
            if spec.slug != "\0pending":
                if spec.slug in slugs:
                    self.error(spec.where, _("The identifier “%(slug)s” is also used by "
                                             "%(other)s.") % {"slug": spec.slug,
                                                              "other": slugs[spec.slug]})
                slugs[spec.slug] = spec.where
        for spec in elements:  # derive the missing identifiers, in document order
            if spec.slug == "\0pending":
                base = (slugify(spec.code.replace(".", "-")) if spec.code else "") or \
                    slugify(spec.title)[:60].strip("-") or "element"
                slug, n = base, 2
                while slug in slugs:
                    slug, n = f"{base}-{n}", n + 1
                spec.slug = slug
                slugs[slug] = spec.where

    # small readers ------------------------------------------------------------------------

    def text(self, where: str, value, max_length: int) -> str:
        """A one-line text, trimmed; too long is an error (the database would refuse it)."""
        text = " ".join(str(value).split()) if value is not None else ""
        if len(text) > max_length:
            self.error(where, _("The text is %(length)s characters long; at most %(max)s fit.")
                       % {"length": len(text), "max": max_length})
            return text[:max_length]
        return text

    def choice(self, where: str, value, allowed, *, default):
        if value is None:
            return default
        if value not in allowed:
            self.error(where, _("“%(value)s” is not one of: %(allowed)s.")
                       % {"value": value, "allowed": ", ".join(a for a in allowed if a)})
            return default
        return value

    def date(self, where: str, value):
        if value in (None, ""):
            return None
        try:
            return parse_date(value)
        except ValueError:
            self.error(where, _("“%(value)s” is not a date (29/03/2022 or 2022-03-29).")
                       % {"value": value})
            return None


@cache
def _values(choices) -> tuple:
    """The stored values of a choices class (Django computes them anew on every access)."""
    return tuple(choices.values)


def _as_list(value) -> list:
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]


def _clean_name(value) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _dig(data, *keys):
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


# Writing ----------------------------------------------------------------------------------

def import_documents(documents: list[dict], *, user=None, organization: str | None = None,
                     delete_missing: bool = False, dry_run: bool = False,
                     ) -> list[ImportReport]:
    """Import plan documents together (links may point from one to another).

    ``organization`` imports into that organisation whatever the documents say.
    ``delete_missing`` deletes elements, levels, terms and sections the documents no longer
    hold. ``dry_run`` does everything and then rolls it back, to report what would change.
    Raises :class:`DocumentError` with every problem found; nothing is then stored.
    """
    errors: list[str] = []
    specs: list[PlanSpec] = []
    for number, document in enumerate(documents, start=1):
        reader = _Reader(document, organization)
        spec = reader.read()
        prefix = f"{_('Document')} {number}: " if len(documents) > 1 else ""
        errors.extend(prefix + message for message in reader.errors)
        if spec is not None:
            specs.append(spec)
    if errors:
        raise DocumentError(errors)
    with transaction.atomic():
        writer = _Writer(specs, user=user, delete_missing=delete_missing)
        reports = writer.run()
        if writer.errors:
            transaction.set_rollback(True)
            raise DocumentError(writer.errors)
        if dry_run:
            transaction.set_rollback(True)
    return reports


class _Writer:
    def __init__(self, specs: list[PlanSpec], *, user, delete_missing: bool):
        self.specs = specs
        self.user = user
        self.delete_missing = delete_missing
        self.errors: list[str] = []
        self.plans: dict[tuple[str, str], Plan] = {}

    def run(self) -> list[ImportReport]:
        syncs = []
        for spec in self.specs:
            organization = Organization.objects.filter(slug=spec.organization).first()
            if organization is None:
                self.errors.append(_("The organisation “%(slug)s” does not exist.")
                                   % {"slug": spec.organization})
                continue
            sync = _PlanSync(self, spec, organization)
            sync.write()
            self.plans[(organization.slug, sync.plan.slug)] = sync.plan
            syncs.append(sync)
        if not self.errors:
            for sync in syncs:
                sync.write_links()
        if not self.errors:
            for sync in syncs:
                MonitoringSync(sync).write()
        if not self.errors and self.delete_missing:
            for sync in syncs:
                sync.delete_absent()
        return [sync.report for sync in syncs]


class _PlanSync:
    """Brings one plan in line with its spec."""

    def __init__(self, writer: _Writer, spec: PlanSpec, organization: Organization):
        self.writer = writer
        self.errors = writer.errors
        self.spec = spec
        self.organization = organization
        self.report = ImportReport(organization=organization.slug, plan=spec.slug)
        self.plan: Plan | None = None
        self.elements: dict[str, tuple[ElementSpec, Element]] = {}
        self.created_ids: set[int] = set()
        # changed existing elements: their state before the import, recorded with their
        # links (write_links)
        self.changed: dict[int, tuple[Element, dict]] = {}

    def record(self, obj, *, before=None, after=None, action=None, plan=True):
        change_record(user=self.writer.user, obj=obj,
                      plan=self.plan if plan else None, organization=self.organization,
                      before=before, after=after, action=action or Change.Action.IMPORT)

    def write(self) -> None:
        self.write_plan()
        self.write_bodies()
        self.write_levels()
        self.write_terms()
        self.write_elements()

    # plan, bodies, levels, terms ----------------------------------------------------------

    def write_plan(self) -> None:
        spec, report = self.spec, self.report
        plan = Plan.objects.filter(organization=self.organization, slug=spec.slug).first()
        parent = None
        if spec.parent:
            parent = (self.writer.plans.get(spec.parent)
                      or Plan.objects.filter(organization__slug=spec.parent[0],
                                             slug=spec.parent[1]).first())
            if parent is None:
                self.errors.append(_("plan.parent: the plan “%(org)s/%(plan)s” does not exist.")
                                   % {"org": spec.parent[0], "plan": spec.parent[1]})
        creating = plan is None
        before = None if creating else plan_snapshot(plan)
        if creating:
            plan = Plan(organization=self.organization, slug=spec.slug)
        for name, value in spec.fields.items():
            setattr(plan, name, value)
        plan.parent = parent
        plan.save()
        self.plan = plan
        current = [(s.kind, s.title, s.body) for s in plan.sections.all()]
        if current != spec.sections:
            plan.sections.all().delete()
            PlanSection.objects.bulk_create(
                PlanSection(plan=plan, kind=k, title=t, body=sanitize_html(b), order=i)
                for i, (k, t, b) in enumerate(spec.sections, start=1))
        after = plan_snapshot(plan)
        if creating:
            report.created["plan"] += 1
            self.record(plan, after=after)
        elif before != after:
            report.updated["plan"] += 1
            self.record(plan, before=before, after=after)
        else:
            report.unchanged["plan"] += 1

    def write_bodies(self) -> None:
        existing = {b.slug: b for b in self.organization.bodies.all()}
        partners = {o.slug: o for o in Organization.objects.filter(
            slug__in=[b["partner"] for b in self.spec.bodies if b["partner"]])}
        next_order = max([b.order for b in existing.values()], default=0) + 1
        for data in self.spec.bodies:
            body = existing.get(data["slug"])
            fields = {k: v for k, v in data.items() if k not in ("slug", "partner")}
            partner = partners.get(data["partner"]) if data["partner"] else None
            if data["partner"] and partner is None:
                self.errors.append(_("bodies «%(body)s»: the partner organisation “%(slug)s” "
                                     "does not exist.") % {"body": data["name"],
                                                          "slug": data["partner"]})
            if body is None:
                body = Body(organization=self.organization, slug=data["slug"], partner=partner,
                            order=next_order, **fields)
                next_order += 1
                body.save()
                existing[body.slug] = body
                self.report.created["body"] += 1
                self.record(body, after=body_snapshot(body), plan=False)
                continue
            before = body_snapshot(body)
            for name, value in fields.items():
                setattr(body, name, value)
            body.partner = partner
            after = body_snapshot(body)
            if before != after:
                body.save()
                self.report.updated["body"] += 1
                self.record(body, before=before, after=after, plan=False)
        self.bodies = existing

    def write_levels(self) -> None:
        existing = {lv.key: lv for lv in self.plan.levels.all()}
        for order, data in enumerate(self.spec.levels, start=1):
            level = existing.get(data["key"])
            parent = existing.get(data["parent"]) if data["parent"] else None
            values = {k: v for k, v in data.items() if k not in ("key", "parent")}
            if level is None:
                level = Level.objects.create(plan=self.plan, key=data["key"], parent=parent,
                                             order=order, **values)
                existing[level.key] = level
                self.report.created["level"] += 1
                self.record(level, after=level_snapshot(level))
                continue
            before = level_snapshot(level)
            for name, value in values.items():
                setattr(level, name, value)
            level.parent, level.order = parent, order
            after = level_snapshot(level)
            if before != after:
                level.save()
                self.report.updated["level"] += 1
                self.record(level, before=before, after=after)
        self.levels = existing

    def write_terms(self) -> None:
        wanted: dict[str, list[str]] = {v: list(n) for v, n in self.spec.vocabularies.items()}
        for element in self.spec.elements:
            for vocabulary, name in element.terms:
                names = wanted.setdefault(vocabulary, [])
                if name not in names:
                    names.append(name)
        existing = {(t.vocabulary, t.name): t for t in self.plan.terms.all()}
        for vocabulary, names in wanted.items():
            for order, name in enumerate(names, start=1):
                term = existing.get((vocabulary, name))
                if term is None:
                    term = Term.objects.create(plan=self.plan, vocabulary=vocabulary, name=name,
                                               order=order)
                    existing[(vocabulary, name)] = term
                    self.report.created["term"] += 1
                    self.record(term, after=term_snapshot(term))
                elif term.order != order:
                    before = term_snapshot(term)
                    term.order = order
                    term.save(update_fields=["order"])
                    self.report.updated["term"] += 1
                    self.record(term, before=before, after=term_snapshot(term))
        self.terms = existing
        self.wanted_terms = {(v, n) for v, names in wanted.items() for n in names}

    # elements -----------------------------------------------------------------------------

    def write_elements(self) -> None:
        plan, report = self.plan, self.report
        current = {e.slug: e for e in plan.elements.all()}
        state = _element_states(plan)
        bodies = self.bodies
        by_acronym = {b.acronym: b for b in bodies.values() if b.acronym}
        by_name = {b.name: b for b in bodies.values()}

        def resolve_body(where, ref):
            body = bodies.get(ref) or by_acronym.get(ref) or by_name.get(ref)
            if body is None:
                self.errors.append(_("%(where)s: the body “%(ref)s” is not a body of "
                                     "%(organization)s.")
                                   % {"where": where, "ref": ref,
                                      "organization": self.organization.name})
            return body

        # Free the codes that move to another element first, so unique codes never clash.
        wanted_codes = {s.slug: s.code for s in self.spec.elements}
        claimed = {code: slug for slug, code in wanted_codes.items() if code}
        for slug, element in current.items():
            if not element.code or wanted_codes.get(slug) == element.code:
                continue
            if slug in wanted_codes or self.writer.delete_missing:
                Element.objects.filter(pk=element.pk).update(code="")
            elif element.code in claimed:
                self.errors.append(_(
                    "The code “%(code)s” is still held by the element “%(element)s”, which is "
                    "not in the document: delete that element in the same import, or first give "
                    "it another code.")
                    % {"code": element.code, "element": element.title})
        pending: list = []  # new elements, written together
        changing: list = []  # existing elements that change, written together at the end

        def flush():
            if not pending:
                return
            Element.objects.bulk_create([element for _item, element, *_rest in pending])
            self.write_element_parts(pending)
            self.created_ids.update(element.pk for _item, element, *_rest in pending)
            report.created["element"] += len(pending)
            pending.clear()

        for item in self.spec.elements:
            level = self.levels.get(item.level)
            parent = None
            if item.parent is not None:
                if item.parent.slug not in self.elements:
                    continue  # its parent could not be written; the error is already listed
                parent = self.elements[item.parent.slug][1]
            responsible = [b for b in (resolve_body(item.where, r) for r in item.responsible)
                           if b]
            involved = [b for b in (resolve_body(item.where, r) for r in item.involved) if b]
            if self.errors or level is None:
                continue
            wanted = {
                "level": level.key, "parent": parent.slug if parent else None,
                "code": item.code, "title": item.title, "description": item.description,
                "order": item.order, "weight": item.weight, "is_highlighted": item.highlighted,
                "is_continuity": item.continuity, "is_agreement_linked": item.agreement,
                "terms": sorted(item.terms),
                "responsible": [b.slug for b in responsible],
                "involved": [b.slug for b in involved],
                "calendar": item.calendar,
                "sections": item.sections,
            }
            element = current.get(item.slug)
            if element is not None and state[item.slug] == wanted:
                self.elements[item.slug] = (item, element)
                report.unchanged["element"] += 1
                continue
            if parent is not None and parent.pk is None:
                flush()  # its parent is new: written first, to have its key
            creating = element is None
            if creating:
                element = Element(plan=plan, slug=item.slug)
            element.level, element.parent, element.code = level, parent, item.code
            element.title, element.description = item.title, item.description
            element.order, element.weight = item.order, item.weight
            element.is_highlighted, element.is_continuity = item.highlighted, item.continuity
            element.is_agreement_linked = item.agreement
            self.elements[item.slug] = (item, element)
            (pending if creating else changing).append((item, element, responsible, involved))
        flush()
        self.update_elements(changing)

    def update_elements(self, rows: list) -> None:
        """Write the changed existing elements in bulk, keeping the state of each before
        (its history entry is written with the links, in :meth:`write_links`)."""
        if not rows:
            return
        elements = [element for _item, element, *_rest in rows]
        ids = [element.pk for element in elements]
        before = element_snapshots(ids)
        now = timezone.now()
        for element in elements:
            element.updated_at = now
        Element.objects.bulk_update(elements, UPDATED_FIELDS, batch_size=500)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            Element.terms.through.objects.filter(element_id__in=chunk).delete()
            ElementBody.objects.filter(element_id__in=chunk).delete()
            CalendarMark.objects.filter(element_id__in=chunk).delete()
            ElementSection.objects.filter(element_id__in=chunk).delete()
        self.write_element_parts(rows)
        self.report.updated["element"] += len(rows)
        self.changed.update((e.pk, (e, before[e.pk])) for e in elements)

    def write_element_parts(self, rows: list) -> None:
        """Terms, bodies, calendar and text sections of elements written with none."""
        through = Element.terms.through
        terms, bodies, marks, sections = [], [], [], []
        for item, element, responsible, involved in rows:
            terms += [through(element_id=element.pk, term_id=pk)
                      for pk in dict.fromkeys(self.terms[t].pk for t in item.terms)]
            bodies += [ElementBody(element=element, body=b, role=ElementBody.Role.RESPONSIBLE,
                                   order=i) for i, b in enumerate(responsible, start=1)]
            bodies += [ElementBody(element=element, body=b, role=ElementBody.Role.INVOLVED,
                                   order=i) for i, b in enumerate(involved, start=1)]
            marks += [CalendarMark(element=element, year=y, quarter=q) for y, q in item.calendar]
            sections += [ElementSection(element=element, kind=k, title=t, body=sanitize_html(b),
                                        order=i)
                         for i, (k, t, b) in enumerate(item.sections, start=1)]
        through.objects.bulk_create(terms)
        ElementBody.objects.bulk_create(bodies)
        CalendarMark.objects.bulk_create(marks)
        ElementSection.objects.bulk_create(sections)

    # links --------------------------------------------------------------------------------

    def write_links(self) -> None:
        by_code = {e.code: e for _item, e in self.elements.values() if e.code}
        by_slug = {slug: e for slug, (_item, e) in self.elements.items()}
        current: dict[int, list] = {}
        for link in Link.objects.filter(source__plan=self.plan).order_by("order", "pk"):
            current.setdefault(link.source_id, []).append((link.target_id, link.kind, link.note))
        new_links: list[Link] = []
        created_elements: list[Element] = []
        relinked: dict[int, tuple[Element, list]] = {}  # existing elements whose links change
        for item, element in self.elements.values():
            wanted = []
            for link in item.links:
                target = self.resolve_target(item.where, link["ref"], by_slug, by_code)
                if target is None:
                    continue
                if target.pk == element.pk:
                    self.errors.append(_("%(where)s: an element cannot be linked to itself.")
                                       % {"where": item.where})
                    continue
                if (target.pk, link["kind"], link["note"]) not in wanted:
                    wanted.append((target.pk, link["kind"], link["note"]))
            if self.errors:
                continue
            created = element.pk in self.created_ids
            if created:
                new_links += [Link(source=element, target_id=t, kind=k, note=n, order=i)
                              for i, (t, k, n) in enumerate(wanted, start=1)]
                created_elements.append(element)
            elif current.get(element.pk, []) != wanted:
                relinked[element.pk] = (element, wanted)
        if self.errors:
            return
        ids = list(relinked)
        unchanged = [pk for pk in ids if pk not in self.changed]  # so far only links change
        self.changed.update((pk, (relinked[pk][0], snapshot))
                            for pk, snapshot in element_snapshots(unchanged).items())
        for start in range(0, len(ids), 500):
            Link.objects.filter(source_id__in=ids[start:start + 500]).delete()
        new_links += [Link(source=element, target_id=t, kind=k, note=n, order=i)
                      for element, wanted in relinked.values()
                      for i, (t, k, n) in enumerate(wanted, start=1)]
        Link.objects.bulk_create(new_links)
        if relinked:
            self.report.updated["link"] += len(relinked)
        # the history: one entry per element written, as it is now, links included
        after = element_snapshots([e.pk for e in created_elements] + list(self.changed))
        change_records(user=self.writer.user, plan=self.plan, organization=self.organization,
                       action=Change.Action.IMPORT,
                       entries=[(e, None, after[e.pk]) for e in created_elements]
                       + [(e, before, after[pk]) for pk, (e, before) in self.changed.items()])

    def resolve_target(self, where, ref, by_slug, by_code) -> Element | None:
        org_slug, plan_slug, key = ref
        own = (self.organization.slug, self.plan.slug)
        if org_slug is None or (org_slug, plan_slug) == own:
            target = by_slug.get(key) or by_code.get(key)
        else:
            target_plan = self.writer.plans.get((org_slug, plan_slug)) or Plan.objects.filter(
                organization__slug=org_slug, slug=plan_slug).first()
            target = None
            if target_plan is not None:
                target = (Element.objects.filter(plan=target_plan, slug=key).first()
                          or Element.objects.filter(plan=target_plan, code=key).first())
        if target is None:
            place = f"{org_slug}/{plan_slug}/{key}" if org_slug else key
            self.errors.append(_("%(where)s: the link target “%(target)s” does not exist.")
                               % {"where": where, "target": place})
        return target

    # deletions ----------------------------------------------------------------------------

    def delete_absent(self) -> None:
        plan, report = self.plan, self.report
        wanted = {s.slug for s in self.spec.elements}
        absent = list(plan.elements.exclude(slug__in=wanted))
        absent_ids = {e.pk for e in absent}
        for element in absent:  # the tops of absent subtrees; descendants go with them
            if element.parent_id in absent_ids:
                continue
            snapshot = element_subtree_snapshot(element)
            self.record(element, before=snapshot, action=Change.Action.DELETE)
            report.deleted["element"] += 1 + len(snapshot["descendants"])
            element.delete()
        wanted_levels = {lv["key"] for lv in self.spec.levels}
        for level in sorted(plan.levels.exclude(key__in=wanted_levels),
                            key=lambda lv: -_level_depth(lv)):
            self.record(level, before=level_snapshot(level), action=Change.Action.DELETE)
            level.delete()
            report.deleted["level"] += 1
        for term in plan.terms.all():
            if (term.vocabulary, term.name) not in self.wanted_terms:
                self.record(term, before=term_snapshot(term), action=Change.Action.DELETE)
                term.delete()
                report.deleted["term"] += 1


def _element_states(plan: Plan) -> dict[str, dict]:
    """What the import compares of every element of ``plan`` (its fields, terms, bodies,
    calendar and text sections), by slug, read as plain values (a plan of thousands of
    elements is compared in a few queries)."""
    columns = ("pk", "slug", "level__key", "parent__slug", "code", "title", "description",
               "order", "weight", "is_highlighted", "is_continuity", "is_agreement_linked")
    parts = element_parts(plan, list(plan.terms.all()))
    states = {}
    for row in Element.objects.filter(plan=plan).values(*columns):
        own = parts.get(row["pk"], {})
        states[row["slug"]] = {
            "level": row["level__key"], "parent": row["parent__slug"],
            **{key: row[key] for key in columns[4:]},
            "terms": sorted((t.vocabulary, t.name) for t in own.get("terms", [])),
            "responsible": [b["body"] for b in own.get("responsible", [])],
            "involved": [b["body"] for b in own.get("involved", [])],
            "calendar": [(m["year"], m["quarter"]) for m in own.get("calendar", [])],
            "sections": [(s["kind"], s["title"], s["body"]) for s in own.get("sections", [])],
        }
    return states


def _level_depth(level: Level) -> int:
    depth, node = 0, level
    while node.parent_id:
        depth, node = depth + 1, node.parent
    return depth
