"""Peak memory of ``gklint check`` as the batch grows: is it flat in the number of reports?

Usage (from the repository root, with gklint importable in the running Python; PYTHONPATH picks the checkout):

    PYTHONPATH=$PWD python benchmarks/bench_memory.py                       # 1,000 / 4,000 / 10,000 reports
    PYTHONPATH=$PWD python benchmarks/bench_memory.py --sizes 1000 10000 50000 --formats jsonl json --jobs 2

For each size, that many generated reports are written as gklint JSON into a temporary folder (the reports of
``gklint.testing.consistent_reports``, as benchmarks/bench_batch.py writes them), then each format is run once
as ``gklint check -f FORMAT -j N FOLDER`` in a fresh process, its output to /dev/null. The figures are peak
resident sets: of the largest process of the run (``getrusage(RUSAGE_CHILDREN).ru_maxrss`` of a wrapper that
runs only that command, so the main process or a worker, whichever is larger), and, where /proc is there, of
the main process and of the largest worker apart (each process's ``VmHWM``, its own peak, read every 50 ms
while it runs).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import write_files  # noqa: E402


def _children() -> dict[int, list[int]]:
    """Every process's children (from /proc), by parent id."""
    out: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        out.setdefault(ppid, []).append(int(entry))
    return out


def _hwm(pid: int) -> int:
    """The process's peak resident set in KB (``VmHWM``), 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(cmd: list[str], cwd: Path) -> tuple[float, int, int, int]:
    """(wall seconds, peak RSS in KB of the largest process, of the main process, of the largest worker) of
    one run of ``cmd`` in a fresh process (the last two 0 without /proc)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks: dict[int, int] = {}
    procfs = os.path.isdir("/proc/self")
    while proc.poll() is None:
        if procfs:
            tree, todo = _children(), [proc.pid]
            while todo:
                pid = todo.pop()
                peaks[pid] = max(peaks.get(pid, 0), _hwm(pid))
                todo.extend(tree.get(pid, []))
        time.sleep(0.05)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{shlex.join(cmd)} exited {proc.returncode}: {err[-400:]}")
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if largest <= before:  # an earlier, larger child hides this one's peak: take what /proc saw
        largest = max(peaks.values(), default=0)
    main_peak = peaks.pop(proc.pid, 0)
    return wall, largest, main_peak, max(peaks.values(), default=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 10000])
    parser.add_argument("--formats", nargs="+", default=["jsonl", "json"])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--folder", type=Path, help="check the gklint JSON files of this folder instead of "
                        "generating them (one size: its number of files)")
    args = parser.parse_args()
    print(f"command: PYTHONPATH={os.environ.get('PYTHONPATH', '')} python {shlex.join(sys.argv)}")
    print(f"machine: nproc={os.cpu_count()} python={platform.python_version()} {platform.platform()}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M')}\n")
    print("| reports | format | -j | wall (s) | peak RSS (MB): largest process | main process | largest worker |")
    print("|---|---|---|---|---|---|---|")

    def one(folder: Path, size: int) -> None:
        for name in args.formats:
            cmd = [sys.executable, "-m", "gklint", "check", "-f", name, "-j", str(args.jobs), str(folder)]
            # run outside the checkout, so that PYTHONPATH decides which gklint runs (to compare two checkouts)
            wall, largest, main_peak, worker = measure(cmd, folder)
            print(f"| {size:,} | {name} | {args.jobs} | {wall:.1f} | {largest / 1024:.0f} | {main_peak / 1024:.0f} "
                  f"| {worker / 1024:.0f} |", flush=True)

    if args.folder is not None:
        one(args.folder, len(list(args.folder.glob("*.json"))))
        return
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            write_files(folder, size, 0)
            one(folder, size)


if __name__ == "__main__":
    main()
