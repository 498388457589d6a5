"""Every write to a plan and what is inside it.

Each service validates, runs in one transaction, records the change in the history and
raises ``django.core.exceptions.ValidationError`` (keyed by field where one is to blame) with
a message in the user's language when the write cannot be done; nothing is then stored.
"""

from collections.abc import Iterable
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.richtext import markup_to_html
from history.models import Change
from history.services import change_record
from organizations.models import Body, Organization
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
    element_snapshot,
    element_subtree_snapshot,
    level_snapshot,
    plan_snapshot,
    term_snapshot,
)

# Level structures offered when a plan is created: key, names (ca, es, en), plurals (ca, es,
# en), code style, holds actions.
LEVEL_PRESETS = {
    "axis_objective_measure": [
        ("eix", ("Eix", "Eje", "Axis"), ("Eixos", "Ejes", "Axes"), "{n}", False),
        ("objectiu", ("Objectiu", "Objetivo", "Objective"),
         ("Objectius", "Objetivos", "Objectives"), "{parent}.{n}", False),
        ("mesura", ("Mesura", "Medida", "Measure"), ("Mesures", "Medidas", "Measures"),
         "{parent}.{A}", True),
    ],
    "line_actionline_action": [
        ("linia-estrategica", ("Línia estratègica", "Línea estratégica", "Strategic line"),
         ("Línies estratègiques", "Líneas estratégicas", "Strategic lines"), "LE{n}", False),
        ("linia-actuacio", ("Línia d'actuació", "Línea de actuación", "Action line"),
         ("Línies d'actuació", "Líneas de actuación", "Action lines"), "{parent}.{n}", False),
        ("accio", ("Acció", "Acción", "Action"), ("Accions", "Acciones", "Actions"),
         "{parent}.{n}", True),
    ],
    "programme_action": [
        ("programa", ("Programa", "Programa", "Programme"),
         ("Programes", "Programas", "Programmes"), "P{n}", False),
        ("actuacio", ("Actuació", "Actuación", "Action"),
         ("Actuacions", "Actuaciones", "Actions"), "{parent}.{n}", True),
    ],
    "area_action": [
        ("ambit", ("Àmbit", "Ámbito", "Area"), ("Àmbits", "Ámbitos", "Areas"), "{n}", False),
        ("actuacio", ("Actuació", "Actuación", "Action"),
         ("Actuacions", "Actuaciones", "Actions"), "{parent}.{n}", True),
    ],
}


@contextmanager
def _recording(obj, *, user, plan: Plan, snapshot, action=Change.Action.UPDATE):
    """Record ``obj``'s change made inside the block, if anything changed."""
    before = snapshot(obj)
    yield
    after = snapshot(obj)
    if before != after:
        change_record(user=user, obj=obj, plan=plan, action=action, before=before, after=after)


def _full_clean(obj, *, exclude: Iterable[str] = ()) -> None:
    obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)


# Plans ----------------------------------------------------------------------------------------

def _validate_plan_slug(*, organization: Organization, slug: str, exclude_pk=None) -> None:
    if Plan.objects.filter(organization=organization, slug=slug).exclude(pk=exclude_pk).exists():
        raise ValidationError({"slug": _("Another plan of this organisation already uses the "
                                         "identifier “%(slug)s”.") % {"slug": slug}})


def _validate_period(*, start_year: int, end_year: int) -> None:
    if start_year and end_year and start_year > end_year:
        raise ValidationError({"end_year": _("The last year (%(end)s) cannot come before the "
                                             "first year (%(start)s).")
                               % {"start": start_year, "end": end_year}})


def _validate_parent_plan(*, plan: Plan, parent: Plan | None) -> None:
    node = parent
    while node is not None:
        if node.pk == plan.pk:
            raise ValidationError({"parent": _("A plan cannot be part of itself.")})
        node = node.parent


