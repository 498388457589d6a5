"""How the API shows published data, and what its write endpoints accept.

Output serializers only read: they are handed objects the selectors have already read with
their relations, so they run no query of their own. Labels (``*_label``, level and option
names) come in the request's language; rich text (descriptions, texts, deployment) is the
sanitised HTML Teixit stores; amounts and percentages are JSON numbers; a figure nobody
entered is ``null``, never 0.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from api.selectors import (
    PublicBudget,
    event_visibility,
    line_visibility,
    published_links_in,
    published_links_out,
)
from budgets import arithmetic
from monitoring import calc
from monitoring.models import IndicatorValue, Progress
from monitoring.selectors import IndicatorSeries
from plans.models import Plan

FLAG_LABELS = {
    calc.ON_TRACK: _("On track"),
    calc.BEHIND: _("Behind"),
    calc.NOT_SCHEDULED: _("No expected pace"),
    calc.NO_DATA: _("No data"),
}


def number(**kwargs) -> serializers.DecimalField:
    """A decimal shown as a JSON number, as stored (or rounded to ``decimal_places``)."""
    kwargs.setdefault("decimal_places", None)
    return serializers.DecimalField(max_digits=None, coerce_to_string=False, read_only=True,
                                    **kwargs)


@extend_schema_field(OpenApiTypes.URI)
class ApiUrl(serializers.Field):
    """The absolute address of an API resource: ``kwargs_of(obj, context)`` gives the URL's
    arguments, ``query_of(obj)`` an optional query string."""

    def __init__(self, view_name: str, kwargs_of=None, query_of=None, **kwargs):
        self.view_name, self.kwargs_of, self.query_of = view_name, kwargs_of, query_of
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        kwargs = self.kwargs_of(value, self.context) if self.kwargs_of else {}
        url = reverse(self.view_name, kwargs=kwargs, request=self.context.get("request"))
        return url + (self.query_of(value) if self.query_of else "")


def _plan_kwargs(plan: Plan) -> dict:
    return {"org": plan.organization.slug, "plan": plan.slug}


def _context_plan_kwargs(_obj, context) -> dict:
    return _plan_kwargs(context["plan"])


# Organisations --------------------------------------------------------------------------------

class OrganizationRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    url = ApiUrl("api:organization", lambda o, _c: {"org": o.slug})


class LicenceSerializer(serializers.Serializer):
    id = serializers.CharField(source="data_licence",
                               help_text="SPDX identifier of the open data licence.")
    name = serializers.CharField(source="get_data_licence_display")
    url = serializers.URLField(source="licence_url")


class OrganizationSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    website = serializers.CharField()
    description = serializers.CharField()
    parent = OrganizationRefSerializer(allow_null=True,
                                       help_text="The organisation it is part of.")
    licence = LicenceSerializer(source="*")
    networks = OrganizationRefSerializer(many=True, source="networks.all",
                                         help_text="Networks it is a member of.")
    members = OrganizationRefSerializer(many=True, source="members.all",
                                        help_text="Its members, when it is a network.")
    url = ApiUrl("api:organization", lambda o, _c: {"org": o.slug})
    plans_url = ApiUrl("api:plans", query_of=lambda o: f"?organization={o.slug}")


# Plans ----------------------------------------------------------------------------------------

class PlanRefSerializer(serializers.Serializer):
    organization = serializers.CharField(source="organization.slug")
    slug = serializers.CharField()
    title = serializers.CharField()
    url = ApiUrl("api:plan", lambda p, _c: _plan_kwargs(p))


class PlanSerializer(serializers.Serializer):
    organization = OrganizationRefSerializer()
    slug = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField()
    parent = serializers.SerializerMethodField(help_text="The parent plan, when published.")
    amendments_from = serializers.DateField()
    amendments_to = serializers.DateField()
    approved_on = serializers.DateField()
    approved_place = serializers.CharField()
    approved_by = serializers.CharField()
    licence = LicenceSerializer(source="organization")
    url = ApiUrl("api:plan", lambda p, _c: _plan_kwargs(p))

    @extend_schema_field(PlanRefSerializer(allow_null=True))
    def get_parent(self, plan: Plan):
        parent = plan.parent
        if parent is None or not parent.is_published:
            return None
        return PlanRefSerializer(parent, context=self.context).data


class NamesSerializer(serializers.Serializer):
    ca = serializers.CharField(source="name_ca")
    es = serializers.CharField(source="name_es")
    en = serializers.CharField(source="name_en")


class LevelSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    plural = serializers.CharField()
    names = NamesSerializer(source="*")
    parent = serializers.CharField(source="parent.key", allow_null=True)
    holds_actions = serializers.BooleanField()


class TextSectionSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    title = serializers.CharField()
    body = serializers.CharField(help_text="Sanitised HTML.")


class PolicySerializer(serializers.Serializer):
    period_kind = serializers.CharField()
    pace = serializers.CharField()
    pace_label = serializers.CharField(source="get_pace_display")
    tolerance = number(help_text="Points an element may be below the expected percentage "
                                 "and still be on track.")
    rollup = serializers.CharField(help_text="How figures roll up to parents: "
                                             "weighted_mean, equal_mean or manual.")
    rollup_label = serializers.CharField(source="get_rollup_display")
    publication = serializers.CharField(help_text="closed: data is public once its period "
                                                  "is closed; entered: at once, provisional "
                                                  "until then.")
    publication_label = serializers.CharField(source="get_publication_display")
    data_note = serializers.CharField()


class PeriodSerializer(serializers.Serializer):
    slug = serializers.CharField()
    label = serializers.CharField()
    kind = serializers.CharField()
    year = serializers.IntegerField()
    number = serializers.IntegerField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    closed = serializers.BooleanField(source="is_closed")
    public = serializers.SerializerMethodField(
        help_text="Whether its monitoring data is published.")
    provisional = serializers.SerializerMethodField(
        help_text="Published while still open: its data may change.")

    def get_public(self, period) -> bool:
        return period.is_public(self.context["policy"])

    def get_provisional(self, period) -> bool:
        return period.is_public(self.context["policy"]) and not period.is_closed


class PlanLinksSerializer(serializers.Serializer):
    elements = ApiUrl("api:elements", _context_plan_kwargs)
    progress = ApiUrl("api:progress", _context_plan_kwargs)
    indicators = ApiUrl("api:indicators", _context_plan_kwargs)
    budgets = ApiUrl("api:budgets", _context_plan_kwargs)
    events = ApiUrl("api:events", _context_plan_kwargs)
    ratings = ApiUrl("api:ratings", _context_plan_kwargs)


class PlanDetailSerializer(PlanSerializer):
    levels = LevelSerializer(many=True, source="levels.all")
    sections = TextSectionSerializer(many=True, source="sections.all")
    monitoring = serializers.SerializerMethodField(
        help_text="How the plan is monitored; shown next to every figure.")
    periods = serializers.SerializerMethodField(help_text="Its reporting periods.")
    links = PlanLinksSerializer(source="*")

    @extend_schema_field(PolicySerializer)
    def get_monitoring(self, plan):
        return PolicySerializer(self.context["policy"]).data

    @extend_schema_field(PeriodSerializer(many=True))
    def get_periods(self, plan):
        return PeriodSerializer(self.context["periods"], many=True, context=self.context).data


# Elements -------------------------------------------------------------------------------------

class ElementRefSerializer(serializers.Serializer):
    """An element of any plan (the other end of a link)."""

    organization = serializers.CharField(source="plan.organization.slug")
    plan = serializers.CharField(source="plan.slug")
    slug = serializers.CharField()
    code = serializers.CharField()
    title = serializers.CharField()
    url = ApiUrl("api:element", lambda e, _c: {**_plan_kwargs(e.plan), "element": e.slug})


class PlanElementRefSerializer(serializers.Serializer):
    """An element of the plan being read."""

    slug = serializers.CharField()
    code = serializers.CharField()
    title = serializers.CharField()
    url = ApiUrl("api:element",
                 lambda e, c: {**_plan_kwargs(c["plan"]), "element": e.slug})


class LevelRefSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()


class BodySerializer(serializers.Serializer):
    slug = serializers.CharField()
    acronym = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()


class CalendarMarkSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    quarter = serializers.IntegerField(allow_null=True)


class TermSerializer(serializers.Serializer):
    vocabulary = serializers.CharField()
    name = serializers.CharField()


class LinkOutSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="contributes_to or related_to.")
    kind_label = serializers.CharField(source="get_kind_display")
    note = serializers.CharField()
    element = ElementRefSerializer(source="target")


class LinkInSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    note = serializers.CharField()
    element = ElementRefSerializer(source="source")


class ElementSerializer(serializers.Serializer):
    slug = serializers.CharField()
    code = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField(help_text="Sanitised HTML.")
    level = LevelRefSerializer()
    parent = PlanElementRefSerializer(allow_null=True)
    depth = serializers.IntegerField(help_text="0 for the top of the tree.")
    order = serializers.IntegerField()
    weight = number(help_text="Relative weight among its siblings in roll-ups.")
    is_continuity = serializers.BooleanField()
    is_agreement_linked = serializers.BooleanField()
    is_highlighted = serializers.BooleanField()
    calendar = CalendarMarkSerializer(many=True, source="calendar.all")
    responsible_bodies = BodySerializer(many=True)
    involved_bodies = BodySerializer(many=True)
    terms = TermSerializer(many=True, source="terms.all")
    links_out = serializers.SerializerMethodField(
        help_text="Links to elements of published plans, this one or others.")
    links_in = serializers.SerializerMethodField(
        help_text="Links from elements of published plans, this one or others.")
    url = ApiUrl("api:element", lambda e, c: {**_plan_kwargs(c["plan"]), "element": e.slug})

    @extend_schema_field(LinkOutSerializer(many=True))
    def get_links_out(self, element):
        return LinkOutSerializer(published_links_out(element), many=True,
                                 context=self.context).data

    @extend_schema_field(LinkInSerializer(many=True))
    def get_links_in(self, element):
        return LinkInSerializer(published_links_in(element), many=True,
                                context=self.context).data


class PeriodRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    label = serializers.CharField()
    closed = serializers.BooleanField(source="is_closed")


class FigureSerializer(serializers.Serializer):
    """An element's figure in a period: its own entry, or the roll-up of its children."""

    executed = number(source="row.percent", decimal_places=1, allow_null=True,
                      help_text="Executed percentage shown for the element (its own, or "
                                "rolled up); null when there is no data.")
    expected = number(source="row.expected", decimal_places=1, allow_null=True,
                      help_text="Expected percentage at the end of the period.")
    flag = serializers.CharField(source="row.flag",
                                 help_text="on_track, behind, no_data or not_scheduled.")
    flag_label = serializers.SerializerMethodField()
    on_track = serializers.SerializerMethodField(
        help_text="true on track, false behind, null without data or expected pace.")
    rolled_up = serializers.BooleanField(source="row.figure.rolled_up")
    counted = serializers.IntegerField(source="row.figure.counted",
                                       help_text="Children whose figure entered the roll-up.")
    considered = serializers.IntegerField(source="row.figure.considered",
                                          help_text="Children not cancelled.")
    rule = serializers.CharField(source="policy.rollup")
    rule_label = serializers.CharField(source="policy.get_rollup_display")
    pace = serializers.CharField(source="policy.pace")
    tolerance = number(source="policy.tolerance")
    weight = number(source="element.weight")
    share = number(source="row.share", decimal_places=4, allow_null=True,
                   help_text="Its normalised weight in its parent's roll-up (0 to 1).")

    def get_flag_label(self, progress_row) -> str:
        return str(FLAG_LABELS[progress_row.row.flag])

    def get_on_track(self, progress_row) -> bool | None:
        return {calc.ON_TRACK: True, calc.BEHIND: False}.get(progress_row.row.flag)


