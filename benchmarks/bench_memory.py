"""Peak memory of ``gklint check`` as the batch grows: is it flat in the number of reports?

Usage (from the repository root, with gklint importable in the running Python; PYTHONPATH picks the checkout):

    PYTHONPATH=$PWD python benchmarks/bench_memory.py                       # 1,000 / 4,000 / 10,000 reports
    PYTHONPATH=$PWD python benchmarks/bench_memory.py --sizes 1000 10000 50000 --formats jsonl json --jobs 2

For each size, that many generated reports are written as gklint JSON into a temporary folder (the reports of
``gklint.testing.consistent_reports``, as benchmarks/bench_batch.py writes them), then each format is run once
as ``gklint check -f FORMAT -j N FOLDER`` in a fresh process, its output to /dev/null. The figures are peak
resident sets: of the largest process of the run (``getrusage(RUSAGE_CHILDREN).ru_maxrss`` of a small wrapper
that runs only that command, so the main process or a worker, whichever is larger; not of this process's own
children, which would count this large process as forked before the command is run), and, where /proc is
there, of the main process and of the largest worker apart (each process's ``VmHWM``, its own peak, read
every 50 ms while it runs). The reports are generated one at a time (``consistent_reports``' sequence), so
that this process stays small.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

WRAPPER = ("import resource,subprocess,sys\n"
           "p=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE)\n"
           "sys.stderr.write(p.stderr.decode(errors='replace')[-400:])\n"
           "print(p.returncode,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def write_reports(folder: Path, n: int) -> None:
    """The ``n`` reports of ``consistent_reports(n, seed=1)`` as gklint JSON (benchmarks/bench_batch.py's
    files), made and written one at a time."""
    import json
    import random

    from gklint.recognise.json_format import to_json
    from gklint.testing import consistent_report

    rng, versions = random.Random(1), ("2021", "2019")
    for i in range(n):
        report = consistent_report(rng, versions[i % len(versions)])
        (folder / f"r{i:05d}.json").write_text(json.dumps(to_json(report), ensure_ascii=False), encoding="utf-8")


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
    start = time.perf_counter()
    wrapper = subprocess.Popen([sys.executable, "-c", WRAPPER, *cmd], cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    peaks: dict[int, int] = {}
    main_pid = None
    procfs = os.path.isdir("/proc/self")
    while wrapper.poll() is None:
        if procfs:
            tree = _children()
            if main_pid is None and tree.get(wrapper.pid):
                main_pid = tree[wrapper.pid][0]
            todo = [main_pid] if main_pid is not None else []
            while todo:
                pid = todo.pop()
                peaks[pid] = max(peaks.get(pid, 0), _hwm(pid))
                todo.extend(tree.get(pid, []))
        time.sleep(0.05)
    wall = time.perf_counter() - start
    out, err = wrapper.communicate()
    status, largest = map(int, out.split())
    if status not in (0, 1):
        raise SystemExit(f"{shlex.join(cmd)} exited {status}: {err.decode(errors='replace')}")
    main_peak = peaks.pop(main_pid, 0)
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
            write_reports(folder, size)
            one(folder, size)


if __name__ == "__main__":
    main()
