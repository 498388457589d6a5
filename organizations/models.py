from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Slugs that name sections of the site and therefore cannot name an organisation.
RESERVED_SLUGS = frozenset(
    {"admin", "editor", "accounts", "api", "static", "media", "i18n", "portal", "docs",
     "data", "search", "health", "ca", "es", "en"}
)


class DataLicence(models.TextChoices):
    """The licence an organisation publishes its open data under."""

    CC_BY = "CC-BY-4.0", "Creative Commons Attribution 4.0 (CC BY 4.0)"
    CC_BY_SA = "CC-BY-SA-4.0", "Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)"
    CC0 = "CC0-1.0", "Creative Commons Zero 1.0 (CC0 1.0)"
    ODBL = "ODbL-1.0", "Open Data Commons Open Database License 1.0 (ODbL)"


LICENCE_URLS = {
    DataLicence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    DataLicence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    DataLicence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    DataLicence.ODBL: "https://opendatacommons.org/licenses/odbl/1-0/",
}


class Organization(models.Model):
    """A municipality, county council, network, public agency or partner entity."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        COUNTY_COUNCIL = "county_council", _("County council")
        NETWORK = "network", _("Network")
        PUBLIC_AGENCY = "public_agency", _("Public agency")
        PARTNER = "partner", _("Partner entity")

    slug = models.SlugField(_("identifier"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="parts",
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    data_licence = models.CharField(
        _("open data licence"), max_length=20, choices=DataLicence.choices,
        default=DataLicence.CC_BY,
        help_text=_("The licence of the data the portal and the API publish for this "
                    "organisation."))
    networks = models.ManyToManyField(
        "self", through="NetworkMembership", symmetrical=False,
        through_fields=("member", "network"), related_name="members",
        verbose_name=_("networks"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS[DataLicence(self.data_licence)]


class NetworkMembership(models.Model):
    """An organisation belongs to a network (e.g. Terrassa is a member of the XMESS)."""

    network = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships_as_network",
        verbose_name=_("network"),
    )
    member = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships_as_member",
        verbose_name=_("member"),
    )
    joined_on = models.DateField(_("member since"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "member"], name="unique_network_member"),
            models.CheckConstraint(condition=~Q(network=models.F("member")),
                                   name="network_not_member_of_itself"),
        ]
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")

    def __str__(self):
        return f"{self.member} ∈ {self.network}"


class Role(models.TextChoices):
    ADMIN = "admin", pgettext_lazy("role", "Administrator")
    EDITOR = "editor", pgettext_lazy("role", "Editor")
    VIEWER = "viewer", pgettext_lazy("role", "Viewer")


class Membership(models.Model):
    """A person's role in one organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships",
        verbose_name=_("person"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_role_per_org"),
        ]
        ordering = ["organization__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} · {self.organization} · {self.get_role_display()}"

    @property
    def can_edit(self) -> bool:
        return self.role in (Role.ADMIN, Role.EDITOR)


class Body(models.Model):
    """A body of an organisation: a governing organ, a committee, a team, a municipal service,
    a working group, or an external partner it works with (òrgans, equips, serveis)."""

    class Kind(models.TextChoices):
        ORGAN = "organ", _("Governing body")
        COMMITTEE = "committee", _("Committee")
        WORKING_GROUP = "working_group", _("Working group")
        TEAM = "team", _("Team")
        SERVICE = "service", _("Municipal service")
        PARTICIPATION = "participation", _("Participation body")
        ADMINISTRATION = "administration", _("Other administration")
        PARTNER = "partner", _("External partner")

    class Periodicity(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        SEMIANNUAL = "semiannual", _("Every six months")
        ANNUAL = "annual", _("Annual")
        ON_DEMAND = "on_demand", _("On demand")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="bodies",
        verbose_name=_("organisation"),
    )
    slug = models.SlugField(_("identifier"), max_length=80)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    functions = models.TextField(_("functions"), blank=True)
    meeting_periodicity = models.CharField(
        _("meeting periodicity"), max_length=12, choices=Periodicity.choices, blank=True
    )
    holders = models.CharField(_("holders"), max_length=200, blank=True,
                               help_text=_("Who sits on it, e.g. “9 municipalities”."))
    partner = models.ForeignKey(
        Organization, verbose_name=_("partner organisation"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="represented_as_bodies",
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "slug"], name="unique_body_slug"),
        ]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self):
        return f"{self.acronym} – {self.name}" if self.acronym else self.name

    @property
    def label(self) -> str:
        return self.acronym or self.name
