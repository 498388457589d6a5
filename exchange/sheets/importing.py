"""Importing a spreadsheet: read it, merge its rows over the plan's document, and sync that
document through the importer — so that every rule, the lock of closed periods and the
history of the services apply.

:func:`sheets_import` always runs the whole import; with ``apply=False`` (the preview) the
importer rolls everything back (``dry_run``), so the preview reports exactly what the import
would do. With any error nothing is stored.
"""

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exchange.document import plan_document
from exchange.importer import DocumentError, ImportReport, import_documents
from exchange.sheets.export import language_code
from exchange.sheets.merge import SheetMerge
from exchange.sheets.problems import Problem, RowChange
from exchange.sheets.reading import FileProblem, read_book, read_sheets
from exchange.sheets.rows import split_catalogue
from organizations.models import Organization
from organizations.permissions import can_admin_organization
from plans.models import Plan

# What the importer counts, as the preview names it.
OBJECT_NAMES = {
    "plan": gettext_lazy("Plan"), "body": gettext_lazy("Bodies"),
    "level": gettext_lazy("Levels"), "term": gettext_lazy("Vocabulary names"),
    "element": gettext_lazy("Elements"), "link": gettext_lazy("Links"),
    "policy": gettext_lazy("Monitoring settings"), "period": gettext_lazy("Periods"),
    "progress": gettext_lazy("Progress"), "indicator": gettext_lazy("Indicators"),
    "value": gettext_lazy("Indicator values"), "scale": gettext_lazy("Rating scales"),
    "rating": gettext_lazy("Ratings"), "event": gettext_lazy("Activities"),
    "budget": gettext_lazy("Budgets"),
}
_PATH = re.compile(r"^[a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*")
_LABEL = re.compile(r" «[^»]*»")


@dataclass
class SheetImport:
    """What an import of a spreadsheet does (the preview) or did."""

    filename: str
    plan_slug: str = ""
    plan_title: str = ""
    creating: bool = False
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    changes: list[RowChange] = field(default_factory=list)
    absent: list[RowChange] = field(default_factory=list)
    deletions_confirmed: bool = False
    report: ImportReport | None = None
    applied: bool = False
    rows: int = 0
    fingerprint: str = ""  # of the plan as it was compared (see document_fingerprint)
    plan_changed: bool = False  # not imported: the plan is no longer the one expected

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def created(self) -> list[RowChange]:
        return [c for c in self.changes if c.action == RowChange.CREATE]

    @property
    def updated(self) -> list[RowChange]:
        return [c for c in self.changes if c.action == RowChange.UPDATE]

    @property
    def counts(self) -> list[tuple[str, int, int, int]]:
        """``(what, created, changed, deleted)`` per kind of object, as the importer counted
        them (they include what follows from the rows, e.g. the descendants of a deleted
        element)."""
        if self.report is None:
            return []
        result = []
        for key, name in OBJECT_NAMES.items():
            numbers = (self.report.created[key], self.report.updated[key],
                       self.report.deleted[key])
            if any(numbers):
                result.append((str(name), *numbers))
        return result

    @property
    def changes_anything(self) -> bool:
        return bool(self.report and self.report.changed_anything)


