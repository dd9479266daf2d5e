"""`python -m bench` (what `make bench` runs): every size in its own database, then the table.

    BENCH_SIZES="1 100" python -m bench [--keep] [--requests 40] [--readme]

Each size gets a fresh PostgreSQL database `bench_x<size>` on the server of DATABASE_URL
(--keep reuses one already generated), which `bench.size` migrates and fills. Then every size is
served by its own gunicorn at once and timed in rounds: each round asks every page of every size
once, so that the machine's ups and downs weigh on all pages and sizes alike. Then the
agreements report is timed against plain WeasyPrint (`manage.py bench_report`) on the ×1
database. The Markdown table is printed and, with --readme, written into README.md.
"""

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv/bin/python")
WARMUP = 5  # rounds not counted


def database_url(base: str, name: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def recreate(base: str, name: str, *, keep: bool) -> None:
    # Not `with connection`: since psycopg2 2.9 that opens a transaction, where DROP cannot run.
    admin = psycopg2.connect(database_url(base, "postgres"))
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() and keep:
                return
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        admin.close()


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        int(line.split()[1]) // (1024 * 1024)
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    server = database_url(os.environ["DATABASE_URL"], "postgres")
    with psycopg2.connect(server) as connection, connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0].split()[0]
    return f"{cpu}, {os.cpu_count()} cores, {memory} GiB RAM, PostgreSQL {postgres}"


