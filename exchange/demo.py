"""The demo data: the five source plans and the organisations, bodies and people around them.

The data lives as YAML files in ``demo/`` at the top of the project: ``organizations.yaml``
(organisations, network membership, bodies, demo accounts) and one plan document per file in
``demo/plans/`` (the ``teixit-plan`` format with its shorthands, see docs/exchange-format.md).
Loading is a sync: what is already equal is left alone, so loading twice changes nothing.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from exchange.importer import DocumentError, ImportReport, import_documents
from exchange.models import DemoLoad
from history.models import Change
from history.services import change_record
from organizations.models import DataLicence, Membership, NetworkMembership, Organization
from organizations.versioning import membership_snapshot

DEMO_DIR = settings.BASE_DIR / "demo"
DEMO_PASSWORD = "teixit-demo"


@dataclass
class DemoReport:
    organizations: int = 0
    people: int = 0
    plans: list[ImportReport] = field(default_factory=list)
    skipped: bool = False


def demo_files(directory: Path = DEMO_DIR) -> list[Path]:
    return [directory / "organizations.yaml", *sorted((directory / "plans").glob("*.yaml"))]


def demo_fingerprint(directory: Path = DEMO_DIR) -> str:
    digest = hashlib.sha256()
    for path in demo_files(directory):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def read_yaml(path: Path):
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except yaml.YAMLError as exc:
        raise DocumentError([f"{path.name}: {exc}"]) from exc


def demo_load(*, only_if_changed: bool = False, directory: Path = DEMO_DIR,
              plan_files: list[Path] | None = None) -> DemoReport:
    """Load (or refresh) the demo data. With ``only_if_changed``, do nothing when the files
    are the ones loaded last time. ``plan_files`` loads only those plan files (with the
    organisations), which is how a demo file is checked while it is being written."""
    fingerprint = demo_fingerprint(directory)
    last = DemoLoad.objects.order_by("-loaded_at").first()
    if only_if_changed and plan_files is None and last and last.fingerprint == fingerprint:
        return DemoReport(skipped=True)
    report = DemoReport()
    with transaction.atomic():
        data = read_yaml(directory / "organizations.yaml")
        report.organizations = _load_organizations(data.get("organizations") or [])
        report.people = _load_people(data.get("people") or [])
        paths = plan_files if plan_files is not None else demo_files(directory)[1:]
        documents = [read_yaml(Path(path)) for path in paths]
        report.plans = import_documents(documents, delete_missing=True)
        if plan_files is None:
            DemoLoad.objects.all().delete()
            DemoLoad.objects.create(fingerprint=fingerprint)
    return report


def _load_organizations(items: list[dict]) -> int:
    changed = 0
    by_slug = {}
    for item in items:
        fields = {
            "name": item["name"],
            "short_name": item.get("short_name", ""),
            "kind": item["kind"],
            "website": item.get("website", ""),
            "data_licence": item.get("data_licence", DataLicence.CC_BY),
            "description": (item.get("description") or "").strip(),
        }
        organization = Organization.objects.filter(slug=item["slug"]).first()
        if organization is None:
            organization = Organization.objects.create(slug=item["slug"], **fields)
            changed += 1
        elif any(getattr(organization, k) != v for k, v in fields.items()):
            Organization.objects.filter(pk=organization.pk).update(**fields)
            changed += 1
        by_slug[item["slug"]] = organization
    for item in items:
        organization = by_slug[item["slug"]]
        parent = by_slug.get(item.get("part_of")) if item.get("part_of") else None
        if item.get("part_of") and parent is None:
            raise DocumentError([_("organizations.yaml «%(org)s»: “%(parent)s” is not defined.")
                                 % {"org": item["slug"], "parent": item["part_of"]}])
        if organization.parent_id != (parent.pk if parent else None):
            Organization.objects.filter(pk=organization.pk).update(parent=parent)
            changed += 1
        for member_slug in item.get("members") or []:
            member = by_slug.get(member_slug)
            if member is None:
                raise DocumentError([_("organizations.yaml «%(org)s»: member “%(member)s” is not "
                                       "defined.") % {"org": item["slug"], "member": member_slug}])
            _membership, created = NetworkMembership.objects.get_or_create(
                network=organization, member=member)
            changed += created
    return changed


def _load_people(items: list[dict]) -> int:
    User = get_user_model()
    changed = 0
    for item in items:
        user = User.objects.filter(username=item["username"]).first()
        if user is None:
            user = User(username=item["username"], first_name=item.get("first_name", ""),
                        last_name=item.get("last_name", ""), email=item.get("email", ""),
                        is_staff=bool(item.get("superuser")),
                        is_superuser=bool(item.get("superuser")))
            user.set_password(item.get("password", DEMO_PASSWORD))
            user.save()
            changed += 1
        for org_slug, role in (item.get("roles") or {}).items():
            organization = Organization.objects.get(slug=org_slug)
            membership = Membership.objects.filter(user=user, organization=organization).first()
            if membership is None:
                membership = Membership.objects.create(user=user, organization=organization,
                                                       role=role)
                change_record(user=None, obj=membership, organization=organization,
                              action=Change.Action.IMPORT,
                              after=membership_snapshot(membership))
                changed += 1
    return changed
