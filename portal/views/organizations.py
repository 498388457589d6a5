"""The portal's home, an organisation's page and a network's page, and the search."""

from itertools import groupby

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from organizations.models import Organization
from plans.selectors import published_plans
from portal import selectors
from portal.caching import public_page
from portal.forms import SearchForm


@require_safe
@public_page
def home(request):
    plans = published_plans()
    organizations = [(organization, list(items)) for organization, items in
                     groupby(plans, key=lambda p: p.organization)]
    networks = Organization.objects.filter(kind=Organization.Kind.NETWORK).prefetch_related(
        "members")
    return render(request, "portal/home.html", {
        "organizations": organizations, "networks": networks, "section": "portal",
        "search_form": SearchForm()})


@require_safe
@public_page
def organization_detail(request, org):
    """An organisation's published plans; for a network, also its members and theirs."""
    organization = get_object_or_404(Organization, slug=org)
    members = list(organization.members.order_by("name"))
    plans = list(published_plans().filter(organization__in=[organization, *members]))
    return render(request, "portal/organization.html", {
        "organization": organization, "section": "portal",
        "plans": [p for p in plans if p.organization_id == organization.pk],
        "members": [(m, [p for p in plans if p.organization_id == m.pk]) for m in members],
        "networks": organization.networks.all(), "parts": organization.parts.all()})


@require_safe
@public_page
def search(request):
    form = SearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_bound and form.is_valid() else ""
    plans, elements = selectors.search_published(q)
    return render(request, "portal/search.html", {
        "section": "portal", "form": form, "q": q, "plans": plans, "elements": elements,
        "limit": selectors.SEARCH_LIMIT})