@transaction.atomic
def plan_create(*, organization: Organization, user, slug: str, title: str, kind: str,
                start_year: int, end_year: int, parent: Plan | None = None,
                level_preset: str = "") -> Plan:
    """Create a draft plan, with the levels of ``level_preset`` when one is chosen."""
    slug = slug or slugify(title)[:80]
    _validate_plan_slug(organization=organization, slug=slug)
    _validate_period(start_year=start_year, end_year=end_year)
    plan = Plan(organization=organization, slug=slug, title=title.strip(), kind=kind,
                start_year=start_year, end_year=end_year, parent=parent)
    _full_clean(plan)
    plan.save()
    previous = None
    for order, (key, names, plurals, pattern, actions) in enumerate(
            LEVEL_PRESETS.get(level_preset, []), start=1):
        previous = Level.objects.create(
            plan=plan, parent=previous, key=key, name_ca=names[0], name_es=names[1],
            name_en=names[2], plural_ca=plurals[0], plural_es=plurals[1], plural_en=plurals[2],
            code_pattern=pattern, holds_actions=actions, order=order)
    change_record(user=user, obj=plan, plan=plan, action=Change.Action.CREATE,
                  after=plan_snapshot(plan))
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, user, slug: str, title: str, kind: str, start_year: int,
                end_year: int, parent: Plan | None) -> Plan:
    _validate_plan_slug(organization=plan.organization, slug=slug, exclude_pk=plan.pk)
    _validate_period(start_year=start_year, end_year=end_year)
    _validate_parent_plan(plan=plan, parent=parent)
    outside = (CalendarMark.objects.filter(element__plan=plan)
               .exclude(year__gte=start_year, year__lte=end_year))
    if outside.exists():
        years = sorted(set(outside.values_list("year", flat=True)))
        raise ValidationError({"start_year": _(
            "Some elements are scheduled in %(years)s, outside %(start)s–%(end)s. Change "
            "their calendar first.") % {"years": ", ".join(map(str, years)),
                                        "start": start_year, "end": end_year}})
    with _recording(plan, user=user, plan=plan, snapshot=plan_snapshot):
        plan.slug, plan.title, plan.kind = slug, title.strip(), kind
        plan.start_year, plan.end_year, plan.parent = start_year, end_year, parent
        _full_clean(plan)
        plan.save()
    return plan


@transaction.atomic
def plan_set_status(*, plan: Plan, user, status: str, amendments_from: date | None = None,
                    amendments_to: date | None = None, approved_on: date | None = None,
                    approved_place: str = "", approved_by: str = "") -> Plan:
    """Move a plan through draft → open for amendments → approved → archived (or back).

    Opening amendments needs the period; approving needs the date and the place.
    """
    errors = {}
    if status == Plan.Status.AMENDMENTS:
        if not amendments_from:
            errors["amendments_from"] = _("Say from which day amendments can be made.")
        if not amendments_to:
            errors["amendments_to"] = _("Say until which day amendments can be made.")
        if amendments_from and amendments_to and amendments_from > amendments_to:
            errors["amendments_to"] = _("The amendment period ends before it starts.")
    if status == Plan.Status.APPROVED:
        if not approved_on:
            errors["approved_on"] = _("Say on which day the plan was approved.")
        if not approved_place.strip():
            errors["approved_place"] = _("Say where the plan was approved.")
        if approved_on and plan.amendments_from and approved_on < plan.amendments_from:
            errors["approved_on"] = _("The approval cannot come before the amendment period.")
    if status not in Plan.Status.values:
        errors["status"] = _("Unknown status.")
    if errors:
        raise ValidationError(errors)
    before = plan_snapshot(plan)
    plan.status = status
    if status == Plan.Status.AMENDMENTS:
        plan.amendments_from, plan.amendments_to = amendments_from, amendments_to
    if status == Plan.Status.APPROVED:
        plan.approved_on, plan.approved_place = approved_on, approved_place.strip()
        plan.approved_by = approved_by.strip()
    plan.save()
    after = plan_snapshot(plan)
    if before != after:
        change_record(user=user, obj=plan, plan=plan, action=Change.Action.STATUS,
                      before=before, after=after)
    return plan


# Plan sections --------------------------------------------------------------------------------

@transaction.atomic
def plan_section_save(*, plan: Plan, user, section: PlanSection | None = None, kind: str,
                      title: str, body: str) -> PlanSection:
    """Create a text section of ``plan`` (at the end) or change ``section``."""
    with _recording(plan, user=user, plan=plan, snapshot=plan_snapshot):
        if section is None:
            last = plan.sections.aggregate(last=Max("order"))["last"] or 0
            section = PlanSection(plan=plan, order=last + 1)
        section.kind, section.title, section.body = kind, title.strip(), markup_to_html(body)
        _full_clean(section, exclude=["plan"])
        section.save()
    return section


