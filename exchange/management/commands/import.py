"""``teixit import FILE --org ORG [--plan PLAN] [--dry-run] [--delete-missing]``.

FILE is a spreadsheet (.xlsx, .csv, or a .zip of CSV files), a plan document (.json, the
``teixit-plan`` format) or a plan's own text (.docx, .pdf, .txt, .md), which becomes a draft
plan. The preview is printed first (created, changed, deleted; every error with its sheet,
row and column); without ``--dry-run`` it is then applied. Any error stores nothing and
exits with status 1.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.utils import OperationalError, ProgrammingError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from exchange.documents import MAX_BYTES as DOCUMENT_BYTES
from exchange.importer import DocumentError, import_documents
from exchange.sheets.importing import OBJECT_NAMES, SheetImport, sheets_import
from exchange.sheets.reading import max_bytes, size_label
from organizations.models import Organization

SPREADSHEETS = {".xlsx", ".csv", ".zip"}
DOCUMENTS = {".docx", ".pdf", ".txt", ".md", ".markdown"}
LONG_FILE = 100 * 1024  # bytes: from about a thousand rows, show the steps as they go
BAR_WIDTH = 24
# What a plan's own document was found to hold, as printed (the draft's counts, by key).
RECOGNISED = {
    "levels": gettext_lazy("levels"),
    "elements": gettext_lazy("elements"),
    "codes": gettext_lazy("codes"),
    "links": gettext_lazy("links"),
    "bodies": gettext_lazy("bodies"),
    "terms": gettext_lazy("vocabulary entries"),
    "sections": gettext_lazy("text sections"),
    "tables": gettext_lazy("tables"),
    "calendar": gettext_lazy("calendar marks"),
    "unplaced": gettext_lazy("pieces of text not placed"),
}


class Command(BaseCommand):
    help = ("Import a spreadsheet (XLSX, CSV, zip of CSV), a plan document (JSON) or a plan's "
            "own text (DOCX, PDF, TXT, MD) into an organisation.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="The file to import.")
        parser.add_argument("--org", required=True, help="Organisation identifier, e.g. xmess")
        parser.add_argument("--plan", help="Plan identifier (a spreadsheet without a plan "
                                           "sheet needs it).")
        parser.add_argument("--dry-run", action="store_true",
                            help="Show what would change and store nothing.")
        parser.add_argument("--delete-missing", action="store_true",
                            help="Delete the records the file no longer holds.")
        parser.add_argument("--language", default="ca", choices=["ca", "es", "en"],
                            help="Language of the messages (ca).")

    def handle(self, *args, file, org, plan=None, dry_run=False, delete_missing=False,
               language="ca", **options):
        translation.activate(language)
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("There is no file “%(file)s”.") % {"file": file})
        suffix = path.suffix.lower()
        if suffix not in SPREADSHEETS | DOCUMENTS | {".json"}:
            raise CommandError(_("“%(name)s” is not a file this command imports: .xlsx, .csv, "
                                 ".zip, .json, .docx, .pdf, .txt or .md (.markdown).")
                               % {"name": path.name})
        limit = DOCUMENT_BYTES if suffix in DOCUMENTS else max_bytes()
        if path.stat().st_size > limit and suffix != ".json":
            raise CommandError(_("The file is %(size)s; files of at most %(limit)s are "
                                 "accepted.") % {"size": size_label(path.stat().st_size),
                                                 "limit": size_label(limit)})
        try:
            organization = Organization.objects.filter(slug=org).first()
        except (OperationalError, ProgrammingError) as exc:
            raise CommandError(_("The database is not ready (%(error)s). Run: teixit migrate")
                               % {"error": exc}) from None
        if organization is None:
            raise CommandError(_("There is no organisation “%(org)s”.") % {"org": org})
        data = path.read_bytes()
        if suffix in DOCUMENTS:
            return self.document(data, path.name, organization, plan, dry_run)
        if suffix == ".json":
            return self.json(data, organization, plan, dry_run, delete_missing)
        return self.spreadsheet(data, path.name, organization, plan, dry_run, delete_missing,
                                language)

    # spreadsheets -------------------------------------------------------------------------

    def spreadsheet(self, data, name, organization, plan, dry_run, delete_missing, language):
        self.show_progress = len(data) >= LONG_FILE
        self.steps_done, self.steps_total = 0, 3 if dry_run else 6
        def run(apply: bool) -> SheetImport:
            return sheets_import(organization=organization, data=data, filename=name,
                                 plan_slug=plan, confirm_deletions=delete_missing,
                                 apply=apply, language=language, progress=self.progress)

        preview = run(apply=False)
        self.finish_progress()
        self.print_preview(preview)
        if preview.errors:
            raise CommandError(_errors_stored_nothing(len(preview.errors)))
        if dry_run:
            self.stdout.write(_("Dry run: nothing has been stored."))
            return
        if not preview.changes_anything:
            self.stdout.write(self.style.SUCCESS(_("Nothing to change.")))
            return
        result = run(apply=True)
        self.finish_progress()
        if result.errors:
            self.print_problems(result.errors)
            raise CommandError(_errors_stored_nothing(len(result.errors)))
        self.stdout.write(self.style.SUCCESS(
            _("Imported into %(plan)s.") % {"plan": f"{organization.slug}/{result.plan_slug}"}))

    def print_preview(self, preview: SheetImport) -> None:
        for warning in preview.warnings:
            self.stdout.write(_("warning: %(message)s") % {"message": warning})
        if preview.errors:
            self.print_problems(preview.errors)
            return
        plan = f"{preview.plan_slug} ({preview.plan_title})"
        heading = (_("Plan %(plan)s: to be created; %(rows)s rows read.") if preview.creating
                   else _("Plan %(plan)s: exists; %(rows)s rows read."))
        self.stdout.write(heading % {"plan": plan, "rows": preview.rows})
        for change in preview.created:
            self.stdout.write("  + " + _("%(sheet)s row %(row)s: %(label)s")
                              % {"sheet": change.sheet, "row": change.row, "label": change.label})
        for change in preview.updated:
            fields = "; ".join(f"{f.column}: {_short(f.before)} → {_short(f.after)}"
                               for f in change.fields)
            place = _("%(sheet)s row %(row)s: %(label)s") % {
                "sheet": change.sheet, "row": change.row, "label": change.label}
            self.stdout.write(f"  ~ {place} ({fields})")
        verb = _("deleted") if preview.deletions_confirmed else \
            _("not in the file (kept; --delete-missing deletes them)")
        for change in preview.absent:
            self.stdout.write(f"  - {change.sheet}: {change.label} — {verb}")
        self.print_counts(preview.counts)

    def print_counts(self, counts) -> None:
        if not counts:
            self.stdout.write(_("No change."))
            return
        self.stdout.write(_("Created / changed / deleted:"))
        for name, created, changed, deleted in counts:
            self.stdout.write(f"  {name}: {created} / {changed} / {deleted}")

    def print_problems(self, problems) -> None:
        for problem in problems:
            self.stderr.write(_("error: %(message)s") % {"message": problem})

    def progress(self, step: str) -> None:
        """A bar of the import's steps on standard error, for long files (rewritten in place
        on a terminal, one line per step otherwise)."""
        if not self.show_progress:
            return
        self.steps_done += 1
        done = min(self.steps_done, self.steps_total)
        filled = round(BAR_WIDTH * done / self.steps_total)
        line = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{self.steps_total} {step}…"
        if sys.stderr.isatty():
            sys.stderr.write(f"\r\033[K{line}")
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def finish_progress(self) -> None:
        if self.show_progress and sys.stderr.isatty():
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()

    # plan documents -----------------------------------------------------------------------

    def json(self, data, organization, plan, dry_run, delete_missing):
        try:
            document = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(_("The file is not a JSON plan document (%(error)s).")
                               % {"error": error}) from None
        if plan and isinstance(document, dict) and isinstance(document.get("plan"), dict):
            document["plan"]["slug"] = plan
        try:
            (report,) = import_documents([document], organization=organization.slug,
                                         delete_missing=delete_missing, dry_run=True)
        except DocumentError as error:
            self.print_problems(error.messages)
            raise CommandError(_errors_stored_nothing(len(error.messages))) from None
        counts = [(str(name), report.created[key], report.updated[key], report.deleted[key])
                  for key, name in OBJECT_NAMES.items()
                  if report.created[key] or report.updated[key] or report.deleted[key]]
        self.stdout.write(_("Plan %(plan)s:") % {"plan": report.plan})
        self.print_counts(counts)
        if dry_run:
            self.stdout.write(_("Dry run: nothing has been stored."))
            return
        import_documents([document], organization=organization.slug,
                         delete_missing=delete_missing)
        self.stdout.write(self.style.SUCCESS(
            _("Imported into %(plan)s.") % {"plan": f"{organization.slug}/{report.plan}"}))

    def document(self, data, name, organization, plan, dry_run):
        """A plan's own text (Word, PDF, text, Markdown) read into a draft plan."""
        from exchange.documents import draft_create, draft_from_file

        try:
            draft = draft_from_file(data, name)
        except DocumentError as error:
            self.print_problems(error.messages)
            raise CommandError(_("The document cannot be read: nothing has been imported.")) \
                from None
        self.stdout.write(_("Recognised:"))
        for what, count in draft.recognised.items():
            if what in RECOGNISED:
                self.stdout.write(f"  {RECOGNISED[what]}: {count}")
        if draft.unplaced:
            self.stdout.write(_("Not placed (check these by hand):"))
            for text in draft.unplaced:
                self.stdout.write(f"  | {text}")
        if dry_run:
            self.stdout.write(_("Dry run: nothing has been stored."))
            return
        try:
            created = draft_create(organization=organization, user=None, draft=draft,
                                   slug=plan or None)
        except DocumentError as error:
            self.print_problems(error.messages)
            raise CommandError(_("The draft plan cannot be created: nothing has been "
                                 "imported.")) from None
        self.stdout.write(self.style.SUCCESS(
            _("Draft plan created: %(plan)s.") % {"plan": f"{organization.slug}/{created.slug}"}))


def _errors_stored_nothing(count: int) -> str:
    return ngettext("%(count)s error: nothing has been imported.",
                    "%(count)s errors: nothing has been imported.", count) % {"count": count}


def _short(text: str, length: int = 60) -> str:
    text = " ".join((text or "—").split())
    return text if len(text) <= length else text[:length - 1] + "…"
