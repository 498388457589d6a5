"""A plan's own document (DOCX, PDF, plain text or markdown) read into a draft plan.

    draft = draft_from_file(data, filename)   # by extension: .docx .pdf .txt .md
    draft.document    # a plan document (docs/exchange-format.md), status "draft"
    draft.unplaced    # every piece of text not placed, in order
    draft.recognised  # counts: levels, elements, codes, links, bodies, terms, tables…
    plan = draft_create(organization=org, user=user, draft=draft, slug=None)

Reading a document is heuristic: the technician reviews the draft, corrects it and then
saves it; nothing the reader could not place is dropped (it is listed, and kept in the plan
as a text section). What is recognised and the limits: docs/document-import.md.
"""

import copy
import time
from pathlib import PurePath

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from exchange.documents.blocks import UnreadableFile
from exchange.documents.build import Builder
from exchange.documents.draft import Draft, draft_document, lines_to_html
from exchange.documents.readers import READERS
from exchange.importer import DocumentError, import_documents
from organizations.models import Body, Organization
from plans.models import Plan

__all__ = ["Draft", "DocumentError", "draft_create", "draft_from_file", "MAX_BYTES"]

MAX_BYTES = 20 * 1024 * 1024
UNPLACED_LIMIT = 2000  # pieces of text kept in the plan's section of text not placed


def draft_from_file(data: bytes, filename: str) -> Draft:
    """Read a plan's document into a draft plan. Raises :class:`DocumentError` (a message
    in the user's language) for a file that is too large, of another kind, or unreadable."""
    suffix = PurePath(filename or "").suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise DocumentError([_("Only Word (.docx), PDF (.pdf), text (.txt) and markdown (.md) "
                               "documents can be read; “%(name)s” is none of them.")
                             % {"name": filename or "?"}])
    if len(data) > MAX_BYTES:
        raise DocumentError([_("The file is %(size)s MB; documents of up to %(limit)s MB can "
                               "be read.") % {"size": round(len(data) / 1048576, 1),
                                              "limit": MAX_BYTES // 1048576}])
    if not data:
        raise DocumentError([_("The file is empty.")])
    started = time.monotonic()
    try:
        blocks = reader.read(data)
    except UnreadableFile as error:
        raise DocumentError([str(error)]) from error
    if not any((b.text or b.rows) for b in blocks):
        raise DocumentError([_("No text was found in the document. A scanned document needs "
                               "its text recognised (OCR) first.")])
    reading = Builder(blocks).run()
    draft = draft_document(reading, filename=PurePath(filename).name)
    draft.recognised["seconds"] = round(time.monotonic() - started, 2)
    return draft


def draft_create(*, organization: Organization, user, draft: Draft,
                 slug: str | None = None) -> Plan:
    """Create the plan of ``draft`` in ``organization``, as a draft, through the importer
    (its validation and history apply). The slug comes from the title unless given, and is
    made unique in the organisation. Bodies the organisation already has (same acronym or
    name) are used, not overwritten. The text not placed is kept as a text section."""
    document = copy.deepcopy(draft.document)
    plan = document["plan"]
    plan["status"] = Plan.Status.DRAFT
    base = slugify(slug or plan.get("slug") or plan.get("title") or "")[:70].strip("-") or "pla"
    taken = set(Plan.objects.filter(organization=organization, slug__startswith=base)
                .values_list("slug", flat=True))
    plan["slug"], n = base, 2
    while plan["slug"] in taken:
        plan["slug"], n = f"{base}-{n}", n + 1
    document["organization"] = {"slug": organization.slug}
    _use_existing_bodies(document, organization)
    unplaced = list(draft.unplaced) + _outside_period(document)
    if unplaced:
        pieces = unplaced[:UNPLACED_LIMIT]
        body = lines_to_html(pieces)
        if len(unplaced) > UNPLACED_LIMIT:
            body += lines_to_html([_("…and %(count)s more pieces of text.")
                                   % {"count": len(unplaced) - UNPLACED_LIMIT}])
        document.setdefault("sections", []).append({
            "kind": "other", "title": _("Text not placed by the import"), "body": body})
    with transaction.atomic():
        import_documents([document], user=user, organization=organization.slug)
        return Plan.objects.get(organization=organization, slug=plan["slug"])


def _outside_period(document: dict) -> list[str]:
    """Calendar marks outside the plan's period (after its years were corrected) are taken
    off the elements and listed."""
    plan = document["plan"]
    start, end = plan["start_year"], plan["end_year"]
    listed = []

    def visit(elements):
        for element in elements:
            kept = []
            for mark in element.get("calendar") or []:
                year = int(str(mark)[:4])
                if start <= year <= end:
                    kept.append(mark)
                else:
                    listed.append(_("%(element)s: calendar %(mark)s, outside the plan's "
                                    "period.") % {"element": element["code"] or element["title"],
                                                  "mark": mark})
            element["calendar"] = kept
            visit(element.get("children") or [])

    visit(document.get("elements") or [])
    return listed


def _use_existing_bodies(document: dict, organization: Organization) -> None:
    """A body of the draft that the organisation already has (by acronym, name or slug) is
    referred to by its slug, and left out of the document so that it is not overwritten."""
    existing = list(Body.objects.filter(organization=organization))
    by_acronym = {b.acronym.lower(): b for b in existing if b.acronym}
    by_name = {slugify(b.name): b for b in existing}
    slugs = {b.slug for b in existing}
    renamed: dict[str, str] = {}
    kept = []
    for body in document.get("bodies") or []:
        match = (by_acronym.get((body.get("acronym") or "").lower())
                 or by_name.get(slugify(body.get("name") or "")))
        if match is not None:
            renamed[body["slug"]] = match.slug
            continue
        slug, n = body["slug"], 2
        while slug in slugs:
            slug, n = f"{body['slug']}-{n}", n + 1
        slugs.add(slug)
        renamed[body["slug"]] = slug
        kept.append({**body, "slug": slug})
    document["bodies"] = kept

    def visit(elements):
        for element in elements:
            for key in ("responsible", "involved"):
                element[key] = [renamed.get(ref, ref) for ref in element.get(key) or []]
            visit(element.get("children") or [])

    visit(document.get("elements") or [])
