"""Writes to an organisation's settings, bodies and people. Same contract as
``plans.services``."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from history.models import Change
from history.services import change_record
from organizations.models import Body, DataLicence, Membership, Organization, Role
from organizations.versioning import body_snapshot, membership_snapshot, organization_snapshot


@transaction.atomic
def organization_licence_set(*, organization: Organization, user, licence: str,
                             action: str = Change.Action.UPDATE) -> Organization:
    """Set the licence of the organisation's open data (every published plan's downloads).
    Only its administrators may (checked by the gateway). Recorded in the history when it
    changes."""
    if licence not in DataLicence.values:
        raise ValidationError({"licence": _("Choose one of the licences offered.")})
    before = organization_snapshot(organization)
    organization.data_licence = licence
    organization.save(update_fields=["data_licence"])
    after = organization_snapshot(organization)
    if before != after:
        change_record(user=user, obj=organization, organization=organization, before=before,
                      after=after, action=action)
    return organization


@transaction.atomic
def body_save(*, organization: Organization, user, body: Body | None = None, name: str,
              kind: str, acronym: str = "", slug: str = "", functions: str = "",
              meeting_periodicity: str = "", holders: str = "",
              partner: Organization | None = None) -> Body:
    """Create a body of ``organization`` or change ``body``."""
    name, acronym = name.strip(), acronym.strip()
    slug = slug or slugify(acronym or name)[:80] or "body"
    if Body.objects.filter(organization=organization, slug=slug).exclude(
            pk=getattr(body, "pk", None)).exists():
        raise ValidationError({"slug": _("Another body of this organisation already uses the "
                                         "identifier “%(slug)s”.") % {"slug": slug}})
    if acronym and Body.objects.filter(organization=organization, acronym=acronym).exclude(
            pk=getattr(body, "pk", None)).exists():
        raise ValidationError({"acronym": _("Another body of this organisation already uses "
                                            "the acronym “%(acronym)s”.")
                               % {"acronym": acronym}})
    if partner is not None and partner.pk == organization.pk:
        raise ValidationError({"partner": _("The partner must be another organisation.")})
    creating = body is None
    if creating:
        last = organization.bodies.aggregate(last=Max("order"))["last"] or 0
        body = Body(organization=organization, order=last + 1)
        before = None
    else:
        before = body_snapshot(body)
    body.slug, body.acronym, body.name, body.kind = slug, acronym, name, kind
    body.functions, body.meeting_periodicity = functions.strip(), meeting_periodicity
    body.holders, body.partner = holders.strip(), partner
    body.full_clean(exclude=["organization"], validate_unique=False, validate_constraints=False)
    body.save()
    after = body_snapshot(body)
    if before != after:
        change_record(user=user, obj=body, organization=organization, before=before,
                      after=after,
                      action=Change.Action.CREATE if creating else Change.Action.UPDATE)
    return body


@transaction.atomic
def body_delete(*, body: Body, user) -> None:
    used = body.element_bodies.select_related("element").order_by("element__pk")
    if used.exists():
        titles = ", ".join(str(eb.element) for eb in used[:3])
        count = used.count()
        raise ValidationError(ngettext(
            "“%(body)s” is still named in %(count)s element (%(titles)s); remove it from it "
            "first.",
            "“%(body)s” is still named in %(count)s elements (%(titles)s…); remove it from "
            "them first.", count) % {"body": body, "count": count, "titles": titles})
    change_record(user=user, obj=body, organization=body.organization,
                  action=Change.Action.DELETE, before=body_snapshot(body))
    body.delete()


def _find_person(identifier: str):
    User = get_user_model()
    identifier = identifier.strip()
    matches = list(User.objects.filter(Q(username__iexact=identifier)
                                       | Q(email__iexact=identifier), is_active=True)[:2])
    if not matches:
        raise ValidationError({"person": _("Nobody with the user name or e-mail “%(person)s” "
                                           "has an account.") % {"person": identifier}})
    if len(matches) > 1:
        raise ValidationError({"person": _("More than one account matches “%(person)s”; use the "
                                           "user name.") % {"person": identifier}})
    return matches[0]


def _admins_left(organization: Organization, *, without: Membership) -> int:
    return (organization.memberships.filter(role=Role.ADMIN).exclude(pk=without.pk).count())


@transaction.atomic
def membership_add(*, organization: Organization, user, person: str, role: str) -> Membership:
    """Give the account named ``person`` (user name or e-mail) a role in ``organization``."""
    account = _find_person(person)
    if Membership.objects.filter(organization=organization, user=account).exists():
        raise ValidationError({"person": _("%(person)s already has a role here; change it in "
                                           "the list.") % {"person": account.get_username()}})
    membership = Membership.objects.create(organization=organization, user=account, role=role)
    change_record(user=user, obj=membership, organization=organization,
                  action=Change.Action.CREATE, after=membership_snapshot(membership))
    return membership


@transaction.atomic
def membership_set_role(*, membership: Membership, user, role: str) -> Membership:
    if (membership.role == Role.ADMIN and role != Role.ADMIN
            and not _admins_left(membership.organization, without=membership)):
        raise ValidationError({"role": _("An organisation keeps at least one administrator.")})
    before = membership_snapshot(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    change_record(user=user, obj=membership, organization=membership.organization,
                  action=Change.Action.UPDATE, before=before,
                  after=membership_snapshot(membership))
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, user) -> None:
    if (membership.role == Role.ADMIN
            and not _admins_left(membership.organization, without=membership)):
        raise ValidationError(_("An organisation keeps at least one administrator."))
    change_record(user=user, obj=membership, organization=membership.organization,
                  action=Change.Action.DELETE, before=membership_snapshot(membership))
    membership.delete()
