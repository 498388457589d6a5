"""A report as PDF: the HTML rendering laid out by WeasyPrint on A4, with the contents'
page numbers and running headers (plan and year) and footers (organisation, page)."""

from django.utils.translation import gettext as _
from weasyprint import HTML

from reports.model import Document
from reports.renderers import html

CONTENT_TYPE = "application/pdf"
EXTENSION = "pdf"


def render(document: Document) -> bytes:
    source = html.HtmlRenderer(document).page()
    return HTML(string=source).write_pdf(pdf_variant=None, uncompressed_pdf=False)


def label() -> str:
    return _("PDF")