def sheets_import(*, organization: Organization, data: bytes, filename: str, user=None,
                  plan_slug: str | None = None, confirm_deletions: bool = False,
                  apply: bool = False, language: str | None = None,
                  progress: Callable[[str], None] | None = None,
                  expected_fingerprint: str | None = None) -> SheetImport:
    """Import a spreadsheet (XLSX, CSV or a zip of CSVs) into a plan of ``organization``.

    ``plan_slug`` names the plan; without it, the file's plan sheet does. Rows the sheets no
    longer hold are deleted only with ``confirm_deletions``. Without ``apply``, nothing is
    stored (the preview). ``user`` is None for the command line (which may do anything);
    otherwise changing the plan's status or closing periods needs an administrator. With
    ``expected_fingerprint``, nothing is compared or stored unless the plan is still the one
    of that fingerprint (``plan_changed`` says it is not).
    """
    language = language_code(language)
    result = SheetImport(filename=filename, deletions_confirmed=confirm_deletions)
    step = progress or (lambda message: None)
    step(_("Reading the file"))
    try:
        sheets = read_sheets(data, filename)
    except FileProblem as problem:
        result.errors.append(Problem(str(problem)))
        return result
    splits = split_catalogue(organization)
    book = read_book(sheets, splits=splits, language=language)
    result.errors += book.errors
    result.warnings += book.warnings
    result.rows = book.rows
    if book.errors:
        return result
    plan_slug = plan_slug or _named_plan(book)
    if not plan_slug:
        result.errors.append(Problem(_("The file has no plan sheet, so it does not say which "
                                       "plan it is for: name the plan.")))
        return result
    result.plan_slug = plan_slug
    plan = Plan.objects.filter(organization=organization, slug=plan_slug).first()
    if plan is None and "plan" not in book.tables:
        result.errors.append(Problem(_("There is no plan “%(plan)s” in %(organization)s; to "
                                       "create it, the file needs the plan sheet (and the "
                                       "levels and elements).")
                                     % {"plan": plan_slug, "organization": organization.name}))
        return result
    result.creating = plan is None
    step(_("Comparing the rows with the plan"))
    current = plan_document(plan) if plan else None
    result.fingerprint = document_fingerprint(current) if current else ""
    if expected_fingerprint is not None and result.fingerprint != expected_fingerprint:
        result.plan_changed = True
        return result
    merge = SheetMerge(document=current,
                       organization=organization, plan_slug=plan_slug, splits=splits,
                       language=language, can_admin=user is None or can_admin_organization(
                           user, organization), confirm_deletions=confirm_deletions)
    document = merge.run(book.tables)
    result.plan_title = document["plan"].get("title") or (plan.title if plan else plan_slug)
    result.errors += merge.errors
    result.warnings += merge.warnings
    result.changes = merge.changes
    result.absent = merge.absent
    order = {table.sheet: index for index, table in enumerate(book.tables.values())}
    result.errors.sort(key=lambda p: (order.get(p.sheet, len(order)), p.row or 0))
    if result.errors:
        return result
    step(_("Storing the changes") if apply else _("Checking every change"))
    try:
        (result.report,) = import_documents([document], user=user,
                                            organization=organization.slug,
                                            delete_missing=True, dry_run=not apply)
    except DocumentError as error:
        result.errors += placed_errors(error.messages, document, merge)
        return result
    result.applied = apply
    return result


def document_fingerprint(document: dict) -> str:
    """A digest of a plan document: two previews of an unchanged plan have the same one."""
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _named_plan(book) -> str:
    sheet = book.tables.get("plan")
    if sheet is None or not sheet.rows:
        return ""
    from exchange.sheets.values import one_line

    return one_line(sheet.rows[0].cells.get("slug"))


def placed_errors(messages: list[str], document: dict, merge: SheetMerge) -> list[Problem]:
    """The importer's errors, each put back on the sheet row that produced it."""
    registry = _paths(document, merge.origins)
    problems = []
    for message in messages:
        text = _LABEL.sub("", message)
        match = _PATH.match(text)
        place = None
        if match:
            path = match[0]
            while path:
                if path in merge.field_origins:
                    sheet, row, column = merge.field_origins[path]
                    place = (sheet, row, column)
                    break
                if path in registry:
                    sheet, row, table = registry[path]
                    rest = match[0][len(path):].lstrip(".")
                    column = next((col.name(merge.language) for col in table.columns
                                   if rest and col.key == rest.split(".")[0]), "")
                    place = (sheet, row, column)
                    break
                path = path.rsplit(".", 1)[0] if "." in path else ""
        if place is None:
            problems.append(Problem(message))
            continue
        reason = text[match.end():].lstrip(" :") or message
        problem = Problem(reason, sheet=place[0], row=place[1], column=place[2])
        if str(problem) not in {str(p) for p in problems}:  # a row's lines said once
            problems.append(problem)
    return problems


def _paths(document: dict, origins: dict) -> dict:
    """Where the importer says each item is (``elements[2].children[1]``…) → its sheet row."""
    registry = {}

    def add(path, item):
        if id(item) in origins:
            registry[path] = origins[id(item)]

    def walk(items, prefix):
        for i, item in enumerate(items, start=1):
            path = f"{prefix}[{i}]"
            add(path, item)
            for j, section in enumerate(item.get("sections") or [], start=1):
                add(f"{path}.sections[{j}]", section)
            walk(item.get("children") or [], f"{path}.children")

    for key in ("levels", "bodies", "sections"):
        for i, item in enumerate(document.get(key) or [], start=1):
            add(f"{key}[{i}]", item)
    walk(document.get("elements") or [], "elements")
    monitoring = document.get("monitoring") or {}
    for key in ("periods", "progress", "indicators", "rating_scales", "ratings", "events"):
        for i, item in enumerate(monitoring.get(key) or [], start=1):
            add(f"monitoring.{key}[{i}]", item)
            for j, value in enumerate(item.get("values") or [] if key == "indicators" else [],
                                      start=1):
                add(f"monitoring.{key}[{i}].values[{j}]", value)
    for i, budget in enumerate(document.get("budgets") or [], start=1):
        add(f"budgets[{i}]", budget)
        for part in ("lines", "personnel_costs"):
            for j, line in enumerate(budget.get(part) or [], start=1):
                add(f"budgets[{i}].{part}[{j}]", line)
    return registry
