#!/usr/bin/env python
"""Scale benchmark: the main pages at N=10 and N=1000 synthetic organisations on PostgreSQL,
and a load test of the public plan page against a bare Django view.

Run on demand (it is not a test): ``.venv/bin/python bench/scale.py``. It needs the
PostgreSQL server of ``BENCH_DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432``)
and makes there the databases ``teixit_bench_10`` and ``teixit_bench_1000`` with
``teixit synth`` the first time (about ten minutes for N=1000; later runs reuse them). The load
generator is wrk (installed with apt where missing). Options: ``--sizes 10 1000``,
``--requests 40`` (per page and kind), ``--load-seconds 60``, ``--skip-load``.

Figures, per page: server time p50/p95 through the whole Django stack (in process, DEBUG
off), "cold" with the page cache emptied before each request and "warm" as a visitor finds it
(public pages are cached per published version); SQL queries per page (cold). Then requests/s,
p95 and errors of 50 concurrent connections for 60 s on gunicorn.
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's apps, not this folder's scripts of the same names
PYTHON = str(ROOT / ".venv/bin/python")
BASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432")
ENV = {"DEBUG": "False", "SECRET_KEY": "benchmark-only", "SECURE_SSL_REDIRECT": "False",
       "SESSION_COOKIE_SECURE": "False", "CSRF_COOKIE_SECURE": "False",
       "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver", "LOG_LEVEL": "ERROR"}


def database_url(size: int) -> str:
    return f"{BASE_URL}/teixit_bench_{size}"


def run(args: list[str], size: int | None = None, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, **ENV}
    if size is not None:
        env["DATABASE_URL"] = database_url(size)
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def prepare(size: int) -> None:
    """The database of ``size`` organisations, made once."""
    import psycopg

    with psycopg.connect(f"{BASE_URL}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                    [f"teixit_bench_{size}"]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "teixit_bench_{size}"')
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], size)
    with psycopg.connect(database_url(size)) as connection:
        have = connection.execute(
            "SELECT count(*) FROM organizations_organization WHERE kind = 'municipality' "
            "AND slug LIKE 'synth-%%'").fetchone()[0]
    if have < size:
        print(f"Making {size - have} synthetic organisations (N={size})…", flush=True)
        run([str(ROOT / ".venv/bin/teixit"), "synth", "--orgs", str(size - have)], size,
            stdout=subprocess.DEVNULL)


# Measuring, inside a process whose DATABASE_URL is the size's -------------------------------

def pages(size: int) -> list[tuple[str, str | None, str]]:
    org = f"synth-{max(1, size // 2):04d}"
    plan = f"/{org}/pla-estrategic/"
    return [("public plan page", None, plan),
            ("element page", None, f"{plan}elements/p5/"),
            ("editor tree", "synth-admin", f"/editor/{org}/plans/pla-estrategic/"),
            ("editor dashboard", "synth-admin",
             f"/editor/{org}/plans/pla-estrategic/monitoring/"),
            ("network members page", None, "/synth-xarxa/")]


def measure(size: int, requests: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teixit.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test import Client

    results = {}
    for name, user, path in pages(size):
        client = Client()
        if user:
            client.force_login(get_user_model().objects.get(username=user))
        client.get(path)  # warm the process: templates, translations, URL resolvers
        cold, warm = [], []
        for _ in range(requests):
            cache.clear()
            start = time.perf_counter()
            response = client.get(path)
            cold.append(time.perf_counter() - start)
            assert response.status_code == 200, (path, response.status_code)
        for _ in range(requests):
            start = time.perf_counter()
            client.get(path)
            warm.append(time.perf_counter() - start)
        cache.clear()
        connection.force_debug_cursor = True
        reset_queries()
        client.get(path)
        queries = len(connection.queries)
        connection.force_debug_cursor = False
        results[name] = {"path": path, "queries": queries,
                         "cold": percentiles(cold), "warm": percentiles(warm)}
    return results


def percentiles(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"p50": statistics.median(ordered) * 1000,
            "p95": ordered[max(0, round(len(ordered) * .95) - 1)] * 1000}


# Load ----------------------------------------------------------------------------------------

WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %.3f %.3f\\n", summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, summary.errors.status, summary.duration,
    latency:percentile(95) / 1000, latency:percentile(50) / 1000))
end
"""


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("Installing wrk (apt)…", flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True,
                   stdout=subprocess.DEVNULL, env={**os.environ,
                                                   "DEBIAN_FRONTEND": "noninteractive"})
    return shutil.which("wrk")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(size: int, seconds: int) -> dict:
    wrk = ensure_wrk()
    port = free_port()
    workers = str(2 * (os.cpu_count() or 1) + 1)
    env = {**os.environ, **ENV, "DATABASE_URL": database_url(size)}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "teixit.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", workers, "--log-level", "warning"],
        cwd=ROOT, env=env)
    results = {"workers": int(workers)}
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(.3)
        plan = pages(size)[0][2]
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        for name, path in (("bare Django view (/health/)", "/health/"),
                           ("public plan page", plan)):
            subprocess.run([wrk, "-t2", "-c50", "-d2s", f"http://127.0.0.1:{port}{path}"],
                           check=True, capture_output=True)  # warm every worker
            output = subprocess.run(
                [wrk, "-t2", "-c50", f"-d{seconds}s", "--timeout", "10s", "-s", script.name,
                 f"http://127.0.0.1:{port}{path}"], check=True, capture_output=True,
                text=True).stdout
            line = next(li for li in output.splitlines() if li.startswith("RESULT"))
            count, errors, status_errors, duration, p95, p50 = line.split()[1:]
            results[name] = {"requests": int(count),
                             "per_second": int(count) / (int(duration) / 1e6),
                             "errors": int(errors) + int(status_errors),
                             "p50": float(p50), "p95": float(p95)}
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


