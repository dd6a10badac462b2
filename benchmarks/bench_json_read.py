"""Reading gklint's JSON alone (``read_report``: sniff, decode, validate, build the Report) against ``json.loads``
on the same texts, side by side in one process, in interleaved rounds (the best round of each counts: load on a
shared machine comes and goes).

    PYTHONPATH=$PWD python benchmarks/bench_json_read.py [--reports 1000] [--rounds 9]
"""

from __future__ import annotations

import argparse
import gc
import json
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()

    import gklint
    from gklint.ingest import read_report
    from gklint.recognise.json_format import to_json
    from gklint.testing import consistent_reports

    folder = Path(tempfile.mkdtemp(prefix="gklint-read-"))
    paths = []
    for i, report in enumerate(consistent_reports(args.reports, seed=1)):
        path = folder / f"r{i:05d}.json"
        path.write_text(json.dumps(to_json(report), ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    texts = [p.read_text("utf-8") for p in paths]
    for p in paths[:20]:
        read_report(p)

    def once(work) -> float:
        gc.collect()
        start = time.perf_counter()
        work()
        return time.perf_counter() - start

    loads = opened = read = float("inf")
    for _ in range(args.rounds):
        loads = min(loads, once(lambda: [json.loads(t) for t in texts]))
        opened = min(opened, once(lambda: [json.loads(p.read_bytes()) for p in paths]))
        read = min(read, once(lambda: [read_report(p) for p in paths]))
    n = len(paths)
    size = sum(len(t.encode()) for t in texts) / n
    print(f"gklint {gklint.__file__}; {n} generated reports, {size:,.0f} bytes each, best of {args.rounds} rounds")
    print(f"json.loads (text in memory)     {loads / n * 1e6:7.1f} µs/report  {n / loads:8,.0f}/s")
    print(f"open + read + json.loads        {opened / n * 1e6:7.1f} µs/report  {n / opened:8,.0f}/s")
    print(f"read_report                     {read / n * 1e6:7.1f} µs/report  {n / read:8,.0f}/s"
          f"  = {read / loads:.2f}× json.loads, {read / opened:.2f}× open + read + json.loads")


if __name__ == "__main__":
    main()
