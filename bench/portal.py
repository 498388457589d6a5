#!/usr/bin/env python
"""Portal benchmark: how long the public pages of the demo plans take, and a reload that is
answered 304 Not Modified.

Run on demand (it is not a test): ``.venv/bin/python bench/portal.py``. It builds its own
database (SQLite in a temporary folder unless DATABASE_URL says otherwise), loads the demo
data and times each page through Django's test client (no network), printing the median of
several runs and the number of queries.
"""

import os
import statistics
import time

import own_database  # noqa: F401  (first: Django set up on the benchmark's own database)
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test import Client

PAGES = [
    "/",
    "/xmess/",
    "/terrassa/peest-2019-2026/",
    "/terrassa/peest-2019-2026/elements/palanques-impuls/",
    "/terrassa/peest-2019-2026/budget/",
    "/terrassa/peest-2019-2026/indicators/",
    "/terrassa/peest-2019-2026/activities/",
    "/terrassa/peest-2019-2026/history/",
    "/xmess/pla-treball-2020/",
    "/xmess/pla-treball-2020/elements/?status=in_progress",
    "/xmess/pla-treball-2020/indicators/",
    "/search/?q=economia",
    "/data/terrassa/peest-2019-2026.json",
    "/api/v1/organizations/xmess/plans/pla-treball-2020/progress/",
]
RUNS = 15


def main() -> None:
    call_command("migrate", verbosity=0)
    from exchange.demo import demo_load

    demo_load()
    client = Client()
    print(f"Portal benchmark · {os.cpu_count()} cores · {connection.vendor} · median of {RUNS}")
    print(f"  {'page':<58} {'200':>8} {'queries':>8} {'304':>8}")
    for path in PAGES:
        client.get(path)  # warm up
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - start)
        connection.force_debug_cursor = True
        reset_queries()
        client.get(path)
        queries = connection.queries
        connection.force_debug_cursor = False
        reload = ""
        if response.has_header("ETag"):
            again = []
            for _ in range(RUNS):
                start = time.perf_counter()
                answer = client.get(path, headers={"if-none-match": response["ETag"]})
                again.append(time.perf_counter() - start)
            assert answer.status_code == 304, path
            reload = f"{statistics.median(again) * 1000:6.1f} ms"
        print(f"  {path:<58} {statistics.median(times) * 1000:5.1f} ms {len(queries):>8} "
              f"{reload:>8}")


if __name__ == "__main__":
    main()
