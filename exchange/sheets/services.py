"""Writes of the spreadsheet import: keeping an upload, and importing it once confirmed."""

import datetime
import hashlib

from django.db import transaction
from django.utils import timezone

from exchange.models import Upload
from exchange.sheets.importing import SheetImport, sheets_import
from plans.models import Plan

KEEP = datetime.timedelta(days=1)


class PlanChanged(Exception):
    """The plan changed between the preview and the confirmation: preview it again."""


def upload_delete_expired() -> int:
    """Forget the uploads older than a day (never confirmed)."""
    deleted, _by_model = Upload.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
    return deleted


@transaction.atomic
def upload_create(*, plan: Plan, user, filename: str, data: bytes) -> Upload:
    """Keep an uploaded spreadsheet until its import is confirmed (a day at most)."""
    upload_delete_expired()
    return Upload.objects.create(organization=plan.organization, plan=plan, user=user,
                                 filename=filename[:255], size=len(data),
                                 sha256=hashlib.sha256(data).hexdigest(), data=bytes(data))


def upload_preview(*, upload: Upload, user) -> SheetImport:
    """What importing the upload would do (nothing is stored)."""
    return sheets_import(organization=upload.plan.organization, data=bytes(upload.data),
                         filename=upload.filename, user=user, plan_slug=upload.plan.slug)


def upload_import(*, upload: Upload, user, fingerprint: str,
                  confirm_deletions: bool) -> SheetImport:
    """Import a previewed upload, if the plan is still the one the preview was made of (its
    ``fingerprint``; :class:`PlanChanged` otherwise). All or nothing; the upload is forgotten once
    imported."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update().select_related("organization").get(
            pk=upload.plan_id)
        result = sheets_import(organization=plan.organization, data=bytes(upload.data),
                               filename=upload.filename, user=user, plan_slug=plan.slug,
                               confirm_deletions=confirm_deletions, apply=True,
                               expected_fingerprint=fingerprint)
        if result.plan_changed:
            raise PlanChanged
        if result.applied:
            upload.delete()
    return result
