"""python -m fuzz: run the fuzzer, replay the corpus, or write out one generated input.

    python -m fuzz --inputs 100000 --jobs 2          # the long run (figures printed at the end)
    python -m fuzz --ci                              # the short run of .ci/run (fixed seed and count)
    python -m fuzz --replay [FILE.json ...]          # the corpus (or some entries) through the library
    python -m fuzz --dump pdf:12345 out.pdf          # the input a format and seed generate

Exit status: 0 when no input failed, 1 when one did (its input saved in the corpus), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shlex
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from fuzz import corpus
from fuzz.runner import FAILURE, OK, READ_ERROR, SKIPPED, Limits

FORMATS = ("json", "txt", "html", "docx", "pdf")
# Share of each format among the inputs: weighted towards the cheap readers, every format well covered.
WEIGHTS = {"json": 24, "txt": 22, "html": 20, "docx": 17, "pdf": 17}
CI = {"inputs": 800, "seed": 20261207, "jobs": 2}


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m fuzz", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--inputs", type=int, default=2000, help="how many inputs to generate and run (default 2000)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: one per core)")
    p.add_argument("--seed", type=int, default=0, help="the run's seed: the same seed gives the same inputs")
    p.add_argument("--formats", default=",".join(FORMATS), help="comma-separated formats (default: all)")
    p.add_argument("--weights", default=None, metavar="FMT=N,...",
                   help="share of each format among the inputs (default: " + ",".join(f"{k}={v}" for k, v in WEIGHTS.items()) + ")")
    p.add_argument("--time-limit", type=float, default=Limits.seconds, help="seconds per input (default %(default)s)")
    p.add_argument("--memory-mb", type=int, default=Limits.memory_mb,
                   help="MB of address space a worker may add to its size after imports (default %(default)s)")
    p.add_argument("--max-seconds", type=float,
                   help="stop after this long (the inputs not yet run are left out of the figures)")
    p.add_argument("--batch", type=int, default=20, help="inputs per worker task (default %(default)s)")
    p.add_argument("--check-every", type=int, default=10,
                   help="also run check(path) on every N-th input (the API's catch-all); 0: never (default 10)")
    p.add_argument("--corpus", type=Path, default=corpus.CORPUS, help="where failing inputs are saved")
    p.add_argument("--no-save", action="store_true", help="do not save failing inputs")
    p.add_argument("--stats", type=Path, help="also write the figures as JSON to this file")
    p.add_argument("--ci", action="store_true",
                   help=f"the short run of CI: {CI['inputs']} inputs, seed {CI['seed']}, {CI['jobs']} jobs")
    p.add_argument("--replay", nargs="*", metavar="SIDECAR", help="replay the corpus (or these entries)")
    p.add_argument("--dump", nargs=2, metavar=("FORMAT:SEED", "OUT"), help="write one generated input to OUT")
    p.add_argument("--markdown", type=Path, metavar="STATS.json",
                   help="print the figures of a run (--stats) as the Markdown table of docs/reliability.md")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    args = p.parse_args(argv)
    if args.ci:
        for key, value in CI.items():
            setattr(args, key, value)
    args.formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    if not args.formats or any(f not in FORMATS for f in args.formats):
        p.error(f"--formats: choose among {', '.join(FORMATS)}")
    return args


def plan(args) -> list[tuple[int, str, int]]:
    """(id, format, seed) of every input: a function of the run's seed and count alone."""
    rng = random.Random(args.seed)
    chosen = dict(WEIGHTS)
    for item in filter(None, (args.weights or "").split(",")):
        name, _, value = item.partition("=")
        chosen[name.strip()] = float(value)
    weights = [chosen[f] for f in args.formats]
    return [(i, rng.choices(args.formats, weights)[0], rng.getrandbits(63)) for i in range(args.inputs)]


