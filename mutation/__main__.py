"""`python -m mutation` (what `make mutation` runs): mutmut over each module of MODULES, then the
table of results.

    python -m mutation [--max-children 2] [--table] [MODULE ...]

Without MODULE every module of MODULES runs; --table prints the table of the results so far
without running anything. A second run tests only the mutants whose function changed since.
"""

import argparse
import json
import os
import subprocess
import sys
import time

from mutmut.stats import status_by_exit_code

from . import MODULES, ROOT, workspace

COLUMNS = ("killed", "survived", "timeout", "no tests")


def run(module: str, max_children: int) -> float:
    """mutmut over `module` in its workspace; the seconds it took."""
    mutants = workspace(module) / "mutants"
    mutants.mkdir(parents=True, exist_ok=True)
    # Django's STATICFILES_DIRS name node_modules beside the settings; the copy needs them too.
    if not (mutants / "node_modules").exists():
        (mutants / "node_modules").symlink_to(ROOT / "node_modules")
    link = ROOT / "mutants"
    if link.is_symlink():
        link.unlink()
    elif link.exists():
        sys.exit(f"{link} is not a link to a workspace of mutation/work: move it away first")
    link.symlink_to(mutants)
    started = time.monotonic()
    completed = subprocess.run(  # noqa: S603 - our own module, a module name from MODULES
        [sys.executable, "-m", "mutation.module", module, "--max-children", str(max_children)],
        cwd=ROOT,
        env={**os.environ, "STATIC_ROOT": os.environ.get("STATIC_ROOT", str(ROOT / "staticfiles"))},
        check=False,
    )
    # mutmut leaves decorated functions alone and stops with an error when a module has no
    # other: such a module has 0 mutants in the table, and the run goes on to the next module.
    counts = results(module)
    if completed.returncode and (counts is None or sum(counts.values())):
        raise subprocess.CalledProcessError(completed.returncode, completed.args)
    return time.monotonic() - started


def results(module: str) -> dict[str, int] | None:
    """How many of `module`'s mutants ended in each status, None before its first run."""
    meta = workspace(module) / "mutants" / f"{module}.meta"
    if not meta.exists():
        return None
    counts = dict.fromkeys((*COLUMNS, "other"), 0)
    for exit_code in json.loads(meta.read_text())["exit_code_by_key"].values():
        status = status_by_exit_code[exit_code]
        counts[status if status in counts else "other"] += 1
    return counts


def table(modules: list[str]) -> str:
    """The results as a Markdown table; "other" counts mutants not checked yet or suspicious."""
    lines = [
        "| module | mutants | killed | survived | timeout | no tests | other | % killed |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for module in modules:
        counts = results(module)
        if counts is None:
            lines.append(f"| {module} | not run | | | | | | |")
            continue
        total = sum(counts.values())
        share = f"{100 * counts['killed'] / total:.1f}" if total else "–"
        cells = " | ".join(str(counts[column]) for column in (*COLUMNS, "other"))
        lines.append(f"| {module} | {total} | {cells} | {share} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=", ".join(MODULES))
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--table", action="store_true", help="print the table, run nothing")
    args = parser.parse_args()
    unknown = set(args.modules) - set(MODULES)
    if unknown:
        parser.error(f"not in mutation.MODULES: {', '.join(sorted(unknown))}")
    modules = args.modules or list(MODULES)
    if not args.table:
        for module in modules:
            seconds = run(module, args.max_children)
            print(f"{module}: {seconds:.0f} s", flush=True)
    print(table(modules))


if __name__ == "__main__":
    main()
