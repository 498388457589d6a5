"""The public pages: published plans, readable by anyone, without JavaScript."""

from itertools import groupby

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from organizations.models import Organization
from plans.permissions import plan_for_reader
from plans.selectors import plan_tree, published_plans


@require_safe
def home(request):
    plans = published_plans()
    organizations = [(organization, list(items)) for organization, items in
                     groupby(plans, key=lambda p: p.organization)]
    return render(request, "portal/home.html", {"organizations": organizations,
                                                "section": "portal"})


@require_safe
def organization_detail(request, org):
    organization = get_object_or_404(Organization, slug=org)
    return render(request, "portal/organization.html", {
        "organization": organization, "section": "portal",
        "plans": published_plans().filter(organization=organization),
        "networks": organization.networks.all(), "members": organization.members.all()})


@require_safe
def plan_detail(request, org, plan):
    plan = plan_for_reader(request.user, org, plan)
    return render(request, "portal/plan.html", {
        "organization": plan.organization, "plan": plan, "section": "portal",
        "groups": plan_tree(plan, with_bodies=False), "sections": plan.sections.all()})
