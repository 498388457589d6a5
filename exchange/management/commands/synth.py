import sys

from django.core.management.base import BaseCommand, CommandError

from exchange.synthetic import PASSWORD, PREFIX, synth


class Command(BaseCommand):
    help = ("Fill the database with N synthetic organisations shaped like the real ones (a "
            "strategic plan of 27 programmes × 8 actuacions, 8 years of monitoring, budgets "
            "and activities each) and a network of all of them, to measure Teixit at scale.")

    def add_arguments(self, parser):
        parser.add_argument("--orgs", type=int, required=True, help="How many organisations")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1)")

    def handle(self, *args, orgs, seed, **options):
        if orgs < 1:
            raise CommandError("--orgs must be at least 1.")

        def progress(done, total):
            width = 30
            filled = width * done // total
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            sys.stderr.flush()

        report = synth(organizations=orgs, seed=seed, progress=progress)
        sys.stderr.write("\n")
        total = sum(report.rows.values())
        self.stdout.write(f"{report.organizations} synthetic organisations added in "
                          f"{report.seconds:.1f} s ({total:,} rows):")
        for table, count in sorted(report.rows.items(), key=lambda item: -item[1]):
            self.stdout.write(f"  {table:<40} {count:>12,}")
        self.stdout.write(f"Their network is “{PREFIX}-xarxa”; the user “{PREFIX}-admin” "
                          f"(password “{PASSWORD}”) administers them all.")
