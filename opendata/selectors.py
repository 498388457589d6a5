"""Reads behind the open data downloads of a published plan.

- :func:`public_document`: the plan document (``exchange.document.plan_document``) with only
  what the public may see, each monitoring record marked provisional or not, and the
  download's metadata (licence, source, generation time);
- :func:`plan_dataset`: that document and its tables, which every format renders;
- :func:`data_version`: what a conditional GET compares (one query);
- :func:`downloads_for`: the downloads a page lists for a plan (no query).

Whether the plan is published is the caller's gateway (``plans.permissions.published_plan``).
Each read costs a fixed number of queries whatever the size of the plan.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from exchange.document import plan_document
from history.models import Change
from monitoring.publication import Publication, Visibility
from monitoring.selectors import public_periods
from opendata.tables import TABLES, Table, plan_tables
from organizations.models import DataLicence
from plans.models import Link, Plan

# Bump when the shape of the downloads changes, so that no cached copy is reused.
DATA_FORMAT_VERSION = 1


@dataclass(frozen=True)
class Download:
    """One download of a plan, as a page lists it."""

    label: str
    url: str
    format: str
    description: str
    table: str = ""


@dataclass
class Dataset:
    """A published plan as every format reads it."""

    plan: Plan
    document: dict
    tables: list[Table]

    @property
    def metadata(self) -> dict:
        return self.document["metadata"]


@dataclass(frozen=True)
class DataVersion:
    etag: str
    last_modified: datetime.datetime | None


# Addresses ----------------------------------------------------------------------------------

def plan_url(plan: Plan, format_name: str, table: str = "") -> str:
    kwargs = {"org": plan.organization.slug, "plan": plan.slug}
    if table:
        return reverse(f"opendata:plan_{format_name}", kwargs={**kwargs, "table": table})
    return reverse(f"opendata:plan_{format_name}", kwargs=kwargs)


def page_url(plan: Plan) -> str:
    """The plan's public page, in Catalan (the address without a language prefix)."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("portal:plan", kwargs={"org": plan.organization.slug, "plan": plan.slug})


def downloads_for(plan: Plan) -> list[Download]:
    """The plan's downloads: the whole plan as JSON and XLSX, then one CSV per table. The
    list is the same for every plan (a table without rows downloads as its header)."""
    downloads = [
        Download(label="JSON", url=plan_url(plan, "json"), format="json",
                 description=_("The whole plan in one document: structure, monitoring data "
                               "and budgets, with the licence and the source.")),
        Download(label="XLSX", url=plan_url(plan, "xlsx"), format="xlsx",
                 description=_("A spreadsheet with one sheet per table and a sheet that "
                               "describes the licence, the source and every column.")),
    ]
    for spec in TABLES:
        downloads.append(Download(
            label=_("CSV: %(table)s") % {"table": spec.title}, url=plan_url(plan, "csv",
                                                                            spec.key),
            format="csv", description=str(spec.description), table=spec.key))
    return downloads


# The public document ------------------------------------------------------------------------

def public_document(plan: Plan, *, base_url: str = "") -> dict:
    """The plan document with only its public data, and the download's ``metadata``.

    ``base_url`` (e.g. ``https://teixit.example.org``) makes the addresses absolute."""
    document = plan_document(plan)
    publication = Publication.of(public_periods(plan))
    _keep_published_references(plan, document)
    _keep_public_monitoring(document["monitoring"], publication)
    _keep_public_budgets(document["budgets"], publication)
    organization = plan.organization
    licence = DataLicence(organization.data_licence)
    document["metadata"] = {
        "title": plan.title,
        "organization": {"slug": organization.slug, "name": organization.name},
        "licence": {"id": licence.value, "name": licence.label,
                    "url": organization.licence_url},
        "source": base_url + page_url(plan),
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "publication": document["monitoring"]["policy"]["publication"],
        "data_note": document["monitoring"]["policy"]["data_note"],
        "has_provisional_data": _has_provisional(document),
        "downloads": {
            "json": base_url + plan_url(plan, "json"),
            "xlsx": base_url + plan_url(plan, "xlsx"),
            "csv": {spec.key: base_url + plan_url(plan, "csv", spec.key) for spec in TABLES},
        },
    }
    return document


def plan_dataset(plan: Plan, *, base_url: str = "", table: str | None = None) -> Dataset:
    """The public document and its tables (or only the table named ``table``)."""
    document = public_document(plan, base_url=base_url)
    return Dataset(plan=plan, document=document, tables=plan_tables(document, only=table))


