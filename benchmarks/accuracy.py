"""Precision and recall of gklint on the real-report regression corpus (tests/corpus/*.yaml).

Every report in the corpus is checked; each error and warning is classified against the report's
expectations file (written by reading the report):

- true positive: it matches a ``findings`` entry;
- tolerated: it matches an ``allowed`` entry (ambiguous, or true but not required): left out of precision;
- false positive: it matches nothing, or matches an ``absent`` entry;
- false negative: a ``findings`` entry no diagnostic matched, or a ``missed`` entry (a true defect
  no rule catches yet).

precision = TP / (TP + FP); recall = matched findings / (findings + missed).
Usage: python benchmarks/accuracy.py [--details] [NAME ...]   (NAME: an expectations file stem, e.g. czj-2021)
Output: Markdown.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import gklint  # noqa: E402
from corpus_cases import case_paths, check_corpus, compare, describe_diagnostic, load_case  # noqa: E402

GRADED = ("error", "warning")


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.2f}" if den else "–"


def _commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain"],
                               capture_output=True, text=True, check=True).stdout.strip()
        return out + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def measure(paths: list[Path]):
    """Counts per severity and per (rule, severity), the per-report outcomes."""
    per_sev: dict[str, Counter] = defaultdict(Counter)
    per_rule: dict[tuple[str, str], Counter] = defaultdict(Counter)
    outcomes = []
    results = check_corpus(paths)  # one batch: the series rules pair an office's consecutive years
    for path in paths:
        case = load_case(path)
        outcome = compare(case, results[path].diagnostics)
        outcomes.append(outcome)
        for d, _ in outcome.true:
            if d.severity in GRADED:
                per_sev[d.severity]["tp"] += 1
                per_rule[(d.rule, d.severity)]["tp"] += 1
        for d, _ in outcome.tolerated:
            if d.severity in GRADED:
                per_sev[d.severity]["tolerated"] += 1
                per_rule[(d.rule, d.severity)]["tolerated"] += 1
        for d in outcome.false:
            per_sev[d.severity]["fp"] += 1
            per_rule[(d.rule, d.severity)]["fp"] += 1
        for e in case.findings:
            sev = e.severity or "unspecified"
            if sev not in GRADED:
                continue
            per_sev[sev]["expected"] += 1
            per_rule[(e.rule, sev)]["expected"] += 1
        for e in outcome.missing:
            sev = e.severity or "unspecified"
            if sev in GRADED:
                per_sev[sev]["fn"] += 1
                per_rule[(e.rule, sev)]["fn"] += 1
        for m in case.missed:
            sev = m.severity or "unspecified"
            per_sev[sev]["missed"] += 1
            per_rule[(m.rule or "(no rule)", sev)]["missed"] += 1
    return per_sev, per_rule, outcomes


def render(per_sev, per_rule, outcomes, details: bool) -> str:
    lines = [f"# gklint accuracy on the real-report corpus",
             "",
             f"{dt.date.today().isoformat()} · commit {_commit()} · gklint {getattr(gklint, '__version__', '?')} · "
             f"{len(outcomes)} reports · command: `python benchmarks/accuracy.py`",
             "",
             "## Per severity",
             "",
             "| severity | true pos. | tolerated | false pos. | false neg. (not reported) | known missed (`missed:`) | precision | recall |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for sev in (*GRADED, "info", "unspecified"):  # info and unspecified rows hold known-missed defects only
        c = per_sev.get(sev)
        if not c:
            continue
        fn = c["fn"] + c["missed"]
        found = c["expected"] - c["fn"]
        lines.append(f"| {sev} | {c['tp']} | {c['tolerated']} | {c['fp']} | {c['fn']} | {c['missed']} | "
                     f"{_ratio(c['tp'], c['tp'] + c['fp'])} | {_ratio(found, c['expected'] + c['missed'])} |")
    lines += ["", "Findings entries without a severity, and missed defects without one, are counted as `unspecified`.",
              "", "## Per rule", "",
              "| rule | severity | true pos. | tolerated | false pos. | false neg. | known missed | precision | recall |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for (rule, sev), c in sorted(per_rule.items()):
        found = c["expected"] - c["fn"]
        lines.append(f"| {rule} | {sev} | {c['tp']} | {c['tolerated']} | {c['fp']} | {c['fn']} | {c['missed']} | "
                     f"{_ratio(c['tp'], c['tp'] + c['fp'])} | {_ratio(found, c['expected'] + c['missed'])} |")
    lines += ["", "## Per report", "",
              "| report | true pos. | tolerated | false pos. | false neg. | known missed | R102 (unreadable rows) |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    for o in outcomes:
        graded = lambda pairs: [d for d, _ in pairs if d.severity in GRADED]  # noqa: E731
        r102 = sum(d.rule == "R102" for d in [*graded(o.true), *graded(o.tolerated), *o.false])
        lines.append(f"| {o.case.name} | {len(graded(o.true))} | {len(graded(o.tolerated))} | {len(o.false)} | "
                     f"{len(o.missing)} | {len(o.case.missed)} | {r102} |")
    if details:
        lines += ["", "## Details", ""]
        for o in outcomes:
            if not (o.false or o.missing or o.case.missed):
                continue
            lines.append(f"### {o.case.name}")
            lines += [f"- false: {describe_diagnostic(d)}" for d in o.false]
            lines += [f"- not reported: {e.describe()} — {e.why}" for e in o.missing]
            lines += [f"- known missed: {m.what}" for m in o.case.missed]
            lines.append("")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="expectations file stems (default: all)")
    parser.add_argument("--details", action="store_true", help="list every false and missing finding")
    args = parser.parse_args(argv)
    paths = case_paths()
    if args.names:
        paths = [p for p in paths if p.stem in set(args.names)]
    per_sev, per_rule, outcomes = measure(paths)
    sys.stdout.write(render(per_sev, per_rule, outcomes, args.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
