import json

from django.core.management.base import BaseCommand, CommandError
from django.db.utils import OperationalError, ProgrammingError

from exchange.document import plan_document
from plans.models import Plan


class Command(BaseCommand):
    help = ("Export one plan — structure, bodies, links, monitoring data and budgets — as a "
            "teixit-plan JSON document.")

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="Organisation identifier, e.g. xmess")
        parser.add_argument("--plan", required=True, help="Plan identifier, e.g. pla-treball-2020")
        parser.add_argument("--format", default="json", choices=["json"],
                            help="Output format (json).")
        parser.add_argument("--out", help="Write to this file instead of standard output.")

    def handle(self, *args, org, plan, format, out=None, **options):
        try:
            found = (Plan.objects.select_related("organization", "parent__organization")
                     .filter(organization__slug=org, slug=plan).first())
        except (OperationalError, ProgrammingError) as exc:
            raise CommandError(f"The database is not ready ({exc}). Run: teixit migrate") \
                from None
        if found is None:
            known = ", ".join(f"{p.organization.slug}/{p.slug}" for p in
                              Plan.objects.select_related("organization").order_by(
                                  "organization__slug", "slug"))
            raise CommandError(f"There is no plan “{plan}” of organisation “{org}”. "
                               f"Plans: {known or 'none'}.")
        text = json.dumps(plan_document(found), ensure_ascii=False, indent=2) + "\n"
        if out:
            with open(out, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")
