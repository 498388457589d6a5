"""The API's access gateway.

Reading: a plan is fetched through ``plans.permissions.published_plan`` (404 unless it is
published) and what hangs from it through the plan; monitoring data only for the periods
``monitoring.selectors.public_periods`` returns.

Writing: a token acts for one organisation. Its plan is fetched through
``plans.permissions.plan_for_member`` with the token's person, and the objects inside it
through the editor's own gateways, so the API allows exactly what the editor allows: 404 for
an organisation the person has no role in (or that is not the token's), 403 for a viewer or
an archived plan.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from api.models import ApiToken
from monitoring.models import Indicator, Period
from monitoring.permissions import indicator_for_user, period_for_user
from monitoring.selectors import periods_of, public_periods
from organizations.models import Organization
from plans.models import Element, Plan
from plans.permissions import element_for_user, plan_for_member


def token_for_user(user, organization: Organization, token_id) -> ApiToken:
    """One of ``user``'s own tokens of ``organization`` (already fetched through
    ``organization_for_user``). Anyone else's token is simply not found."""
    return get_object_or_404(ApiToken.objects.select_related("user", "organization"),
                             organization=organization, user=user, pk=token_id)


# Writing --------------------------------------------------------------------------------------

def plan_for_token(token: ApiToken, org_slug: str, plan_slug: str, *,
                   write: bool = True) -> Plan:
    if token.organization.slug != org_slug:
        raise Http404
    return plan_for_member(token.user, org_slug, plan_slug, write=write)


def _id_of(queryset, **lookup) -> int:
    found = queryset.filter(**lookup).values_list("pk", flat=True).first()
    if found is None:
        raise Http404
    return found


def element_for_token(token: ApiToken, plan: Plan, slug: str, *, write: bool = True
                      ) -> Element:
    return element_for_user(token.user, plan, _id_of(plan.elements, slug=slug), write=write)


def period_for_token(token: ApiToken, plan: Plan, slug: str, *, write: bool = True) -> Period:
    period = _period_by_slug(periods_of(plan), slug)
    return period_for_user(token.user, plan, period.pk, write=write)


def indicator_for_token(token: ApiToken, plan: Plan, slug: str, *, write: bool = True
                        ) -> Indicator:
    return indicator_for_user(token.user, plan, _id_of(plan.indicators, slug=slug),
                              write=write)


# Reading --------------------------------------------------------------------------------------

def public_element(plan: Plan, slug: str) -> Element:
    """An element of a published plan (fetched through ``published_plan``)."""
    return get_object_or_404(Element, plan=plan, slug=slug)


def public_period(plan: Plan, slug: str) -> Period:
    """A period of a published plan whose monitoring data the public sees."""
    return _period_by_slug(public_periods(plan), slug)


def public_indicator(plan: Plan, slug: str) -> Indicator:
    return get_object_or_404(Indicator, plan=plan, slug=slug)


def _period_by_slug(periods: list[Period], slug: str) -> Period:
    for period in periods:
        if period.slug == slug:
            return period
    raise Http404