class ProgressSerializer(serializers.Serializer):
    element = PlanElementRefSerializer()
    period = PeriodRefSerializer()
    provisional = serializers.BooleanField(
        help_text="The period is still open: the data may change.")
    status = serializers.CharField(source="progress.status", allow_null=True)
    status_label = serializers.CharField(source="progress.get_status_display",
                                         allow_null=True)
    percent = number(source="progress.percent", allow_null=True,
                     help_text="The executed percentage entered for the element itself.")
    deployment = serializers.CharField(source="progress.deployment", allow_null=True,
                                       help_text="Sanitised HTML.")
    next_actions = serializers.CharField(source="progress.next_actions", allow_null=True,
                                         help_text="Sanitised HTML.")
    bodies = serializers.SerializerMethodField(help_text="Services involved.")
    updated_at = serializers.DateTimeField(source="progress.updated_at", allow_null=True)
    figure = FigureSerializer(source="*")

    @extend_schema_field(BodySerializer(many=True))
    def get_bodies(self, progress_row):
        entry = progress_row.progress
        return BodySerializer(entry.bodies.all() if entry else [], many=True).data


class ElementDetailSerializer(ElementSerializer):
    ancestors = PlanElementRefSerializer(many=True, help_text="From the top down.")
    children = PlanElementRefSerializer(many=True, source="children.all")
    sections = TextSectionSerializer(many=True, source="sections.all")
    progress = serializers.SerializerMethodField(
        help_text="Its figure in every public period, oldest first.")
    indicators_url = ApiUrl("api:indicators", _context_plan_kwargs,
                            query_of=lambda e: f"?element={e.slug}")
    budgets_url = ApiUrl("api:budgets", _context_plan_kwargs,
                         query_of=lambda e: f"?element={e.slug}")
    events_url = ApiUrl("api:events", _context_plan_kwargs,
                        query_of=lambda e: f"?element={e.slug}")

    @extend_schema_field(ProgressSerializer(many=True))
    def get_progress(self, element):
        return ProgressSerializer(self.context["progress"], many=True,
                                  context=self.context).data


