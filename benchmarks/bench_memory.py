"""Peak memory of ``gklint check`` as the batch grows: is it flat in the number of reports?

Usage (from the repository root, with gklint importable in the running Python; PYTHONPATH picks the checkout):

    PYTHONPATH=$PWD python benchmarks/bench_memory.py                       # 1,000 / 4,000 / 10,000 reports
    PYTHONPATH=$PWD python benchmarks/bench_memory.py --sizes 1000 4000 --formats jsonl json --jobs 2

For each size, that many generated reports are written as gklint JSON into a temporary folder (the reports of
``gklint.testing.consistent_reports``, as benchmarks/bench_batch.py writes them), then each format is run once
as ``gklint check -f FORMAT -j N FOLDER`` in a fresh process, its output to /dev/null. The figure is the peak
resident set of the largest process of the run (``getrusage(RUSAGE_CHILDREN).ru_maxrss`` of a wrapper that
runs only that command, so the main process or a worker, whichever is larger).
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import run, write_files  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 10000])
    parser.add_argument("--formats", nargs="+", default=["jsonl", "json"])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    print(f"command: PYTHONPATH={os.environ.get('PYTHONPATH', '')} python {shlex.join(sys.argv)}")
    print(f"machine: nproc={os.cpu_count()} python={platform.python_version()} {platform.platform()}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M')}\n")
    print("| reports | format | -j | wall (s) | peak RSS (MB, largest process) |")
    print("|---|---|---|---|---|")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            write_files(folder, size, 0)
            for name in args.formats:
                cmd = [sys.executable, "-m", "gklint", "check", "-f", name, "-j", str(args.jobs), str(folder)]
                wall, _, rss, _ = run(cmd, folder)
                print(f"| {size:,} | {name} | {args.jobs} | {wall:.1f} | {rss / 1024:.0f} |", flush=True)


if __name__ == "__main__":
    main()
