"""Generating reports: which ones a plan has, and writing them in a format (or a zip)."""

import io
import zipfile
from dataclasses import dataclass

from django.utils.text import slugify

from plans.models import Element, Plan
from reports.builders import annual, card, workplan
from reports.formats import FORMATS


@dataclass
class Output:
    filename: str
    content: bytes
    content_type: str


def _output(document, stem: str, format_name: str) -> Output:
    renderer = FORMATS[format_name]
    return Output(filename=f"{stem}.{renderer.EXTENSION}",
                  content=renderer.render(document), content_type=renderer.CONTENT_TYPE)


def annual_report(plan: Plan, programme: Element, year: int, format_name: str,
                  language: str = "ca") -> Output:
    document = annual.build(plan, programme, year, language)
    return _output(document, f"informe-seguiment-{programme.slug}-{year}", format_name)


def workplan_document(plan: Plan, format_name: str, language: str = "ca") -> Output:
    return _output(workplan.build(plan, language), f"{plan.organization.slug}-{plan.slug}",
                   format_name)


def project_card(plan: Plan, element: Element, format_name: str,
                 language: str = "ca") -> Output:
    return _output(card.build(plan, element, language),
                   f"fitxa-{element.slug or slugify(element.title)}", format_name)


def annual_reports_zip(plan: Plan, year: int, format_name: str, language: str = "ca",
                       progress=None) -> Output:
    """Every programme's annual report of ``year`` in one zip file."""
    programmes = annual.programmes_of(plan)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, programme in enumerate(programmes, start=1):
            output = annual_report(plan, programme, year, format_name, language)
            archive.writestr(output.filename, output.content)
            if progress:
                progress(index, len(programmes), programme)
    return Output(filename=f"informes-seguiment-{plan.slug}-{year}-{format_name}.zip",
                  content=buffer.getvalue(), content_type="application/zip")