# Indicators -----------------------------------------------------------------------------------

class OptionSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    not_recorded = serializers.BooleanField(
        source="is_not_recorded",
        help_text="Stands for those whose option was not recorded: not the same as zero.")


class CategorySerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    options = OptionSerializer(many=True, source="options.all")


class SplitSerializer(serializers.Serializer):
    category = serializers.CharField(source="option.category.key")
    option = serializers.CharField(source="option.key")
    name = serializers.CharField(source="option.name")
    not_recorded = serializers.BooleanField(source="option.is_not_recorded")
    amount = number()


class ValueSerializer(serializers.Serializer):
    period = PeriodRefSerializer()
    provisional = serializers.SerializerMethodField()
    kind = serializers.CharField(help_text="baseline, target or actual.")
    kind_label = serializers.CharField(source="get_kind_display")
    total = number(allow_null=True, help_text="The recorded total, in its own right: not "
                                              "always the sum of its split.")
    text = serializers.CharField()
    splits = SplitSerializer(many=True, source="splits.all",
                             help_text="Only the options recorded: a missing option is "
                                       "unknown, not zero.")

    def get_provisional(self, value: IndicatorValue) -> bool:
        return not value.period.is_closed


class IndicatorSerializer(serializers.Serializer):
    slug = serializers.CharField(source="indicator.slug")
    name = serializers.CharField(source="indicator.name")
    description = serializers.CharField(source="indicator.description")
    unit = serializers.CharField(source="indicator.unit")
    measure_type = serializers.CharField(source="indicator.measure_type")
    measure_label = serializers.CharField(source="indicator.get_measure_type_display")
    higher_is_better = serializers.BooleanField(source="indicator.higher_is_better")
    time_aggregation = serializers.CharField(source="indicator.time_aggregation")
    organization_aggregation = serializers.CharField(
        source="indicator.organization_aggregation")
    element = PlanElementRefSerializer(source="indicator.element", allow_null=True)
    disaggregations = CategorySerializer(many=True, source="indicator.categories.all")
    values = serializers.SerializerMethodField(
        help_text="Values of the public periods, oldest first.")
    actual_over_time = serializers.SerializerMethodField(
        help_text="The actual values of the public periods aggregated by its "
                  "time_aggregation rule; null without values.")

    @extend_schema_field(ValueSerializer(many=True))
    def get_values(self, series: IndicatorSeries):
        order = {p.pk: n for n, p in enumerate(self.context["periods"])}
        kinds = {kind: n for n, kind in enumerate(IndicatorValue.Kind.values)}
        values = sorted(series.values.values(),
                        key=lambda v: (order.get(v.period_id, 0), kinds[v.kind]))
        return ValueSerializer(values, many=True, context=self.context).data

    @extend_schema_field(OpenApiTypes.DOUBLE)
    def get_actual_over_time(self, series: IndicatorSeries):
        value = series.over_time(self.context["periods"])
        return None if value is None else float(value)


