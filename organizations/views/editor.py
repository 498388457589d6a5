"""Editor views of an organisation: its overview, its open data licence, its bodies and its
people."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.forms import form_saved
from history.services import changes_for_object
from organizations import services
from organizations.forms import BodyForm, LicenceForm, MembershipAddForm, MembershipRoleForm
from organizations.models import DataLicence
from organizations.permissions import (
    body_for_user,
    can_admin_organization,
    can_edit_organization,
    membership_for_user,
    organization_for_user,
)
from plans.selectors import organizations_for_user


@login_required
@require_safe
def home(request):
    return render(request, "organizations/editor_home.html", {
        "memberships": organizations_for_user(request.user), "section": "editor"})


@login_required
@require_safe
def organization_detail(request, org):
    organization = organization_for_user(request.user, org)
    plans = next((p for o, _r, p in organizations_for_user(request.user)
                  if o.pk == organization.pk), [])
    return render(request, "organizations/organization_detail.html", {
        "organization": organization, "plans": plans, "section": "editor",
        "networks": organization.networks.all(), "members": organization.members.all(),
        "can_edit": can_edit_organization(request.user, organization),
        "can_admin": can_admin_organization(request.user, organization)})


@login_required
def organization_licence(request, org):
    """Any of the organisation's people sees the licence; only an administrator changes it."""
    organization = organization_for_user(request.user, org, admin=request.method == "POST")
    form = LicenceForm(request.POST or None, initial={"licence": organization.data_licence})
    if form_saved(request, form, lambda data: services.organization_licence_set(
            organization=organization, user=request.user, **data)):
        messages.success(request, _("The open data licence has been saved."))
        return redirect(reverse("editor:organization_licence",
                                kwargs={"org": organization.slug}))
    return render(request, "organizations/licence_form.html", {
        "organization": organization, "form": form, "section": "editor",
        "licence": DataLicence(organization.data_licence),
        "can_admin": can_admin_organization(request.user, organization),
        "changes": changes_for_object(organization)[:10]})


def _bodies_url(organization) -> str:
    return reverse("editor:bodies", kwargs={"org": organization.slug})


@login_required
@require_safe
def body_list(request, org):
    organization = organization_for_user(request.user, org)
    return render(request, "organizations/body_list.html", {
        "organization": organization, "section": "editor",
        "bodies": organization.bodies.select_related("partner"),
        "can_edit": can_edit_organization(request.user, organization)})


@login_required
def body_edit(request, org, body_id=None):
    organization = organization_for_user(request.user, org, write=True)
    body = body_for_user(request.user, organization, body_id, write=True) if body_id else None
    initial = {}
    if body:
        initial = {f: getattr(body, f) for f in ("acronym", "name", "kind", "functions",
                                                  "meeting_periodicity", "holders", "partner",
                                                  "slug")}
    form = BodyForm(request.POST or None, initial=initial, organization=organization)
    if form_saved(request, form, lambda data: services.body_save(
            organization=organization, user=request.user, body=body, **data)):
        messages.success(request, _("The body has been saved."))
        return redirect(_bodies_url(organization))
    return render(request, "organizations/body_form.html", {
        "organization": organization, "form": form, "body": body, "section": "editor",
        "changes": changes_for_object(body)[:10] if body else []})


@login_required
@require_POST
def body_delete(request, org, body_id):
    organization = organization_for_user(request.user, org, write=True)
    body = body_for_user(request.user, organization, body_id, write=True)
    try:
        services.body_delete(body=body, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The body has been deleted. It can be restored from the "
                                    "organisation's history."))
    return redirect(_bodies_url(organization))


@login_required
def member_list(request, org):
    organization = organization_for_user(request.user, org, admin=True)
    form = MembershipAddForm(request.POST or None)
    if form_saved(request, form, lambda data: services.membership_add(
            organization=organization, user=request.user, **data)):
        messages.success(request, _("The person has been added."))
        return redirect(reverse("editor:members", kwargs={"org": organization.slug}))
    memberships = organization.memberships.select_related("user").order_by("user__username")
    return render(request, "organizations/member_list.html", {
        "organization": organization, "form": form, "section": "editor",
        "memberships": [(m, MembershipRoleForm(initial={"role": m.role}, prefix=f"m{m.pk}"))
                        for m in memberships]})


@login_required
@require_POST
def member_role(request, org, membership_id):
    organization = organization_for_user(request.user, org, admin=True)
    membership = membership_for_user(request.user, organization, membership_id)
    form = MembershipRoleForm(request.POST, prefix=f"m{membership.pk}")
    if form.is_valid():
        try:
            services.membership_set_role(membership=membership, user=request.user,
                                         role=form.cleaned_data["role"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The role of %(person)s has been changed.")
                             % {"person": membership.user.get_username()})
    return redirect(reverse("editor:members", kwargs={"org": organization.slug}))


@login_required
@require_POST
def member_remove(request, org, membership_id):
    organization = organization_for_user(request.user, org, admin=True)
    membership = membership_for_user(request.user, organization, membership_id)
    try:
        services.membership_remove(membership=membership, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(person)s no longer has a role here.")
                         % {"person": membership.user.get_username()})
    return redirect(reverse("editor:members", kwargs={"org": organization.slug}))
