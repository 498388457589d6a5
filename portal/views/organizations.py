"""The portal's home, an organisation's page and a network's page, and the search."""

from collections import defaultdict
from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from organizations.models import Organization
from plans.selectors import published_plans
from portal import selectors
from portal.caching import public_page
from portal.forms import SearchForm


@require_safe
@public_page
def home(request):
    marker = "organization-marker"
    organization_url = reverse("portal:organization", args=[marker])
    plan_url = reverse("portal:plan", args=[marker, "plan-marker"])
    organizations = []
    for organization, items in groupby(published_plans(), key=lambda p: p.organization):
        organizations.append((
            organization, organization_url.replace(marker, organization.slug),
            [(p, plan_url.replace(marker, organization.slug).replace("plan-marker", p.slug))
             for p in items]))
    networks = (Organization.objects.filter(kind=Organization.Kind.NETWORK)
                .annotate(member_count=Count("members")).order_by("name"))
    return render(request, "portal/home.html", {
        "organizations": organizations, "networks": networks, "section": "portal",
        "search_form": SearchForm()})


MEMBERS_PER_PAGE = 100


@require_safe
@public_page
def organization_detail(request, org):
    """An organisation's published plans; for a network, also its members and theirs."""
    organization = get_object_or_404(Organization, slug=org)
    page = Paginator(organization.members.order_by("name", "pk"), MEMBERS_PER_PAGE).get_page(
        request.GET.get("page"))
    members = list(page.object_list)
    by_organization = defaultdict(list)
    for plan in published_plans().filter(Q(organization=organization)
                                         | Q(organization__in=members)):
        by_organization[plan.organization_id].append(plan)
    # A network may have a thousand members: their addresses are reversed once, not each.
    marker = "organization-marker"
    organization_url = reverse("portal:organization", args=[marker])
    plan_url = reverse("portal:plan", args=[marker, "plan-marker"])
    rows = []
    for member in members:
        plans = [(p, plan_url.replace(marker, member.slug).replace("plan-marker", p.slug))
                 for p in by_organization[member.pk]]
        rows.append((member, organization_url.replace(marker, member.slug), plans))
    return render(request, "portal/organization.html", {
        "organization": organization, "section": "portal",
        "plans": by_organization[organization.pk], "members": rows, "page": page,
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
