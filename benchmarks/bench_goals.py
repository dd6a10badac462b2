"""Each speed goal of issue 12, measured side by side with the limit it is compared to, in one run.

Usage (from the repository root, with gklint installed in the running Python; PYTHONPATH picks the checkout):

    python benchmarks/bench_goals.py                       # every goal, default sizes
    python benchmarks/bench_goals.py --json 2000 --real 400 --pages 40 --docx 60 --runs 3
    python benchmarks/bench_goals.py --only cold json      # some goals only

Each row gives gklint's rate, the limit measured in the same run on the same files (``json.loads``,
lxml's parse, python-docx's open, ``import pandera.pandas``), gklint's cost as a multiple of that
limit (the limit's rate per core times the cores used, over gklint's rate past start-up), the goal,
and whether it is met. The CLI runs are ``gklint check -f json -j N DIR`` in a fresh process; the rate
"past start-up" subtracts the wall time of the same command over the folder's first file alone
(interpreter, imports, worker start), the whole-run rate does not. The limits are timed in this process
on one core. On a shared machine absolute rates vary with load; the ratios are steadier. Repeat and keep the
median run. This is a script, not a test: nothing fails when gklint is slower.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "huangyuan-2021.txt"
FIXTURES = ROOT / "tests" / "fixtures"
HTML = ["pingtan-2021.html", "pingtan-2024.html"]
DOCX = "template-2021.docx"
ROWS: list[str] = []


def row(goal: str, gk: str, limit: str, ratio: str, target: str, met: bool | None) -> None:
    line = f"| {goal} | {gk} | {limit} | {ratio} | {target} | {'yes' if met else 'no' if met is not None else '–'} |"
    ROWS.append(line)
    print(line, flush=True)


def cli(args: list[str], cwd: Path, runs: int) -> tuple[float, float]:
    """(median wall seconds, max peak RSS in MB of the largest process) of ``gklint ARGS`` in fresh processes."""
    code = ("import resource,subprocess,sys,time\n"
            "t=time.perf_counter();p=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE)\n"
            "print(time.perf_counter()-t,p.returncode,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
            "sys.stderr.write(p.stderr.decode()[-400:])")
    walls, rss = [], 0.0
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-c", code, sys.executable, "-m", "gklint", *args],
                              capture_output=True, text=True, cwd=cwd)
        wall, status, peak = proc.stdout.split()
        if int(status) not in (0, 1):
            raise SystemExit(f"gklint {shlex.join(args)} exited {status}: {proc.stderr}")
        walls.append(float(wall))
        rss = max(rss, int(peak) / 1024)
    return statistics.median(walls), rss


def cli_rate(folder: Path, n: int, jobs: int, tmp: Path, runs: int) -> tuple[float, float, float]:
    """(files/s over the whole run, files/s past start-up, peak MB) of ``gklint check -j JOBS FOLDER``: the
    second rate subtracts a run over the folder's first file alone (interpreter, imports, pool start)."""
    one = tmp / f"one-{folder.name}"
    if not one.exists():
        one.mkdir()
        first = sorted(folder.iterdir())[0]
        (one / first.name).write_bytes(first.read_bytes())
    wall, rss = cli(["check", "-f", "json", "-j", str(jobs), str(folder)], tmp, runs)
    start, _ = cli(["check", "-f", "json", "-j", str(jobs), str(one)], tmp, runs)
    return n / wall, (n - 1) / max(wall - start, 1e-9), rss


def python_ms(code: str, runs: int, env: dict | None = None) -> float:
    """Median wall milliseconds of ``python -c CODE`` in a fresh process (with ``env``: one untimed run first)."""
    return alternating_ms([code], runs, env)[0]


def alternating_ms(codes: list[str], runs: int, env: dict | None = None) -> list[float]:
    """Median wall milliseconds of ``python -c CODE`` in a fresh process for each of ``codes``, run in turns (one
    of each, then again), so that a change of the machine's load during the measurement weighs on all of them
    alike, not on whichever ran last (with ``env``: one untimed run of each first)."""
    walls: list[list[float]] = [[] for _ in codes]
    for k in range(runs + (env is not None)):
        for code, timed in zip(codes, walls):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=env)
            if k or env is None:
                timed.append(time.perf_counter() - start)
    return [statistics.median(timed) * 1000 for timed in walls]


