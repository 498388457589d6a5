"""Plain-JSON snapshots of model rows, shared by the apps' versioning modules."""

import datetime
from decimal import Decimal

from django.db import models


def field_value(obj: models.Model, name: str):
    field = obj._meta.get_field(name)
    value = getattr(obj, field.attname)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def row_snapshot(obj: models.Model, fields: tuple[str, ...]) -> dict:
    """``{"id": pk, field: value, …}``; foreign keys as ids, dates as ISO strings."""
    return {"id": obj.pk, **{name: field_value(obj, name) for name in fields}}


def assign_fields(obj: models.Model, snapshot: dict, fields: tuple[str, ...]) -> None:
    """Set ``fields`` of ``obj`` from a snapshot made by :func:`row_snapshot`."""
    for name in fields:
        if name not in snapshot:
            continue
        field = obj._meta.get_field(name)
        value = snapshot[name]
        if value is not None and isinstance(value, str):
            if isinstance(field, models.DateTimeField):
                value = datetime.datetime.fromisoformat(value)
            elif isinstance(field, models.DateField):
                value = datetime.date.fromisoformat(value)
        if value is not None and isinstance(field, models.DecimalField):
            value = Decimal(value)
        setattr(obj, field.attname, value)
