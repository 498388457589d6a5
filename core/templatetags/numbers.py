"""Figures as the reader's language writes them, and "no data" where there is none.

A missing figure is never shown as 0 or as an empty cell: it reads "sense dades" (no data).
"""

from decimal import ROUND_DOWN, Decimal
from functools import lru_cache

from django import template
from django.utils.formats import get_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

NBSP = "\u00a0"


@lru_cache(maxsize=16)
def _separators(language: str) -> tuple[str, str]:
    return get_format("DECIMAL_SEPARATOR", language), get_format("THOUSAND_SEPARATOR", language)


def _number(value, places: int) -> str:
    """Like Django's number_format (grouped thousands, extra decimals cut, not rounded), but
    without looking the language's formats up at every call: a plan's page writes thousands
    of figures."""
    decimal_separator, thousands = _separators(get_language() or "ca")
    value = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)
    if value == 0:
        value = abs(value)  # no "-0"
    text = f"{value:,.{places}f}"
    return text.replace(",", "\x00").replace(".", decimal_separator).replace("\x00", thousands)


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
