"""Snapshots of organisations' settings, bodies and memberships, and restoring them."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.snapshots import assign_fields, row_snapshot
from history.models import Change
from history.services import change_record, register
from organizations.models import Body, Membership, Organization

# What an organisation's people set in the editor; its name, kind and the rest are set by the
# site's administrators.
ORGANIZATION_FIELDS = ("data_licence",)
BODY_FIELDS = ("slug", "acronym", "name", "kind", "functions", "meeting_periodicity", "holders",
               "partner", "order")


def organization_snapshot(organization: Organization) -> dict:
    return row_snapshot(organization, ORGANIZATION_FIELDS)


def organization_restore(*, snapshot: dict, user) -> Organization:
    """Set the organisation's settings back, through the same service (and rule) as the
    editor: only its administrators may change its licence."""
    from organizations.permissions import can_admin_organization
    from organizations.services import organization_licence_set

    organization = Organization.objects.filter(pk=snapshot["id"]).first()
    if organization is None:
        raise ValidationError(_("The organisation no longer exists."))
    if not can_admin_organization(user, organization):
        raise ValidationError(_("Only an administrator of the organisation can change its "
                                "open data licence."))
    return organization_licence_set(organization=organization, user=user,
                                    licence=snapshot["data_licence"],
                                    action=Change.Action.RESTORE)


def body_snapshot(body: Body) -> dict:
    return {**row_snapshot(body, BODY_FIELDS), "organization": body.organization_id}


def body_restore(*, snapshot: dict, user) -> Body:
    organization = Organization.objects.filter(pk=snapshot["organization"]).first()
    if organization is None:
        raise ValidationError(_("The organisation no longer exists."))
    body = Body.objects.filter(pk=snapshot["id"]).first()
    before = body_snapshot(body) if body else None
    if body is None:
        body = Body(pk=snapshot["id"], organization=organization)
    assign_fields(body, snapshot, BODY_FIELDS)
    if body.partner_id and not Organization.objects.filter(pk=body.partner_id).exists():
        body.partner = None
    if Body.objects.filter(organization=organization, slug=body.slug).exclude(pk=body.pk).exists():
        raise ValidationError({"slug": _("Another body already uses the identifier “%(slug)s”.")
                               % {"slug": body.slug}})
    body.save()
    change_record(user=user, obj=body, organization=organization, action=Change.Action.RESTORE,
                  before=before, after=body_snapshot(body))
    return body


def membership_snapshot(membership: Membership) -> dict:
    return {"id": membership.pk, "user": membership.user_id,
            "label": membership.user.get_username(), "role": membership.role}


def membership_restore(*, snapshot: dict, user):
    raise ValidationError(_("Roles are not restored from the history; set them again."))


def register_all() -> None:
    register(Organization, snapshot=organization_snapshot, restore=organization_restore)
    register(Body, snapshot=body_snapshot, restore=body_restore)
    register(Membership, snapshot=membership_snapshot, restore=membership_restore)
