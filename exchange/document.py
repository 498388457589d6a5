"""A plan as one JSON document (format ``teixit-plan``, version 1).

The same document is what ``teixit export --format json`` prints and what the importer reads
(the demo data files are written in it, using the shorthands the importer accepts). It holds
no database ids: every reference is by identifier (slug), code or key. See
docs/exchange-format.md.
"""

from exchange.monitoring_document import budgets_document, monitoring_document
from plans.models import CalendarMark, Element, ElementBody, ElementSection, Link, Plan, Term

FORMAT = "teixit-plan"
VERSION = 1

VOCABULARY_KEYS = {
    Term.Vocabulary.INSTRUMENT: "instruments",
    Term.Vocabulary.THEMATIC_SCOPE: "thematic_scopes",
    Term.Vocabulary.BUDGET_SOURCE: "budget_sources",
    Term.Vocabulary.SOURCE_CODE: "source_codes",
}


def plan_document(plan: Plan) -> dict:
    """The whole plan, with its organisation's bodies, as plain JSON-able data."""
    organization = plan.organization
    levels = _levels_parent_first(list(plan.levels.select_related("parent")))
    terms = list(plan.terms.all())
    level_keys = {level.pk: level.key for level in levels}
    parts = element_parts(plan, terms)
    children: dict[int | None, list[dict]] = {}
    for row in plan.elements.values(*_ELEMENT_COLUMNS):
        children.setdefault(row["parent_id"], []).append(row)
    for siblings in children.values():
        siblings.sort(key=lambda row: (row["order"], row["pk"]))

    def element_tree(parent_id):
        return [_element_document(row, level_keys, parts.get(row["pk"], {}),
                                  element_tree(row["pk"]))
                for row in children.get(parent_id, [])]

    return {
        "format": FORMAT,
        "version": VERSION,
        "organization": {
            "slug": organization.slug,
            "name": organization.name,
            "short_name": organization.short_name,
            "kind": organization.kind,
        },
        "plan": {
            "slug": plan.slug,
            "title": plan.title,
            "kind": plan.kind,
            "start_year": plan.start_year,
            "end_year": plan.end_year,
            "parent": ({"organization": plan.parent.organization.slug, "plan": plan.parent.slug}
                       if plan.parent_id else None),
            "status": plan.status,
            "amendments_from": _date(plan.amendments_from),
            "amendments_to": _date(plan.amendments_to),
            "approved_on": _date(plan.approved_on),
            "approved_place": plan.approved_place,
            "approved_by": plan.approved_by,
        },
        "sections": [{"kind": s.kind, "title": s.title, "body": s.body}
                     for s in plan.sections.all()],
        "levels": [
            {
                "key": level.key,
                "parent": level.parent.key if level.parent_id else None,
                "name": {"ca": level.name_ca, "es": level.name_es, "en": level.name_en},
                "plural": {"ca": level.plural_ca, "es": level.plural_es, "en": level.plural_en},
                "code_pattern": level.code_pattern,
                "holds_actions": level.holds_actions,
            }
            for level in levels
        ],
        "vocabularies": {
            vocabulary: [t.name for t in terms if t.vocabulary == vocabulary]
            for vocabulary in Term.Vocabulary.values
        },
        "bodies": [
            {
                "slug": body.slug,
                "acronym": body.acronym,
                "name": body.name,
                "kind": body.kind,
                "functions": body.functions,
                "meeting_periodicity": body.meeting_periodicity,
                "holders": body.holders,
                "partner": body.partner.slug if body.partner_id else None,
            }
            for body in organization.bodies.select_related("partner")
        ],
        "elements": element_tree(None),
        "monitoring": monitoring_document(plan),
        "budgets": budgets_document(plan),
    }


_ELEMENT_COLUMNS = ("pk", "parent_id", "level_id", "slug", "code", "title", "description",
                    "order", "weight", "is_highlighted", "is_continuity",
                    "is_agreement_linked")


def element_parts(plan: Plan, terms: list[Term]) -> dict[int, dict[str, list]]:
    """Terms, calendar, bodies, text sections and links of every element of ``plan``, by
    element id, read as plain values (a plan of thousands of elements in five queries), each
    list in the order of its model."""
    parts: dict[int, dict[str, list]] = {}

    def part(pk, name):
        return parts.setdefault(pk, {}).setdefault(name, [])

    by_pk = {term.pk: term for term in terms}
    for pk, term_id in (Element.terms.through.objects.filter(element__plan=plan)
                        .values_list("element_id", "term_id")):
        part(pk, "terms").append(by_pk[term_id])
    for pk, year, quarter in (CalendarMark.objects.filter(element__plan=plan)
                              .values_list("element_id", "year", "quarter")):
        part(pk, "calendar").append({"year": year, "quarter": quarter})
    for pk, role, slug, acronym, name in (
            ElementBody.objects.filter(element__plan=plan)
            .values_list("element_id", "role", "body__slug", "body__acronym", "body__name")):
        part(pk, role).append({"body": slug, "acronym": acronym, "name": name})
    for pk, kind, title, body in (ElementSection.objects.filter(element__plan=plan)
                                  .values_list("element_id", "kind", "title", "body")):
        part(pk, "sections").append({"kind": kind, "title": title, "body": body})
    for pk, kind, note, organization, target_plan, slug, code, title in (
            Link.objects.filter(source__plan=plan)
            .values_list("source_id", "kind", "note", "target__plan__organization__slug",
                         "target__plan__slug", "target__slug", "target__code",
                         "target__title")):
        part(pk, "links").append({
            "kind": kind,
            "note": note,
            "target": {"organization": organization, "plan": target_plan, "element": slug,
                       "code": code, "title": title},
        })
    return parts


def _element_document(row: dict, level_keys: dict[int, str], parts: dict[str, list],
                      children: list[dict]) -> dict:
    terms = sorted(parts.get("terms", []), key=lambda t: (t.order, t.name))
    action_types = [t.name for t in terms if t.vocabulary == Term.Vocabulary.ACTION_TYPE]
    document = {
        "slug": row["slug"],
        "code": row["code"],
        "level": level_keys[row["level_id"]],
        "title": row["title"],
        "description": row["description"],
        "weight": float(row["weight"]),
        "highlighted": row["is_highlighted"],
        "continuity": row["is_continuity"],
        "agreement": row["is_agreement_linked"],
        "action_type": action_types[0] if action_types else None,
    }
    for vocabulary, key in VOCABULARY_KEYS.items():
        document[key] = [t.name for t in terms if t.vocabulary == vocabulary]
    document["calendar"] = parts.get("calendar", [])
    document["responsible"] = parts.get("responsible", [])
    document["involved"] = parts.get("involved", [])
    document["sections"] = parts.get("sections", [])
    document["links"] = parts.get("links", [])
    document["children"] = children
    return document


def _levels_parent_first(levels):
    """Levels in their stored order, except that a parent always comes before its children."""
    ordered, placed = [], set()
    waiting = sorted(levels, key=lambda lv: (lv.order, lv.pk))
    while waiting:
        ready = next((lv for lv in waiting if lv.parent_id is None or lv.parent_id in placed),
                     None)
        if ready is None:  # a cycle cannot be stored; never loop forever
            ordered.extend(waiting)
            break
        ordered.append(ready)
        placed.add(ready.pk)
        waiting.remove(ready)
    return ordered


def _date(value):
    return value.isoformat() if value else None
