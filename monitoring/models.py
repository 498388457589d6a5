import calendar
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from monitoring import calc
from organizations.models import Body, Organization
from plans.models import Element, Plan


class MonitoringPolicy(models.Model):
    """How a plan is monitored: its reporting periods, the expected pace, the tolerance of the
    on-track flag and the rule that rolls progress up to parents. Shown next to every figure."""

    class PeriodKind(models.TextChoices):
        YEAR = "year", _("Year")
        SEMESTER = "semester", _("Semester")
        QUARTER = "quarter", _("Quarter")

    class Pace(models.TextChoices):
        LINEAR = "linear", _("Linear over the plan's period")
        SCHEDULED = "scheduled", _("From each element's calendar")

    class Publication(models.TextChoices):
        CLOSED = "closed", _("When an administrator closes the period")
        ENTERED = "entered", _("As soon as it is entered, marked provisional until the period "
                               "closes")

    class Rollup(models.TextChoices):
        WEIGHTED_MEAN = calc.WEIGHTED_MEAN, _("Weighted mean of the children")
        EQUAL_MEAN = calc.EQUAL_MEAN, _("Mean of the children, all weighing the same")
        MANUAL = calc.MANUAL, _("No roll-up: each element's own entry")

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="monitoring_policy")
    period_kind = models.CharField(_("reporting periods"), max_length=10,
                                   choices=PeriodKind.choices, default=PeriodKind.YEAR)
    pace = models.CharField(_("expected pace"), max_length=10, choices=Pace.choices,
                            default=Pace.LINEAR)
    tolerance = models.DecimalField(
        _("tolerance (points)"), max_digits=5, decimal_places=2, default=10,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("An element is on track while its executed percentage is at most this "
                    "many points below the expected one."))
    rollup = models.CharField(_("roll-up rule"), max_length=20, choices=Rollup.choices,
                              default=Rollup.WEIGHTED_MEAN)
    publication = models.CharField(
        _("public portal and open data show"), max_length=10, choices=Publication.choices,
        default=Publication.CLOSED,
        help_text=_("When a period's monitoring data becomes public (for published plans)."))
    data_note = models.TextField(
        _("note on the data"), blank=True,
        help_text=_("Shown wherever the monitoring data appears, e.g. its source or that it is "
                    "illustrative."))

    class Meta:
        verbose_name = _("monitoring policy")
        verbose_name_plural = _("monitoring policies")

    def __str__(self):
        return str(self.plan)


class Period(models.Model):
    """A reporting period of a plan: a year, a semester or a quarter."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(_("kind"), max_length=10, choices=MonitoringPolicy.PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(
        _("number"), default=1, help_text=_("1 for a year; 1–2 for semesters; 1–4 for quarters."))
    status = models.CharField(_("status"), max_length=6, choices=Status.choices,
                              default=Status.OPEN)
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind", "year", "number"],
                                    name="unique_period"),
            models.CheckConstraint(
                condition=(Q(kind="year", number=1) | Q(kind="semester", number__in=[1, 2])
                           | Q(kind="quarter", number__in=[1, 2, 3, 4])),
                name="period_number_fits_kind"),
        ]
        verbose_name = _("period")
        verbose_name_plural = _("periods")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if self.kind == "year":
            return str(self.year)
        prefix = "S" if self.kind == "semester" else "T"
        return f"{self.year} {prefix}{self.number}"

    @property
    def slug(self) -> str:
        return self.label.replace(" ", "-").lower()

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    def is_public(self, policy: MonitoringPolicy) -> bool:
        """Whether the public sees this period's data (the plan itself being published)."""
        return self.is_closed or policy.publication == MonitoringPolicy.Publication.ENTERED

    @property
    def months(self) -> int:
        return 12 // calc.PERIODS_PER_YEAR[self.kind]

    @property
    def starts_on(self) -> date:
        return date(self.year, (self.number - 1) * self.months + 1, 1)

    @property
    def ends_on(self) -> date:
        last_month = self.number * self.months
        return date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    @property
    def end_point(self):
        return calc.period_end(self.year, self.kind, self.number)


