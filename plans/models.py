from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from organizations.models import Body, Organization


class Plan(models.Model):
    """A plan of an organisation: a strategic plan, a programme, a work plan, a strategy…"""

    class Kind(models.TextChoices):
        STRATEGIC_PLAN = "strategic_plan", _("Strategic plan")
        STRATEGY = "strategy", _("Strategy")
        PROGRAMME = "programme", _("Programme")
        WORK_PLAN = "work_plan", _("Annual work plan")
        ACTION_PLAN = "action_plan", _("Action plan")
        CITY_PROJECT = "city_project", _("City project")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AMENDMENTS = "amendments", _("Open for amendments")
        APPROVED = "approved", _("Approved")
        ARCHIVED = "archived", _("Archived")

    # Statuses in which a plan is public: the amendment period is a public consultation.
    PUBLISHED_STATUSES = (Status.AMENDMENTS, Status.APPROVED, Status.ARCHIVED)

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="plans",
        verbose_name=_("organisation"),
    )
    slug = models.SlugField(_("identifier"), max_length=80)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    start_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("last year"), validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("parent plan"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="subplans",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.DRAFT)
    amendments_from = models.DateField(_("amendments open from"), null=True, blank=True)
    amendments_to = models.DateField(_("amendments open until"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_place = models.CharField(_("approved at (place)"), max_length=120, blank=True)
    approved_by = models.CharField(_("approved by"), max_length=200, blank=True,
                                   help_text=_("The body that approved it, e.g. the assembly."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["organization__name", "-start_year", "title"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "slug"], name="unique_plan_slug"),
            models.CheckConstraint(condition=Q(start_year__lte=models.F("end_year")),
                                   name="plan_period_ordered"),
        ]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status in self.PUBLISHED_STATUSES

    @property
    def is_archived(self) -> bool:
        return self.status == self.Status.ARCHIVED

    @property
    def period_label(self) -> str:
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year}"

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)


class TextSection(models.Model):
    """A titled block of sanitised rich text, in order."""

    title = models.CharField(_("title"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title or self.get_kind_display()


class PlanSection(TextSection):
    class Kind(models.TextChoices):
        PROCESS = "process", _("Elaboration process")
        MISSION = "mission", _("Mission")
        INTRODUCTION = "introduction", _("Introduction")
        CRITERIA = "criteria", _("Criteria")
        PURPOSE = "purpose", _("Purpose")
        CHALLENGES = "challenges", _("Challenges")
        LEGEND = "legend", _("Legend")
        METHODOLOGY = "methodology", _("Methodology and organisation")
        EVALUATION = "evaluation", _("Indicators and evaluation")
        OTHER = "other", _("Other")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta(TextSection.Meta):
        verbose_name = _("plan section")
        verbose_name_plural = _("plan sections")


class Level(models.Model):
    """A kind of element in a plan's tree (Eix, Objectiu, Mesura; Línia estratègica…).

    Levels form a small tree of their own: usually a chain, but a plan may hold several
    branches, e.g. a work plan whose actions sit beside (and link to) its strategic lines.
    An element's parent is always an element of its level's parent level.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="levels")
    parent = models.ForeignKey(
        "self", verbose_name=_("parent level"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    key = models.SlugField(_("identifier"), max_length=40)
    name_ca = models.CharField(_("name (Catalan)"), max_length=80)
    name_es = models.CharField(_("name (Spanish)"), max_length=80, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    plural_ca = models.CharField(_("plural (Catalan)"), max_length=80, blank=True)
    plural_es = models.CharField(_("plural (Spanish)"), max_length=80, blank=True)
    plural_en = models.CharField(_("plural (English)"), max_length=80, blank=True)
    code_pattern = models.CharField(
        _("code style"), max_length=40, blank=True,
        help_text=_("How new codes are proposed: {n} number, {A} capital letter, {a} small "
                    "letter, {parent} the parent's code. E.g. “LE{n}”, “L.A.{n}”, "
                    "“{parent}.{n}”."),
    )
    holds_actions = models.BooleanField(
        _("holds actions"), default=False,
        help_text=_("Its elements carry instruments, calendar, responsible bodies and budget."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="unique_level_key"),
        ]
        verbose_name = _("level")
        verbose_name_plural = _("levels")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "ca")[:2]
        return getattr(self, f"name_{language}", "") or self.name_ca

    @property
    def plural(self) -> str:
        """The plural name (a heading over several elements); the singular when unset."""
        language = (get_language() or "ca")[:2]
        return (getattr(self, f"plural_{language}", "") or self.plural_ca
                or self.name)

    def propose_code(self, *, parent_code: str, position: int) -> str:
        """The code the pattern gives to the element at ``position`` (1-based)."""
        if not self.code_pattern:
            return ""
        letter = _letters(position)
        return (self.code_pattern.replace("{parent}", parent_code)
                .replace("{n}", str(position)).replace("{A}", letter)
                .replace("{a}", letter.lower()))


def _letters(position: int) -> str:
    letters = ""
    while position > 0:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Term(models.Model):
    """An entry of one of a plan's vocabularies (instruments, thematic scopes, …)."""

    class Vocabulary(models.TextChoices):
        ACTION_TYPE = "action_type", _("Action type")
        INSTRUMENT = "instrument", _("Instrument")
        THEMATIC_SCOPE = "thematic_scope", _("Thematic scope")
        BUDGET_SOURCE = "budget_source", _("Budget source")
        SOURCE_CODE = "source_code", _("Participatory proposal code")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="terms")
    vocabulary = models.CharField(_("vocabulary"), max_length=20, choices=Vocabulary.choices)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["vocabulary", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "vocabulary", "name"], name="unique_term"),
        ]
        verbose_name = _("term")
        verbose_name_plural = _("terms")

    def __str__(self):
        return self.name


