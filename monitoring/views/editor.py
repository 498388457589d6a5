"""Editor pages of monitoring: the dashboard, data entry per element and period, periods and
their closing, indicators, rating scales and events."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.forms import add_service_errors, form_saved
from core.fragments import cached_fragment
from monitoring import selectors, services
from monitoring.forms import (
    CategoryForm,
    EntryForm,
    EventForm,
    IndicatorForm,
    OptionFormSet,
    PeriodGenerateForm,
    PolicyForm,
    RatingScaleForm,
)
from monitoring.models import (
    DisaggregationCategory,
    DisaggregationOption,
    IndicatorValue,
    MonitoringPolicy,
    Rating,
)
from monitoring.permissions import (
    category_for_user,
    event_for_user,
    indicator_for_user,
    period_for_user,
    scale_for_user,
)
from organizations.models import Body
from organizations.permissions import can_edit_organization, organization_for_user
from plans.permissions import (
    can_admin_plan,
    can_edit_plan,
    element_for_user,
    plan_for_member,
)


def _url(plan, name: str, **kwargs) -> str:
    return reverse(f"editor:{name}", kwargs={"org": plan.organization.slug, "plan": plan.slug,
                                             **kwargs})


def _chosen_period(request, periods):
    wanted = request.GET.get("period")
    if wanted:
        for period in periods:
            if period.slug == wanted:
                return period
        raise Http404
    return selectors.current_period(periods)


def _context(request, plan, **extra) -> dict:
    return {"organization": plan.organization, "plan": plan, "section": "editor",
            "can_edit": can_edit_plan(request.user, plan),
            "can_admin": can_admin_plan(request.user, plan), **extra}


@login_required
@require_safe
def dashboard(request, org, plan):
    """Per plan and period: what is behind, what lacks data, and the budget so far."""
    plan = plan_for_member(request.user, org, plan)
    periods = selectors.periods_of(plan)
    period = _chosen_period(request, periods)
    context = _context(request, plan, periods=periods, period=period)
    if period is not None:
        context["policy"] = services.policy_of(plan)

        def make(_csrf_mark):
            figures = selectors.plan_figures(plan, [period])[period.pk]
            return render_to_string("monitoring/_dashboard_figures.html", {
                **context, "figures": figures, "policy": figures.policy,
                "budgets": selectors.budget_summaries(plan, up_to_year=period.year)},
                request=request)

        # the figures of hundreds of elements: made again only when something changed
        context["dashboard"] = cached_fragment(
            request, ("dashboard", plan.pk, period.pk, context["can_edit"]), make)
    return render(request, "monitoring/dashboard.html", context)


@login_required
def policy_edit(request, org, plan):
    plan = plan_for_member(request.user, org, plan, write=request.method == "POST")
    policy = services.policy_of(plan)
    form = PolicyForm(request.POST or None, initial={
        "period_kind": policy.period_kind, "pace": policy.pace, "tolerance": policy.tolerance,
        "rollup": policy.rollup, "publication": policy.publication,
        "data_note": policy.data_note})
    if form_saved(request, form, lambda data: services.policy_update(
            plan=plan, user=request.user, **data)):
        messages.success(request, _("The monitoring settings have been saved."))
        return redirect(_url(plan, "monitoring_settings"))
    return render(request, "monitoring/settings.html", _context(
        request, plan, form=form, periods=selectors.periods_of(plan),
        generate_form=PeriodGenerateForm(initial={"kind": policy.period_kind})))


@login_required
@require_POST
def periods_generate(request, org, plan):
    plan = plan_for_member(request.user, org, plan, write=True)
    form = PeriodGenerateForm(request.POST)
    if form.is_valid():
        created = services.periods_generate(plan=plan, user=request.user,
                                            kind=form.cleaned_data["kind"])
        messages.success(request, _("Periods created: %(count)s.") % {"count": len(created)})
    return redirect(_url(plan, "monitoring_settings"))


@login_required
@require_POST
def period_close(request, org, plan, period_id):
    plan = plan_for_member(request.user, org, plan)
    period = period_for_user(request.user, plan, period_id, admin=True)
    try:
        if request.POST.get("action") == "reopen":
            services.period_reopen(period=period, user=request.user)
            messages.success(request, _("The period %(period)s is open again.")
                             % {"period": period.label})
        else:
            services.period_close(period=period, user=request.user)
            messages.success(request, _("The period %(period)s is closed: its data can no "
                                        "longer change.") % {"period": period.label})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(request.POST.get("next") or _url(plan, "monitoring_settings"))


# Entering a period's data ---------------------------------------------------------------------

@login_required
def entry(request, org, plan, element_id, period_id):
    plan = plan_for_member(request.user, org, plan, write=True)
    element = element_for_user(request.user, plan, element_id, write=True)
    period = period_for_user(request.user, plan, period_id, write=True)
    indicators = list(element.indicators.prefetch_related("categories__options"))
    scales = list(plan.rating_scales.prefetch_related("levels"))
    progress = element.progress.filter(period=period).prefetch_related("bodies").first()
    values = {(v.indicator_id, v.kind): v for v in IndicatorValue.objects.filter(
        indicator__in=indicators, period=period).prefetch_related("splits")}
    ratings = dict(Rating.objects.filter(element=element, period=period)
                   .values_list("level_id", "count"))
    rolled_up = (services.policy_of(plan).rollup != MonitoringPolicy.Rollup.MANUAL
                 and element.children.exists())
    form = EntryForm(request.POST or None, element=element, indicators=indicators,
                     scales=scales, rolled_up=rolled_up,
                     initial=EntryForm.initial_for(progress, indicators, values, ratings))
    if request.method == "POST" and form.is_valid() and _save_entry(request, form, element,
                                                                    period):
        messages.success(request, _("The %(period)s data of “%(element)s” have been saved.")
                         % {"period": period.label, "element": element})
        return redirect(_url(plan, "monitoring") + f"?period={period.slug}")
    return render(request, "monitoring/entry.html", _context(
        request, plan, element=element, period=period, form=form, rolled_up=rolled_up,
        policy=services.policy_of(plan)))


def _save_entry(request, form: EntryForm, element, period) -> bool:
    """Save everything of the form or nothing: the first refusal rolls the rest back."""
    data = form.cleaned_data
    try:
        with transaction.atomic():
            services.progress_save(
                element=element, period=period, user=request.user, status=data["status"],
                percent=data.get("percent"), deployment=data["deployment"],
                next_actions=data["next_actions"],
                bodies=Body.objects.filter(pk__in=data["bodies"]))
            for indicator, names in form.indicator_groups:
                _save_indicator(request, form, indicator, names, period)
            for _scale, levels in form.scale_groups:
                services.ratings_save(element=element, period=period, user=request.user,
                                      counts={level: data[name] for level, name in levels})
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


def _save_indicator(request, form, indicator, names, period) -> None:
    data = form.cleaned_data
    try:
        if names["total"] is None:  # qualitative
            services.indicator_value_save(indicator=indicator, period=period, user=request.user,
                                          total=None, text=data[names["text"]])
            return
        services.indicator_value_save(
            indicator=indicator, period=period, user=request.user, total=data[names["total"]],
            text=data[names["text"]],
            splits={option: data[name] for option, name in names["splits"]})
        for kind in (IndicatorValue.Kind.TARGET, IndicatorValue.Kind.BASELINE):
            services.indicator_value_save(indicator=indicator, period=period,
                                          user=request.user, kind=kind, total=data[names[kind]])
    except ValidationError as error:
        field = names["total"] or names["text"]
        if hasattr(error, "error_dict") and "splits" in error.error_dict and names["splits"]:
            field = names["splits"][0][1]
        raise ValidationError({field: error.messages}) from error


@login_required
@require_safe
def element_monitoring(request, org, plan, element_id):
    """Everything monitored of one element: progress through the periods, indicators,
    ratings, events and budget."""
    plan = plan_for_member(request.user, org, plan)
    element = element_for_user(request.user, plan, element_id)
    periods = selectors.periods_of(plan)
    figures = selectors.plan_figures(plan, periods)
    rows = [(period, figures[period.pk].by_element().get(element.pk)) for period in periods]
    latest = selectors.current_period(periods)
    return render(request, "monitoring/element.html", _context(
        request, plan, element=element, periods=periods, rows=rows,
        policy=services.policy_of(plan), latest=latest,
        indicators=selectors.indicators_of(plan, element=element),
        ratings=(selectors.rating_distributions(plan, [element], latest) if latest else []),
        events=selectors.events_of(plan, element=element),
        budgets=selectors.budget_summaries(plan, element=element,
                                           up_to_year=latest.year if latest else plan.end_year)))


# Indicators and scales --------------------------------------------------------------------------

@login_required
@require_safe
def indicator_list(request, org, plan):
    plan = plan_for_member(request.user, org, plan)
    return render(request, "monitoring/indicator_list.html", _context(
        request, plan, series=selectors.indicators_of(plan), periods=selectors.periods_of(plan),
        scales=plan.rating_scales.prefetch_related("levels")))


@login_required
def indicator_edit(request, org, plan, indicator_id=None):
    plan = plan_for_member(request.user, org, plan, write=True)
    indicator = indicator_for_user(request.user, plan, indicator_id, write=True) \
        if indicator_id else None
    initial = {"element": request.GET.get("element"), "higher_is_better": True}
    if indicator:
        initial = {name: getattr(indicator, name) for name in (
            "name", "element", "unit", "measure_type", "higher_is_better", "time_aggregation",
            "organization_aggregation", "description", "slug")}
        initial["categories"] = list(indicator.categories.all())
    form = IndicatorForm(request.POST or None, initial=initial, plan=plan)
    if form_saved(request, form, lambda data: services.indicator_save(
            plan=plan, user=request.user, indicator=indicator, **data)):
        messages.success(request, _("The indicator has been saved."))
        return redirect(_url(plan, "indicators"))
    return render(request, "monitoring/indicator_form.html", _context(
        request, plan, form=form, indicator=indicator))


@login_required
@require_POST
def indicator_delete(request, org, plan, indicator_id):
    plan = plan_for_member(request.user, org, plan, write=True)
    indicator = indicator_for_user(request.user, plan, indicator_id, write=True)
    try:
        services.indicator_delete(indicator=indicator, user=request.user)
        messages.success(request, _("The indicator and its values have been deleted."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_url(plan, "indicators"))


@login_required
def scale_edit(request, org, plan, scale_id=None):
    plan = plan_for_member(request.user, org, plan, write=True)
    scale = scale_for_user(request.user, plan, scale_id, write=True) if scale_id else None
    initial = {}
    if scale:
        initial = {"name": scale.name, "key": scale.key, "description": scale.description,
                   "levels": "\n".join(level.name for level in scale.levels.all())}
    form = RatingScaleForm(request.POST or None, initial=initial)
    if form_saved(request, form, lambda data: services.rating_scale_save(
            plan=plan, user=request.user, scale=scale, name=data["name"],
            key=data["key"] or (scale.key if scale else "") or _slug(data["name"]),
            description=data["description"], levels=form.level_list())):
        messages.success(request, _("The scale has been saved."))
        return redirect(_url(plan, "indicators"))
    return render(request, "monitoring/scale_form.html", _context(
        request, plan, form=form, scale=scale))


def _slug(name: str) -> str:
    from django.utils.text import slugify

    return slugify(name)[:40] or "escala"


# Events -----------------------------------------------------------------------------------------

@login_required
@require_safe
def event_list(request, org, plan):
    """The plan's timeline, optionally of one element or one year."""
    plan = plan_for_member(request.user, org, plan)
    element = None
    if request.GET.get("element", "").isdigit():
        element = element_for_user(request.user, plan, int(request.GET["element"]))
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else None
    return render(request, "monitoring/event_list.html", _context(
        request, plan, events=selectors.events_of(plan, element=element, year=year),
        element=element, year=year, years=list(plan.years)))