class Progress(models.Model):
    """An element's execution in one period, and what its technician says about it."""

    class Status(models.TextChoices):
        PENDING = calc.PENDING, _("Pending")
        IN_PROGRESS = calc.IN_PROGRESS, _("In progress")
        FINISHED = calc.FINISHED, _("Finished")
        POSTPONED = calc.POSTPONED, _("Postponed")
        CANCELLED = calc.CANCELLED, _("Cancelled")

    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="progress")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.PENDING)
    percent = models.DecimalField(
        _("executed (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The share of the element done by the end of the period. Leave it empty "
                    "when it is not known: it then shows as “no data”, never as 0."))
    deployment = models.TextField(_("state of deployment"), blank=True)
    next_actions = models.TextField(_("actions foreseen for the next year"), blank=True)
    bodies = models.ManyToManyField(Body, blank=True, related_name="progress",
                                    verbose_name=_("services involved"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["period__year", "period__number"]
        constraints = [
            models.UniqueConstraint(fields=["element", "period"], name="one_progress_per_period"),
            models.CheckConstraint(condition=Q(percent__isnull=True)
                                   | Q(percent__gte=0, percent__lte=100),
                                   name="progress_percent_range"),
        ]
        verbose_name = _("progress")
        verbose_name_plural = _("progress")

    def __str__(self):
        return f"{self.element} · {self.period}"


class DisaggregationCategory(models.Model):
    """A way of splitting a figure (sex, age band, type of entity…) into options."""

    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE,
        related_name="disaggregation_categories",
        help_text=_("Empty: available to every organisation."))
    key = models.SlugField(_("identifier"), max_length=40)
    name_ca = models.CharField(_("name (Catalan)"), max_length=80)
    name_es = models.CharField(_("name (Spanish)"), max_length=80, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "key"], name="unique_category_key"),
            models.UniqueConstraint(fields=["key"], condition=Q(organization__isnull=True),
                                    name="unique_shared_category_key"),
        ]
        verbose_name = _("disaggregation category")
        verbose_name_plural = _("disaggregation categories")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return _localized(self, "name")


class DisaggregationOption(models.Model):
    category = models.ForeignKey(DisaggregationCategory, on_delete=models.CASCADE,
                                 related_name="options")
    key = models.SlugField(_("identifier"), max_length=40)
    name_ca = models.CharField(_("name (Catalan)"), max_length=80)
    name_es = models.CharField(_("name (Spanish)"), max_length=80, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    plural_ca = models.CharField(_("plural (Catalan)"), max_length=80, blank=True)
    plural_es = models.CharField(_("plural (Spanish)"), max_length=80, blank=True)
    plural_en = models.CharField(_("plural (English)"), max_length=80, blank=True)
    is_not_recorded = models.BooleanField(
        _("means “not recorded”"), default=False,
        help_text=_("The people or items whose option was not recorded: not the same as zero."))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["category", "key"], name="unique_option_key"),
        ]
        verbose_name = _("disaggregation option")
        verbose_name_plural = _("disaggregation options")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return _localized(self, "name")

    @property
    def plural(self) -> str:
        """For counts: “203 dones”. The singular name when no plural is set."""
        language = (get_language() or "ca")[:2]
        return getattr(self, f"plural_{language}", "") or self.plural_ca or self.name


def _localized(obj, field: str) -> str:
    language = (get_language() or "ca")[:2]
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_ca")


class Indicator(models.Model):
    """An indicator's definition (its values are apart): what is counted, how, and which way
    is better."""

    class MeasureType(models.TextChoices):
        COUNT = "count", _("Count")
        PERCENT = "percent", _("Percentage")
        CURRENCY = "currency", _("Amount of money")
        ORDINAL = "ordinal", _("Ordinal (a rank on a scale)")
        QUALITATIVE = "qualitative", _("Qualitative (words)")

    class TimeAggregation(models.TextChoices):
        SUM = "sum", _("Sum of the periods")
        LAST = "last", _("Last known value")
        MAX = "max", _("Highest value")
        MEAN = "mean", _("Mean of the periods")

    class OrganizationAggregation(models.TextChoices):
        SUM = "sum", _("Sum")
        MEAN = "mean", _("Mean")
        NONE = "none", _("Not aggregated")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    element = models.ForeignKey(Element, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="indicators", verbose_name=_("element"),
                                help_text=_("Empty: an indicator of the whole plan."))
    slug = models.SlugField(_("identifier"), max_length=80)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True,
                            help_text=_("E.g. people, advisories, €."))
    measure_type = models.CharField(_("measure"), max_length=12, choices=MeasureType.choices,
                                    default=MeasureType.COUNT)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    time_aggregation = models.CharField(_("over time"), max_length=6,
                                        choices=TimeAggregation.choices,
                                        default=TimeAggregation.SUM)
    organization_aggregation = models.CharField(
        _("over organisations"), max_length=6, choices=OrganizationAggregation.choices,
        default=OrganizationAggregation.SUM)
    categories = models.ManyToManyField(DisaggregationCategory, blank=True,
                                        related_name="indicators",
                                        verbose_name=_("disaggregated by"))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="unique_indicator_slug"),
        ]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name


