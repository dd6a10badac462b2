"""CPU time of the per-report rules (text rules) per report, in process, on the real-sized sample and on
generated reports.

Each report is checked by ``report_diagnostics`` (every rule of the report stage: narrative, prose, structure,
dates, layout, recognition), timed with ``time.thread_time`` (CPU time of this thread, so that other load on
a shared machine counts less). Two figures per kind of report:

- ``new text``: every text cache cleared before each report (``clear_caches``: gklint's text caches, the
  label normalisation caches) and every copy of the sample made distinct (a numbered line appended to each
  section and the preamble): what one report never seen before costs;
- ``boilerplate cached``: the caches kept from report to report (each copy still distinct by its appended
  line): what a batch of reports sharing their wording costs, as the sentence and line caches save it.

``--rules`` adds each rule's own time (caches cleared before each report, rules run one by one in the
order the packs give; a rule after another that made a shared analysis does not pay for it again).
Usage: python benchmarks/bench_text.py [--reports N] [--rules]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from pathlib import Path

import gklint

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "huangyuan-2021.txt"


def clear_caches() -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_real import clear_caches as clear

    clear()


def distinct(report, i: int):
    """The report with a numbered line appended to its preamble and each section (no two copies alike)."""
    sections = [dataclasses.replace(s, text=s.text + f"\n（第{i}份）") for s in report.sections]
    return dataclasses.replace(report, sections=sections, preamble=(report.preamble or "") + f"（{i}）")


def per_report_ms(reports, rules, clear: bool) -> float:
    from gklint.engine.run import report_diagnostics

    times = []
    for report in reports:
        if clear:
            clear_caches()
        start = time.thread_time()
        report_diagnostics(report, rules)
        times.append(time.thread_time() - start)
    return statistics.median(times) * 1000


def per_rule_ms(reports, rules) -> list[tuple[float, str]]:
    from gklint.engine.kinds import KINDS
    from gklint.engine.run import report_diagnostics

    by: dict[str, list[float]] = {}
    for report in reports:
        clear_caches()
        for rule in rules:
            if KINDS[rule.kind].stage != "report":
                continue
            start = time.thread_time()
            report_diagnostics(report, (rule,), every=rules)
            by.setdefault(rule.id, []).append(time.thread_time() - start)
    return sorted(((statistics.median(v) * 1000, k) for k, v in by.items()), reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100, help="reports of each kind (default 100)")
    parser.add_argument("--rules", action="store_true", help="each rule's own time as well")
    args = parser.parse_args()

    from gklint.api import _rules
    from gklint.engine.run import report_diagnostics
    from gklint.testing import consistent_reports

    rules = _rules(None, None, None, "zh")
    sample = gklint.extract(SAMPLE)
    kinds = {
        f"real-sized ({SAMPLE.name})": [distinct(sample, i) for i in range(args.reports + 1)],
        "generated (gklint.testing.consistent_reports)": consistent_reports(args.reports + 1, seed=1),
    }
    print(f"gklint: {gklint.__file__}")
    for name, reports in kinds.items():
        report_diagnostics(reports[0], rules)  # imports, rule compilation
        new = per_report_ms(reports[1:], rules, clear=True)
        cached = per_report_ms(reports[1:], rules, clear=False)
        print(f"{name}: {new:.2f} ms per report, new text; {cached:.2f} ms with boilerplate cached "
              f"(median CPU time of {args.reports})")
        if args.rules:
            items = per_rule_ms(reports[1:], rules)
            print("  " + " ".join(f"{k} {ms:.3f}" for ms, k in items if ms >= 0.005))


if __name__ == "__main__":
    main()
