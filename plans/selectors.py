"""Reads of plans that pages share. Each runs a fixed number of queries, whatever the size."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from organizations.models import Organization
from organizations.permissions import roles_of
from plans.models import Element, ElementBody, Level, Link, Plan


@dataclass
class TreeNode:
    element: Element
    children: list["TreeNode"] = field(default_factory=list)
    child_levels: list[Level] = field(default_factory=list)
    depth: int = 0


@dataclass
class LevelGroup:
    """The top-level elements of one root level (a plan may have several root levels)."""

    level: Level
    nodes: list[TreeNode]


def plan_tree(plan: Plan, *, with_bodies: bool = True) -> list[LevelGroup]:
    """The plan's elements as a tree, grouped by root level. Three or four queries."""
    levels = list(plan.levels.all())
    levels_by_id = {level.pk: level for level in levels}
    child_levels: dict[int | None, list[Level]] = {}
    for level in levels:
        child_levels.setdefault(level.parent_id, []).append(level)
    queryset = plan.elements.all()
    if with_bodies:
        queryset = queryset.prefetch_related(
            Prefetch("element_bodies", queryset=ElementBody.objects.select_related("body")))
    by_parent: dict[int | None, list[Element]] = {}
    for element in queryset.order_by("order", "pk"):
        element.level = levels_by_id[element.level_id]  # no query per element
        by_parent.setdefault(element.parent_id, []).append(element)

    def build(parent_id, depth):
        return [TreeNode(element=e, children=build(e.pk, depth + 1),
                         child_levels=child_levels.get(e.level_id, []), depth=depth)
                for e in by_parent.get(parent_id, [])]

    roots = build(None, 0)
    return [LevelGroup(level=level, nodes=[n for n in roots if n.element.level_id == level.pk])
            for level in child_levels.get(None, [])]


def element_ancestors(element: Element) -> list[Element]:
    """From the top of the plan down to the element's parent."""
    ancestors, node = [], element.parent
    while node is not None:
        ancestors.append(node)
        node = node.parent
    return list(reversed(ancestors))


def element_descendants(element: Element) -> list[Element]:
    """All elements under ``element``, parents before children. One query."""
    by_parent: dict[int, list[Element]] = {}
    for candidate in Element.objects.filter(plan_id=element.plan_id).order_by("order", "pk"):
        by_parent.setdefault(candidate.parent_id, []).append(candidate)
    result, queue = [], list(by_parent.get(element.pk, []))
    while queue:
        current = queue.pop(0)
        result.append(current)
        queue.extend(by_parent.get(current.pk, []))
    return result


def element_detail(plan: Plan, element_id: int) -> Element:
    return (
        plan.elements.select_related("level", "parent__parent__parent")
        .prefetch_related(
            "terms", "calendar", "sections",
            Prefetch("element_bodies", queryset=ElementBody.objects.select_related("body")),
            Prefetch("links_out", queryset=Link.objects.select_related(
                "target__plan__organization", "target__level")),
            Prefetch("links_in", queryset=Link.objects.select_related(
                "source__plan__organization", "source__level")),
            Prefetch("children", queryset=Element.objects.select_related("level")),
        )
        .get(pk=element_id)
    )


def organizations_for_user(user) -> list[tuple[Organization, str, list[Plan]]]:
    """The user's organisations, their role in each, and each one's plans."""
    if user.is_superuser:
        organizations = list(Organization.objects.all())
        roles = {o.pk: "admin" for o in organizations}
    else:
        roles = roles_of(user)
        organizations = list(Organization.objects.filter(pk__in=roles))
    plans: dict[int, list[Plan]] = {}
    for plan in (Plan.objects.filter(organization__in=organizations)
                 .annotate(element_count=Count("elements"))
                 .order_by("-start_year", "title")):
        plans.setdefault(plan.organization_id, []).append(plan)
    return [(o, roles.get(o.pk, ""), plans.get(o.pk, [])) for o in organizations]


def link_target_plans(user, plan: Plan) -> list[Plan]:
    """Plans an element of ``plan`` can be linked to: the organisation's own plans, the
    published plans of the networks it belongs to and of their members, and any plan of the
    user's organisations."""
    organization = plan.organization
    network_ids = set(organization.networks.values_list("pk", flat=True))
    member_ids = set(Organization.objects.filter(networks__in=network_ids)
                     .values_list("pk", flat=True))
    visible = (Q(organization=organization) | Q(organization__in=roles_of(user))
               | Q(organization__in=network_ids | member_ids,
                   status__in=Plan.PUBLISHED_STATUSES))
    return list(Plan.objects.filter(visible).select_related("organization")
                .order_by("organization__name", "-start_year", "title"))


def published_plans():
    return (Plan.objects.filter(status__in=Plan.PUBLISHED_STATUSES)
            .select_related("organization").order_by("organization__name", "-start_year"))
