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

from exchange.documents import MAX_BYTES as DOCUMENT_BYTES
from exchange.importer import DocumentError, import_documents
from exchange.sheets.importing import OBJECT_NAMES, SheetImport, sheets_import
from exchange.sheets.reading import max_bytes, size_label
from organizations.models import Organization

SPREADSHEETS = {".xlsx", ".csv", ".zip"}
DOCUMENTS = {".docx", ".pdf", ".txt", ".md", ".markdown"}
LONG_FILE = 100 * 1024  # bytes: from about a thousand rows, show the steps as they go
BAR_WIDTH = 24


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
            raise CommandError(f"There is no file “{file}”.")
        suffix = path.suffix.lower()
        if suffix not in SPREADSHEETS | DOCUMENTS | {".json"}:
            raise CommandError(f"“{path.name}” is not a file this command imports: .xlsx, "
                               ".csv, .zip, .json, .docx, .pdf, .txt or .md (.markdown).")
        limit = DOCUMENT_BYTES if suffix in DOCUMENTS else max_bytes()
        if path.stat().st_size > limit and suffix != ".json":
            raise CommandError(f"The file is {size_label(path.stat().st_size)}; files of at "
                               f"most {size_label(limit)} are accepted.")
        try:
            organization = Organization.objects.filter(slug=org).first()
        except (OperationalError, ProgrammingError) as exc:
            raise CommandError(f"The database is not ready ({exc}). Run: teixit migrate") \
                from None
        if organization is None:
            raise CommandError(f"There is no organisation “{org}”.")
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
            raise CommandError(f"{len(preview.errors)} error(s): nothing has been imported.")
        if dry_run:
            self.stdout.write("Dry run: nothing has been stored.")
            return
        if not preview.changes_anything:
            self.stdout.write(self.style.SUCCESS("Nothing to change."))
            return
        result = run(apply=True)
        self.finish_progress()
        if result.errors:
            self.print_problems(result.errors)
            raise CommandError(f"{len(result.errors)} error(s): nothing has been imported.")
        self.stdout.write(self.style.SUCCESS(
            f"Imported into {organization.slug}/{result.plan_slug}."))

    def print_preview(self, preview: SheetImport) -> None:
        for warning in preview.warnings:
            self.stdout.write(f"warning: {warning}")
        if preview.errors:
            self.print_problems(preview.errors)
            return
        plan = f"{preview.plan_slug} ({preview.plan_title})"
        self.stdout.write(f"Plan {plan}: {'to be created' if preview.creating else 'exists'}; "
                          f"{preview.rows} rows read.")
        for change in preview.created:
            self.stdout.write(f"  + {change.sheet} row {change.row}: {change.label}")
        for change in preview.updated:
            fields = "; ".join(f"{f.column}: {_short(f.before)} → {_short(f.after)}"
                               for f in change.fields)
            self.stdout.write(f"  ~ {change.sheet} row {change.row}: {change.label} ({fields})")
        verb = "deleted" if preview.deletions_confirmed else \
            "not in the file (kept; --delete-missing deletes them)"
        for change in preview.absent:
            self.stdout.write(f"  - {change.sheet}: {change.label} — {verb}")
        self.print_counts(preview.counts)

    def print_counts(self, counts) -> None:
        if not counts:
            self.stdout.write("No change.")
            return
        self.stdout.write("Created / changed / deleted:")
        for name, created, changed, deleted in counts:
            self.stdout.write(f"  {name}: {created} / {changed} / {deleted}")

    def print_problems(self, problems) -> None:
        for problem in problems:
            self.stderr.write(f"error: {problem}")

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
            raise CommandError(f"The file is not a JSON plan document ({error}).") from None
        if plan and isinstance(document, dict) and isinstance(document.get("plan"), dict):
            document["plan"]["slug"] = plan
        try:
            (report,) = import_documents([document], organization=organization.slug,
                                         delete_missing=delete_missing, dry_run=True)
        except DocumentError as error:
            self.print_problems(error.messages)
            raise CommandError(f"{len(error.messages)} error(s): nothing has been imported.") \
                from None
        counts = [(str(name), report.created[key], report.updated[key], report.deleted[key])
                  for key, name in OBJECT_NAMES.items()
                  if report.created[key] or report.updated[key] or report.deleted[key]]
        self.stdout.write(f"Plan {report.plan}:")
        self.print_counts(counts)
        if dry_run:
            self.stdout.write("Dry run: nothing has been stored.")
            return
        import_documents([document], organization=organization.slug,
                         delete_missing=delete_missing)
        self.stdout.write(self.style.SUCCESS(f"Imported into {organization.slug}/{report.plan}."))

    def document(self, data, name, organization, plan, dry_run):
        """A plan's own text (Word, PDF, text, Markdown) read into a draft plan."""
        from exchange.documents import draft_create, draft_from_file

        try:
            draft = draft_from_file(data, name)
        except DocumentError as error:
            self.print_problems(error.messages)
            raise CommandError("The document cannot be read: nothing has been imported.") \
                from None
        self.stdout.write("Recognised:")
        for what, count in draft.recognised.items():
            self.stdout.write(f"  {what}: {count}")
        if draft.unplaced:
            self.stdout.write("Not placed (check these by hand):")
            for text in draft.unplaced:
                self.stdout.write(f"  | {text}")
        if dry_run:
            self.stdout.write("Dry run: nothing has been stored.")
            return
        try:
            created = draft_create(organization=organization, user=None, draft=draft,
                                   slug=plan or None)
        except DocumentError as error:
            self.print_problems(error.messages)
            raise CommandError("The draft plan cannot be created: nothing has been "
                               "imported.") from None
        self.stdout.write(self.style.SUCCESS(
            f"Draft plan created: {organization.slug}/{created.slug}."))


def _short(text: str, length: int = 60) -> str:
    text = " ".join((text or "—").split())
    return text if len(text) <= length else text[:length - 1] + "…"
