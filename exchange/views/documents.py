"""The editor's page "Import a plan from its document": the upload, the preview of the draft
the document gives (its tree, bodies, texts and what could not be placed) and the creation of
the draft plan. Editors and administrators of the organisation only.

The draft read from the file is kept in the person's session until the plan is created, so
the file is not sent twice.
"""

import json
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from core.http import limit_upload_size, upload_too_large
from exchange.documents import MAX_BYTES, DocumentError, Draft, draft_create, draft_from_file
from exchange.documents.forms import DocumentUploadForm, DraftCreateForm
from organizations.permissions import organization_for_user

SESSION_KEY = "document_drafts"
KEEP = 3  # drafts kept in a session at once
MAX_STORED = 8 * 1024 * 1024  # characters of a draft kept in the session


@csrf_exempt  # checked below, once the size limit is in place
def document_import(request, org):
    limit_upload_size(request, MAX_BYTES)
    return _document_import(request, org)


@csrf_protect
@login_required
def _document_import(request, org):
    organization = organization_for_user(request.user, org, write=True)
    form = DocumentUploadForm(request.POST or None, request.FILES or None,
                              too_large=upload_too_large(request))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        try:
            draft = draft_from_file(upload.read(), upload.name)
        except DocumentError as error:
            for message in error.messages:
                form.add_error("document", message)
        else:
            token = _keep(request, organization.slug, draft)
            if token:
                return redirect(reverse("editor:document_preview",
                                        kwargs={"org": organization.slug, "token": token}))
            form.add_error("document", _("The document gives a draft too large to preview; "
                                         "import it from the command line (teixit import)."))
    return render(request, "exchange/document_upload.html", {
        "organization": organization, "form": form, "section": "editor",
        "expired": request.GET.get("expired") == "1"})


@login_required
def document_preview(request, org, token):
    organization = organization_for_user(request.user, org, write=True)
    stored = request.session.get(SESSION_KEY, {}).get(token)
    if stored is None or stored.get("organization") != organization.slug:
        return render(request, "exchange/document_upload.html", {
            "organization": organization, "form": DocumentUploadForm(), "section": "editor",
            "expired": True,
            "action": reverse("editor:document_import", kwargs={"org": organization.slug})})
    draft = Draft.from_dict(stored["draft"])
    plan = draft.document["plan"]
    form = DraftCreateForm(request.POST or None, initial={
        "title": plan["title"], "start_year": plan["start_year"], "end_year": plan["end_year"]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plan.update(title=data["title"], slug="", start_year=data["start_year"],
                    end_year=data["end_year"])  # the slug then comes from the title
        try:
            created = draft_create(organization=organization, user=request.user, draft=draft,
                                   slug=data["slug"] or None)
        except DocumentError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            _forget(request, token)
            messages.success(request, _("The draft plan has been created. Review it, correct "
                                        "what the document did not say clearly, and open it "
                                        "for amendments or approve it when it is ready."))
            return redirect(reverse("editor:plan", kwargs={"org": organization.slug,
                                                           "plan": created.slug}))
    return render(request, "exchange/document_preview.html", {
        "organization": organization, "form": form, "section": "editor", "draft": draft,
        "filename": draft.filename, "counts": _counts(draft.recognised),
        "tree": _tree(draft.document), "levels": _levels(draft.document),
        "bodies": draft.document.get("bodies") or [],
        "sections": draft.document.get("sections") or []})


def _keep(request, organization: str, draft: Draft) -> str | None:
    data = draft.as_dict()
    if len(json.dumps(data)) > MAX_STORED:
        return None
    drafts = dict(request.session.get(SESSION_KEY, {}))
    while len(drafts) >= KEEP:
        drafts.pop(next(iter(drafts)))
    token = secrets.token_urlsafe(12)
    drafts[token] = {"organization": organization, "draft": data}
    request.session[SESSION_KEY] = drafts
    return token


def _forget(request, token: str) -> None:
    drafts = dict(request.session.get(SESSION_KEY, {}))
    drafts.pop(token, None)
    request.session[SESSION_KEY] = drafts


def _counts(recognised: dict) -> list[tuple[str, int]]:
    labels = [
        ("levels", _("Levels")), ("elements", _("Elements")), ("codes", _("Codes")),
        ("links", _("Links")), ("bodies", _("Bodies")), ("terms", _("Vocabulary terms")),
        ("sections", _("Text sections")), ("tables", _("Tables read")),
        ("calendar", _("Calendar marks")), ("unplaced", _("Pieces of text not placed")),
    ]
    return [(label, recognised.get(key, 0)) for key, label in labels]


def _name(names: dict) -> str:
    return names.get(get_language() or "ca") or names.get("ca") or ""


def _levels(document: dict) -> list[dict]:
    levels = {lv["key"]: lv for lv in document.get("levels") or []}
    return [{"name": _name(lv["name"]),
             "parent": _name(levels[lv["parent"]]["name"]) if lv["parent"] in levels else "",
             "code_pattern": lv["code_pattern"], "holds_actions": lv["holds_actions"]}
            for lv in levels.values()]


def _tree(document: dict) -> list[dict]:
    """The elements with their level's name and their links' targets, for the preview."""
    levels = {lv["key"]: _name(lv["name"]) for lv in document.get("levels") or []}
    by_slug = {}

    def index(elements):
        for element in elements:
            by_slug[element["slug"]] = element
            index(element["children"])

    index(document.get("elements") or [])

    def node(element) -> dict:
        targets = [by_slug.get(link["target"]) for link in element["links"]]
        return {
            "level": levels.get(element["level"], ""), "code": element["code"],
            "title": element["title"], "description": element["description"],
            "links": [t["code"] or t["title"] for t in targets if t],
            "details": _details(element),
            "sections": [s["title"] for s in element["sections"]],
            "children": [node(child) for child in element["children"]],
        }

    return [node(element) for element in document.get("elements") or []]


def _details(element: dict) -> list[tuple[str, str]]:
    details = []
    for key, label in (("instruments", _("Instruments")),
                       ("thematic_scopes", _("Thematic scopes")),
                       ("budget_sources", _("Budget")),
                       ("responsible", _("Responsible")), ("involved", _("Involved")),
                       ("source_codes", _("Proposals gathered"))):
        if element.get(key):
            details.append((label, ", ".join(str(v) for v in element[key])))
    if element.get("calendar"):
        details.append((_("Calendar"), ", ".join(str(v) for v in element["calendar"])))
    if element.get("action_type"):
        details.append((_("Type"), element["action_type"]))
    marks = [label for key, label in (("highlighted", _("highlighted")),
                                      ("continuity", _("continuity")),
                                      ("agreement", _("linked to the agreement")))
             if element.get(key)]
    if marks:
        details.append((_("Marks"), ", ".join(marks)))
    return details
