"""The real-report regression corpus: loading ``tests/corpus/*.yaml`` and matching diagnostics against it.

Shared by ``tests/test_corpus.py`` (the regression test) and ``benchmarks/accuracy.py`` (precision and
recall). One expectations file per report::

    file: czj-2021.txt          # relative to tests/corpus/
    findings: [...]             # true findings gklint must report
    allowed: [...]              # findings tolerated, neither required nor false
    absent: [...]               # false findings that must never come back
    missed: [...]               # true defects no rule can catch yet (free text; counted as false negatives)

The reports are checked together in one batch (``check_corpus``), so findings across one office's
consecutive years (Y101, Y102) are expected in the later year's file.

An entry of findings/allowed/absent: ``rule`` (required), ``severity`` (optional), ``at`` (optional:
a subset of ``table``, ``row``, ``column``, ``section`` compared for equality with the diagnostic's
location, and ``quote_contains`` looked for inside ``location.quote``) and ``why`` (required: the
evidence, by reading).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

CORPUS = Path(__file__).parent / "corpus"
SEVERITIES = ("error", "warning", "info")
TOP_KEYS = {"file", "findings", "allowed", "absent", "missed"}
ENTRY_KEYS = {"rule", "severity", "at", "why"}
AT_KEYS = {"table", "row", "column", "section", "quote_contains"}
MISSED_KEYS = {"what", "where", "rule", "severity"}


class CaseError(ValueError):
    """An expectations file of the wrong shape."""


@dataclass
class Entry:
    rule: str
    why: str
    severity: str | None = None
    at: dict = field(default_factory=dict)

    def matches(self, diagnostic) -> bool:
        if diagnostic.rule != self.rule:
            return False
        if self.severity is not None and diagnostic.severity != self.severity:
            return False
        loc = diagnostic.location
        for key, want in self.at.items():
            if key == "quote_contains":
                if str(want) not in (loc.quote or ""):
                    return False
            elif getattr(loc, key) != str(want):
                return False
        return True

    def describe(self) -> str:
        where = ", ".join(f"{k}={v}" for k, v in self.at.items())
        return f"{self.rule}" + (f" [{self.severity}]" if self.severity else "") + (f" at {where}" if where else "")


@dataclass
class Missed:
    what: str
    rule: str | None = None
    severity: str | None = None


@dataclass
class Case:
    path: Path  # the .yaml
    file: Path  # the report
    findings: list[Entry]
    allowed: list[Entry]
    absent: list[Entry]
    missed: list[Missed]

    @property
    def name(self) -> str:
        return self.path.stem


def _entry(raw, where: str) -> Entry:
    if not isinstance(raw, dict):
        raise CaseError(f"{where}: an entry must be a mapping, got {raw!r}")
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        raise CaseError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(ENTRY_KEYS)})")
    if not isinstance(raw.get("rule"), str) or not raw["rule"]:
        raise CaseError(f"{where}: 'rule' is required")
    if not isinstance(raw.get("why"), str) or not raw["why"].strip():
        raise CaseError(f"{where}: 'why' is required (the evidence, by reading)")
    severity = raw.get("severity")
    if severity is not None and severity not in SEVERITIES:
        raise CaseError(f"{where}: severity must be one of {SEVERITIES}, got {severity!r}")
    at = raw.get("at") or {}
    if not isinstance(at, dict):
        raise CaseError(f"{where}: 'at' must be a mapping")
    unknown = set(at) - AT_KEYS
    if unknown:
        raise CaseError(f"{where}: unknown 'at' keys {sorted(unknown)} (allowed: {sorted(AT_KEYS)})")
    return Entry(rule=raw["rule"], why=raw["why"], severity=severity, at={k: str(v) for k, v in at.items()})


def _missed(raw, where: str) -> Missed:
    if isinstance(raw, str) and raw.strip():
        return Missed(what=raw)
    if isinstance(raw, dict):
        unknown = set(raw) - MISSED_KEYS
        if unknown:
            raise CaseError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(MISSED_KEYS)})")
        if not isinstance(raw.get("what"), str):
            raise CaseError(f"{where}: 'what' is required")
        what = raw["what"] + (f" ({raw['where']})" if raw.get("where") else "")
        return Missed(what=what, rule=raw.get("rule"), severity=raw.get("severity"))
    raise CaseError(f"{where}: a missed defect is free text (or a mapping with 'what')")


def load_case(path: Path) -> Case:
    data = yaml.safe_load(path.read_text("utf-8"))
    if not isinstance(data, dict):
        raise CaseError(f"{path.name}: the top level must be a mapping")
    unknown = set(data) - TOP_KEYS
    if unknown:
        raise CaseError(f"{path.name}: unknown keys {sorted(unknown)} (allowed: {sorted(TOP_KEYS)})")
    if not isinstance(data.get("file"), str):
        raise CaseError(f"{path.name}: 'file' is required")
    report = (path.parent / data["file"]).resolve()
    if not report.is_file():
        raise CaseError(f"{path.name}: file {data['file']!r} does not exist")
    lists = {}
    for key in ("findings", "allowed", "absent", "missed"):
        value = data.get(key) or []
        if not isinstance(value, list):
            raise CaseError(f"{path.name}: '{key}' must be a list")
        convert = _missed if key == "missed" else _entry
        lists[key] = [convert(item, f"{path.name}: {key}[{i}]") for i, item in enumerate(value)]
    return Case(path=path, file=report, **lists)


def case_paths() -> list[Path]:
    return sorted(CORPUS.glob("*.yaml"))


_RESULTS: dict = {}


def check_corpus(paths: list[Path] | None = None) -> dict[Path, object]:
    """Every report of the corpus checked in ONE batch, as an inspector checks a folder: the series rules
    (Y101, Y102) then pair each office's consecutive years. The FileResult of each expectations file.
    The whole corpus is checked once per process and shared."""
    import gklint

    key = tuple(paths or case_paths())
    if key not in _RESULTS:
        cases = [load_case(p) for p in key]
        result = gklint.check_many([c.file for c in cases])
        _RESULTS[key] = dict(zip(key, result.files))
    return _RESULTS[key]


@dataclass
class Outcome:
    """How one report's diagnostics compare with its expectations."""

    case: Case
    true: list = field(default_factory=list)  # (diagnostic, finding entry)
    tolerated: list = field(default_factory=list)  # (diagnostic, allowed entry)
    false: list = field(default_factory=list)  # diagnostic (unmatched error/warning, or matching absent)
    forbidden: list = field(default_factory=list)  # (diagnostic, absent entry)
    missing: list = field(default_factory=list)  # finding entries no diagnostic matched


def compare(case: Case, diagnostics) -> Outcome:
    out = Outcome(case)
    for d in diagnostics:
        bad = next((e for e in case.absent if e.matches(d)), None)
        if bad is not None:
            out.forbidden.append((d, bad))
            out.false.append(d)
            continue
        hit = next((e for e in case.findings if e.matches(d)), None)
        if hit is not None:
            out.true.append((d, hit))
            continue
        ok = next((e for e in case.allowed if e.matches(d)), None)
        if ok is not None:
            out.tolerated.append((d, ok))
        elif d.severity in ("error", "warning"):
            out.false.append(d)
    matched = {id(e) for _, e in out.true}
    out.missing = [e for e in case.findings if id(e) not in matched]
    return out


def describe_diagnostic(d) -> str:
    loc = d.location
    where = ", ".join(f"{k}={getattr(loc, k)}" for k in ("table", "row", "column", "section")
                      if getattr(loc, k))
    if loc.quote:
        where += (", " if where else "") + f"quote={loc.quote[:60]!r}"
    return f"{d.rule} [{d.severity}] at {where or '-'}: {d.message[:160]}"
