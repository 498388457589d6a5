"""Editor views of a plan as a whole: create, settings, status, text sections, levels and
vocabularies. Each view fetches through the gateway, validates with a form, writes through a
service and renders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.forms import form_saved
from organizations.permissions import can_admin_organization, organization_for_user
from plans import services
from plans.forms import (
    LevelForm,
    PlanCreateForm,
    PlanForm,
    PlanSectionForm,
    PlanStatusForm,
    TermForm,
)
from plans.models import Plan, Term
from plans.permissions import (
    level_for_user,
    plan_for_member,
    section_for_user,
    term_for_user,
)


def _plan_url(plan: Plan, name: str = "plan", **kwargs) -> str:
    return reverse(f"editor:{name}", kwargs={"org": plan.organization.slug, "plan": plan.slug,
                                             **kwargs})


@login_required
def plan_create(request, org):
    organization = organization_for_user(request.user, org, write=True)
    form = PlanCreateForm(request.POST or None, organization=organization)
    created = []
    if form_saved(request, form, lambda data: created.append(services.plan_create(
            organization=organization, user=request.user, **data))):
        messages.success(request, _("The plan has been created as a draft."))
        return redirect(_plan_url(created[0]))
    return render(request, "plans/plan_form.html", {
        "organization": organization, "form": form, "section": "editor",
        "title": _("New plan")})


@login_required
def plan_settings(request, org, plan):
    plan = plan_for_member(request.user, org, plan, write=True)
    initial = {"title": plan.title, "slug": plan.slug, "kind": plan.kind,
               "start_year": plan.start_year, "end_year": plan.end_year, "parent": plan.parent}
    form = PlanForm(request.POST or None, initial=initial, organization=plan.organization,
                    plan=plan)
    if form_saved(request, form, lambda data: services.plan_update(
            plan=plan, user=request.user, **{**data, "slug": data["slug"] or plan.slug})):
        messages.success(request, _("The plan has been saved."))
        return redirect(_plan_url(plan))
    return render(request, "plans/plan_form.html", {
        "organization": plan.organization, "plan": plan, "form": form, "section": "editor",
        "title": _("Plan settings")})


@login_required
def plan_status(request, org, plan):
    plan = plan_for_member(request.user, org, plan, admin=request.method == "POST")
    initial = {"status": plan.status, "amendments_from": plan.amendments_from,
               "amendments_to": plan.amendments_to, "approved_on": plan.approved_on,
               "approved_place": plan.approved_place, "approved_by": plan.approved_by}
    form = PlanStatusForm(request.POST or None, initial=initial)
    if form_saved(request, form, lambda data: services.plan_set_status(
            plan=plan, user=request.user, **data)):
        messages.success(request, _("The plan is now: %(status)s.")
                         % {"status": plan.get_status_display()})
        return redirect(_plan_url(plan))
    return render(request, "plans/plan_status.html", {
        "organization": plan.organization, "plan": plan, "form": form, "section": "editor",
        "can_change": can_admin_organization(request.user, plan.organization)})


# Text sections -------------------------------------------------------------------------------

@login_required
@require_safe
def section_list(request, org, plan):
    plan = plan_for_member(request.user, org, plan)
    return render(request, "plans/section_list.html", {
        "organization": plan.organization, "plan": plan, "section": "editor",
        "sections": plan.sections.all()})


@login_required
def section_edit(request, org, plan, section_id=None):
    plan = plan_for_member(request.user, org, plan, write=True)
    section = (section_for_user(request.user, plan, section_id, write=True)
               if section_id else None)
    initial = {"kind": section.kind, "title": section.title, "body": section.body} \
        if section else {}
    form = PlanSectionForm(request.POST or None, initial=initial)
    if form_saved(request, form, lambda data: services.plan_section_save(
            plan=plan, user=request.user, section=section, **data)):
        messages.success(request, _("The text has been saved."))
        return redirect(_plan_url(plan, "sections"))
    return render(request, "plans/section_form.html", {
        "organization": plan.organization, "plan": plan, "form": form, "section": "editor",
        "text_section": section})


@login_required
@require_POST
def section_delete(request, org, plan, section_id):
    plan = plan_for_member(request.user, org, plan, write=True)
    section = section_for_user(request.user, plan, section_id, write=True)
    services.plan_section_delete(section=section, user=request.user)
    messages.success(request, _("The text has been deleted. It can be restored from the "
                                "plan's history."))
    return redirect(_plan_url(plan, "sections"))


@login_required
@require_POST
def section_move(request, org, plan, section_id):
    plan = plan_for_member(request.user, org, plan, write=True)
    section = section_for_user(request.user, plan, section_id, write=True)
    services.plan_section_move(section=section, user=request.user,
                               offset=-1 if request.POST.get("direction") == "up" else 1)
    return redirect(_plan_url(plan, "sections"))


# Levels --------------------------------------------------------------------------------------

@login_required
@require_safe
def level_list(request, org, plan):
    plan = plan_for_member(request.user, org, plan)
    levels = list(plan.levels.select_related("parent"))
    return render(request, "plans/level_list.html", {
        "organization": plan.organization, "plan": plan, "levels": levels,
        "section": "editor"})


@login_required
def level_edit(request, org, plan, level_id=None):
    plan = plan_for_member(request.user, org, plan, write=True)
    level = level_for_user(request.user, plan, level_id, write=True) if level_id else None
    initial = {}
    if level:
        initial = {"name_ca": level.name_ca, "name_es": level.name_es, "name_en": level.name_en,
                   "plural_ca": level.plural_ca, "plural_es": level.plural_es,
                   "plural_en": level.plural_en,
                   "key": level.key, "parent": level.parent,
                   "code_pattern": level.code_pattern, "holds_actions": level.holds_actions}
    form = LevelForm(request.POST or None, initial=initial, plan=plan, level=level)
    if form_saved(request, form, lambda data: services.level_save(
            plan=plan, user=request.user, level=level, **data)):
        messages.success(request, _("The level has been saved."))
        return redirect(_plan_url(plan, "levels"))
    return render(request, "plans/level_form.html", {
        "organization": plan.organization, "plan": plan, "form": form, "level": level,
        "section": "editor"})


@login_required
@require_POST
def level_delete(request, org, plan, level_id):
    plan = plan_for_member(request.user, org, plan, write=True)
    level = level_for_user(request.user, plan, level_id, write=True)
    try:
        services.level_delete(level=level, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The level has been deleted."))
    return redirect(_plan_url(plan, "levels"))


# Vocabularies --------------------------------------------------------------------------------

@login_required
@require_safe
def term_list(request, org, plan):
    plan = plan_for_member(request.user, org, plan)
    terms = list(plan.terms.all())
    vocabularies = [(value, label, [t for t in terms if t.vocabulary == value])
                    for value, label in Term.Vocabulary.choices]
    form = TermForm(initial={"vocabulary": request.GET.get("vocabulary")})
    return render(request, "plans/term_list.html", {
        "organization": plan.organization, "plan": plan, "vocabularies": vocabularies,
        "form": form, "section": "editor"})


@login_required
def term_edit(request, org, plan, term_id=None):
    plan = plan_for_member(request.user, org, plan, write=True)
    term = term_for_user(request.user, plan, term_id, write=True) if term_id else None
    initial = {"vocabulary": term.vocabulary, "name": term.name} if term else {}
    form = TermForm(request.POST or None, initial=initial)
    if form_saved(request, form, lambda data: services.term_save(
            plan=plan, user=request.user, term=term, **data)):
        messages.success(request, _("The entry has been saved."))
        return redirect(_plan_url(plan, "terms"))
    return render(request, "plans/term_form.html", {
        "organization": plan.organization, "plan": plan, "form": form, "term": term,
        "section": "editor"})


@login_required
@require_POST
def term_delete(request, org, plan, term_id):
    plan = plan_for_member(request.user, org, plan, write=True)
    term = term_for_user(request.user, plan, term_id, write=True)
    services.term_delete(term=term, user=request.user)
    messages.success(request, _("The entry has been deleted and removed from its elements."))
    return redirect(_plan_url(plan, "terms"))