def _sex_options():
    return list(DisaggregationOption.objects.filter(category__organization__isnull=True,
                                                    category__key="sexe"))


@login_required
def event_edit(request, org, plan, event_id=None):
    plan = plan_for_member(request.user, org, plan, write=True)
    event = event_for_user(request.user, plan, event_id, write=True) if event_id else None
    options = _sex_options()
    initial = {"element": request.GET.get("element"), "count": 1}
    if event:
        initial = {name: getattr(event, name) for name in (
            "title", "kind", "date", "year", "element", "count", "description", "attendance")}
        initial["bodies"] = list(event.bodies.all())
        initial["organizations"] = list(event.organizations.all())
        initial.update({f"attendance-{a.option_id}": a.count
                        for a in event.attendance_split.all()})
    form = EventForm(request.POST or None, initial=initial, plan=plan, split_options=options)
    if form_saved(request, form, lambda data: services.event_save(
            plan=plan, user=request.user, event=event, title=data["title"], kind=data["kind"],
            date=data["date"], year=data["year"], element=data["element"],
            count=data["count"], description=data["description"], bodies=data["bodies"],
            organizations=data["organizations"], attendance=data["attendance"],
            attendance_split=form.attendance_split())):
        messages.success(request, _("The activity has been saved."))
        suffix = f"?element={form.cleaned_data['element'].pk}" \
            if form.cleaned_data.get("element") else ""
        return redirect(_url(plan, "events") + suffix)
    return render(request, "monitoring/event_form.html", _context(
        request, plan, form=form, event=event))


