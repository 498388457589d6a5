"""History pages: who changed what and when, the difference, and restoring a version."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from history.diff import snapshot_rows
from history.models import Change
from history.permissions import change_for_user
from history.services import change_restore
from organizations.permissions import (
    can_edit_organization,
    organization_for_user,
)
from plans.models import Element
from plans.permissions import can_edit_plan, plan_for_member

PAGE_SIZE = 50


def _page(request, queryset):
    return Paginator(queryset.select_related("user", "content_type"), PAGE_SIZE).get_page(
        request.GET.get("page"))


@login_required
@require_safe
def plan_history(request, org, plan):
    plan = plan_for_member(request.user, org, plan)
    return render(request, "history/change_list.html", {
        "organization": plan.organization, "plan": plan, "section": "editor",
        "page": _page(request, Change.objects.filter(plan=plan)),
        "title": _("History of the plan")})


@login_required
@require_safe
def element_history(request, org, plan, element_id):
    """Every change of one element, also after it was deleted (so it can be restored)."""
    plan = plan_for_member(request.user, org, plan)
    changes = Change.objects.filter(plan=plan, object_id=element_id,
                                    content_type=ContentType.objects.get_for_model(Element))
    element = plan.elements.filter(pk=element_id).first()
    return render(request, "history/change_list.html", {
        "organization": plan.organization, "plan": plan, "element": element,
        "section": "editor", "page": _page(request, changes),
        "title": _("History of “%(element)s”") % {
            "element": element or (changes.first().object_repr if changes.exists() else "")}})


@login_required
@require_safe
def organization_history(request, org):
    organization = organization_for_user(request.user, org)
    changes = Change.objects.filter(organization=organization, plan__isnull=True)
    return render(request, "history/change_list.html", {
        "organization": organization, "section": "editor", "page": _page(request, changes),
        "title": _("History of bodies and people")})


@login_required
@require_safe
def change_detail(request, change_id):
    change = change_for_user(request.user, change_id)
    model_label = f"{change.content_type.app_label}.{change.content_type.model}"
    rows = snapshot_rows(model_label, change.before, change.after)
    can_restore = change.snapshot is not None and model_label != "organizations.membership" and (
        can_edit_plan(request.user, change.plan) if change.plan_id
        else can_edit_organization(request.user, change.organization))
    return render(request, "history/change_detail.html", {
        "change": change, "rows": rows, "can_restore": can_restore, "section": "editor",
        "organization": change.plan.organization if change.plan_id else change.organization,
        "plan": change.plan})


@login_required
@require_POST
def change_restore_view(request, change_id):
    change = change_for_user(request.user, change_id, write=True)
    try:
        restored = change_restore(change=change, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("editor:change", kwargs={"change_id": change.pk}))
    messages.success(request, _("“%(object)s” has been restored to this version.")
                     % {"object": restored})
    if isinstance(restored, Element):
        return redirect(reverse("editor:element", kwargs={
            "org": restored.plan.organization.slug, "plan": restored.plan.slug,
            "element_id": restored.pk}))
    if change.plan_id:
        return redirect(reverse("editor:plan_history", kwargs={
            "org": change.plan.organization.slug, "plan": change.plan.slug}))
    return redirect(reverse("editor:organization_history",
                            kwargs={"org": change.organization.slug}))
