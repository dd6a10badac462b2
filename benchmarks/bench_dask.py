"""The map of a run in gklint's pool and on a local Dask cluster, and what a worker sends back per report.

    python benchmarks/bench_dask.py --json 1000          # N generated JSON reports, pool -j 2 vs LocalCluster(2)

Prints wall times of ``check_many`` (the same files, the same findings) and the pickled size of what one
task sends back per report: the whole Report (as before issue 12's map-reduce) against the findings and the
series summary (``gklint.batch.finish``). A script, not a test: nothing fails when it is slow.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from gklint import api, batch
from gklint.recognise.json_format import to_json
from gklint.testing import consistent_reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=int, default=1000, help="generated JSON reports (default 1000)")
    parser.add_argument("--workers", type=int, default=2, help="pool jobs and Dask workers (default 2)")
    args = parser.parse_args()
    print(f"python {' '.join(sys.argv)}  # nproc {os.cpu_count()}, Python {platform.python_version()}, "
          f"load {os.getloadavg()[0]:.1f}, {time.strftime('%Y-%m-%d %H:%M')}")
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for k, report in enumerate(consistent_reports(args.json, seed=1)):
            path = Path(tmp) / f"{k:05d}.json"
            path.write_text(json.dumps(to_json(report), ensure_ascii=False), encoding="utf-8")
            paths.append(str(path))
        rules = api._rules(None, None, None)
        job = batch.Job(rules=rules)
        whole = [batch.read_one(p, job) for p in paths[:50]]
        before = statistics.mean(len(pickle.dumps(r)) for r in whole)
        after = statistics.mean(len(pickle.dumps(r)) for r in batch.finish(whole, job))
        print("| measure | value |\n|---|---:|")
        print(f"| sent back per report, whole Report + findings (before) | {before / 1024:.1f} KB |")
        print(f"| sent back per report, findings + series summary (after) | {after / 1024:.1f} KB |")
        start = time.perf_counter()
        local = api.check_many(paths, jobs=args.workers)
        pool = time.perf_counter() - start
        print(f"| check_many, gklint's pool, jobs={args.workers}, {len(paths)} reports | {pool:.1f} s "
              f"({len(paths) / pool:.0f}/s) |")
        try:
            import distributed
        except ImportError:
            print("| Dask | not installed (pip install 'gklint[dask]') |")
            return
        start = time.perf_counter()
        with distributed.LocalCluster(n_workers=args.workers, processes=True, threads_per_worker=1,
                                      dashboard_address=None) as cluster, distributed.Client(cluster) as client:
            started = time.perf_counter() - start
            start = time.perf_counter()
            remote = api.check_many(paths, executor=client.get_executor(), jobs=args.workers)
            dask = time.perf_counter() - start
        same = [f.diagnostics for f in remote.files] == [f.diagnostics for f in local.files]
        print(f"| LocalCluster start ({args.workers} workers) | {started:.1f} s |")
        print(f"| check_many on the LocalCluster, {len(paths)} reports | {dask:.1f} s ({len(paths) / dask:.0f}/s); "
              f"same findings: {same} |")


if __name__ == "__main__":
    main()
