"""A ``Scanner`` made from a pattern compiled on first use (``lazyre``) is the one made from the compiled
pattern, without compiling it: the flags read from the parse tree are ``re.compile``'s, and so are the needed
characters, the anchor, the filter and the matches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gklint.core import lazyre, scan
from gklint.engine.rules import load_rules

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "huangyuan-2021.txt"


def _patterns(value) -> list[str]:
    """The texts of a rule's parameters that hold a regular expression's metacharacter (its patterns)."""
    if isinstance(value, dict):
        return [p for v in value.values() for p in _patterns(v)]
    if isinstance(value, list):
        return [p for v in value for p in _patterns(v)]
    return [value] if isinstance(value, str) and any(ch in value for ch in "[](|)?*+{}\\^$") else []


RULE_PATTERNS = sorted({p for rule in load_rules() for p in _patterns(rule.params)})


def _shape(s: scan.Scanner) -> tuple:
    sources = lambda patterns: [(p.pattern, p.flags) for p in patterns]  # noqa: E731
    return (s.needs, sources(s.anchor), s.lo, s.hi, sources(s.filter), s.chars,
            s.run and (s.run.pattern, s.run.flags), s.anchor_leads, s.filter_leads)


def test_the_rules_have_patterns():
    assert len(RULE_PATTERNS) > 100


@pytest.mark.parametrize("flags", [0, re.M, re.S, re.I, re.M | re.X])
def test_a_lazy_patterns_scanner_is_the_compiled_ones(flags):
    text = SAMPLE.read_text(encoding="utf-8")
    for source in RULE_PATTERNS + ["(?i)abc", "(?s).", "(?a)\\w+", "(?m)^一、"]:
        try:
            compiled = re.compile(source, flags)
        except re.error:
            continue  # (verbose mode reads some of them otherwise)
        lazy = lazyre.compile(source, flags)
        assert scan._flags(lazy) == compiled.flags, source
        assert scan.needed_chars(lazy) == scan.needed_chars(compiled), source
        made = scan.scanner(lazy)
        assert "search" not in vars(lazy) and "flags" not in vars(lazy), source  # not compiled for it
        assert _shape(made) == _shape(scan.scanner(compiled)), source
        assert [m.span() for m in made.finditer(text)] == [m.span() for m in compiled.finditer(text)], source