@transaction.atomic
def plan_section_delete(*, section: PlanSection, user) -> None:
    plan = section.plan
    with _recording(plan, user=user, plan=plan, snapshot=plan_snapshot):
        section.delete()


@transaction.atomic
def plan_section_move(*, section: PlanSection, user, offset: int) -> None:
    plan = section.plan
    with _recording(plan, user=user, plan=plan, snapshot=plan_snapshot):
        _move_in_list(list(plan.sections.all()), section, offset)


def _move_in_list(items: list, item, offset: int) -> None:
    index = next(i for i, candidate in enumerate(items) if candidate.pk == item.pk)
    new_index = max(0, min(len(items) - 1, index + offset))
    items.insert(new_index, items.pop(index))
    for order, candidate in enumerate(items, start=1):
        if candidate.order != order:
            candidate.order = order
            candidate.save(update_fields=["order"])


# Levels ---------------------------------------------------------------------------------------

@transaction.atomic
def level_save(*, plan: Plan, user, level: Level | None = None, key: str, name_ca: str,
               name_es: str = "", name_en: str = "", plural_ca: str = "", plural_es: str = "",
               plural_en: str = "", parent: Level | None = None,
               code_pattern: str = "", holds_actions: bool = False) -> Level:
    """Create a level of ``plan`` or change ``level``."""
    key = key or slugify(name_ca)[:40]
    if Level.objects.filter(plan=plan, key=key).exclude(pk=getattr(level, "pk", None)).exists():
        raise ValidationError({"key": _("Another level of this plan already uses the "
                                        "identifier “%(key)s”.") % {"key": key}})
    if parent is not None and parent.plan_id != plan.pk:
        raise ValidationError({"parent": _("The parent level must belong to the same plan.")})
    if level is not None:
        node = parent
        while node is not None:
            if node.pk == level.pk:
                raise ValidationError({"parent": _("A level cannot sit under itself.")})
            node = node.parent
        if parent != level.parent and level.elements.exists():
            raise ValidationError({"parent": _(
                "This level already has elements; its parent level cannot change.")})
    creating = level is None
    if creating:
        last = plan.levels.aggregate(last=Max("order"))["last"] or 0
        level = Level(plan=plan, order=last + 1)
        before = None
    else:
        before = level_snapshot(level)
    level.key, level.name_ca, level.name_es, level.name_en = key, name_ca.strip(), \
        name_es.strip(), name_en.strip()
    level.plural_ca, level.plural_es, level.plural_en = plural_ca.strip(), plural_es.strip(), \
        plural_en.strip()
    level.parent, level.code_pattern, level.holds_actions = parent, code_pattern.strip(), \
        holds_actions
    _full_clean(level, exclude=["plan"])
    level.save()
    after = level_snapshot(level)
    if before != after:
        change_record(user=user, obj=level, plan=plan, before=before, after=after,
                      action=Change.Action.CREATE if creating else Change.Action.UPDATE)
    return level


@transaction.atomic
def level_delete(*, level: Level, user) -> None:
    if level.elements.exists():
        raise ValidationError(_("The level “%(level)s” still has elements; delete or move them "
                                "first.") % {"level": level.name})
    if level.children.exists():
        raise ValidationError(_("Other levels hang from “%(level)s”; delete them first.")
                              % {"level": level.name})
    change_record(user=user, obj=level, plan=level.plan, action=Change.Action.DELETE,
                  before=level_snapshot(level))
    level.delete()


# Vocabularies ---------------------------------------------------------------------------------

@transaction.atomic
def term_save(*, plan: Plan, user, vocabulary: str, name: str, term: Term | None = None) -> Term:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Write the name of the entry.")})
    duplicate = Term.objects.filter(plan=plan, vocabulary=vocabulary, name__iexact=name)
    if duplicate.exclude(pk=getattr(term, "pk", None)).exists():
        raise ValidationError({"name": _("The vocabulary already has an entry “%(name)s”.")
                               % {"name": name}})
    creating = term is None
    if creating:
        last = plan.terms.filter(vocabulary=vocabulary).aggregate(last=Max("order"))["last"]
        term = Term(plan=plan, vocabulary=vocabulary, order=(last or 0) + 1)
        before = None
    else:
        before = term_snapshot(term)
    term.vocabulary, term.name = vocabulary, name
    _full_clean(term, exclude=["plan"])
    term.save()
    change_record(user=user, obj=term, plan=plan, before=before, after=term_snapshot(term),
                  action=Change.Action.CREATE if creating else Change.Action.UPDATE)
    return term


