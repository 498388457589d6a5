"""Editor views of a plan's tree and its elements."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from core.forms import form_saved
from core.fragments import cached_fragment
from core.http import is_htmx
from history.services import changes_for_object
from plans import selectors, services
from plans.forms import (
    ElementForm,
    ElementInlineForm,
    ElementMoveForm,
    ElementSectionForm,
    LinkForm,
)
from plans.models import Element, ElementSection, Level, Plan
from plans.permissions import (
    can_admin_plan,
    can_edit_plan,
    can_read_plan,
    element_for_user,
    link_for_user,
    plan_for_member,
    plan_for_reader,
)


def _tree_url(plan: Plan, element: Element | None = None) -> str:
    url = reverse("editor:plan", kwargs={"org": plan.organization.slug, "plan": plan.slug})
    return f"{url}#element-{element.pk}" if element else url


def _element_url(element: Element, name: str = "element") -> str:
    plan = element.plan
    return reverse(f"editor:{name}", kwargs={"org": plan.organization.slug, "plan": plan.slug,
                                             "element_id": element.pk})


def _tree_context(request, plan: Plan) -> dict:
    context = {"organization": plan.organization, "plan": plan, "section": "editor",
               "can_edit": can_edit_plan(request.user, plan),
               "can_admin": can_admin_plan(request.user, plan)}

    def make(csrf_mark):
        return render_to_string("plans/_tree.html", {
            **context, "groups": selectors.plan_tree(plan), "csrf_mark": csrf_mark},
            request=request)

    context["tree"] = cached_fragment(request, ("tree", plan.pk, context["can_edit"]), make)
    return context


@login_required
@require_safe
def plan_tree(request, org, plan):
    plan = plan_for_member(request.user, org, plan)
    context = _tree_context(request, plan)
    context["sections"] = plan.sections.all()
    return render(request, "plans/plan_tree.html", context)


def _tree_response(request, plan: Plan, element: Element | None = None):
    """After a change from the tree: the tree fragment for HTMX, else back to the page."""
    if is_htmx(request):
        return HttpResponse(_tree_context(request, plan)["tree"])
    return redirect(_tree_url(plan, element))


@login_required
def element_create(request, org, plan):
    plan = plan_for_member(request.user, org, plan, write=True)
    source = request.POST if request.method == "POST" else request.GET
    if not source.get("level"):
        # Which kind of element? Top-level ones are added here; others from their parent.
        return render(request, "plans/element_choose_level.html", {
            "organization": plan.organization, "plan": plan, "section": "editor",
            "levels": plan.levels.filter(parent__isnull=True)})
    level = plan.levels.filter(pk=source.get("level") if source.get("level").isdigit() else 0
                               ).first()
    if level is None:
        raise Http404
    parent = None
    if level.parent_id:
        parent = plan.elements.filter(pk=source.get("parent") or 0, level=level.parent).first()
        if parent is None:
            raise Http404
    initial = {"code": services.element_proposed_code(plan=plan, level=level, parent=parent)}
    form = ElementForm(request.POST or None, initial=initial, plan=plan, level=level)
    created = []
    if form_saved(request, form, lambda data: created.append(services.element_create(
            plan=plan, user=request.user, level=level, parent=parent,
            **form.service_arguments()))):
        element = created[0]
        messages.success(request, _("“%(element)s” has been added.") % {"element": element})
        if "add_another" in request.POST:
            url = reverse("editor:element_create", kwargs={"org": org, "plan": plan.slug})
            return redirect(f"{url}?level={level.pk}&parent={parent.pk if parent else ''}")
        return redirect(_tree_url(plan, element))
    return render(request, "plans/element_form.html", {
        "organization": plan.organization, "plan": plan, "form": form, "level": level,
        "parent": parent, "section": "editor",
        "ancestors": (selectors.element_ancestors(parent) + [parent]) if parent else []})


@login_required
@require_safe
def element_detail(request, org, plan, element_id):
    plan = plan_for_member(request.user, org, plan)
    element_for_user(request.user, plan, element_id)
    element = selectors.element_detail(plan, element_id)
    links_in = [link for link in element.links_in.all()
                if link.source.plan_id == plan.pk or can_read_plan(request.user, link.source.plan)]
    return render(request, "plans/element_detail.html", {
        "organization": plan.organization, "plan": plan, "element": element,
        "ancestors": selectors.element_ancestors(element), "links_in": links_in,
        "children": element.children.all(), "section": "editor",
        "child_levels": plan.levels.filter(parent=element.level),
        "changes": changes_for_object(element)[:5],
        "can_edit": can_edit_plan(request.user, plan)})


@login_required
def element_edit(request, org, plan, element_id):
    plan = plan_for_member(request.user, org, plan, write=True)
    element = element_for_user(request.user, plan, element_id, write=True)
    element = selectors.element_detail(plan, element.pk)
    form = ElementForm(request.POST or None, initial=ElementForm.initial_for(element),
                       plan=plan, level=element.level, element=element)
    if form_saved(request, form, lambda data: services.element_update(
            element=element, user=request.user, **form.service_arguments())):
        messages.success(request, _("“%(element)s” has been saved.") % {"element": element})
        return redirect(_element_url(element))
    return render(request, "plans/element_form.html", {
        "organization": plan.organization, "plan": plan, "form": form, "element": element,
        "level": element.level, "ancestors": selectors.element_ancestors(element),
        "section": "editor"})


@login_required
def element_inline(request, org, plan, element_id):
    """Edit code and title in place in the tree (HTMX); without JavaScript, a small page."""
    plan = plan_for_member(request.user, org, plan, write=True)
    element = element_for_user(request.user, plan, element_id, write=True)
    form = ElementInlineForm(request.POST or None,
                             initial={"code": element.code, "title": element.title})
    if form_saved(request, form, lambda data: services.element_update(
            element=element, user=request.user, **data)):
        if is_htmx(request):
            return _row(request, plan, element)
        return redirect(_tree_url(plan, element))
    template = "plans/_element_inline.html" if is_htmx(request) else "plans/element_inline.html"
    return render(request, template, {"organization": plan.organization, "plan": plan,
                                      "element": element, "form": form, "section": "editor"})


@login_required
@require_safe
def element_row(request, org, plan, element_id):
    """One row of the tree (what an inline edit goes back to when cancelled)."""
    plan = plan_for_member(request.user, org, plan)
    element = element_for_user(request.user, plan, element_id)
    return _row(request, plan, element)


def _row(request, plan: Plan, element: Element):
    """The row again after an inline edit or its cancel, with the focus back on "Edit"."""
    element = (Element.objects.select_related("level")
               .prefetch_related("element_bodies__body").get(pk=element.pk))
    return render(request, "plans/_element_row.html", {
        "plan": plan, "organization": plan.organization, "element": element,
        "child_levels": list(Level.objects.filter(plan=plan, parent=element.level_id)),
        "can_edit": can_edit_plan(request.user, plan), "focus_edit": True})


@login_required
@require_POST
def element_reorder(request, org, plan, element_id):
    plan = plan_for_member(request.user, org, plan, write=True)
    element = element_for_user(request.user, plan, element_id, write=True)
    offset = -1 if request.POST.get("direction") == "up" else 1
    services.element_reorder(element=element, user=request.user, offset=offset)
    return _tree_response(request, plan, element)


@login_required
def element_move(request, org, plan, element_id):
    plan = plan_for_member(request.user, org, plan, write=True)
    element = element_for_user(request.user, plan, element_id, write=True)
    form = ElementMoveForm(request.POST or None, element=element,
                           initial={"parent": element.parent, "position": element.order})
    if form_saved(request, form, lambda data: services.element_move(
            element=element, user=request.user, parent=data.get("parent"),
            position=data.get("position"))):
        messages.success(request, _("“%(element)s” has been moved.") % {"element": element})
        return redirect(_tree_url(plan, element))
    return render(request, "plans/element_move.html", {
        "organization": plan.organization, "plan": plan, "element": element, "form": form,
        "ancestors": selectors.element_ancestors(element), "section": "editor"})


@login_required
def element_delete(request, org, plan, element_id):
    plan = plan_for_member(request.user, org, plan, write=True)
    element = element_for_user(request.user, plan, element_id, write=True)
    if request.method == "POST":
        parent = element.parent
        count = services.element_delete(element=element, user=request.user)
        messages.success(request, ngettext(
            "%(count)s element deleted. It can be restored from the plan's history.",
            "%(count)s elements deleted. They can be restored from the plan's history.",
            count) % {"count": count})
        return redirect(_tree_url(plan, parent))
    descendants = len(selectors.element_descendants(element))
    return render(request, "plans/element_delete.html", {
        "organization": plan.organization, "plan": plan, "element": element,
        "descendants": descendants, "links_in": element.links_in.count(), "section": "editor",
        "ancestors": selectors.element_ancestors(element)})


# Element sections ----------------------------------------------------------------------------

@login_required
def element_section_edit(request, org, plan, element_id, section_id=None):
    plan = plan_for_member(request.user, org, plan, write=True)
    element = element_for_user(request.user, plan, element_id, write=True)
    section = None
    if section_id:
        section = ElementSection.objects.filter(element=element, pk=section_id).first()
        if section is None:
            raise Http404
    initial = {"kind": section.kind, "title": section.title, "body": section.body} \
        if section else {}
    form = ElementSectionForm(request.POST or None, initial=initial)
    if form_saved(request, form, lambda data: services.element_section_save(
            element=element, user=request.user, section=section, **data)):
        messages.success(request, _("The text has been saved."))
        return redirect(_element_url(element))
    return render(request, "plans/element_section_form.html", {
        "organization": plan.organization, "plan": plan, "element": element, "form": form,
        "text_section": section, "ancestors": selectors.element_ancestors(element),
        "section": "editor"})


@login_required
@require_POST
def element_section_delete(request, org, plan, element_id, section_id):
    plan = plan_for_member(request.user, org, plan, write=True)
    element = element_for_user(request.user, plan, element_id, write=True)
    section = ElementSection.objects.filter(element=element, pk=section_id).first()
    if section is None:
        raise Http404
    services.element_section_delete(section=section, user=request.user)
    messages.success(request, _("The text has been deleted."))
    return redirect(_element_url(element))


# Links ---------------------------------------------------------------------------------------

@login_required
def link_create(request, org, plan, element_id):
    plan = plan_for_member(request.user, org, plan, write=True)
    element = element_for_user(request.user, plan, element_id, write=True)
    choices = selectors.link_target_plans(request.user, plan)
    source = request.POST if request.method == "POST" else request.GET
    chosen = source.get("target_plan") or f"{plan.organization.slug}/{plan.slug}"
    target_plan = next((p for p in choices if f"{p.organization.slug}/{p.slug}" == chosen),
                       None)
    if target_plan is None:
        raise Http404
    plan_for_reader(request.user, target_plan.organization.slug, target_plan.slug)
    form = LinkForm(request.POST or None, target_plan=target_plan, source=element)
    if form_saved(request, form, lambda data: services.link_create(
            source=element, user=request.user, **data)):
        messages.success(request, _("The link has been added."))
        return redirect(_element_url(element))
    template = "plans/_link_form.html" if is_htmx(request) else "plans/link_form.html"
    return render(request, template, {
        "organization": plan.organization, "plan": plan, "element": element, "form": form,
        "plans": choices, "target_plan": target_plan, "chosen": chosen,
        "ancestors": selectors.element_ancestors(element), "section": "editor"})


@login_required
@require_POST
def link_delete(request, org, plan, element_id, link_id):
    plan = plan_for_member(request.user, org, plan, write=True)
    element = element_for_user(request.user, plan, element_id, write=True)
    link = link_for_user(request.user, element, link_id, write=True)
    services.link_delete(link=link, user=request.user)
    messages.success(request, _("The link has been removed."))
    return redirect(_element_url(element))
