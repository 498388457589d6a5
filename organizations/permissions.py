"""The access gateway for organisations and their bodies and members.

Every editor view fetches an organisation through :func:`organization_for_user`, so no view
can forget a check. Reading an organisation's editor space requires any role in it; changing
its content requires editor or admin; managing its people requires admin.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from organizations.models import Body, Membership, Organization, Role


def roles_of(user) -> dict[int, str]:
    """``{organization_id: role}`` for ``user``, read once per request and cached on it."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_teixit_roles", None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("organization_id", "role"))
        user._teixit_roles = cached
    return cached


def role_in(user, organization: Organization) -> str | None:
    if user.is_authenticated and user.is_superuser:
        return Role.ADMIN
    return roles_of(user).get(organization.pk)


def can_view_organization(user, organization: Organization) -> bool:
    return role_in(user, organization) is not None


def can_edit_organization(user, organization: Organization) -> bool:
    return role_in(user, organization) in (Role.ADMIN, Role.EDITOR)


def can_admin_organization(user, organization: Organization) -> bool:
    return role_in(user, organization) == Role.ADMIN


def organization_for_user(user, slug: str, *, write: bool = False,
                          admin: bool = False) -> Organization:
    organization = get_object_or_404(Organization, slug=slug)
    if not can_view_organization(user, organization):
        raise Http404
    if admin and not can_admin_organization(user, organization):
        raise PermissionDenied
    if write and not can_edit_organization(user, organization):
        raise PermissionDenied
    return organization


def body_for_user(user, organization: Organization, body_id: int, *,
                  write: bool = False) -> Body:
    """A body of ``organization`` (already fetched through the gateway)."""
    if not can_view_organization(user, organization):
        raise Http404
    body = get_object_or_404(Body, organization=organization, pk=body_id)
    if write and not can_edit_organization(user, organization):
        raise PermissionDenied
    return body


def membership_for_user(user, organization: Organization, membership_id: int) -> Membership:
    """A membership of ``organization``; only its admins may manage memberships."""
    if not can_view_organization(user, organization):
        raise Http404
    if not can_admin_organization(user, organization):
        raise PermissionDenied
    return get_object_or_404(
        Membership.objects.select_related("user"), organization=organization, pk=membership_id
    )
