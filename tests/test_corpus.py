"""The real-report regression corpus: every report in tests/corpus/ against its expectations file.

Each ``tests/corpus/<name>.yaml`` lists, by reading the report, the findings gklint must give
(``findings``), those it may give (``allowed``) and false findings that must not come back (``absent``).
Every error and warning must be expected or allowed, every expected finding must be given, and no
``absent`` entry may match. Infos are ignored unless an entry names them. See tests/corpus_cases.py.
"""

from __future__ import annotations

import pytest

import gklint
from corpus_cases import CaseError, case_paths, check_corpus, compare, describe_diagnostic, load_case

PATHS = case_paths()


def test_corpus_is_not_empty():
    assert len(PATHS) >= 1, "no expectations files in tests/corpus/"


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_real_report(path):
    case = load_case(path)  # a malformed file fails here, naming the key
    result = check_corpus()[path]
    assert result.error is None, result.error
    outcome = compare(case, result.diagnostics)
    problems = []
    if outcome.false:
        problems.append("unexpected findings (neither in 'findings' nor 'allowed', or listed in 'absent'):")
        absent = {id(d): e for d, e in outcome.forbidden}
        for d in outcome.false:
            note = f"  <- absent: {absent[id(d)].why[:100]}" if id(d) in absent else ""
            problems.append(f"  + {describe_diagnostic(d)}{note}")
    if outcome.missing:
        problems.append("missing findings (in 'findings', not reported):")
        for e in outcome.missing:
            problems.append(f"  - {e.describe()}: {e.why[:160]}")
    if problems:
        pytest.fail(f"{case.file.name}:\n" + "\n".join(problems), pytrace=False)


def _write(tmp_path, text: str):
    (tmp_path / "r.txt").write_text("x", "utf-8")
    p = tmp_path / "r.yaml"
    p.write_text(text, "utf-8")
    return p


@pytest.mark.parametrize("text, complaint", [
    ("file: r.txt\nfinding: []\n", "unknown keys ['finding']"),
    ("file: r.txt\nfindings:\n  - rule: T301\n", "'why' is required"),
    ("file: r.txt\nfindings:\n  - rule: T301\n    why: x\n    at: {tabel: 三}\n", "unknown 'at' keys ['tabel']"),
    ("file: r.txt\nallowed:\n  - rule: R102\n    why: x\n    severity: fatal\n", "severity must be"),
    ("file: r.txt\nabsent:\n  - why: x\n", "'rule' is required"),
    ("file: nowhere.txt\n", "does not exist"),
    ("file: r.txt\nmissed:\n  - {wat: x}\n", "unknown keys ['wat']"),
])
def test_expectations_shape_is_checked(tmp_path, text, complaint):
    with pytest.raises(CaseError, match=__import__("re").escape(complaint)):
        load_case(_write(tmp_path, text))


def test_matching_uses_rule_severity_and_every_location_key(tmp_path):
    from gklint.core.diagnostic import Diagnostic, Location

    case = load_case(_write(tmp_path, (
        "file: r.txt\n"
        "findings:\n  - {rule: T302, severity: error, at: {table: 三, column: 总计}, why: x}\n"
        "allowed:\n  - {rule: R102, at: {quote_contains: 行政查询}, why: x}\n"
        "absent:\n  - {rule: S101, why: x}\n")))
    hit = Diagnostic("T302", "error", "m", Location(table="三", column="总计", row="（七）总计"))
    wrong_column = Diagnostic("T302", "error", "m", Location(table="三", column="自然人"))
    wrong_severity = Diagnostic("T302", "warning", "m", Location(table="三", column="总计"))
    tolerated = Diagnostic("R102", "warning", "m", Location(quote="8.属于行政查询事项"))
    forbidden = Diagnostic("S101", "error", "m", Location(section="五"))
    info = Diagnostic("R104", "info", "m", Location(table="三"))
    out = compare(case, [hit, wrong_column, wrong_severity, tolerated, forbidden, info])
    assert [d for d, _ in out.true] == [hit]
    assert [d for d, _ in out.tolerated] == [tolerated]
    assert out.false == [wrong_column, wrong_severity, forbidden]
    assert out.missing == []
    assert compare(case, [info]).missing == case.findings
