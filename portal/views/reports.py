"""The reports a published plan offers to everyone: the annual monitoring report of each
programme for every year whose data is public, the plan's document and each element's card.
A generated file is kept in the cache until anything in Teixit changes."""

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from history.services import version_key
from plans.permissions import plan_for_reader
from portal import selectors
from portal.caching import public_page
from portal.views.plans import _context, public_years
from reports import generation
from reports.builders.annual import programmes_of
from reports.formats import FORMATS


@require_safe
@public_page
def report_list(request, org, plan):
    plan = plan_for_reader(request.user, org, plan)
    state = selectors.public_monitoring(plan)
    return render(request, "portal/plan_reports.html", _context(
        plan, "reports", years=public_years(plan, state), programmes=programmes_of(plan),
        formats=list(FORMATS.items())))


def _send(key: tuple, make) -> HttpResponse:
    cache_key = "report:" + version_key(*key)
    output = cache.get(cache_key)
    if output is None:
        output = make()
        cache.set(cache_key, output, 60 * 60 * 24)
    response = HttpResponse(output.content, content_type=output.content_type)
    inline = output.content_type.startswith("text/html")
    response["Content-Disposition"] = (f'{"inline" if inline else "attachment"}; '
                                       f'filename="{output.filename}"')
    return response


def _format(name: str) -> str:
    if name not in FORMATS:
        raise Http404
    return name


@require_safe
@public_page
def annual_report(request, org, plan, element, year, fmt):
    plan = plan_for_reader(request.user, org, plan)
    programme = next((p for p in programmes_of(plan) if p.slug == element), None)
    if programme is None or year not in public_years(plan, selectors.public_monitoring(plan)):
        raise Http404
    fmt = _format(fmt)
    return _send(("annual", plan.pk, programme.pk, year, fmt), lambda: generation.annual_report(
        plan, programme, year, fmt, get_language()))


@require_safe
@public_page
def plan_document(request, org, plan, fmt):
    plan = plan_for_reader(request.user, org, plan)
    fmt = _format(fmt)
    return _send(("plan", plan.pk, fmt), lambda: generation.workplan_document(
        plan, fmt, get_language()))


@require_safe
@public_page
def element_card(request, org, plan, element, fmt):
    plan = plan_for_reader(request.user, org, plan)
    found = plan.elements.filter(slug=element).first()
    if found is None:
        raise Http404
    fmt = _format(fmt)
    return _send(("card", plan.pk, found.pk, fmt), lambda: generation.project_card(
        plan, found, fmt, get_language()))