# Ratings --------------------------------------------------------------------------------------

class ScaleSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()


class LevelCountSerializer(serializers.Serializer):
    level = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()


class RatingSerializer(serializers.Serializer):
    element = PlanElementRefSerializer()
    period = PeriodRefSerializer()
    provisional = serializers.BooleanField()
    scale = ScaleSerializer()
    entered = serializers.BooleanField(
        help_text="It has answers of its own; otherwise they are those of the elements under "
                  "it, added up.")
    answers = serializers.IntegerField()
    distribution = LevelCountSerializer(
        many=True, help_text="Answers per level, lowest first: a distribution, never "
                             "averaged.")


# Budgets --------------------------------------------------------------------------------------

class BudgetLineSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    chapter = serializers.IntegerField(allow_null=True, help_text="I–IX as 1–9.")
    chapter_label = serializers.CharField(source="get_chapter_display", allow_null=True)
    phase = serializers.CharField(help_text="initial, definitive or executed.")
    phase_label = serializers.CharField(source="get_phase_display")
    amount = number()
    concept = serializers.CharField()
    provisional = serializers.SerializerMethodField(
        help_text="An executed amount of a year whose periods are not all closed.")

    def get_provisional(self, line) -> bool:
        return line_visibility(line, self.context["publication"]).is_provisional