def _keep_published_references(plan: Plan, document: dict) -> None:
    """Drop what would name a plan the public may not read: links into unpublished plans,
    and an unpublished parent plan. One query."""
    published = set(
        Plan.objects.filter(status__in=Plan.PUBLISHED_STATUSES,
                            pk__in=Link.objects.filter(source__plan=plan)
                            .values("target__plan_id"))
        .values_list("organization__slug", "slug"))
    published.add((plan.organization.slug, plan.slug))

    def walk(elements):
        for element in elements:
            element["links"] = [link for link in element["links"]
                                if (link["target"]["organization"], link["target"]["plan"])
                                in published]
            walk(element["children"])

    walk(document["elements"])
    if plan.parent_id and not plan.parent.is_published:
        document["plan"]["parent"] = None


def _mark(entry: dict, visibility: Visibility) -> bool:
    entry["provisional"] = visibility.is_provisional
    return visibility.is_public


def _keep_public_monitoring(monitoring: dict, publication: Publication) -> None:
    periods = []
    for period in monitoring["periods"]:
        slug = _period_slug(period)
        visibility = publication.of_period(slug)
        if visibility.is_public:
            periods.append({"period": slug, **period,
                            "provisional": visibility.is_provisional})
    monitoring["periods"] = periods
    monitoring["progress"] = [entry for entry in monitoring["progress"]
                              if _mark(entry, publication.of_period(entry["period"]))]
    for indicator in monitoring["indicators"]:
        indicator["values"] = [value for value in indicator["values"]
                               if _mark(value, publication.of_period(value["period"]))]
    monitoring["ratings"] = [rating for rating in monitoring["ratings"]
                             if _mark(rating, publication.of_period(rating["period"]))]
    monitoring["events"] = [
        event for event in monitoring["events"]
        if _mark(event, publication.of_date(datetime.date.fromisoformat(event["date"]))
                 if event["date"] else publication.of_year(event["year"]))]


def _keep_public_budgets(budgets: list[dict], publication: Publication) -> None:
    """Executed amounts are what was spent: public with their year's monitoring data. Initial
    and definitive credits are what was planned: public with the plan."""

    def visibility(line: dict) -> Visibility:
        if line["phase"] != "executed":
            return Visibility.FINAL
        return publication.of_year(line["year"])

    for budget in budgets:
        budget["lines"] = [line for line in budget["lines"] if _mark(line, visibility(line))]
        budget["personnel_costs"] = [cost for cost in budget["personnel_costs"]
                                     if _mark(cost, visibility(cost))]


def _period_slug(period: dict) -> str:
    if period["kind"] == "year":
        return str(period["year"])
    prefix = "s" if period["kind"] == "semester" else "t"
    return f"{period['year']}-{prefix}{period['number']}"


def _has_provisional(document: dict) -> bool:
    monitoring = document["monitoring"]
    records = [*monitoring["periods"], *monitoring["progress"], *monitoring["ratings"],
               *monitoring["events"]]
    records += [value for indicator in monitoring["indicators"]
                for value in indicator["values"]]
    records += [line for budget in document["budgets"]
                for line in [*budget["lines"], *budget["personnel_costs"]]]
    return any(record["provisional"] for record in records)


# Conditional GET ----------------------------------------------------------------------------

def data_version(plan: Plan, *, variant: str) -> DataVersion:
    """What a download of ``plan`` depends on, for ETag and Last-Modified. One query.

    Every write records a ``history.Change``: the plan's own, its organisation's (bodies, the
    licence…), and those of the plans it links to or belongs to (a link target renamed or
    unpublished). The organisation's row (licence, name) is hashed as read, so a change made
    without a record (the demo loader) invalidates too. ``variant`` names the format, the
    table and the language."""
    organization = plan.organization
    related_plans = Link.objects.filter(source__plan=plan).values("target__plan_id")
    depends_on = (Q(plan=plan) | Q(plan__in=related_plans)
                  | Q(organization=organization, plan__isnull=True))
    if plan.parent_id:
        depends_on |= Q(plan_id=plan.parent_id)
    latest = Change.objects.filter(depends_on).aggregate(pk=Max("pk"), at=Max("at"))
    key = "|".join(str(part) for part in (
        DATA_FORMAT_VERSION, getattr(settings, "RELEASE", ""), variant, plan.pk, plan.slug,
        plan.status, organization.slug, organization.name, organization.data_licence,
        latest["pk"], latest["at"]))
    return DataVersion(etag=f'W/"{hashlib.sha256(key.encode()).hexdigest()[:32]}"',
                       last_modified=latest["at"])
