"""What the report builders share: figures in the document's language, and small pieces."""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.templatetags.numbers import amount, money, percent
from monitoring.models import Period
from reports.model import Paragraph, Run, blocks_from_html


def when(value: date | None, year: int | None = None) -> str:
    """29/03/2022 in Catalan; the year alone for activities without a date."""
    if value is None:
        return str(year) if year else ""
    return date_format(value, "SHORT_DATE_FORMAT")


def split_text(splits) -> str:
    """“203 dones, 129 homes, 0 no binari” (in the option order)."""
    return ", ".join(f"{amount(split.amount)} {split.option.plural.lower()}" for split in splits)


def figure_with_split(value) -> str:
    """An indicator value with its split, or “sense dades”."""
    if value is None or value.total is None:
        return value.text if value is not None and value.text else _("no data")
    splits = list(value.splits.all())
    text = amount(value.total)
    if splits:
        text += f" ({split_text(splits)})"
    if value.text:
        text += f" — {value.text}"
    return text


def cell(*parts, bold: bool = False) -> list:
    """A table cell of one paragraph."""
    return [Paragraph([Run(str(part), bold=bold) for part in parts if part != ""])]


def rich(html: str) -> list:
    return blocks_from_html(html)


def periods_of_year(periods: list[Period], year: int) -> list[Period]:
    return [p for p in periods if p.year == year]


def closing_period(periods: list[Period], year: int) -> Period | None:
    """The period that closes ``year``: the year itself, else its last semester or quarter."""
    of_year = periods_of_year(periods, year)
    if not of_year:
        return None
    yearly = [p for p in of_year if p.kind == "year"]
    if yearly:
        return yearly[0]
    return max(of_year, key=lambda p: p.end_point)


__all__ = ["amount", "money", "percent", "when", "split_text", "figure_with_split", "cell",
           "rich", "closing_period", "periods_of_year"]
