"""The access gateway for plans and everything inside them.

Editor views get plans through :func:`plan_for_member` (a role in the plan's organisation is
required; ``write=True`` requires editor or admin, ``admin=True`` requires admin). Public
pages get them through :func:`plan_for_reader`: published plans for everyone, drafts only for
the organisation's people; open data and the public API through :func:`published_plan`.
Objects inside a plan are then fetched through the plan, so an element id of another plan is
simply not found.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from organizations.permissions import (
    can_admin_organization,
    can_edit_organization,
    can_view_organization,
)
from plans.models import Element, Level, Link, Plan, PlanSection, Term


def can_read_plan(user, plan: Plan) -> bool:
    return plan.is_published or can_view_organization(user, plan.organization)


def can_edit_plan(user, plan: Plan) -> bool:
    if plan.is_archived:
        return False
    return can_edit_organization(user, plan.organization)


def can_admin_plan(user, plan: Plan) -> bool:
    return can_admin_organization(user, plan.organization)


def _plan(org_slug: str, plan_slug: str) -> Plan:
    return get_object_or_404(
        Plan.objects.select_related("organization", "parent__organization"),
        organization__slug=org_slug, slug=plan_slug,
    )


def plan_for_member(user, org_slug: str, plan_slug: str, *, write: bool = False,
                    admin: bool = False) -> Plan:
    plan = _plan(org_slug, plan_slug)
    if not can_view_organization(user, plan.organization):
        raise Http404
    if admin and not can_admin_plan(user, plan):
        raise PermissionDenied
    if write and not can_edit_plan(user, plan):
        raise PermissionDenied
    return plan


def plan_for_reader(user, org_slug: str, plan_slug: str) -> Plan:
    plan = _plan(org_slug, plan_slug)
    if not can_read_plan(user, plan):
        raise Http404
    return plan


def published_plan(org_slug: str, plan_slug: str) -> Plan:
    """A published plan, whoever asks: open data and the public API serve nothing else."""
    plan = _plan(org_slug, plan_slug)
    if not plan.is_published:
        raise Http404
    return plan


def _require_write(user, plan: Plan, write: bool) -> None:
    if not can_view_organization(user, plan.organization):
        raise Http404
    if write and not can_edit_plan(user, plan):
        raise PermissionDenied


def element_for_user(user, plan: Plan, element_id: int, *, write: bool = False) -> Element:
    _require_write(user, plan, write)
    return get_object_or_404(Element.objects.select_related("level", "parent"), plan=plan,
                             pk=element_id)


def level_for_user(user, plan: Plan, level_id: int, *, write: bool = False) -> Level:
    _require_write(user, plan, write)
    return get_object_or_404(Level, plan=plan, pk=level_id)


def term_for_user(user, plan: Plan, term_id: int, *, write: bool = False) -> Term:
    _require_write(user, plan, write)
    return get_object_or_404(Term, plan=plan, pk=term_id)


def section_for_user(user, plan: Plan, section_id: int, *, write: bool = False) -> PlanSection:
    _require_write(user, plan, write)
    return get_object_or_404(PlanSection, plan=plan, pk=section_id)


def link_for_user(user, element: Element, link_id: int, *, write: bool = False) -> Link:
    """An outgoing link of ``element`` (whose plan was fetched through the gateway)."""
    _require_write(user, element.plan, write)
    return get_object_or_404(Link.objects.select_related("target"), source=element, pk=link_id)
