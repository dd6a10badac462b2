"""CPU of the series step (the rules pairing one agency's reports of consecutive years) per paired report.

Usage (from the repository root):

    python benchmarks/bench_series.py FOLDER                         # this checkout
    python benchmarks/bench_series.py FOLDER --trees OLD_CHECKOUT .  # two checkouts side by side, in turns

For each checkout, a fresh process reads and checks FOLDER (the map, in a pool of ``--jobs`` workers), then
asks for the series step of ``-f json`` and ``-f jsonl`` (``api.Run.render_series``) with the workers' share
caught on its way to them (``batch.reduce_all``): the tasks as the main process sends them. Those tasks are
then run in process (``batch.map_series``, what a worker does with one, with a worker's imports and the
collector's threshold the CLI sets) ``--runs`` times, after one warm-up run; the figure is the median CPU time
(``time.process_time``) per report checked (each task's members, the reports given findings or not), with the
bytes sent to and from a worker per report. The main process's share (gathering what is sent from the run's
temporary file) is timed too, once.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(folder: str, runs: int, jobs: int) -> dict:
    """In this process (the checkout on ``sys.path`` decides which gklint): CPU ms per paired report."""
    import gc

    from gklint import api, batch
    from gklint.cli import YOUNG_GENERATION
    from gklint.output import json_output, jsonl

    paths = sorted(str(p) for p in Path(folder).iterdir())
    out: dict = {}
    for name, render in (("json", json_output.series_bytes), ("jsonl", jsonl.series_bytes)):
        run = api.Run(paths, jobs=jobs)
        for _ in run.files():
            pass
        caught: list = []

        def catch(tasks, job, render_, **_):
            for key, checks in tasks:
                caught.append(checks)
                yield key, [[] for _ in checks]

        main = time.process_time()
        saved, batch.reduce_all = batch.reduce_all, catch
        try:
            for _ in run.render_series(render):
                pass
        finally:
            batch.reduce_all = saved
        main = time.process_time() - main
        batch._preload(run.job)  # the imports a worker holds (pandas, pandera): its heap, as its collector scans it
        gc.set_threshold(YOUNG_GENERATION, *gc.get_threshold()[1:])  # as the CLI sets it (its workers inherit it)
        members = sum(len(group) for checks in caught for _, group in checks)
        if not members:
            raise SystemExit(f"{folder}: no series task (under api.Run.REMOTE reports to pair, or none paired)")
        sent = sum(len(pickle.dumps(checks, pickle.HIGHEST_PROTOCOL)) for checks in caught)
        times, back = [], 0
        for k in range(runs + 1):
            start = time.process_time()
            found = [batch.map_series(checks, run.job, render) for checks in caught]
            if k:
                times.append(time.process_time() - start)
            back = sum(len(pickle.dumps(f, pickle.HIGHEST_PROTOCOL)) for f in found)
        out[name] = dict(members=members, tasks=len(caught), worker_ms=1e3 * statistics.median(times) / members,
                         main_ms=1e3 * main / members, sent_bytes=sent / members, back_bytes=back / members)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--trees", nargs="+", default=[str(ROOT)], help="checkouts to compare (each on PYTHONPATH)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of the workers' share (median)")
    parser.add_argument("--rounds", type=int, default=1, help="fresh processes per checkout, in turns")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.folder, args.runs, args.jobs)))
        return
    results: dict[str, list[dict]] = {tree: [] for tree in args.trees}
    for _ in range(args.rounds):
        for tree in args.trees:
            env = dict(os.environ, PYTHONPATH=os.path.abspath(tree))
            proc = subprocess.run([sys.executable, os.path.abspath(__file__), args.folder, "--child", "--runs",
                                   str(args.runs), "--jobs", str(args.jobs)],
                                  capture_output=True, text=True, env=env, cwd="/")
            if proc.returncode:
                raise SystemExit(proc.stderr)
            results[tree].append(json.loads(proc.stdout.splitlines()[-1]))
    print(f"{'checkout':40} {'format':6} {'paired':>7} {'tasks':>6} {'worker ms':>10} {'main ms':>8} "
          f"{'sent B':>8} {'back B':>8}   (per paired report; worker: median of {args.runs}, medians over rounds)")
    for tree, rows in results.items():
        for fmt in ("json", "jsonl"):
            got = [row[fmt] for row in rows]
            med = {k: statistics.median(g[k] for g in got) for k in got[0]}
            print(f"{tree[-40:]:40} {fmt:6} {med['members']:7.0f} {med['tasks']:6.0f} {med['worker_ms']:10.3f} "
                  f"{med['main_ms']:8.3f} {med['sent_bytes']:8.0f} {med['back_bytes']:8.0f}")


if __name__ == "__main__":
    main()