# Printing ------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 1000])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.requests)))
        return

    if not (ROOT / "staticfiles/staticfiles.json").exists():
        print("Collecting the static files (DEBUG off needs them)…", flush=True)
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"])
    figures = {}
    for size in args.sizes:
        prepare(size)
        output = run([PYTHON, __file__, "--measure", str(size), "--requests",
                      str(args.requests)], size, capture_output=True, text=True).stdout
        figures[size] = json.loads(output.strip().splitlines()[-1])

    print(f"\nScale benchmark · {os.cpu_count()} cores · PostgreSQL · "
          f"{args.requests} requests per page and kind")
    sizes = args.sizes
    header = "  " + f"{'page':<22}" + "".join(
        f"{f'N={n} cold p50/p95':>22}{'warm p95':>10}{'queries':>9}" for n in sizes)
    print(header)
    for name in figures[sizes[0]]:
        line = f"  {name:<22}"
        for size in sizes:
            item = figures[size][name]
            line += (f"{item['cold']['p50']:>10.1f}/{item['cold']['p95']:<6.1f} ms"
                     f"{item['warm']['p95']:>7.1f} ms{item['queries']:>9}")
        print(line)
    if len(sizes) == 2:
        small, large = sizes
        print(f"\n  cold p95 ratio N={large} / N={small}:")
        for name in figures[small]:
            ratio = figures[large][name]["cold"]["p95"] / figures[small][name]["cold"]["p95"]
            same = figures[large][name]["queries"] == figures[small][name]["queries"]
            print(f"    {name:<22} {ratio:5.2f}×   queries "
                  f"{'equal' if same else 'DIFFERENT'}")
    goal = max(sizes)
    print(f"\n  goals at N={goal}: p95 ≤ 100 ms, ≤ 15 queries — as served (warm: the page or "
          f"its costly part kept per version of the data) and right after a change (cold)")
    for name, item in figures[goal].items():
        few = item["queries"] <= 15
        warm = item["warm"]["p95"] <= 100 and few
        cold = item["cold"]["p95"] <= 100 and few
        print(f"    {name:<22} warm p95 {item['warm']['p95']:6.1f} ms {'✓' if warm else '✗'}   "
              f"cold p95 {item['cold']['p95']:6.1f} ms {'✓' if cold else '✗'}   "
              f"{item['queries']} queries {'✓' if few else '✗'}")

    if not args.skip_load:
        size = max(sizes)
        result = load(size, args.load_seconds)
        print(f"\n  load: gunicorn ({result['workers']} workers) on N={size}, wrk 50 "
              f"connections for {args.load_seconds} s on loopback")
        for name in ("bare Django view (/health/)", "public plan page"):
            item = result[name]
            print(f"    {name:<30} {item['per_second']:8.0f} req/s   p50 {item['p50']:6.1f} ms"
                  f"   p95 {item['p95']:6.1f} ms   errors {item['errors']}")
        ratio = (result["public plan page"]["per_second"]
                 / result["bare Django view (/health/)"]["per_second"])
        print(f"    public plan page / bare view: {ratio:.0%} "
              f"({'✓' if ratio >= .3 else '✗'} goal ≥ 30 %)")


if __name__ == "__main__":
    main()
