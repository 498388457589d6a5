"""A plan as one JSON document (format ``teixit-plan``, version 1).

The same document is what ``teixit export --format json`` prints and what the importer reads
(the demo data files are written in it, using the shorthands the importer accepts). It holds
no database ids: every reference is by identifier (slug), code or key. See
docs/exchange-format.md.
"""

from django.db.models import Prefetch

from exchange.monitoring_document import budgets_document, monitoring_document
from organizations.models import Body
from plans.models import Element, Link, Plan, Term

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
    elements = list(
        plan.elements.select_related("level").prefetch_related(
            "terms",
            "calendar",
            "sections",
            Prefetch("element_bodies", queryset=_element_bodies()),
            Prefetch("links_out", queryset=Link.objects.select_related(
                "target__plan__organization")),
        )
    )
    children: dict[int | None, list[Element]] = {}
    for element in elements:
        children.setdefault(element.parent_id, []).append(element)
    for siblings in children.values():
        siblings.sort(key=lambda e: (e.order, e.pk))

    def element_tree(parent_id):
        return [_element_document(e, element_tree(e.pk)) for e in children.get(parent_id, [])]

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


def _element_bodies():
    from plans.models import ElementBody

    return ElementBody.objects.select_related("body")


def _element_document(element: Element, children: list[dict]) -> dict:
    terms = sorted(element.terms.all(), key=lambda t: (t.order, t.name))
    action_types = [t.name for t in terms if t.vocabulary == Term.Vocabulary.ACTION_TYPE]
    document = {
        "slug": element.slug,
        "code": element.code,
        "level": element.level.key,
        "title": element.title,
        "description": element.description,
        "weight": float(element.weight),
        "highlighted": element.is_highlighted,
        "continuity": element.is_continuity,
        "agreement": element.is_agreement_linked,
        "action_type": action_types[0] if action_types else None,
    }
    for vocabulary, key in VOCABULARY_KEYS.items():
        document[key] = [t.name for t in terms if t.vocabulary == vocabulary]
    document["calendar"] = [{"year": m.year, "quarter": m.quarter}
                            for m in element.calendar.all()]
    document["responsible"] = [_body_ref(eb.body) for eb in element.element_bodies.all()
                               if eb.role == "responsible"]
    document["involved"] = [_body_ref(eb.body) for eb in element.element_bodies.all()
                            if eb.role == "involved"]
    document["sections"] = [{"kind": s.kind, "title": s.title, "body": s.body}
                            for s in element.sections.all()]
    document["links"] = [
        {
            "kind": link.kind,
            "note": link.note,
            "target": {
                "organization": link.target.plan.organization.slug,
                "plan": link.target.plan.slug,
                "element": link.target.slug,
                "code": link.target.code,
                "title": link.target.title,
            },
        }
        for link in element.links_out.all()
    ]
    document["children"] = children
    return document


def _body_ref(body: Body) -> dict:
    return {"body": body.slug, "acronym": body.acronym, "name": body.name}


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
