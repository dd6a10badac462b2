"""Time the CLI over a folder of files, as an inspector runs it: reports/s and peak memory.

Usage (from the repository root, with gklint installed in the running Python):

    python benchmarks/bench_batch.py                      # 400 JSON reports + 40 copies of the text sample
    python benchmarks/bench_batch.py --json 2000 --text 100 --jobs 1 2 --runs 3

The files are written once into a temporary folder: generated reports as gklint JSON (half of them
with a consistent report of the previous year of the same agency, so the series rules pair them) and
copies of ``samples/huangyuan-2021.txt`` (a real-sized text report, read and recognised). Each run is
``gklint check -f json -j N FOLDER`` in a fresh process; the table gives the median wall time, the
reports per second, the CPU time of all its processes (steadier than wall time on a shared machine) and the peak resident set of the largest process (the main one or a worker)
(``getrusage`` of the children, which includes the worker processes).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "huangyuan-2021.txt"


def write_files(folder: Path, n_json: int, n_text: int) -> int:
    from gklint.recognise.json_format import to_json
    from gklint.testing import consistent_reports

    for i, report in enumerate(consistent_reports(n_json, seed=1)):
        (folder / f"r{i:05d}.json").write_text(json.dumps(to_json(report), ensure_ascii=False), encoding="utf-8")
    text = SAMPLE.read_bytes()
    for i in range(n_text):
        (folder / f"t{i:05d}.txt").write_bytes(text)
    return n_json + n_text


def run(cmd: list[str], cwd: Path) -> tuple[float, int, int, float]:
    """(wall seconds, exit status, peak RSS in KB of the largest process, CPU seconds of all its processes)
    of one run in a fresh process."""
    code = ("import resource,subprocess,sys,time\n"
            "t=time.perf_counter();p=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE)\n"
            "w=time.perf_counter()-t\n"
            "u=resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "print(w,p.returncode,u.ru_maxrss,u.ru_utime+u.ru_stime)\n"
            "sys.stderr.write(p.stderr.decode()[-400:])")
    # run outside the checkout, so that PYTHONPATH decides which gklint runs (to compare two checkouts)
    proc = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True, cwd=cwd)
    wall, status, rss, cpu = proc.stdout.split()
    if int(status) not in (0, 1):
        raise SystemExit(f"{shlex.join(cmd)} exited {status}: {proc.stderr}")
    return float(wall), int(status), int(rss), float(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=int, default=400, help="generated JSON reports")
    parser.add_argument("--text", type=int, default=40, help="copies of the text sample")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"command: python {shlex.join(sys.argv)}")
    print(f"machine: nproc={os.cpu_count()} python={platform.python_version()} {platform.platform()}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M')}\n")
    print("| files | -j | wall (s) | reports/s | CPU (s, all processes) | peak RSS (MB, largest process) |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        n = write_files(folder, args.json, args.text)
        for jobs in args.jobs:
            cmd = [sys.executable, "-m", "gklint", "check", "-f", "json", "-j", str(jobs), str(folder)]
            runs = [run(cmd, folder) for _ in range(args.runs)]
            wall = statistics.median(r[0] for r in runs)
            rss = max(r[2] for r in runs) / 1024
            cpu = statistics.median(r[3] for r in runs)
            print(f"| {args.json} json + {args.text} txt | {jobs} | {wall:.1f} | {n / wall:.0f} | {cpu:.1f} | {rss:.0f} |")


if __name__ == "__main__":
    main()