def bytecode_env(tmp: Path) -> dict:
    """The environment of a process that runs every module from bytecode, as an installed gklint does (pip
    compiles it, as it compiled pandera): a private bytecode cache, whatever PYTHONDONTWRITEBYTECODE says
    (which, with no __pycache__ in the checkout, would leave gklint's own modules, and only them, compiled
    from source on every start), and a private gklint cache (``GKLINT_CACHE_DIR``: the rule packs' check is
    remembered there for this very source; the user's cache is shared with every other checkout, and a run
    of another one in between would make each timed run check the packs again). ``python_ms`` fills both
    with an untimed run."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "bytecode")
    env["GKLINT_CACHE_DIR"] = str(tmp / "cache")
    return env


def per_second(fn, items: list, runs: int) -> float:
    """Items per second of ``fn`` over ``items`` in this process (median of ``runs``)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for item in items:
            fn(item)
        times.append(time.perf_counter() - start)
    return len(items) / statistics.median(times)


def write_generated(folder: Path, n: int) -> list[Path]:
    from gklint.recognise.json_format import to_json
    from gklint.testing import consistent_reports

    folder.mkdir()
    paths = []
    for i, report in enumerate(consistent_reports(n, seed=1)):
        path = folder / f"r{i:05d}.json"
        path.write_text(json.dumps(to_json(report), ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def write_real(folder: Path, n: int) -> list[Path]:
    """``n`` copies of the text sample as gklint JSON, each sentence of each section made distinct (the copy's
    number before its end mark, and a numbered line appended), so that no text cache (gklint caches the numbers
    of a sentence and the kind of a line by their text) profits from a copy seen before."""
    import re

    import gklint
    from gklint.recognise.json_format import to_json

    data = to_json(gklint.extract(SAMPLE))
    folder.mkdir()
    paths = []
    for i in range(n):
        copy = json.loads(json.dumps(data))
        for section in copy["sections"]:
            section["text"] = re.sub("([。！？])", f"（第{i}份）\\1", section["text"]) + f"\n（第{i}份）"
        path = folder / f"s{i:05d}.json"
        path.write_text(json.dumps(copy, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def copies(folder: Path, source: Path, n: int, suffix: str) -> list[Path]:
    folder.mkdir()
    data = source.read_bytes()
    paths = []
    for i in range(n):
        path = folder / f"c{i:05d}{suffix}"
        path.write_bytes(data)
        paths.append(path)
    return paths


def goal_json(tmp: Path, args) -> None:
    _json_rows(tmp, write_generated(tmp / "gen", args.json), "generated", 5000, args)
    _json_rows(tmp, write_real(tmp / "real", args.real), "real-sized", 1000, args)


def _json_rows(tmp: Path, paths: list[Path], kind: str, target: int, args) -> None:
    """The CLI's rate over ``paths`` (one folder) per ``-j``, against ``json.loads`` on the same texts."""
    texts = [p.read_text("utf-8") for p in paths]
    loads = per_second(json.loads, texts, 3)
    for jobs in args.jobs:
        whole, rate, rss = cli_rate(paths[0].parent, len(paths), jobs, tmp, args.runs)
        row(f"JSON in, all rules, {len(paths)} {kind}, `-j {jobs}`", _rates(whole, rate, "reports", rss),
            f"json.loads {loads:,.0f}/s per core", f"{loads * jobs / rate:.0f}×", f"≥ {target:,} reports/s on 2 cores",
            rate >= target if jobs == 2 else None)


def _rates(whole: float, marginal: float, what: str, rss: float | None = None) -> str:
    memory = f", {rss:.0f} MB" if rss is not None else ""
    return f"{marginal:,.1f} {what}/s past start-up ({whole:,.1f}/s whole run{memory})"


def goal_read(tmp: Path, args) -> None:
    """Reading gklint's JSON alone (``read_report``: sniff, decode, validate, build the Report), in this process."""
    from gklint.ingest import read_report

    paths = write_generated(tmp / "read", min(args.json, 1000))
    read_report(paths[0])
    loads = per_second(lambda p: json.loads(p.read_text("utf-8")), paths, 3)
    rate = per_second(read_report, paths, 3)
    row(f"reading {len(paths)} generated JSON reports (in process, no rules)", f"{rate:,.0f} reports/s",
        f"read + json.loads {loads:,.0f}/s", f"{loads / rate:.1f}×", "(no goal of its own)", None)


def goal_text(tmp: Path, args) -> None:
    """The per-report rules (text rules) on the real-sized sample, every text cache cleared before each run,
    in this process: all of them, and N101 alone (no goal of their own; they bound the real-sized rate)."""
    import gklint
    from gklint.api import _rules
    from gklint.engine.run import report_diagnostics

    sys.path.insert(0, str(Path(__file__).parent))
    from bench_real import clear_caches

    report = gklint.extract(SAMPLE)
    for select, what in ((None, "all per-report rules"), (["N101"], "N101 alone")):
        rules = _rules(select, None, None, "zh")
        report_diagnostics(report, rules)
        runs = []
        for _ in range(max(21, args.runs)):
            clear_caches()
            start = time.perf_counter()
            report_diagnostics(report, rules)
            runs.append(time.perf_counter() - start)
        row(f"{what}, the sample (caches cleared)", f"{statistics.median(runs) * 1000:.1f} ms per report", "", "",
            "(no goal of its own)", None)


def goal_memory(tmp: Path, args) -> None:
    sizes = args.memory
    peaks = []
    for n in sizes:
        folder = tmp / f"mem{n}"
        write_generated(folder, n)
        _, rss = cli(["check", "-f", "json", "-j", "2", str(folder)], tmp, 1)
        peaks.append(rss)
    row(f"memory, {' / '.join(f'{n:,}' for n in sizes)} JSON reports (`-j 2`)",
        " / ".join(f"{p:.0f} MB" for p in peaks), "flat", f"{peaks[-1] / peaks[0]:.1f}× from first to last",
        "flat; 50,000 reports < 300 MB", peaks[-1] < 300 and peaks[-1] < 1.2 * peaks[0])


def goal_html(tmp: Path, args) -> None:
    import lxml.html

    folder = tmp / "html"
    folder.mkdir()
    for name in HTML:
        data = (FIXTURES / name).read_bytes()
        for i in range(args.pages // len(HTML)):
            (folder / f"{i:04d}-{name}").write_bytes(data)
    pages = [p.read_bytes() for p in sorted(folder.iterdir())]
    limit = per_second(lxml.html.document_fromstring, pages, 3)
    rates = {}
    for jobs in args.jobs:
        whole, rates[jobs], _ = cli_rate(folder, len(pages), jobs, tmp, args.runs)
        row(f"HTML pages ({', '.join(HTML)}), `-j {jobs}`", _rates(whole, rates[jobs], "pages"),
            f"lxml parse {limit:.0f}/s per core", f"{limit * jobs / rates[jobs]:.0f}×", "≥ 40 pages/s on 2 cores",
            rates[jobs] >= 40 if jobs == 2 else None)
    if 1 in rates and 2 in rates:
        row("HTML `-j 2` vs `-j 1`", f"{rates[2] / rates[1]:.2f}× the rate", "", "", "≥ 1.0×", rates[2] >= rates[1])


def goal_docx(tmp: Path, args) -> None:
    import docx

    paths = copies(tmp / "docx", FIXTURES / DOCX, args.docx, ".docx")
    limit = per_second(lambda p: docx.Document(str(p)), paths, 3)
    rates = {}
    for jobs in args.jobs:
        whole, rates[jobs], _ = cli_rate(tmp / "docx", len(paths), jobs, tmp, args.runs)
        row(f"DOCX ({DOCX}), `-j {jobs}`", _rates(whole, rates[jobs], "files"),
            f"python-docx open {limit:.0f}/s per core",
            f"{limit * jobs / rates[jobs]:.0f}×", "≥ 50 files/s on 2 cores", rates[jobs] >= 50 if jobs == 2 else None)
    if 1 in rates and 2 in rates:
        row("DOCX `-j 2` vs `-j 1`", f"{rates[2] / rates[1]:.2f}× the rate", "", "", "≥ 1.0×", rates[2] >= rates[1])


def goal_cold(tmp: Path, args) -> None:
    """Start-up: the goal rows run every module from bytecode (``bytecode_env``); the rows marked
    "from source" run as this process was started (with PYTHONDONTWRITEBYTECODE and no __pycache__ in
    the checkout, gklint's modules are compiled on every start), for information."""
    runs = max(5, args.runs)
    commands = [("--help", ["--help"]), ("rules", ["rules"]), ("explain N101", ["explain", "N101"])]
    for env, note in ((bytecode_env(tmp), ""), (None, ", gklint from source")):
        if env is None and not os.environ.get("PYTHONDONTWRITEBYTECODE"):
            break
        pandera, cold = alternating_ms(["import pandera.pandas", f"import gklint; gklint.check({str(SAMPLE)!r})"],
                                       runs, env)
        row(f"one report cold (`gklint.check(sample)` in a fresh process{note})", f"{cold:.0f} ms",
            f"import pandera.pandas {pandera:.0f} ms", f"{cold / pandera:.2f}×", "≤ 1.3×",
            cold <= 1.3 * pandera if not note else None)
        for name, argv in commands:
            ms = python_ms(f"import sys; sys.argv=['gklint', *{argv!r}]\nfrom gklint.cli import main\n"
                           "try: main()\nexcept SystemExit: pass", runs, env)
            row(f"`gklint {name}`{' (' + note[2:] + ')' if note else ''}", f"{ms:.0f} ms", "", "", "≤ 200 ms",
                ms <= 200 if not note else None)


def goal_linear(tmp: Path, args) -> None:
    """Read + check of the text sample with section 一's text 1× and 10× (every sentence of every added copy
    made distinct by the copy's number before its end mark, as ``write_real`` does), in process, every text
    cache cleared before each run (``bench_real.clear_caches``): no run profits from a sentence seen before."""
    import re

    import gklint

    sys.path.insert(0, str(Path(__file__).parent))
    from bench_real import clear_caches

    text = SAMPLE.read_text("utf-8")
    head, _, rest = text.partition("二、主动公开政府信息情况")
    first = head.split("一、总体情况", 1)[1]  # section 一's text, repeated with a number in every sentence
    times = {}
    for k in (1, 10):
        body = head + "".join(re.sub("([。！？])", f"（第{i}份）\\1", first) for i in range(1, k))
        path = tmp / f"linear{k}.txt"
        path.write_text(body + "二、主动公开政府信息情况" + rest, encoding="utf-8")
        gklint.check(path)  # imports, rule loading, schema compilation
        runs = []
        for _ in range(max(3, args.runs)):
            clear_caches()
            start = time.perf_counter()
            gklint.check(path)
            runs.append(time.perf_counter() - start)
        times[k] = statistics.median(runs)
    row("cost in report size (section 一 ×10, read + check, caches cleared)",
        f"{times[1] * 1000:.0f} → {times[10] * 1000:.0f} ms", "", f"{times[10] / times[1]:.1f}×", "≤ 10×",
        times[10] <= 10 * times[1])


GOALS = {"read": goal_read, "text": goal_text, "json": goal_json, "memory": goal_memory, "html": goal_html,
         "docx": goal_docx, "cold": goal_cold,
         "linear": goal_linear}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=int, default=2000, help="generated JSON reports")
    parser.add_argument("--real", type=int, default=400, help="real-sized JSON reports (the sample, made distinct)")
    parser.add_argument("--memory", type=int, nargs="+", default=[1000, 10000], help="batch sizes for memory")
    parser.add_argument("--pages", type=int, default=40, help="HTML pages")
    parser.add_argument("--docx", type=int, default=60, help="DOCX files")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=3, help="CLI runs per measurement (median)")
    parser.add_argument("--only", nargs="+", choices=list(GOALS), default=list(GOALS))
    args = parser.parse_args()
    import gklint

    print(f"command: python {shlex.join(sys.argv)}")
    print(f"gklint: {gklint.__file__}")
    print(f"machine: nproc={os.cpu_count()} python={platform.python_version()} {platform.platform()}, "
          f"load {os.getloadavg()[0]:.1f}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M')}\n")
    print("| goal | gklint | limit (same run) | gklint's cost / limit | target | met |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.only:
            GOALS[name](Path(tmp), args)


if __name__ == "__main__":
    main()
