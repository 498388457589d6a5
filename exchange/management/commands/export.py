import io
import json
import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.utils import OperationalError, ProgrammingError
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from exchange.document import plan_document
from exchange.sheets.export import template_download
from plans.models import Plan


class Command(BaseCommand):
    help = ("Export one plan — structure, bodies, links, monitoring data and budgets — as a "
            "teixit-plan JSON document, or as a spreadsheet: one XLSX workbook, or a zip of "
            "one CSV file per table.")

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="Organisation identifier, e.g. xmess")
        parser.add_argument("--plan", required=True, help="Plan identifier, e.g. pla-treball-2020")
        parser.add_argument("--format", default="json", choices=["json", "xlsx", "csv"],
                            help="Output format: json (default), xlsx or csv (a zip of CSV "
                                 "files).")
        parser.add_argument("--out", help="Write to this file instead of standard output "
                                          "(required for xlsx and csv: a .zip file, or a "
                                          "folder for one CSV file per table).")
        parser.add_argument("--language", default="ca", choices=["ca", "es", "en"],
                            help="Language of a spreadsheet's sheets and columns, and of the "
                                 "messages (ca).")

    def handle(self, *args, org, plan, format, out=None, language="ca", **options):
        translation.activate(language)
        try:
            found = (Plan.objects.select_related("organization", "parent__organization")
                     .filter(organization__slug=org, slug=plan).first())
        except (OperationalError, ProgrammingError) as exc:
            raise CommandError(_("The database is not ready (%(error)s). Run: teixit migrate")
                               % {"error": exc}) from None
        if found is None:
            known = ", ".join(f"{p.organization.slug}/{p.slug}" for p in
                              Plan.objects.select_related("organization").order_by(
                                  "organization__slug", "slug"))
            raise CommandError(_("There is no plan “%(plan)s” of organisation “%(org)s”. "
                                 "Plans: %(known)s.")
                               % {"plan": plan, "org": org, "known": known or _("none")})
        if format != "json":
            if not out:
                raise CommandError(_("The %(format)s export is a binary file: name the file "
                                     "with --out.") % {"format": format.upper()})
            with translation.override(language):
                download = template_download(found, kind="plan", format=format,
                                             language=language)
            self.write_download(download, out, format)
            return
        text = json.dumps(plan_document(found), ensure_ascii=False, indent=2) + "\n"
        if out:
            with open(out, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")

    def write_download(self, download, name: str, format: str) -> None:
        """A file, or — for a folder — the file (CSV: each table's file) inside it."""
        out = Path(name)
        folder = out.is_dir() or name.endswith(("/", "\\"))
        several = download.filename.endswith(".zip")
        if format == "csv" and several and not folder and out.suffix.lower() != ".zip":
            raise CommandError(_("A plan has several tables, so its CSV export is one CSV file "
                                 "per table: name a .zip file (--out %(stem)s.zip) or a "
                                 "folder (--out %(stem)s/).") % {"stem": out.stem})
        if not folder:
            out.write_bytes(download.content)
            self.stderr.write(_("%(file)s: %(size)s bytes.")
                              % {"file": out, "size": number_format(len(download.content),
                                                                    force_grouping=True)})
            return
        out.mkdir(parents=True, exist_ok=True)
        if several:
            with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
                names = archive.namelist()
                for name in names:
                    (out / Path(name).name).write_bytes(archive.read(name))
        else:
            names = [download.filename]
            (out / download.filename).write_bytes(download.content)
        self.stderr.write(ngettext("%(folder)s: %(count)s file: %(names)s.",
                                   "%(folder)s: %(count)s files: %(names)s.", len(names))
                          % {"folder": out, "count": len(names), "names": ", ".join(names)})