class PersonnelCostSerializer(BudgetLineSerializer):
    hours = number()
    hourly_cost = number()


class BudgetYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    initial = number(allow_null=True)
    definitive = number(allow_null=True)
    executed = number(allow_null=True, help_text="null until the year's executed amounts are "
                                                 "published (or when there are none).")
    accumulated = number(allow_null=True,
                         help_text="Executed from the plan's first year to this one.")
    execution_rate = number(allow_null=True, help_text="Executed ÷ definitive credit (else "
                                                       "÷ initial credit), in %.")
    provisional = serializers.BooleanField()


class BudgetTotalsSerializer(serializers.Serializer):
    initial = number(allow_null=True)
    definitive = number(allow_null=True)
    executed = number(help_text="Of the years whose executed amounts are published.")
    execution_rate = number(allow_null=True,
                            help_text="Over the years whose executed amounts are published.")
    share_of_period_total = number(allow_null=True,
                                   help_text="Executed as a % of the budget for the period.")


def _phase_total(lines, phase: str, **where):
    if not arithmetic.has_phase(lines, phase, year=where.get("year")):
        return None
    return arithmetic.total(lines, phase=phase, **where)


class BudgetSerializer(serializers.Serializer):
    """Planned amounts (initial and definitive credit) are published with the plan; executed
    ones (recognised obligations, personnel co-financing) with the monitoring data of their
    year. Every total is computed from the lines shown."""

    element = PlanElementRefSerializer(source="budget.element", allow_null=True,
                                       help_text="null: the budget of the whole plan.")
    period_total = number(source="budget.period_total", allow_null=True,
                          help_text="The budget for the plan's whole period.")
    note = serializers.CharField(source="budget.note")
    lines = BudgetLineSerializer(many=True)
    personnel_costs = PersonnelCostSerializer(
        many=True, help_text="Personnel co-financing: hours × cost per hour, a proportional "
                             "calculation.")
    years = serializers.SerializerMethodField()
    totals = serializers.SerializerMethodField()

    @extend_schema_field(BudgetYearSerializer(many=True))
    def get_years(self, budget: PublicBudget):
        lines = budget.arithmetic_lines
        rows = []
        for year in sorted({line.year for line in lines}):
            public = budget.executed_is_public(year)
            rows.append({
                "year": year,
                "initial": _phase_total(lines, arithmetic.INITIAL, year=year),
                "definitive": _phase_total(lines, arithmetic.DEFINITIVE, year=year),
                "executed": _phase_total(lines, arithmetic.EXECUTED, year=year),
                "accumulated": arithmetic.total(lines, phase=arithmetic.EXECUTED,
                                                up_to_year=year) if public else None,
                "execution_rate": arithmetic.execution_rate(lines, year=year) if public
                else None,
                "provisional": budget.publication.of_year(year).is_provisional,
            })
        return BudgetYearSerializer(rows, many=True).data

    @extend_schema_field(BudgetTotalsSerializer)
    def get_totals(self, budget: PublicBudget):
        lines = budget.arithmetic_lines
        published = [line for line in lines if budget.executed_is_public(line.year)]
        executed = arithmetic.total(lines, phase=arithmetic.EXECUTED)
        return BudgetTotalsSerializer({
            "initial": _phase_total(lines, arithmetic.INITIAL),
            "definitive": _phase_total(lines, arithmetic.DEFINITIVE),
            "executed": executed,
            "execution_rate": arithmetic.execution_rate(published),
            "share_of_period_total": arithmetic.share_of(executed, budget.budget.period_total),
        }).data


