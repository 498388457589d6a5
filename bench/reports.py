#!/usr/bin/env python
"""Report benchmark: one annual report as HTML and as PDF, and a plan's whole batch.

Run on demand (it is not a test): ``.venv/bin/python bench/reports.py``. It builds its own
database (SQLite in a temporary folder unless DATABASE_URL says otherwise), loads Terrassa's
demo plan, makes from it a plan of 27 programmes shaped like Palanques d'impuls (each with its
four actions, 2022 progress, indicators with their split, 63 activities and its budget),
and prints the figures. Goals on a 2-core machine: HTML < 100 ms, PDF < 1.5 s, 27 PDFs < 30 s.
"""

import copy
import os
import statistics
import time

from django.core.management import call_command
from django.db import connection
from own_database import ROOT  # Django set up on the benchmark's own database

PROGRAMMES = 27


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def bench_plan():
    """A 27-programme copy of Terrassa's plan, made through the plan document format."""
    from exchange.demo import demo_load
    from exchange.document import plan_document
    from exchange.importer import import_documents
    from organizations.models import Organization
    from plans.models import Plan

    demo_load(plan_files=[ROOT / "demo/plans/terrassa--peest-2019-2026.yaml"])
    source = plan_document(Plan.objects.get(slug="peest-2019-2026"))
    Organization.objects.get_or_create(slug="bench", defaults={
        "name": "Ajuntament de prova", "kind": "municipality"})
    document = copy.deepcopy(source)
    objective = document["elements"][0]
    programme = objective["children"][0]
    monitoring = document["monitoring"]
    progress, indicators, events = [], [], []
    budgets = []
    objective["children"] = []
    for number in range(1, PROGRAMMES + 1):
        names = {}
        copy_of = copy.deepcopy(programme)
        for element in [copy_of, *copy_of["children"]]:
            names[element["slug"]] = element["slug"] = f"{element['slug']}-{number}"
            element["title"] = f"{element['title']} ({number})"
            element["links"] = []
        objective["children"].append(copy_of)
        renamed = names.get
        for item in source["monitoring"]["progress"]:
            progress.append({**item, "element": renamed(item["element"], item["element"])})
        for item in source["monitoring"]["indicators"]:
            indicators.append({**item, "slug": f"{item['slug']}-{number}",
                               "element": renamed(item["element"], item["element"])})
        for item in source["monitoring"]["events"]:
            events.append({**item, "key": f"{item['key']}-{number}",
                           "element": renamed(item["element"], item["element"])})
        for item in source["budgets"]:
            budgets.append({**item, "element": renamed(item["element"], item["element"])})
    monitoring.update(progress=progress, indicators=indicators, events=events)
    document["budgets"] = budgets
    document["plan"]["slug"] = "bench"
    import_documents([document], organization="bench")
    return Plan.objects.get(organization__slug="bench", slug="bench")


def main() -> None:
    call_command("migrate", verbosity=0)
    from reports import generation
    from reports.builders.annual import programmes_of

    start = time.perf_counter()
    plan = bench_plan()
    setup = time.perf_counter() - start
    programmes = programmes_of(plan)
    first = programmes[0]
    generation.annual_report(plan, first, 2022, "pdf")  # warm up fonts and caches

    html = timed(lambda: generation.annual_report(plan, first, 2022, "html"), 20)
    pdf = timed(lambda: generation.annual_report(plan, first, 2022, "pdf"), 5)
    docx = timed(lambda: generation.annual_report(plan, first, 2022, "docx"), 5)
    odt = timed(lambda: generation.annual_report(plan, first, 2022, "odt"), 5)
    batch = timed(lambda: generation.annual_reports_zip(plan, 2022, "pdf"), 1)[0]

    print(f"Report benchmark · {os.cpu_count()} cores · "
          f"{connection.vendor} · {len(programmes)} programmes "
          f"(set-up {setup:.1f} s)")
    for label, times, goal in (("annual report, HTML", html, 0.100),
                               ("annual report, PDF", pdf, 1.5),
                               ("annual report, DOCX", docx, None),
                               ("annual report, ODT", odt, None)):
        median = statistics.median(times)
        verdict = "" if goal is None else (" ✓" if median < goal else " ✗ (goal "
                                                                      f"{goal * 1000:.0f} ms)")
        print(f"  {label:<24} median {median * 1000:7.1f} ms  "
              f"(min {min(times) * 1000:.1f}, n={len(times)}){verdict}")
    print(f"  {'whole plan, 27 PDFs (zip)':<24} {batch:7.1f} s"
          + (" ✓" if batch < 30 else " ✗ (goal 30 s)"))


if __name__ == "__main__":
    main()
