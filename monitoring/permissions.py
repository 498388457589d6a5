"""Access gateway for monitoring records. A plan is fetched through ``plans.permissions``
first; these fetch what hangs from it, so an id of another plan is simply not found.
Entering data needs an editor; closing and reopening periods needs an administrator."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from monitoring.models import Event, Indicator, Period, RatingScale
from organizations.permissions import can_view_organization
from plans.models import Plan
from plans.permissions import can_admin_plan, can_edit_plan


def _require(user, plan: Plan, *, write: bool, admin: bool = False) -> None:
    if not can_view_organization(user, plan.organization):
        raise Http404
    if admin and not can_admin_plan(user, plan):
        raise PermissionDenied
    if write and not can_edit_plan(user, plan):
        raise PermissionDenied


def period_for_user(user, plan: Plan, period_id: int, *, write: bool = False,
                    admin: bool = False) -> Period:
    _require(user, plan, write=write, admin=admin)
    return get_object_or_404(Period, plan=plan, pk=period_id)


def indicator_for_user(user, plan: Plan, indicator_id: int, *, write: bool = False) -> Indicator:
    _require(user, plan, write=write)
    return get_object_or_404(Indicator.objects.select_related("element"), plan=plan,
                             pk=indicator_id)


def event_for_user(user, plan: Plan, event_id: int, *, write: bool = False) -> Event:
    _require(user, plan, write=write)
    return get_object_or_404(Event.objects.select_related("element"), plan=plan, pk=event_id)


def scale_for_user(user, plan: Plan, scale_id: int, *, write: bool = False) -> RatingScale:
    _require(user, plan, write=write)
    return get_object_or_404(RatingScale, plan=plan, pk=scale_id)


def category_for_user(user, organization, category_id: int, *, write: bool = False):
    """A category the organisation can use: its own or a shared one (shared ones are
    read-only)."""
    from django.db.models import Q

    from monitoring.models import DisaggregationCategory
    from organizations.permissions import can_edit_organization

    if not can_view_organization(user, organization):
        raise Http404
    category = get_object_or_404(
        DisaggregationCategory.objects.filter(Q(organization=organization)
                                              | Q(organization__isnull=True)), pk=category_id)
    if write and (category.organization_id != organization.pk
                  or not can_edit_organization(user, organization)):
        raise PermissionDenied
    return category
