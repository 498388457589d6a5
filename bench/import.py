#!/usr/bin/env python
"""Spreadsheet import benchmark: 5,000-row workbooks through the whole import.

Run on demand (it is not a test): ``.venv/bin/python bench/import.py``. It builds its own
database (SQLite in a temporary folder unless DATABASE_URL says otherwise) and an XLSX of a
plan of 50 lines × 99 actions (5,000 elements, with bodies, vocabularies and calendars), then
times, each with the process's peak resident size once it is done:

- creating the plan from the workbook (preview, then import);
- importing the same workbook again (nothing changes);
- a workbook of the plan with 500 titles changed (preview, then import);
- 5,000 progress rows of one period (preview, then import).

Goals on a 2-core machine: each import < 10 s and < 500 MB.
"""

import os
import resource
import time

import own_database  # noqa: F401  (first: Django set up on the benchmark's own database)
from django.core.management import call_command
from django.db import connection

LINES, ACTIONS = 50, 99
GOAL_SECONDS, GOAL_MB = 10, 500


def workbook(sheets: dict[str, list[list]]) -> bytes:
    from exchange.tests.sheets import xlsx  # the workbook builder of the import's tests

    return xlsx(sheets)


def plan_workbook() -> bytes:
    bodies = [["identificador", "sigla", "nom", "tipus"]] + [
        [f"servei-{n}", f"S{n}", f"Servei municipal {n}", "Servei municipal"]
        for n in range(1, 11)]
    elements = [["codi", "pare", "nivell", "títol", "descripció", "instruments", "calendari",
                 "responsables", "pes"]]
    for line in range(1, LINES + 1):
        elements.append([f"L{line}", None, "linia", f"Línia d'actuació {line}",
                         "Una línia del pla.", None, None, None, 1])
        for action in range(1, ACTIONS + 1):
            elements.append([
                f"L{line}.{action}", f"L{line}", "accio",
                f"Acció {action} de la línia {line}: impulsar l'economia social al territori",
                "- Sessions informatives\n- Acompanyament a projectes",
                "Jornades, formacions, tallers; Materials", f"2025; 2026-T{1 + action % 4}",
                f"S{1 + action % 10}; S{1 + line % 10}", 1])
    return workbook({
        "pla": [["camp", "valor"], ["identificador", "bench"], ["títol", "Pla de prova"],
                ["tipus", "Pla estratègic"], ["primer any", 2025], ["darrer any", 2028]],
        "nivells": [["identificador", "nivell pare", "nom (català)", "conté accions"],
                    ["linia", None, "Línia", "no"], ["accio", "linia", "Acció", "sí"]],
        "òrgans": bodies, "elements": elements,
        "períodes": [["període", "estat"], ["2025", "Obert"]],
    })


def progress_workbook() -> bytes:
    rows = [["element", "període", "estat", "% executat", "estat del desplegament"]]
    for line in range(1, LINES + 1):
        rows.append([f"L{line}", "2025", None, None, None])
        for action in range(1, ACTIONS + 1):
            rows.append([f"L{line}.{action}", "2025", "En curs", action % 100,
                         "S'han fet les sessions previstes."])
    return workbook({"avenç": rows})


def measure(label: str, work) -> dict:
    """Time without tracing (tracemalloc slows Python several times over); memory as the
    process's peak resident size once the step is done."""
    start = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - start
    if result.errors:
        raise SystemExit(f"{label}: {[str(e) for e in result.errors[:5]]}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"label": label, "seconds": seconds, "peak": peak}


def main() -> None:
    call_command("migrate", verbosity=0)
    from exchange.sheets.export import template_download
    from exchange.sheets.importing import sheets_import
    from organizations.models import Organization
    from plans.models import Plan

    organization, _created = Organization.objects.get_or_create(
        slug="bench", defaults={"name": "Ajuntament de prova", "kind": "municipality"})

    def run(data, *, apply, plan="bench"):
        return sheets_import(organization=organization, data=data, filename="bench.xlsx",
                             plan_slug=plan, apply=apply)

    structure = plan_workbook()
    figures = [
        measure("create 5,000 elements: preview", lambda: run(structure, apply=False)),
        measure("create 5,000 elements: import", lambda: run(structure, apply=True)),
        measure("same workbook again: preview", lambda: run(structure, apply=False)),
    ]
    plan = Plan.objects.get(organization=organization, slug="bench")
    exported = template_download(plan, kind="structure", format="xlsx").content
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(exported))
    sheet = book["elements"]
    for row in list(sheet.iter_rows(min_row=2))[::10]:
        row[4].value = f"{row[4].value} (revisat)"
    output = BytesIO()
    book.save(output)
    changed = output.getvalue()
    figures += [
        measure("500 titles changed: preview", lambda: run(changed, apply=False)),
        measure("500 titles changed: import", lambda: run(changed, apply=True)),
    ]
    progress = progress_workbook()
    figures += [
        measure("5,000 progress rows: preview", lambda: run(progress, apply=False)),
        measure("5,000 progress rows: import", lambda: run(progress, apply=True)),
    ]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Spreadsheet import benchmark · {os.cpu_count()} cores · "
          f"{connection.vendor} · workbooks of {len(structure) // 1024} KB "
          f"(structure) and {len(progress) // 1024} KB (progress), "
          f"{LINES * (ACTIONS + 1)} rows")
    for figure in figures:
        verdict = "✓" if figure["seconds"] < GOAL_SECONDS and figure["peak"] < GOAL_MB else "✗"
        print(f"  {figure['label']:<34} {figure['seconds']:6.1f} s   "
              f"process peak {figure['peak']:6.1f} MB  {verdict}")
    print(f"  process peak resident size {rss:.0f} MB "
          f"({'✓' if rss < GOAL_MB else '✗'} goal {GOAL_MB} MB); goal per import "
          f"{GOAL_SECONDS} s")


if __name__ == "__main__":
    main()
