"""The editor's spreadsheet pages: the templates to download, the upload, its preview and the
confirmation. Viewers may download; editors and administrators import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_safe

from core.http import limit_upload_size, upload_too_large
from exchange.sheets import services
from exchange.sheets.columns import KINDS
from exchange.sheets.export import template_download
from exchange.sheets.forms import ConfirmForm, DownloadForm, UploadForm
from exchange.sheets.permissions import upload_for_user
from exchange.sheets.reading import max_bytes
from monitoring.models import Period
from plans.permissions import can_edit_plan, plan_for_member


def _page(request, plan, form):
    periods = list(Period.objects.filter(plan=plan).order_by("year", "kind", "number"))
    return render(request, "exchange/spreadsheets.html", {
        "organization": plan.organization, "plan": plan, "section": "editor",
        "kinds": list(KINDS.values()),
        "period_form": DownloadForm(periods=periods, auto_id="period-%s"),
        "form": form, "can_edit": can_edit_plan(request.user, plan)})


@csrf_exempt  # checked below, once the size limit is in place
def spreadsheets(request, org, plan):
    limit_upload_size(request, max_bytes())
    return _spreadsheets(request, org, plan)


@csrf_protect
@login_required
def _spreadsheets(request, org, plan):
    plan = plan_for_member(request.user, org, plan, write=request.method == "POST")
    if request.method != "POST":
        return _page(request, plan, UploadForm())
    form = UploadForm(request.POST, request.FILES,
                      too_large=upload_too_large(request))
    if not form.is_valid():
        return _page(request, plan, form)
    upload = form.cleaned_data["file"]
    stored = services.upload_create(plan=plan, user=request.user, filename=upload.name,
                                    data=upload.read())
    return redirect("editor:spreadsheet_preview", org=plan.organization.slug, plan=plan.slug,
                    upload_id=stored.pk)


@login_required
@require_safe
def spreadsheet_download(request, org, plan):
    plan = plan_for_member(request.user, org, plan)
    periods = Period.objects.filter(plan=plan).order_by("year", "kind", "number")
    form = DownloadForm(request.GET, periods=periods)
    if not form.is_valid():
        raise Http404
    download = template_download(plan, **form.cleaned_data)
    response = HttpResponse(download.content, content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    return response


@login_required
def spreadsheet_preview(request, org, plan, upload_id):
    plan = plan_for_member(request.user, org, plan, write=True)
    upload = upload_for_user(request.user, plan, upload_id)
    form = ConfirmForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.upload_import(
                upload=upload, user=request.user, fingerprint=form.cleaned_data["fingerprint"],
                confirm_deletions=form.cleaned_data["delete"])
        except services.PlanChanged:
            messages.warning(request, _("The plan has changed since this preview was made: "
                                        "check the preview again before importing."))
        else:
            if result.applied:
                messages.success(request, _("The spreadsheet “%(file)s” has been imported.")
                                 % {"file": upload.filename})
                return redirect(reverse("editor:spreadsheets", args=[
                    plan.organization.slug, plan.slug]))
    if result is None:
        result = services.upload_preview(upload=upload, user=request.user)
    return render(request, "exchange/spreadsheet_preview.html", {
        "organization": plan.organization, "plan": plan, "section": "editor",
        "upload": upload, "result": result,
        "fingerprint": result.fingerprint})