@transaction.atomic
def term_delete(*, term: Term, user) -> None:
    plan = term.plan
    for element in term.elements.all():
        with _recording(element, user=user, plan=plan, snapshot=element_snapshot):
            element.terms.remove(term)
    change_record(user=user, obj=term, plan=plan, action=Change.Action.DELETE,
                  before=term_snapshot(term))
    term.delete()


# Elements -------------------------------------------------------------------------------------

def _validate_place(*, plan: Plan, level: Level, parent: Element | None) -> None:
    if level.plan_id != plan.pk:
        raise ValidationError({"level": _("The level must belong to the same plan.")})
    if level.parent_id is None and parent is not None:
        raise ValidationError({"parent": _("Elements of level “%(level)s” sit at the top of "
                                           "the plan, not under another element.")
                               % {"level": level.name}})
    if level.parent_id is not None:
        if parent is None:
            raise ValidationError({"parent": _("An element of level “%(level)s” goes under an "
                                               "element of level “%(parent)s”.")
                                   % {"level": level.name, "parent": level.parent.name}})
        if parent.plan_id != plan.pk:
            raise ValidationError({"parent": _("The parent must belong to the same plan.")})
        if parent.level_id != level.parent_id:
            raise ValidationError({"parent": _("An element of level “%(level)s” goes under an "
                                               "element of level “%(parent)s”.")
                                   % {"level": level.name, "parent": level.parent.name}})


def _validate_code(*, plan: Plan, code: str, exclude_pk=None) -> None:
    if code and Element.objects.filter(plan=plan, code=code).exclude(pk=exclude_pk).exists():
        raise ValidationError({"code": _("Another element of this plan already has the code "
                                         "“%(code)s”.") % {"code": code}})


def _validate_slug(*, plan: Plan, slug: str, exclude_pk=None) -> None:
    if Element.objects.filter(plan=plan, slug=slug).exclude(pk=exclude_pk).exists():
        raise ValidationError({"slug": _("Another element of this plan already uses the "
                                         "identifier “%(slug)s”.") % {"slug": slug}})


