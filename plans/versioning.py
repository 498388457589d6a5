"""Snapshots of plans, levels, terms and elements, and restoring them.

A plan's snapshot includes its text sections; an element's includes everything that hangs
from it (terms, bodies, calendar, sections and outgoing links), so one version of an element
is one complete state that can be brought back.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from core.snapshots import assign_fields, row_snapshot
from history.models import Change
from history.services import change_record, register
from organizations.models import Body
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
from plans.selectors import element_descendants

PLAN_FIELDS = ("slug", "title", "kind", "start_year", "end_year", "parent", "status",
               "amendments_from", "amendments_to", "approved_on", "approved_place",
               "approved_by")
# Restoring a version brings back content; the status only moves through its workflow.
PLAN_RESTORED_FIELDS = tuple(f for f in PLAN_FIELDS if f not in (
    "status", "amendments_from", "amendments_to", "approved_on", "approved_place",
    "approved_by"))
LEVEL_FIELDS = ("parent", "key", "name_ca", "name_es", "name_en", "plural_ca", "plural_es",
                "plural_en", "code_pattern",
                "holds_actions", "order")
TERM_FIELDS = ("vocabulary", "name", "order")
ELEMENT_FIELDS = ("level", "parent", "slug", "code", "title", "description", "order", "weight",
                  "is_continuity", "is_agreement_linked", "is_highlighted")


# Plans ---------------------------------------------------------------------------------------

def plan_snapshot(plan: Plan) -> dict:
    data = row_snapshot(plan, PLAN_FIELDS)
    data["organization"] = plan.organization_id
    data["sections"] = [
        {"kind": s.kind, "title": s.title, "body": s.body, "label": s.title or s.get_kind_display()}
        for s in plan.sections.all()
    ]
    return data


def plan_restore(*, snapshot: dict, user) -> Plan:
    plan = Plan.objects.filter(pk=snapshot["id"]).first()
    if plan is None:
        raise ValidationError(_("The plan no longer exists."))
    before = plan_snapshot(plan)
    assign_fields(plan, snapshot, PLAN_RESTORED_FIELDS)
    if plan.parent_id and not Plan.objects.filter(pk=plan.parent_id).exists():
        plan.parent = None
    _check_unique(Plan.objects.filter(organization=plan.organization, slug=plan.slug)
                  .exclude(pk=plan.pk), "slug",
                  _("Another plan of this organisation already uses the identifier “%(value)s”."),
                  plan.slug)
    plan.full_clean()
    plan.save()
    plan.sections.all().delete()
    PlanSection.objects.bulk_create(
        PlanSection(plan=plan, kind=s["kind"], title=s["title"], body=s["body"], order=i)
        for i, s in enumerate(snapshot.get("sections", []), start=1)
    )
    change_record(user=user, obj=plan, plan=plan, action=Change.Action.RESTORE,
                  before=before, after=plan_snapshot(plan))
    return plan


# Levels and terms -----------------------------------------------------------------------------

def level_snapshot(level: Level) -> dict:
    return {**row_snapshot(level, LEVEL_FIELDS), "plan": level.plan_id}


def level_restore(*, snapshot: dict, user) -> Level:
    plan = _plan_or_error(snapshot["plan"])
    level = Level.objects.filter(pk=snapshot["id"]).first()
    before = level_snapshot(level) if level else None
    if level is None:
        level = Level(pk=snapshot["id"], plan=plan)
    assign_fields(level, snapshot, LEVEL_FIELDS)
    if level.parent_id and not Level.objects.filter(pk=level.parent_id, plan=plan).exists():
        raise ValidationError(_("Its parent level no longer exists; restore that one first."))
    _check_unique(Level.objects.filter(plan=plan, key=level.key).exclude(pk=level.pk), "key",
                  _("Another level of this plan already uses the identifier “%(value)s”."),
                  level.key)
    level.save()
    change_record(user=user, obj=level, plan=plan, action=Change.Action.RESTORE,
                  before=before, after=level_snapshot(level))
    return level


def term_snapshot(term: Term) -> dict:
    return {**row_snapshot(term, TERM_FIELDS), "plan": term.plan_id}


def term_restore(*, snapshot: dict, user) -> Term:
    plan = _plan_or_error(snapshot["plan"])
    term = Term.objects.filter(pk=snapshot["id"]).first()
    before = term_snapshot(term) if term else None
    if term is None:
        term = Term(pk=snapshot["id"], plan=plan)
    assign_fields(term, snapshot, TERM_FIELDS)
    _check_unique(Term.objects.filter(plan=plan, vocabulary=term.vocabulary, name=term.name)
                  .exclude(pk=term.pk), "name",
                  _("The vocabulary already has an entry “%(value)s”."), term.name)
    term.save()
    change_record(user=user, obj=term, plan=plan, action=Change.Action.RESTORE,
                  before=before, after=term_snapshot(term))
    return term


# Elements -------------------------------------------------------------------------------------

def element_snapshot(element: Element, *, prefetched: bool = False) -> dict:
    data = row_snapshot(element, ELEMENT_FIELDS)
    data["plan"] = element.plan_id
    data["terms"] = [{"id": t.pk, "vocabulary": t.vocabulary, "label": t.name}
                     for t in sorted(element.terms.all(), key=lambda t: (t.vocabulary, t.pk))]
    data["bodies"] = [{"id": eb.body_id, "role": eb.role, "label": eb.body.label}
                      for eb in element.element_bodies.all()]
    data["calendar"] = [{"year": m.year, "quarter": m.quarter,
                         "label": str(m)} for m in element.calendar.all()]
    data["sections"] = [{"kind": s.kind, "title": s.title, "body": s.body,
                         "label": s.title or s.get_kind_display()}
                        for s in element.sections.all()]
    data["links"] = [{"target": link.target_id, "kind": link.kind, "note": link.note,
                      "label": f"{link.get_kind_display()}: {link.target}"}
                     for link in (element.links_out.all() if prefetched
                                  else element.links_out.select_related("target"))]
    return data


def element_snapshots(ids: list[int]) -> dict[int, dict]:
    """:func:`element_snapshot` of many elements, in a fixed number of queries."""
    links = Prefetch("links_out", queryset=Link.objects.select_related("target"))
    snapshots = {}
    for start in range(0, len(ids), 500):
        elements = (Element.objects.filter(pk__in=ids[start:start + 500])
                    .prefetch_related("terms", "element_bodies__body", "calendar", "sections",
                                      links))
        snapshots.update((e.pk, element_snapshot(e, prefetched=True)) for e in elements)
    return snapshots


def element_subtree_snapshot(element: Element) -> dict:
    """The snapshot kept when an element is deleted: itself, its descendants (parents first)
    and the links other elements had to any of them, so that all can come back together."""
    data = element_snapshot(element)
    descendants = element_descendants(element)
    data["descendants"] = [element_snapshot(child) for child in descendants]
    removed = {element.pk, *(child.pk for child in descendants)}
    data["links_in"] = [
        {"source": link.source_id, "target": link.target_id, "kind": link.kind,
         "note": link.note}
        for link in Link.objects.filter(target_id__in=removed).exclude(source_id__in=removed)
    ]
    return data


@transaction.atomic
def element_restore(*, snapshot: dict, user) -> Element:
    plan = _plan_or_error(snapshot["plan"])
    element = Element.objects.filter(pk=snapshot["id"]).first()
    before = element_snapshot(element) if element else None
    element = _apply_element_snapshot(plan, element, snapshot)
    for child in snapshot.get("descendants", []):
        existing = Element.objects.filter(pk=child["id"]).first()
        if existing is None:
            _apply_element_snapshot(plan, None, child)
    for link in snapshot.get("links_in", []):
        if (Element.objects.filter(pk=link["source"]).exists()
                and Element.objects.filter(pk=link["target"]).exists()):
            Link.objects.get_or_create(source_id=link["source"], target_id=link["target"],
                                       kind=link["kind"], defaults={"note": link["note"]})
    element.refresh_from_db()
    change_record(user=user, obj=element, plan=plan, action=Change.Action.RESTORE,
                  before=before, after=element_snapshot(element))
    return element


def _apply_element_snapshot(plan: Plan, element: Element | None, snapshot: dict) -> Element:
    if element is None:
        element = Element(pk=snapshot["id"], plan=plan)
    assign_fields(element, snapshot, ELEMENT_FIELDS)
    level = Level.objects.filter(pk=element.level_id, plan=plan).first()
    if level is None:
        raise ValidationError(_("The level of “%(element)s” no longer exists.")
                              % {"element": element.title})
    if element.parent_id:
        parent = Element.objects.filter(pk=element.parent_id, plan=plan).first()
        if parent is None:
            raise ValidationError(
                _("The parent of “%(element)s” no longer exists; restore it first.")
                % {"element": element.title})
        if parent.level_id != level.parent_id:
            raise ValidationError(_("“%(element)s” no longer fits under its former parent.")
                                  % {"element": element.title})
    elif level.parent_id:
        raise ValidationError(_("“%(element)s” needs a parent of level %(level)s.")
                              % {"element": element.title, "level": level.parent.name})
    _check_unique(Element.objects.filter(plan=plan, slug=element.slug).exclude(pk=element.pk),
                  "slug", _("Another element already uses the identifier “%(value)s”."),
                  element.slug)
    if element.code:
        _check_unique(Element.objects.filter(plan=plan, code=element.code)
                      .exclude(pk=element.pk), "code",
                      _("Another element already uses the code “%(value)s”."), element.code)
    element.save()
    term_ids = [t["id"] for t in snapshot.get("terms", [])]
    element.terms.set(Term.objects.filter(plan=plan, pk__in=term_ids))
    body_ids = set(Body.objects.filter(organization_id=plan.organization_id,
                                       pk__in=[b["id"] for b in snapshot.get("bodies", [])])
                   .values_list("pk", flat=True))
    element.element_bodies.all().delete()
    ElementBody.objects.bulk_create(
        ElementBody(element=element, body_id=b["id"], role=b["role"], order=i)
        for i, b in enumerate(snapshot.get("bodies", []), start=1) if b["id"] in body_ids
    )
    element.calendar.all().delete()
    CalendarMark.objects.bulk_create(
        CalendarMark(element=element, year=m["year"], quarter=m["quarter"])
        for m in snapshot.get("calendar", [])
    )
    element.sections.all().delete()
    ElementSection.objects.bulk_create(
        ElementSection(element=element, kind=s["kind"], title=s["title"], body=s["body"],
                       order=i)
        for i, s in enumerate(snapshot.get("sections", []), start=1)
    )
    element.links_out.all().delete()
    targets = set(Element.objects.filter(pk__in=[link["target"] for link in
                                                 snapshot.get("links", [])])
                  .values_list("pk", flat=True))
    Link.objects.bulk_create(
        Link(source=element, target_id=link["target"], kind=link["kind"], note=link["note"],
             order=i)
        for i, link in enumerate(snapshot.get("links", []), start=1) if link["target"] in targets
    )
    return element


# Helpers --------------------------------------------------------------------------------------

def _plan_or_error(plan_id: int) -> Plan:
    plan = Plan.objects.select_related("organization").filter(pk=plan_id).first()
    if plan is None:
        raise ValidationError(_("The plan no longer exists."))
    return plan


def _check_unique(queryset, field: str, message: str, value: str) -> None:
    if queryset.exists():
        raise ValidationError({field: message % {"value": value}})


def register_all() -> None:
    register(Plan, snapshot=plan_snapshot, restore=plan_restore)
    register(Level, snapshot=level_snapshot, restore=level_restore)
    register(Term, snapshot=term_snapshot, restore=term_restore)
    register(Element, snapshot=element_snapshot, restore=element_restore)
