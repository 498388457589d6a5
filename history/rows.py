"""Versioning for models whose state is their own fields, a few many-to-many relations and
a few child rows (monitoring and budget records). One call registers snapshot and restore.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from core.snapshots import assign_fields, row_snapshot
from history.models import Change
from history.services import change_record, register


def register_rows(model: type[models.Model], *, fields: tuple[str, ...],
                  plan_of: Callable[[models.Model], object],
                  many: tuple[str, ...] = (),
                  children: tuple[tuple[str, tuple[str, ...]], ...] = (),
                  check: Callable[[models.Model], None] | None = None,
                  restorable: bool = True) -> None:
    """``many``: names of many-to-many fields, kept as id lists. ``children``: (related name,
    fields) of child rows, recreated on restore. ``check(obj)`` raises ValidationError when
    the restored state may not be stored (e.g. its period is closed)."""

    def snapshot(obj) -> dict:
        data = row_snapshot(obj, fields)
        data["plan"] = plan_of(obj).pk
        data["label"] = str(obj)
        for name in many:
            data[name] = sorted(o.pk for o in getattr(obj, name).all())
        for related, child_fields in children:
            data[related] = [{name: row_snapshot(child, child_fields)[name]
                              for name in child_fields} for child in getattr(obj, related).all()]
        return data

    @transaction.atomic
    def restore(*, snapshot: dict, user):
        if not restorable:
            raise ValidationError(_("Changes of this kind cannot be restored."))
        obj = model.objects.filter(pk=snapshot["id"]).first()
        before = snapshot_of(obj) if obj else None
        obj = obj or model(pk=snapshot["id"])
        assign_fields(obj, snapshot, fields)
        if check is not None:
            check(obj)
        try:
            obj.full_clean(validate_unique=True)
        except ValidationError as error:
            raise ValidationError(_("This version no longer fits: %(reason)s")
                                  % {"reason": " ".join(error.messages)}) from error
        obj.save()
        for name in many:
            field = model._meta.get_field(name)
            getattr(obj, name).set(field.related_model.objects.filter(pk__in=snapshot[name]))
        for related, child_fields in children:
            manager = getattr(obj, related)
            manager.all().delete()
            child_model = manager.model
            foreign_key = manager.field.name
            for row in snapshot.get(related, []):
                child = child_model(**{foreign_key: obj})
                assign_fields(child, row, child_fields)
                child.save()
        change_record(user=user, obj=obj, plan=plan_of(obj), action=Change.Action.RESTORE,
                      before=before, after=snapshot_of(obj))
        return obj

    def snapshot_of(obj):
        return snapshot(obj)

    register(model, snapshot=snapshot, restore=restore)
