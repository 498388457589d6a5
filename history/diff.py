"""Turning two snapshots into the rows a person reads: what changed, from what, to what."""

from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from core.richtext import html_to_text

EXTRA_LABELS = {
    "terms": _("Vocabulary entries"),
    "bodies": _("Bodies"),
    "calendar": _("Calendar"),
    "sections": _("Texts"),
    "links": _("Links"),
    "descendants": _("Elements under it"),
    "links_in": _("Links from other elements"),
    "organization": _("Organisation"),
    "plan": _("Plan"),
    "user": _("Person"),
    "label": _("Person"),
}
HIDDEN = {"id", "plan", "organization", "user"}
REFERENCES = {"level": "plans.Level", "parent": None, "partner": "organizations.Organization"}


@dataclass
class DiffRow:
    field: str
    label: str
    before: str
    after: str


def snapshot_rows(model_label: str, before: dict | None, after: dict | None) -> list[DiffRow]:
    """The fields whose value differs between ``before`` and ``after`` (either may be None)."""
    model = apps.get_model(model_label)
    before, after = before or {}, after or {}
    rows = []
    for key in dict.fromkeys([*before.keys(), *after.keys()]):
        if key in HIDDEN or before.get(key) == after.get(key):
            continue
        rows.append(DiffRow(field=key, label=_label(model, key),
                            before=_show(model, key, before.get(key)),
                            after=_show(model, key, after.get(key))))
    return rows


def changed_labels(model_label: str, before: dict | None, after: dict | None) -> list[str]:
    """The names of the fields that differ, without reading the values (no query)."""
    model = apps.get_model(model_label)
    before, after = before or {}, after or {}
    return [_label(model, key) for key in dict.fromkeys([*before.keys(), *after.keys()])
            if key not in HIDDEN and before.get(key) != after.get(key)]


def _label(model, key: str) -> str:
    try:
        return str(model._meta.get_field(key).verbose_name).capitalize()
    except Exception:  # noqa: BLE001 — not a model field: a related list of the snapshot
        return str(EXTRA_LABELS.get(key, key)).capitalize()


def _show(model, key: str, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list):
        if key == "descendants":
            return str(len(value))
        return "; ".join(str(item.get("label") or item) if isinstance(item, dict) else str(item)
                         for item in value)
    if key in REFERENCES:
        target = apps.get_model(REFERENCES[key]) if REFERENCES[key] else model
        found = target.objects.filter(pk=value).first()
        return str(found) if found else f"#{value}"
    if key in ("description", "body", "functions"):
        return html_to_text(str(value))
    try:
        field = model._meta.get_field(key)
        if field.choices:
            return str(dict(field.choices).get(value, value))
    except Exception:  # noqa: BLE001
        pass
    return str(value)