class Figures:
    def __init__(self):
        self.per_format: dict[str, Counter] = defaultdict(Counter)
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu = 0.0
        self.slowest: dict[str, float] = defaultdict(float)
        self.signatures: dict[str, dict] = {}
        self.rss: dict[int, float] = {}
        self.done = 0
        self.top: list[tuple[float, int, str, int, str]] = []  # the slowest inputs

    def _note_slow(self, o) -> None:
        import heapq

        item = (round(o.seconds, 2), o.id, o.fmt, o.size, o.status)
        if len(self.top) < 10:
            heapq.heappush(self.top, item)
        elif item > self.top[0]:
            heapq.heapreplace(self.top, item)

    def add(self, o) -> None:
        self.done += 1
        self.per_format[o.fmt][o.status] += 1
        self.seconds[o.fmt] += o.seconds
        self.cpu += o.cpu
        self.slowest[o.fmt] = max(self.slowest[o.fmt], o.seconds)
        self._note_slow(o)
        if o.pid:
            self.rss[o.pid] = max(self.rss.get(o.pid, 0.0), o.rss_mb)
        if o.status == FAILURE:
            entry = self.signatures.setdefault(o.signature, {"count": 0, "kind": o.kind, "format": o.fmt,
                                                             "message": o.message, "saved": None})
            entry["count"] += 1

    def failures(self) -> int:
        return sum(c[FAILURE] for c in self.per_format.values())

    def to_dict(self, elapsed: float, args) -> dict:
        formats = {f: {"inputs": sum(c.values()), OK: c[OK], READ_ERROR: c[READ_ERROR], FAILURE: c[FAILURE],
                       SKIPPED: c[SKIPPED],
                       "mean_ms": round(1000 * self.seconds[f] / max(sum(c.values()), 1), 1),
                       "slowest_s": round(self.slowest[f], 2)} for f, c in sorted(self.per_format.items())}
        rss = sorted(self.rss.values())
        return {"inputs": self.done, "seconds": round(elapsed, 1), "inputs_per_second": round(self.done / elapsed, 1),
                "cpu_seconds": round(self.cpu, 1),
                "inputs_per_cpu_second": round(self.done / self.cpu, 1) if self.cpu else None,
                "jobs": args.jobs, "seed": args.seed, "time_limit_s": args.time_limit, "memory_mb": args.memory_mb,
                "formats": formats, OK: sum(v[OK] for v in formats.values()),
                READ_ERROR: sum(v[READ_ERROR] for v in formats.values()), FAILURE: self.failures(),
                SKIPPED: sum(v[SKIPPED] for v in formats.values()),
                "workers": len(rss), "peak_rss_mb_max": round(rss[-1], 0) if rss else None,
                "peak_rss_mb_median": round(rss[len(rss) // 2], 0) if rss else None,
                "slowest_inputs": [dict(zip(("seconds", "input", "format", "size", "status"), t))
                                   for t in sorted(self.top, reverse=True)],
                "signatures": self.signatures}


def print_figures(stats: dict, out=sys.stdout) -> None:
    w = out.write
    if not stats.get("complete", True):
        w("\n(stopped early: the figures are those of the inputs done)")
    w(f"\n{stats['inputs']} inputs in {stats['seconds']:.0f} s ({stats['inputs_per_second']:.1f} inputs/s, "
      f"{stats['jobs']} workers, seed {stats['seed']}, limits {stats['time_limit_s']:g} s and +{stats['memory_mb']} MB "
      "per input)\n\n")
    w(f"{'format':<8}{'inputs':>9}{'ok':>9}{'read error':>12}{'failures':>10}{'mean ms':>9}{'slowest s':>11}\n")
    for fmt, f in stats["formats"].items():
        w(f"{fmt:<8}{f['inputs']:>9}{f[OK]:>9}{f[READ_ERROR]:>12}{f[FAILURE]:>10}{f['mean_ms']:>9}{f['slowest_s']:>11}\n")
    w(f"{'all':<8}{stats['inputs']:>9}{stats[OK]:>9}{stats[READ_ERROR]:>12}{stats[FAILURE]:>10}\n\n")
    if stats[SKIPPED]:
        w(f"({stats[SKIPPED]} inputs skipped: the generator itself failed on them)\n")
    if stats.get("inputs_per_cpu_second"):
        w(f"CPU time in the workers: {stats['cpu_seconds']:.0f} s, {stats['inputs_per_cpu_second']} inputs per CPU second "
          f"(what one idle core would do)\n")
    w(f"peak memory (RSS) per worker: max {stats['peak_rss_mb_max']} MB, median {stats['peak_rss_mb_median']} MB "
      f"over {stats['workers']} worker processes\n")
    if stats["signatures"]:
        w(f"\n{len(stats['signatures'])} distinct failures:\n")
        for sig, s in sorted(stats["signatures"].items(), key=lambda kv: -kv[1]["count"]):
            w(f"  {s['count']:>6} x {sig}\n           {s['message'][:160]}\n")
            if s["saved"]:
                w(f"           saved: {s['saved']}\n")
    else:
        w("no failures\n")


def run(args) -> int:
    from fuzz import runner

    limits = Limits(seconds=args.time_limit, memory_mb=args.memory_mb)
    specs = plan(args)
    batches = [specs[i:i + args.batch] for i in range(0, len(specs), args.batch)]
    figures = Figures()
    command = "python -m fuzz " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    found = {"command": command.strip(), "run_seed": args.seed, "commit": runner.current_commit()}
    start = time.monotonic()
    last = [start]

    def on_result(outcome) -> None:
        figures.add(outcome)
        if outcome.status == FAILURE:
            print(f"FAILURE input {outcome.id} ({outcome.fmt}, {outcome.size} bytes): {outcome.signature}: "
                  f"{outcome.message[:200]}", file=sys.stderr, flush=True)
            if not args.no_save:
                seed = specs[outcome.id][2]
                saved = corpus.save(outcome, args.corpus, {**found, "seed": seed})
                if saved:
                    figures.signatures[outcome.signature]["saved"] = corpus.relative(saved)
                elif figures.signatures[outcome.signature]["saved"] is None:
                    figures.signatures[outcome.signature]["saved"] = corpus.relative(
                        str(args.corpus / f"{outcome.signature}.json")) + " (a smaller input was kept)"
        now = time.monotonic()
        if not args.quiet and now - last[0] >= 15:
            last[0] = now
            print(f"{figures.done}/{len(specs)} inputs, {figures.done / (now - start):.1f}/s, "
                  f"{figures.failures()} failures", file=sys.stderr, flush=True)

    runner.warm_up()  # in the parent: forked workers start warm
    pool = runner.make_pool(args.jobs, limits)
    start = time.monotonic()
    until = start + args.max_seconds if args.max_seconds else None
    complete = False
    try:
        complete = runner.run_in_pool(pool, runner.run_generated, batches, limits, on_result, until=until,
                                      check_every=args.check_every)
    except KeyboardInterrupt:
        print("interrupted: the figures are those of the inputs done", file=sys.stderr)
    finally:
        pool.stop()
        pool.join()
    stats = figures.to_dict(time.monotonic() - start, args)
    stats["complete"] = complete
    stats["command"] = found["command"]
    stats["commit"] = found["commit"]
    print_figures(stats)
    if args.stats:
        args.stats.write_text(json.dumps(stats, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 1 if stats[FAILURE] else 0


def replay(args) -> int:
    from fuzz import runner

    chosen = [corpus.Entry(Path(p), json.loads(Path(p).read_text(encoding="utf-8"))) for p in args.replay] \
        if args.replay else corpus.entries(args.corpus)
    if not chosen:
        print("the corpus is empty")
        return 0
    limits = Limits(seconds=args.time_limit, memory_mb=args.memory_mb)
    items = [(i, e.meta["format"], e.meta.get("ext", ""), e.data()) for i, e in enumerate(chosen)]
    outcomes: dict[int, object] = {}
    runner.warm_up()
    pool = runner.make_pool(min(args.jobs, len(items)), limits)
    try:
        runner.run_in_pool(pool, runner.run_inputs, [[it] for it in items], limits,
                           lambda o: outcomes.__setitem__(o.id, o), check_path=True)
    finally:
        pool.stop()
        pool.join()
    bad = 0
    for i, entry in enumerate(chosen):
        o = outcomes[i]
        bad += o.status == FAILURE
        print(f"{o.status:<10} {entry.name}: {o.signature or o.message[:120]}")
    print(f"\n{len(chosen) - bad} of {len(chosen)} corpus inputs are read or refused cleanly; {bad} still fail")
    return 1 if bad else 0


def dump(args) -> int:
    from fuzz.mutators import generate

    fmt, _, seed = args.dump[0].partition(":")
    ext, data = generate(fmt, int(seed))
    Path(args.dump[1]).write_bytes(data)
    print(f"{args.dump[1]}: {len(data)} bytes (the fuzzer named it input{ext})")
    return 0


def markdown(stats: dict) -> str:
    """The figures of a run as docs/reliability.md shows them."""
    lines = [f"Command: `{stats.get('command', '')}` at commit `{stats.get('commit', '')}`"
             + ("" if stats.get("complete", True) else f" (stopped by `--max-seconds` after {stats['inputs']} inputs)")
             + ".", "",
             "| Format | Inputs | ok | read error | failures | mean ms | slowest s |", "|---|---:|---:|---:|---:|---:|---:|"]
    for fmt, f in stats["formats"].items():
        lines.append(f"| {fmt} | {f['inputs']:,} | {f[OK]:,} | {f[READ_ERROR]:,} | {f[FAILURE]:,} | {f['mean_ms']} | "
                     f"{f['slowest_s']} |")
    lines.append(f"| **all** | **{stats['inputs']:,}** | {stats[OK]:,} | {stats[READ_ERROR]:,} | **{stats[FAILURE]:,}** | | |")
    lines += ["", f"- time: {stats['seconds']:,.0f} s with {stats['jobs']} workers: **{stats['inputs_per_second']} inputs/s**",
              f"- CPU time in the workers: {stats.get('cpu_seconds', 0):,.0f} s: {stats.get('inputs_per_cpu_second')} inputs "
              "per CPU second (what one idle core would do)",
              f"- limits per input: {stats['time_limit_s']:g} s, +{stats['memory_mb']} MB address space",
              f"- peak memory (RSS) per worker: max {stats['peak_rss_mb_max']} MB, median {stats['peak_rss_mb_median']} MB "
              f"({stats['workers']} worker processes)"]
    if stats.get(SKIPPED):
        lines.append(f"- inputs skipped (the generator failed on them): {stats[SKIPPED]}")
    if stats["signatures"]:
        lines += ["", "| Failure signature | Inputs | Example message |", "|---|---:|---|"]
        for sig, v in sorted(stats["signatures"].items(), key=lambda kv: -kv[1]["count"]):
            message = v["message"].replace("|", "\\|")[:110]
            lines.append(f"| `{sig}` | {v['count']} | {message} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.markdown:
        print(markdown(json.loads(args.markdown.read_text(encoding="utf-8"))), end="")
        return 0
    if args.dump:
        return dump(args)
    if args.replay is not None:
        return replay(args)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
