"""Figures as the reader's language writes them, and "no data" where there is none.

A missing figure is never shown as 0 or as an empty cell: it reads "sense dades" (no data).
"""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()

NBSP = "\u00a0"


def _number(value, places: int) -> str:
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def money(value) -> str:
    """84965 → “84.965,00 €” in Catalan; None → “sense dades”."""
    if value is None or value == "":
        return _("no data")
    return f"{_number(Decimal(value), 2)}{NBSP}€"


@register.filter
def percent(value) -> str:
    """50 → “50 %”, 12.5 → “12,5 %”; None → “sense dades”."""
    if value is None or value == "":
        return _("no data")
    value = Decimal(value).quantize(Decimal("0.1"))
    places = 0 if value == value.to_integral_value() else 1
    return f"{_number(value, places)}{NBSP}%"


@register.filter
def amount(value) -> str:
    """A count or a figure without unit: 332 → “332”, 1234.5 → “1.234,5”."""
    if value is None or value == "":
        return _("no data")
    value = Decimal(value)
    normalized = value.normalize()
    places = max(0, -normalized.as_tuple().exponent)
    return _number(value, min(places, 2))


@register.filter
def share(value) -> str:
    """A normalised weight (0.25) as a percentage of its parent (“25 %”)."""
    if value is None:
        return "—"
    return percent(Decimal(value) * 100)


@register.inclusion_tag("core/_pace.html")
def pace(flag: str):
    return {"flag": flag}
