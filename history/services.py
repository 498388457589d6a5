"""Recording changes and restoring versions.

Each versioned model type registers two functions with :func:`register`: ``snapshot(obj)``,
which returns the object's state as plain JSON, and ``restore(*, snapshot, user)``, which
brings the object (back) to that state through the owning app's services. The services of
every app call :func:`change_record` for each change they make, inside their transaction.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from history.models import Change


@dataclass(frozen=True)
class Versioning:
    snapshot: Callable[[models.Model], dict]
    restore: Callable[..., models.Model]


_registry: dict[str, Versioning] = {}


def register(model: type[models.Model], *, snapshot, restore) -> None:
    _registry[model._meta.label_lower] = Versioning(snapshot=snapshot, restore=restore)


def versioning_for(model_label: str) -> Versioning:
    return _registry[model_label]


def snapshot_of(obj: models.Model) -> dict:
    return _registry[obj._meta.label_lower].snapshot(obj)


def latest_change() -> tuple:
    """The newest change's id and time, ``(0, None)`` before any: every write records a
    change, so this is the version of all the data a page or a document may show."""
    return Change.objects.order_by("-pk").values_list("pk", "at").first() or (0, None)


def version_key(*parts, latest: tuple | None = None) -> str:
    """A key for something made from the data as it is now (``latest_change()``, or
    ``latest`` when already read), in this release and language, and ``parts``. The change's
    time goes in too: ids can come back after a database is restored or rebuilt."""
    pk, at = latest or latest_change()
    identity = "|".join(map(str, (settings.RELEASE, pk, at and at.timestamp(), get_language(),
                                  *parts)))
    return hashlib.sha256(identity.encode()).hexdigest()


def change_record(
    *, user, obj: models.Model, action: str, before: dict | None = None,
    after: dict | None = None, plan=None, organization=None, object_repr: str = "",
) -> Change:
    """Write one change. ``before``/``after`` default to nothing; pass snapshots."""
    if user is not None and not user.is_authenticated:
        user = None
    if plan is not None and organization is None:
        organization = plan.organization
    return Change.objects.create(
        user=user,
        organization=organization,
        plan=plan,
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        object_repr=(object_repr or str(obj))[:300],
        action=action,
        before=before,
        after=after,
    )


def change_records(*, user, action: str, entries: list[tuple[models.Model, dict | None,
                                                              dict | None]],
                   plan=None, organization=None) -> None:
    """:func:`change_record` for many objects (each with its before and after), written
    together."""
    if user is not None and not user.is_authenticated:
        user = None
    if plan is not None and organization is None:
        organization = plan.organization
    types = ContentType.objects.get_for_models(*{type(obj) for obj, _b, _a in entries})
    Change.objects.bulk_create(
        Change(user=user, organization=organization, plan=plan,
               content_type=types[type(obj)], object_id=obj.pk,
               object_repr=str(obj)[:300], action=action, before=before, after=after)
        for obj, before, after in entries)


def changes_for_object(obj: models.Model):
    return (
        Change.objects.filter(content_type=ContentType.objects.get_for_model(type(obj)),
                              object_id=obj.pk)
        .select_related("user", "content_type")
    )


@transaction.atomic
def change_restore(*, change: Change, user) -> models.Model:
    """Bring the changed object back to its state as of ``change``.

    For a deletion that is the state before it (the object is recreated); for any other
    change, the state right after it. Raises ValidationError when it cannot be done.
    """
    snapshot = change.snapshot
    if snapshot is None:
        raise ValidationError(_("This change holds no version to restore."))
    label = f"{change.content_type.app_label}.{change.content_type.model}"
    try:
        versioning = versioning_for(label)
    except KeyError as exc:
        raise ValidationError(_("Changes of this kind cannot be restored.")) from exc
    return versioning.restore(snapshot=snapshot, user=user)