class IndicatorValue(models.Model):
    """A baseline, target or actual value of an indicator in a period. The recorded total is
    stored in its own right: it is not always the sum of its split."""

    class Kind(models.TextChoices):
        BASELINE = "baseline", _("Baseline")
        TARGET = "target", _("Target")
        ACTUAL = "actual", _("Actual")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="indicator_values")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.ACTUAL)
    total = models.DecimalField(_("total"), max_digits=16, decimal_places=2, null=True,
                                blank=True)
    text = models.TextField(_("text"), blank=True,
                            help_text=_("The value of a qualitative indicator, or a note."))

    class Meta:
        ordering = ["period__year", "period__number", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period", "kind"],
                                    name="unique_indicator_value"),
        ]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self):
        return f"{self.indicator} · {self.period} · {self.get_kind_display()}"


class IndicatorSplit(models.Model):
    value = models.ForeignKey(IndicatorValue, on_delete=models.CASCADE, related_name="splits")
    option = models.ForeignKey(DisaggregationOption, on_delete=models.PROTECT,
                               related_name="+")
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2,
                                 validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["option__order", "option__pk"]
        constraints = [
            models.UniqueConstraint(fields=["value", "option"], name="unique_split_option"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="split_not_negative"),
        ]

    def __str__(self):
        return f"{self.option}: {self.amount}"


class RatingScale(models.Model):
    """An ordinal scale a plan rates its elements on (e.g. utility: poc / suficient / molt).
    Ratings are shown as distributions, never averaged."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rating_scales")
    key = models.SlugField(_("identifier"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="unique_rating_scale"),
        ]
        verbose_name = _("rating scale")
        verbose_name_plural = _("rating scales")

    def __str__(self):
        return self.name


class RatingLevel(models.Model):
    scale = models.ForeignKey(RatingScale, on_delete=models.CASCADE, related_name="levels")
    key = models.SlugField(_("identifier"), max_length=40)
    name = models.CharField(_("name"), max_length=80)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "key"], name="unique_rating_level"),
        ]

    def __str__(self):
        return self.name


class Rating(models.Model):
    """How many answers gave ``level`` for an element in a period (a survey's distribution)."""

    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="ratings")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="ratings")
    level = models.ForeignKey(RatingLevel, on_delete=models.CASCADE, related_name="ratings")
    count = models.PositiveIntegerField(_("answers"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["element", "period", "level"],
                                    name="unique_rating"),
        ]

    def __str__(self):
        return f"{self.element} · {self.period} · {self.level}: {self.count}"


class Event(models.Model):
    """A dated activity of an element: a meeting, an assembly, a council session, a training,
    coordination e-mails (counted)…"""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        ASSEMBLY = "assembly", _("Assembly")
        COUNCIL_SESSION = "council_session", _("Council session")
        WORKING_GROUP = "working_group", _("Working group session")
        TRAINING = "training", _("Training")
        PRESENTATION = "presentation", _("Presentation")
        VISIT = "visit", _("Visit")
        COORDINATION = "coordination", _("Coordination")
        EMAILS = "emails", _("Coordination e-mails")
        OTHER = "other", _("Other activity")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="events")
    element = models.ForeignKey(Element, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="events", verbose_name=_("element"))
    key = models.SlugField(_("identifier"), max_length=120)
    year = models.PositiveSmallIntegerField(_("year"))
    date = models.DateField(_("date"), null=True, blank=True,
                            help_text=_("Empty when the source gives only the year."))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.MEETING)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    count = models.PositiveIntegerField(
        _("how many"), default=1,
        help_text=_("More than 1 for activities counted together, e.g. 28 e-mails."))
    bodies = models.ManyToManyField(Body, blank=True, related_name="events",
                                    verbose_name=_("bodies taking part"))
    organizations = models.ManyToManyField(Organization, blank=True, related_name="events",
                                           verbose_name=_("organisations taking part"))
    attendance = models.PositiveIntegerField(_("people attending"), null=True, blank=True)

    class Meta:
        ordering = ["year", models.F("date").asc(nulls_last=True), "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="unique_event_key"),
            models.CheckConstraint(condition=Q(count__gte=1), name="event_count_positive"),
        ]
        indexes = [models.Index(fields=["plan", "year", "date"])]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.title


class EventAttendance(models.Model):
    """Attendance of an event split by an option (e.g. women, men, non-binary)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendance_split")
    option = models.ForeignKey(DisaggregationOption, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(_("people"))

    class Meta:
        ordering = ["option__order", "option__pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "option"], name="unique_attendance_option"),
        ]

    def __str__(self):
        return f"{self.option}: {self.count}"
