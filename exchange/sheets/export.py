"""Templates with the current data: a plan's tables of one kind, as XLSX or CSV."""

from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from exchange.document import plan_document
from exchange.sheets import columns as c
from exchange.sheets.book import SheetBook, TableData
from exchange.sheets.formats import FORMATS
from exchange.sheets.rows import Rows, split_catalogue
from monitoring.models import Period
from plans.models import Plan

STEMS = {
    "structure": c.names("estructura", "estructura", "structure"),
    "monitoring": c.names("seguiment", "seguimiento", "monitoring"),
    "budgets": c.names("pressupostos", "presupuestos", "budgets"),
    "events": c.names("activitats", "actividades", "activities"),
    "plan": c.names("pla", "plan", "plan"),
}


@dataclass
class Download:
    filename: str
    content_type: str
    content: bytes


def language_code(language: str | None = None) -> str:
    code = (language or get_language() or "ca")[:2]
    return code if code in c.LANGUAGES else "ca"


def template_book(plan: Plan, *, kind: str, period: Period | None = None,
                  language: str | None = None, document: dict | None = None) -> SheetBook:
    """The tables of ``kind`` with the plan's data (for one period, or all of them)."""
    language = language_code(language)
    document = document if document is not None else plan_document(plan)
    rows = Rows(document, language=language, splits=split_catalogue(plan.organization))
    reference = period.slug if period else None
    tables = []
    for table in c.tables_of(kind, period=period is not None):
        tables.append(TableData(table, rows.splits_for(table),
                                rows.table(table, period=reference)))
    label = str(c.KINDS[kind].label)
    subtitle = (_("%(template)s, period %(period)s") % {"template": label,
                                                         "period": period.label}
                if period else label)
    stem = "-".join(x for x in (plan.slug, STEMS[kind][language], reference) if x)
    return SheetBook(title=plan.title, subtitle=subtitle, language=language, tables=tables,
                     stem=stem)


def template_download(plan: Plan, *, kind: str, format: str, period: Period | None = None,
                      language: str | None = None) -> Download:
    book = template_book(plan, kind=kind, period=period, language=language)
    writer = FORMATS[format]
    return Download(f"{book.stem}.{writer.extension(book)}", writer.content_type(book),
                    writer.render(book))