class Element(models.Model):
    """One node of a plan's tree: a line, an objective, a measure, an action…"""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="elements")
    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="elements",
                              verbose_name=_("level"))
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="children",
    )
    slug = models.SlugField(_("identifier"), max_length=80)
    code = models.CharField(_("code"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=600)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    # What an action carries. Any element may have them; the editor shows them where the
    # level holds actions.
    terms = models.ManyToManyField(Term, blank=True, related_name="elements",
                                   verbose_name=_("terms"))
    bodies = models.ManyToManyField(Body, through="ElementBody", blank=True,
                                    related_name="elements", verbose_name=_("bodies"))
    is_continuity = models.BooleanField(_("continuity action"), default=False)
    is_agreement_linked = models.BooleanField(_("linked to the agreement"), default=False)
    is_highlighted = models.BooleanField(_("highlighted action"), default=False)
    weight = models.DecimalField(
        _("weight"), max_digits=8, decimal_places=3, default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Relative weight among its siblings when progress is rolled up."),
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="unique_element_slug"),
            models.UniqueConstraint(fields=["plan", "code"], condition=~Q(code=""),
                                    name="unique_element_code"),
            models.CheckConstraint(condition=Q(weight__gte=0), name="element_weight_positive"),
        ]
        indexes = [models.Index(fields=["plan", "parent", "order"])]
        verbose_name = _("element")
        verbose_name_plural = _("elements")

    def __str__(self):
        return f"{self.code} {self.title}" if self.code else self.title

    def terms_of(self, vocabulary: str) -> list[Term]:
        """This element's terms of one vocabulary (uses prefetched terms when present)."""
        return [term for term in self.terms.all() if term.vocabulary == vocabulary]

    @property
    def responsible_bodies(self) -> list[Body]:
        return self.bodies_with_role(ElementBody.Role.RESPONSIBLE)

    @property
    def involved_bodies(self) -> list[Body]:
        return self.bodies_with_role(ElementBody.Role.INVOLVED)

    @property
    def responsible_labels(self) -> str:
        """Acronyms (or names) of the responsible bodies, e.g. "CT, ST"."""
        return ", ".join(b.label for b in self.bodies_with_role(ElementBody.Role.RESPONSIBLE))

    def bodies_with_role(self, role: str) -> list[Body]:
        """Bodies with ``role``, in their order (uses prefetched ``element_bodies``)."""
        return [eb.body for eb in self.element_bodies.all() if eb.role == role]


class ElementBody(models.Model):
    """A body's part in an element: responsible for it, or involved in it."""

    class Role(models.TextChoices):
        RESPONSIBLE = "responsible", _("Responsible")
        INVOLVED = "involved", _("Involved")

    element = models.ForeignKey(Element, on_delete=models.CASCADE,
                                related_name="element_bodies")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="element_bodies")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["element", "body", "role"],
                                    name="unique_element_body_role"),
        ]

    def __str__(self):
        return f"{self.body} · {self.get_role_display()}"


class CalendarMark(models.Model):
    """A year, or a quarter of a year, in which an element is scheduled."""

    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="calendar")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )

    class Meta:
        ordering = ["year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["element", "year"], condition=Q(quarter__isnull=True),
                                    name="unique_calendar_year"),
            models.UniqueConstraint(fields=["element", "year", "quarter"],
                                    condition=Q(quarter__isnull=False),
                                    name="unique_calendar_quarter"),
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | Q(quarter__gte=1, quarter__lte=4),
                name="calendar_quarter_range",
            ),
        ]

    def __str__(self):
        return f"{self.year}" if self.quarter is None else f"{self.year} T{self.quarter}"


class ElementSection(TextSection):
    class Kind(models.TextChoices):
        MOTIVATION = "motivation", _("Motivation")
        POTENTIAL_ACTIONS = "potential_actions", _("Potential actions")
        RELATED_PROPOSALS = "related_proposals", _("Related projects and proposals")
        OTHER = "other", _("Other")

    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta(TextSection.Meta):
        verbose_name = _("element section")
        verbose_name_plural = _("element sections")


class Link(models.Model):
    """A relation from one element to another, possibly of another plan or organisation."""

    class Kind(models.TextChoices):
        CONTRIBUTES_TO = "contributes_to", _("Contributes to")
        RELATED_TO = "related_to", _("Related to")

    source = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="links_in",
                               verbose_name=_("target"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices,
                            default=Kind.CONTRIBUTES_TO)
    note = models.CharField(_("note"), max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="unique_link"),
            models.CheckConstraint(condition=~Q(source=models.F("target")),
                                   name="link_not_to_itself"),
        ]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self):
        return f"{self.source} → {self.target}"