# Events ---------------------------------------------------------------------------------------

class AttendanceSerializer(serializers.Serializer):
    category = serializers.CharField(source="option.category.key")
    option = serializers.CharField(source="option.key")
    name = serializers.CharField(source="option.name")
    not_recorded = serializers.BooleanField(source="option.is_not_recorded")
    count = serializers.IntegerField()


class EventSerializer(serializers.Serializer):
    key = serializers.CharField()
    year = serializers.IntegerField()
    date = serializers.DateField(allow_null=True,
                                 help_text="null when the source gives only the year.")
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    title = serializers.CharField()
    description = serializers.CharField(help_text="Sanitised HTML.")
    count = serializers.IntegerField(help_text="More than 1 for activities counted together.")
    element = PlanElementRefSerializer(allow_null=True)
    bodies = BodySerializer(many=True, source="bodies.all")
    organizations = OrganizationRefSerializer(many=True, source="organizations.all")
    attendance = serializers.IntegerField(allow_null=True,
                                          help_text="People attending, as recorded.")
    attendance_split = AttendanceSerializer(many=True, source="attendance_split.all")
    provisional = serializers.SerializerMethodField(
        help_text="Its period is still open: the data may change.")

    def get_provisional(self, event) -> bool:
        return event_visibility(event, self.context["publication"]).is_provisional


# Writing --------------------------------------------------------------------------------------

class ProgressInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Progress.Status.choices)
    percent = serializers.DecimalField(
        max_digits=None, decimal_places=2, allow_null=True, required=False,
        coerce_to_string=False,
        help_text="Executed percentage, 0 to 100; null (or absent) when not known.")
    deployment = serializers.CharField(
        allow_blank=True, required=False,
        help_text="State of deployment, in Teixit's light markup or simple HTML.")
    next_actions = serializers.CharField(allow_blank=True, required=False,
                                         help_text="Actions foreseen for the next year.")
    bodies = serializers.ListField(child=serializers.SlugField(), required=False,
                                   help_text="Identifiers of the services involved (bodies "
                                             "of the plan's organisation).")


class SplitInputSerializer(serializers.Serializer):
    category = serializers.SlugField()
    option = serializers.SlugField()
    amount = serializers.DecimalField(max_digits=None, decimal_places=2,
                                      coerce_to_string=False)


class IndicatorValueInputSerializer(serializers.Serializer):
    total = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True,
                                     required=False, coerce_to_string=False,
                                     help_text="The recorded total (null when not known).")
    text = serializers.CharField(allow_blank=True, required=False,
                                 help_text="The value of a qualitative indicator, or a note.")
    splits = SplitInputSerializer(many=True, required=False,
                                  help_text="The split by the indicator's categories.")


class IndicatorValueOutputSerializer(ValueSerializer):
    indicator = serializers.CharField(source="indicator.slug")