def report_bench(url: str) -> dict:
    """The existing bench_report command: the agreements report (410 agreements make about
    50 pages) against plain WeasyPrint on the same HTML."""
    output = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [PYTHON, "manage.py", "bench_report", "--agreements", "410", "--runs", "3"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "PLAIN_HTTP": "1"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {key: float(value) for key, value in re.findall(r"(\w+)=([\d.]+)s?", output)}


def table(results: dict[float, dict], report: dict | None) -> str:
    """The README's table. Each page is divided by the trivial view asked for by the same
    visitor (the target's ratio) and by the anonymous one."""
    small, large = min(results), max(results)
    first, last = results[small], results[large]
    anonymous = first["trivial_anonymous"]
    lines = [
        f"| page | p50 ×{small:g} (ms) | p95 ×{small:g} (ms) | p50 ×{large:g} (ms) "
        f"| p95 ×{large:g} (ms) | p50 / trivial, same visitor ×{small:g} "
        f"| p50 / trivial, same visitor ×{large:g} | p50 / anonymous trivial ×{small:g} "
        f"| p50 / anonymous trivial ×{large:g} | p50 ×{large:g} / ×{small:g} "
        f"| queries ×{small:g} | queries ×{large:g} |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]

    def ratio(result: dict, label: str, baseline: str) -> str:
        return f"{result['timings'][label]['p50'] / result['timings'][baseline]['p50']:.1f}"

    for label, timing in first["timings"].items():
        other = last["timings"][label]
        trivial = first["trivial"][label]
        lines.append(
            f"| {label} | {timing['p50'] * 1000:.1f} | {timing['p95'] * 1000:.1f} "
            f"| {other['p50'] * 1000:.1f} | {other['p95'] * 1000:.1f} "
            f"| {ratio(first, label, trivial)} | {ratio(last, label, trivial)} "
            f"| {ratio(first, label, anonymous)} | {ratio(last, label, anonymous)} "
            f"| {other['p50'] / timing['p50']:.2f} "
            f"| {first['queries'][label]} | {last['queries'][label]} |"
        )
    if report:
        lines += [
            "",
            "| report | pages | seconds | pages/second | plain WeasyPrint (s) | ratio |",
            "|---|--:|--:|--:|--:|--:|",
            f"| agreements report (`bench_report`) | {report['pages']:.0f} "
            f"| {report['portal']:.2f} | {report['pages_per_second']:.1f} "
            f"| {report['plain_weasyprint']:.2f} | {report['ratio']:.3f} |",
        ]
    generation = [
        f"×{scale:g}: {result['generate_seconds']:.1f} s "
        f"({result['generated']['agreements']:,} agreements, "
        f"{result['generated']['applications']:,} applications, "
        f"{result['generated']['steps']:,} history rows)"
        for scale, result in results.items()
        if result.get("generated")
    ]
    if generation:
        lines += ["", "Data generation: " + "; ".join(generation) + "."]
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text()
    start = content.find("## Performance")
    if start == -1:
        raise SystemExit("README.md has no '## Performance' section to update")
    marker_start, marker_end = "<!-- bench:start -->", "<!-- bench:end -->"
    begin, end = content.find(marker_start, start), content.find(marker_end, start)
    readme.write_text(content[: begin + len(marker_start)] + "\n" + text + "\n" + content[end:])


def time_pages(results: dict[float, dict], urls: dict[float, str], *, requests: int) -> None:
    """Serve every size at once and time its pages in rounds; adds "timings" to each result."""
    from .size import free_port, get, percentile, serve

    ports = {size: free_port() for size in results}
    servers = [serve(ports[size], 2, urls[size]) for size in results]
    seconds = {size: {page["label"]: [] for page in results[size]["pages"]} for size in results}
    try:
        for round_number in range(WARMUP + requests):
            for index in range(len(next(iter(results.values()))["pages"])):
                for size, result in results.items():
                    page = result["pages"][index]
                    status, elapsed = get(
                        ports[size], page["url"], result["cookies"].get(page["role"])
                    )
                    if status != 200:
                        raise RuntimeError(f"×{size:g} {page['url']} answered {status}")
                    if round_number >= WARMUP:
                        seconds[size][page["label"]].append(elapsed)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    for size, result in results.items():
        result["timings"] = {
            label: {"p50": statistics.median(values), "p95": percentile(values, 0.95)}
            for label, values in seconds[size].items()
        }
        for label, timing in result["timings"].items():
            print(
                f"  ×{size:g} {label:<34} p50 {timing['p50'] * 1000:7.1f} ms"
                f"  queries {result['queries'][label]}",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1 100"))
    parser.add_argument("--requests", type=int, default=int(os.environ.get("BENCH_REQUESTS", 40)))
    parser.add_argument("--keep", action="store_true", help="reuse generated databases")
    parser.add_argument("--no-report", action="store_true")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    args = parser.parse_args()
    base = os.environ["DATABASE_URL"]
    sizes = [float(size) for size in args.sizes.split()]
    results, urls = {}, {}
    for size in sizes:
        name = f"bench_x{size:g}".replace(".", "_")
        print(f"×{size:g}: database {name}", flush=True)
        recreate(base, name, keep=args.keep)
        out = Path(tempfile.gettempdir()) / f"{name}.json"
        started = time.perf_counter()
        subprocess.run(  # noqa: S603 - our own runner, fixed arguments
            [PYTHON, "-m", "bench.size", "--scale", f"{size:g}", "--out", str(out)],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": database_url(base, name)},
            check=True,
        )
        results[size] = json.loads(out.read_text())
        urls[size] = database_url(base, name)
        print(f"×{size:g}: ready in {time.perf_counter() - started:.0f}s", flush=True)
    time_pages(results, urls, requests=args.requests)
    report = None
    if not args.no_report:
        print("report: bench_report on the smallest database", flush=True)
        small = f"bench_x{min(sizes):g}".replace(".", "_")
        report = report_bench(database_url(base, small))
    text = (
        f"Measured on {date.today().isoformat()} on {machine()} with "
        f'`make bench BENCH_SIZES="{args.sizes}"` ({args.requests} rounds of one request per page '
        f"and size after {WARMUP} to warm up, every size served at once by its own gunicorn "
        f"with 2 workers, DEBUG off).\n\n{table(results, report)}"
    )
    print(text)
    if args.readme:
        write_readme(text)


if __name__ == "__main__":
    sys.exit(main())
