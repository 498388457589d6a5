"""The access gateway for recorded changes.

A change of a plan's content is read by the plan's organisation's people and restored by its
editors; a change of an organisation's bodies or people likewise by that organisation's.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from history.models import Change
from organizations.permissions import can_edit_organization, can_view_organization
from plans.permissions import can_edit_plan


def change_for_user(user, change_id: int, *, write: bool = False) -> Change:
    change = get_object_or_404(
        Change.objects.select_related("content_type", "user", "organization",
                                      "plan__organization"), pk=change_id)
    organization = change.plan.organization if change.plan_id else change.organization
    if organization is None or not can_view_organization(user, organization):
        raise Http404
    if write:
        allowed = (can_edit_plan(user, change.plan) if change.plan_id
                   else can_edit_organization(user, organization))
        if not allowed:
            raise PermissionDenied
    return change
