"""Generating reports from the editor: any report, any year, any format; an HTML preview;
all programmes of a plan for a year as one zip."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from monitoring.models import Progress
from plans.permissions import plan_for_member
from reports import generation
from reports.forms import AnnualReportForm, CardForm, ReportForm


def _download(output, *, inline: bool) -> HttpResponse:
    response = HttpResponse(output.content, content_type=output.content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{output.filename}"'
    return response


@login_required
@require_safe
def report_list(request, org, plan):
    plan = plan_for_member(request.user, org, plan)
    # The latest year with progress recorded, else last year, within the plan's period.
    latest = (Progress.objects.filter(period__plan=plan).order_by("-period__year")
              .values_list("period__year", flat=True).first())
    year = min(max(latest or timezone.localdate().year - 1, plan.start_year), plan.end_year)
    return render(request, "reports/report_list.html", {
        "organization": plan.organization, "plan": plan, "section": "editor",
        # Three forms on one page: each its own ids, so that every label names its field.
        "annual_form": AnnualReportForm(plan=plan, initial={"year": year}, auto_id="annual-%s"),
        "workplan_form": ReportForm(plan=plan, auto_id="workplan-%s"),
        "card_form": CardForm(plan=plan, auto_id="card-%s")})


@login_required
@require_safe
def annual(request, org, plan):
    plan = plan_for_member(request.user, org, plan)
    form = AnnualReportForm(request.GET, plan=plan)
    if not form.is_valid():
        raise Http404
    data = form.cleaned_data
    if data["programme"] is None:
        output = generation.annual_reports_zip(plan, data["year"], data["format"],
                                               data["language"])
        return _download(output, inline=False)
    programme = form.programmes[data["programme"]]
    output = generation.annual_report(plan, programme, data["year"], data["format"],
                                      data["language"])
    return _download(output, inline=data["format"] == "html")


@login_required
@require_safe
def workplan(request, org, plan):
    plan = plan_for_member(request.user, org, plan)
    form = ReportForm(request.GET, plan=plan)
    if not form.is_valid():
        raise Http404
    output = generation.workplan_document(plan, form.cleaned_data["format"],
                                          form.cleaned_data["language"])
    return _download(output, inline=form.cleaned_data["format"] == "html")


@login_required
@require_safe
def card(request, org, plan):
    plan = plan_for_member(request.user, org, plan)
    form = CardForm(request.GET, plan=plan)
    if not form.is_valid():
        raise Http404
    element = form.elements[form.cleaned_data["element"]]
    output = generation.project_card(plan, element, form.cleaned_data["format"],
                                     form.cleaned_data["language"])
    return _download(output, inline=form.cleaned_data["format"] == "html")