@login_required
@require_POST
def event_delete(request, org, plan, event_id):
    plan = plan_for_member(request.user, org, plan, write=True)
    event = event_for_user(request.user, plan, event_id, write=True)
    try:
        services.event_delete(event=event, user=request.user)
        messages.success(request, _("The activity has been deleted."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_url(plan, "events"))


# Disaggregation categories ------------------------------------------------------------------

@login_required
@require_safe
def category_list(request, org):
    organization = organization_for_user(request.user, org)
    categories = DisaggregationCategory.objects.filter(
        Q(organization=organization) | Q(organization__isnull=True)).prefetch_related("options")
    return render(request, "monitoring/category_list.html", {
        "organization": organization, "section": "editor", "categories": categories,
        "can_edit": can_edit_organization(request.user, organization)})


@login_required
def category_edit(request, org, category_id=None):
    organization = organization_for_user(request.user, org, write=True)
    category = category_for_user(request.user, organization, category_id, write=True) \
        if category_id else None
    initial, options = {}, []
    if category:
        initial = {"name_ca": category.name_ca, "name_es": category.name_es,
                   "name_en": category.name_en}
        options = [{"id": o.pk, "name_ca": o.name_ca, "name_es": o.name_es,
                    "name_en": o.name_en, "is_not_recorded": o.is_not_recorded}
                   for o in category.options.all()]
    form = CategoryForm(request.POST or None, initial=initial)
    formset = OptionFormSet(request.POST or None, initial=options, prefix="options")
    if request.method == "POST" and formset.is_valid() and form_saved(
            request, form, lambda data: services.category_save(
                organization=organization, user=request.user, category=category,
                key=category.key if category else "",
                options=[f.cleaned_data for f in formset.forms if f.cleaned_data], **data)):
        messages.success(request, _("The category has been saved."))
        return redirect(reverse("editor:categories", kwargs={"org": organization.slug}))
    return render(request, "monitoring/category_form.html", {
        "organization": organization, "section": "editor", "form": form, "formset": formset,
        "category": category})
