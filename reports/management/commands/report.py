"""``teixit report annual|workplan|card``: write reports to a folder."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans.models import Plan
from reports import generation
from reports.builders.annual import programmes_of
from reports.formats import FORMATS


class Command(BaseCommand):
    help = "Generate a report (annual monitoring report, work-plan document or project card)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["annual", "workplan", "card"])
        parser.add_argument("--org", required=True, help="Organisation identifier")
        parser.add_argument("--plan", required=True, help="Plan identifier")
        parser.add_argument("--element", help="Programme (annual) or project (card) identifier")
        parser.add_argument("--year", type=int, help="Year of the annual report")
        parser.add_argument("--format", default="pdf", choices=sorted(FORMATS))
        parser.add_argument("--language", default="ca", choices=["ca", "es", "en"])
        parser.add_argument("--out", default=".", help="Folder to write into")

    def handle(self, *args, kind, org, plan, element, year, format, language, out, **options):
        found = Plan.objects.select_related("organization").filter(
            organization__slug=org, slug=plan).first()
        if found is None:
            raise CommandError(f"There is no plan “{plan}” of organisation “{org}”.")
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        if kind == "workplan":
            self.write(folder, generation.workplan_document(found, format, language))
            return
        if kind == "card":
            target = self.element(found, element, "--element is needed for a project card.")
            self.write(folder, generation.project_card(found, target, format, language))
            return
        if year is None:
            raise CommandError("--year is needed for an annual report.")
        if not found.start_year <= year <= found.end_year:
            raise CommandError(f"{year} is outside the plan's period ({found.period_label}).")
        if element:
            programme = self.element(found, element, "")
            self.write(folder, generation.annual_report(found, programme, year, format,
                                                        language))
            return
        programmes = programmes_of(found)
        if not programmes:
            raise CommandError("The plan has no programmes (elements whose children are "
                               "actions).")
        for index, programme in enumerate(programmes, start=1):
            output = generation.annual_report(found, programme, year, format, language)
            (folder / output.filename).write_bytes(output.content)
            self.progress(index, len(programmes), programme.title)
        self.stdout.write(f"{len(programmes)} reports written to {folder}")

    def element(self, plan, slug, missing):
        if not slug:
            raise CommandError(missing)
        found = plan.elements.filter(slug=slug).first() or plan.elements.filter(code=slug).first()
        if found is None:
            raise CommandError(f"There is no element “{slug}” in the plan.")
        return found

    def write(self, folder: Path, output) -> None:
        path = folder / output.filename
        path.write_bytes(output.content)
        self.stdout.write(str(path))

    def progress(self, done: int, total: int, label: str) -> None:
        width = 30
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        stream = sys.stderr
        stream.write(f"\r[{bar}] {done}/{total} {label[:40]:<40}")
        if done == total:
            stream.write("\n")
        stream.flush()
