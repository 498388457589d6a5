from django.core.management.base import BaseCommand, CommandError
from django.db.utils import OperationalError, ProgrammingError

from exchange.demo import DEMO_PASSWORD, demo_load
from exchange.importer import DocumentError


class Command(BaseCommand):
    help = "Load or refresh the demo data (the five source plans) from the files in demo/."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-changed", action="store_true",
            help="Do nothing when the demo files are the ones loaded last time.",
        )
        parser.add_argument(
            "--file", action="append", dest="files", metavar="PLAN_FILE",
            help="Load only this plan file (with the organisations); may be repeated.",
        )

    def handle(self, *args, if_changed=False, files=None, **options):
        try:
            report = demo_load(only_if_changed=if_changed, plan_files=files)
        except DocumentError as exc:
            raise CommandError("The demo data has errors:\n  " + "\n  ".join(exc.messages)) \
                from None
        except (OperationalError, ProgrammingError) as exc:
            raise CommandError(f"The database is not ready ({exc}). Run: teixit migrate") \
                from None
        if report.skipped:
            self.stdout.write("Demo data is up to date.")
            return
        for plan in report.plans:
            created = sum(plan.created.values())
            updated = sum(plan.updated.values())
            deleted = sum(plan.deleted.values())
            self.stdout.write(
                f"{plan.organization}/{plan.plan}: {created} created, {updated} changed, "
                f"{deleted} deleted, {plan.unchanged['element']} elements unchanged"
            )
        self.stdout.write(self.style.SUCCESS(
            f"Demo data loaded. Demo accounts use the password “{DEMO_PASSWORD}”."))
