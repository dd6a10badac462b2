"""Time gklint: the CLI on the bundled sample, one in-process check, a batch of generated reports.

Usage (from the repository root, with gklint installed in the running Python):

    python benchmarks/bench_check.py                  # defaults: 7 CLI runs, 30 warm runs, batch of 1000
    python benchmarks/bench_check.py --batch 10000 --runs 3

Prints a Markdown table (paste it into docs/performance.md) preceded by the machine and the
command. Times are wall-clock medians; memory is the process's peak resident set
(``getrusage``) and the Python-level peak traced while the batch is checked (``tracemalloc``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "huangyuan-2021.txt"


def gklint_command() -> list[str]:
    """The installed console script beside this Python, else ``python -m gklint``."""
    script = shutil.which("gklint", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "gklint"]


def wall(cmd: list[str], runs: int) -> tuple[float, int]:
    """Median wall time (s) of running ``cmd``, and its exit status (0/1 expected for check)."""
    times, status = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        status = proc.returncode
        if status not in (0, 1):
            raise SystemExit(f"{shlex.join(cmd)} exited {status}: {proc.stderr.decode()[-500:]}")
    return statistics.median(times), status


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def maxrss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="subprocess runs per CLI measurement")
    parser.add_argument("--warm", type=int, default=30, help="in-process runs per warm measurement")
    parser.add_argument("--batch", type=int, default=1000, help="generated reports checked by check_many")
    parser.add_argument("--loop", type=int, default=100, help="generated reports checked one by one")
    parser.add_argument("--copies", type=int, default=200, help="copies of the sample checked by check_many")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    rows: list[tuple[str, str, str]] = []
    cli = gklint_command()

    # (a) start-up and the CLI, each in a fresh process
    python_only, _ = wall([sys.executable, "-c", "pass"], args.runs)
    rows.append(("Python start-up (`python -c pass`)", ms(python_only), f"median of {args.runs}"))
    for module in ("gklint", "pandas", "pandera.pandas"):
        t, _ = wall([sys.executable, "-c", f"import {module}"], args.runs)
        rows.append((f"`import {module}` (incl. start-up)", ms(t), f"median of {args.runs}"))
    t, _ = wall([*cli, "--help"], args.runs)
    rows.append(("`gklint --help`", ms(t), f"median of {args.runs}"))
    t, status = wall([*cli, "check", str(SAMPLE.relative_to(ROOT))], args.runs)
    rows.append((f"`gklint check {SAMPLE.relative_to(ROOT)}` (exit {status})", ms(t), f"median of {args.runs}"))

    # (b) one report in process: the first call pays the imports, later calls are warm
    start = time.perf_counter()
    import gklint
    from gklint.testing import consistent_report, consistent_reports
    import_time = time.perf_counter() - start
    rows.append(("`import gklint` in process", ms(import_time), "once"))

    start = time.perf_counter()
    gklint.check(str(SAMPLE))
    rows.append(("first `gklint.check(sample)` in process (cold: lazy imports, rule loading)",
                 ms(time.perf_counter() - start), "once"))
    rows.append(("`gklint.check(sample path)`, warm (read + recognise + check)",
                 ms(timed(lambda: gklint.check(str(SAMPLE)), args.warm)), f"median of {args.warm}"))
    sample = gklint.extract(str(SAMPLE))
    rows.append(("`gklint.check(sample Report)`, warm (the sample already read: check only)",
                 ms(timed(lambda: gklint.check(sample), args.warm)), f"median of {args.warm}"))
    one = consistent_report(args.seed, "2021")
    rows.append(("`gklint.check(report)`, warm (a generated `Report`, check only)",
                 ms(timed(lambda: gklint.check(one), args.warm)), f"median of {args.warm}"))
    from gklint.engine.kinds import PER_REPORT
    from gklint.engine.rules import load_rules
    every = load_rules()
    split = (("table rules only", tuple(r for r in every if r.kind not in PER_REPORT)),
             ("per-report rules only", tuple(r for r in every if r.kind in PER_REPORT)))
    for name, chosen in split:
        rows.append((f"`gklint.check(report)`, warm, {name}",
                     ms(timed(lambda: gklint.check(one, rules=chosen), args.warm)), f"median of {args.warm}"))

    # (c) batch: generation, a loop of single checks, then check_many
    start = time.perf_counter()
    reports = consistent_reports(args.batch, seed=args.seed)
    gen = time.perf_counter() - start
    rows.append((f"generate {args.batch:,} reports (`gklint.testing`, both layouts)", ms(gen), "once"))

    loop = reports[: args.loop]
    start = time.perf_counter()
    for report in loop:
        gklint.check(report)
    t = time.perf_counter() - start
    rows.append((f"`gklint.check` in a loop over {len(loop):,} reports", ms(t),
                 f"{len(loop) / t:,.0f} reports/s"))

    rss_before = maxrss_mb()
    start = time.perf_counter()
    result = gklint.check_many(reports)
    t = time.perf_counter() - start
    rss_after = maxrss_mb()
    errors = result.count("error")
    rows.append((f"`gklint.check_many` over {args.batch:,} reports ({errors} errors found)", ms(t),
                 f"{args.batch / t:,.0f} reports/s"))

    # generated reports carry a few short sentences; real reports carry pages of text
    copies = [sample] * args.copies
    start = time.perf_counter()
    gklint.check_many(copies)
    t = time.perf_counter() - start
    rows.append((f"`gklint.check_many` over {args.copies:,} copies of the sample `Report` (real-sized text)",
                 ms(t), f"{args.copies / t:,.0f} reports/s"))

    # where the batch time goes: table rules (pandera over stacked frames) versus per-report rules
    for name, chosen in split:
        kinds = ", ".join(sorted({r.kind for r in chosen}))
        start = time.perf_counter()
        gklint.check_many(reports, rules=chosen)
        t = time.perf_counter() - start
        rows.append((f"`check_many` over {args.batch:,} reports, {name} ({len(chosen)} rules: {kinds})",
                     ms(t), f"{args.batch / t:,.0f} reports/s"))

    # (d) memory: process peak around the batch, and Python allocations traced during a second batch
    del result
    tracemalloc.start()
    gklint.check_many(reports)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rows.append(("peak RSS before → after `check_many`", f"{rss_before:,.0f} → {rss_after:,.0f} MB",
                 "getrusage maxrss"))
    rows.append(("peak traced Python memory during `check_many`", f"{peak / 2**20:,.1f} MB", "tracemalloc"))

    print(f"Command: `{shlex.join(['python', 'benchmarks/bench_check.py', *(argv or sys.argv[1:])])}`  ")
    print(f"Date: {dt.date.today().isoformat()} · nproc {os.cpu_count()} · Python {platform.python_version()} · "
          f"{platform.platform()} · load average at the end {' / '.join(f'{x:.2f}' for x in os.getloadavg())}  ")
    print("Versions: " + ", ".join(f"{d} {version(d)}" for d in ("gklint", "pandas", "pandera", "numpy")) + "  ")
    print(f"CLI: `{shlex.join(cli)}`\n")
    print("| measurement | time / size | note |")
    print("|---|---:|---|")
    for name, value, note in rows:
        print(f"| {name} | {value} | {note} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
