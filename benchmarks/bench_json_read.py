"""Reading gklint's JSON alone (``read_report``: sniff, decode, validate, build the Report) against ``json.loads``
on the same texts, side by side in one process, in chunks of 10 reports read both ways back to back (load on a shared
machine comes and goes: it hits both sides of a pair alike).

    PYTHONPATH=$PWD python benchmarks/bench_json_read.py [--reports 1000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    import gklint
    from gklint.ingest import read_bytes, read_report
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

    def once(work, items) -> float:
        start = time.perf_counter()
        for item in items:
            work(item)
        return time.perf_counter() - start

    # chunks of 10 reports (shorter than a time slice), each read both ways back to back: a burst of load on a shared machine hits both
    # sides of a pair alike; the median pair's ratio, and the best chunk time of each way, are reported
    chunk = 10
    datas = [p.read_bytes() for p in paths]
    names = [str(p) for p in paths]
    loads, opened, read, ratios, ratios_opened, inmem, ratios_inmem = [], [], [], [], [], [], []
    gc.collect()
    for _ in range(args.rounds):
        for i in range(0, len(paths), chunk):
            a = once(json.loads, texts[i:i + chunk])
            b = once(lambda p: json.loads(p.read_bytes()), paths[i:i + chunk])
            c = once(read_report, paths[i:i + chunk])
            d = once(lambda k: read_bytes(names[k], datas[k]), range(i, min(i + chunk, len(paths))))
            inmem.append(d / chunk)
            ratios_inmem.append(d / a)
            loads.append(a / chunk)
            opened.append(b / chunk)
            read.append(c / chunk)
            ratios.append(c / a)
            ratios_opened.append(c / b)
    n = len(paths)
    size = sum(len(t.encode()) for t in texts) / n
    print(f"gklint {gklint.__file__}; {n} generated reports, {size:,.0f} bytes each, {args.rounds} rounds of "
          f"{n // chunk} chunks")
    for name, times in (("json.loads (text in memory)", loads), ("open + read + json.loads", opened),
                        ("read_report", read), ("read_bytes (bytes in memory)", inmem)):
        print(f"{name:30s}  best {min(times) * 1e6:7.1f} µs/report ({1 / min(times):8,.0f}/s), "
              f"median {statistics.median(times) * 1e6:7.1f} µs")
    print(f"read_report / json.loads: median {statistics.median(ratios):.2f}×, best chunks "
          f"{min(read) / min(loads):.2f}×; / open + read + json.loads: median {statistics.median(ratios_opened):.2f}×")
    print(f"read_bytes (no disk) / json.loads: median {statistics.median(ratios_inmem):.2f}×, best chunks "
          f"{min(inmem) / min(loads):.2f}×")

if __name__ == "__main__":
    main()
