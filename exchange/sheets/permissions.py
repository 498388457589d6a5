"""The access gateway for uploaded spreadsheets: fetched through their plan (itself fetched
through ``plans.permissions.plan_for_member``), by the person who uploaded them, for a day."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone

from exchange.models import Upload
from exchange.sheets.services import KEEP
from plans.models import Plan
from plans.permissions import can_edit_plan


def upload_for_user(user, plan: Plan, upload_id: int) -> Upload:
    if not can_edit_plan(user, plan):
        raise PermissionDenied
    return get_object_or_404(Upload.objects.select_related("plan__organization"), plan=plan,
                             user=user, pk=upload_id,
                             created_at__gte=timezone.now() - KEEP)
