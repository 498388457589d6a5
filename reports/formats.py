"""The output formats: one module each in ``reports/renderers/``, with the same interface
(``render(document) -> bytes``, ``CONTENT_TYPE``, ``EXTENSION``, ``label()``)."""

from reports.renderers import docx, html, odt, pdf

FORMATS = {"html": html, "pdf": pdf, "docx": docx, "odt": odt}


def render(document, format_name: str) -> bytes:
    return FORMATS[format_name].render(document)