def element_slug_for(*, plan: Plan, code: str, title: str, exclude_pk=None) -> str:
    """A free identifier from the code (dots become dashes) or else the title."""
    base = slugify(code.replace(".", "-")) if code else ""
    base = (base or slugify(title)[:60].strip("-") or "element")[:70]
    taken = set(Element.objects.filter(plan=plan, slug__startswith=base)
                .exclude(pk=exclude_pk).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def element_proposed_code(*, plan: Plan, level: Level, parent: Element | None) -> str:
    """The code the level's code style gives the next element under ``parent``."""
    if not level.code_pattern:
        return ""
    siblings = Element.objects.filter(plan=plan, parent=parent, level=level).count()
    position = siblings + 1
    while True:
        code = level.propose_code(parent_code=parent.code if parent else "", position=position)
        if not code or not Element.objects.filter(plan=plan, code=code).exists():
            return code
        position += 1


@transaction.atomic
def element_create(*, plan: Plan, user, level: Level, parent: Element | None, title: str,
                   code: str = "", slug: str = "", description: str = "",
                   position: int | None = None, **attributes) -> Element:
    """Add an element under ``parent`` (at the end, or at 1-based ``position``)."""
    _validate_place(plan=plan, level=level, parent=parent)
    code = code.strip()
    _validate_code(plan=plan, code=code)
    if slug:
        _validate_slug(plan=plan, slug=slug)
    else:
        slug = element_slug_for(plan=plan, code=code, title=title)
    siblings = list(Element.objects.filter(plan=plan, parent=parent).order_by("order", "pk"))
    element = Element(plan=plan, level=level, parent=parent, code=code, slug=slug,
                      title=title.strip(), description=markup_to_html(description),
                      order=len(siblings) + 1)
    _assign_flags(element, attributes)
    _full_clean(element, exclude=["plan"])
    element.save()
    _assign_relations(element, attributes)
    if position is not None:
        _place_among(siblings, element, position)
    change_record(user=user, obj=element, plan=plan, action=Change.Action.CREATE,
                  after=element_snapshot(element))
    return element


FLAG_FIELDS = ("is_continuity", "is_agreement_linked", "is_highlighted", "weight")


def _assign_flags(element: Element, attributes: dict) -> None:
    for name in FLAG_FIELDS:
        if name in attributes:
            value = attributes[name]
            if name == "weight":
                value = Decimal(str(value))
                if value < 0:
                    raise ValidationError({"weight": _("The weight cannot be negative.")})
            setattr(element, name, value)


def _assign_relations(element: Element, attributes: dict) -> None:
    plan = element.plan
    if "terms" in attributes:
        terms = list(attributes["terms"])
        if any(term.plan_id != plan.pk for term in terms):
            raise ValidationError({"terms": _("Every term must belong to the same plan.")})
        element.terms.set(terms)
    roles = (("responsible", ElementBody.Role.RESPONSIBLE),
             ("involved", ElementBody.Role.INVOLVED))
    for key, role in roles:
        if key not in attributes:
            continue
        bodies: list[Body] = list(attributes[key])
        if any(body.organization_id != plan.organization_id for body in bodies):
            raise ValidationError({key: _("Every body must belong to %(organization)s.")
                                   % {"organization": plan.organization.name}})
        if len({body.pk for body in bodies}) != len(bodies):
            raise ValidationError({key: _("A body is listed twice.")})
        element.element_bodies.filter(role=role).delete()
        ElementBody.objects.bulk_create(
            ElementBody(element=element, body=body, role=role, order=i)
            for i, body in enumerate(bodies, start=1)
        )
    if "calendar" in attributes:
        marks = sorted(set(attributes["calendar"]), key=lambda m: (m[0], m[1] or 0))
        for year, quarter in marks:
            if not plan.start_year <= year <= plan.end_year:
                raise ValidationError({"calendar": _(
                    "%(year)s is outside the plan's period (%(period)s).")
                    % {"year": year, "period": plan.period_label}})
            if quarter is not None and quarter not in (1, 2, 3, 4):
                raise ValidationError({"calendar": _("A quarter is a number from 1 to 4.")})
            if quarter is not None and (year, None) in marks:
                raise ValidationError({"calendar": _(
                    "%(year)s is marked both as a whole year and by quarters; choose one.")
                    % {"year": year}})
        element.calendar.all().delete()
        CalendarMark.objects.bulk_create(
            CalendarMark(element=element, year=year, quarter=quarter) for year, quarter in marks
        )


@transaction.atomic
def element_update(*, element: Element, user, **changes) -> Element:
    """Change an element's fields and what hangs from it.

    Accepted keys: ``code``, ``slug``, ``title``, ``description``, the flags and ``weight``,
    ``terms`` (Term list), ``responsible`` and ``involved`` (Body lists) and ``calendar``
    (list of ``(year, quarter or None)``).
    """
    plan = element.plan
    with _recording(element, user=user, plan=plan, snapshot=element_snapshot):
        if "code" in changes:
            element.code = changes["code"].strip()
            _validate_code(plan=plan, code=element.code, exclude_pk=element.pk)
        if "slug" in changes and changes["slug"]:
            _validate_slug(plan=plan, slug=changes["slug"], exclude_pk=element.pk)
            element.slug = changes["slug"]
        if "title" in changes:
            element.title = changes["title"].strip()
        if "description" in changes:
            element.description = markup_to_html(changes["description"])
        _assign_flags(element, changes)
        _full_clean(element, exclude=["plan"])
        element.save()
        _assign_relations(element, changes)
    return element


def _place_among(siblings: list[Element], element: Element, position: int) -> None:
    """Put ``element`` at 1-based ``position`` among ``siblings`` and renumber them."""
    ordered = [s for s in siblings if s.pk != element.pk]
    index = max(0, min(len(ordered), position - 1))
    ordered.insert(index, element)
    for order, sibling in enumerate(ordered, start=1):
        if sibling.order != order:
            sibling.order = order
            Element.objects.filter(pk=sibling.pk).update(order=order)


@transaction.atomic
def element_move(*, element: Element, user, parent: Element | None,
                 position: int | None = None) -> Element:
    """Move an element (with its descendants) under another parent of the right level."""
    plan = element.plan
    _validate_place(plan=plan, level=element.level, parent=parent)
    node = parent
    while node is not None:
        if node.pk == element.pk:
            raise ValidationError({"parent": _("An element cannot go under itself or one of "
                                               "its descendants.")})
        node = node.parent
    with _recording(element, user=user, plan=plan, snapshot=element_snapshot,
                    action=Change.Action.MOVE):
        old_parent_id = element.parent_id
        element.parent = parent
        element.save(update_fields=["parent", "updated_at"])
        siblings = list(Element.objects.filter(plan=plan, parent=parent)
                        .exclude(pk=element.pk).order_by("order", "pk"))
        _place_among(siblings, element, position or len(siblings) + 1)
        if old_parent_id != element.parent_id:
            _renumber(plan, old_parent_id)
        element.refresh_from_db()
    return element


def _renumber(plan: Plan, parent_id) -> None:
    for order, pk in enumerate(Element.objects.filter(plan=plan, parent_id=parent_id)
                               .order_by("order", "pk").values_list("pk", flat=True), start=1):
        Element.objects.filter(pk=pk).exclude(order=order).update(order=order)


@transaction.atomic
def element_reorder(*, element: Element, user, offset: int) -> Element:
    """Move an element ``offset`` places up (negative) or down among its siblings."""
    plan = element.plan
    siblings = list(Element.objects.filter(plan=plan, parent_id=element.parent_id)
                    .order_by("order", "pk"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == element.pk)
    with _recording(element, user=user, plan=plan, snapshot=element_snapshot,
                    action=Change.Action.REORDER):
        _place_among(siblings, element, index + 1 + offset)
        element.refresh_from_db()
    return element


@transaction.atomic
def element_delete(*, element: Element, user) -> int:
    """Delete an element and its descendants; returns how many elements went.

    The history keeps the whole subtree, so it can be restored in one step.
    """
    plan = element.plan
    snapshot = element_subtree_snapshot(element)
    change_record(user=user, obj=element, plan=plan, action=Change.Action.DELETE,
                  before=snapshot)
    parent_id = element.parent_id
    element.delete()
    _renumber(plan, parent_id)
    return 1 + len(snapshot["descendants"])


# Element sections -----------------------------------------------------------------------------

@transaction.atomic
def element_section_save(*, element: Element, user, kind: str, title: str, body: str,
                         section: ElementSection | None = None) -> ElementSection:
    with _recording(element, user=user, plan=element.plan, snapshot=element_snapshot):
        if section is None:
            last = element.sections.aggregate(last=Max("order"))["last"] or 0
            section = ElementSection(element=element, order=last + 1)
        section.kind, section.title, section.body = kind, title.strip(), markup_to_html(body)
        _full_clean(section, exclude=["element"])
        section.save()
    return section


@transaction.atomic
def element_section_delete(*, section: ElementSection, user) -> None:
    element = section.element
    with _recording(element, user=user, plan=element.plan, snapshot=element_snapshot):
        section.delete()


# Links ----------------------------------------------------------------------------------------

@transaction.atomic
def link_create(*, source: Element, target: Element, user, kind: str = Link.Kind.CONTRIBUTES_TO,
                note: str = "") -> Link:
    """Link ``source`` to ``target`` (of any plan the caller may read)."""
    if source.pk == target.pk:
        raise ValidationError({"target": _("An element cannot be linked to itself.")})
    if Link.objects.filter(source=source, target=target, kind=kind).exists():
        raise ValidationError({"target": _("This link already exists.")})
    with _recording(source, user=user, plan=source.plan, snapshot=element_snapshot):
        last = source.links_out.aggregate(last=Max("order"))["last"] or 0
        link = Link(source=source, target=target, kind=kind, note=note.strip(), order=last + 1)
        _full_clean(link, exclude=["source", "target"])
        link.save()
    return link


@transaction.atomic
def link_delete(*, link: Link, user) -> None:
    source = link.source
    with _recording(source, user=user, plan=source.plan, snapshot=element_snapshot):
        link.delete()
