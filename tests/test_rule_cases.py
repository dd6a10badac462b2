"""Every rule's cases (``cases:`` in rules/*.yaml), run through gklint.check_many: each says whether the
rule fires on a small report, and with what message (as sqlfluff's rule test cases)."""

from __future__ import annotations

import pytest

from gklint.engine.rules import load_rules
from gklint.testing import CaseError, RuleCase, rule_cases, run_case

RULES = load_rules()
CASES = [case for rule in RULES for case in rule_cases(rule)]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_rule_case(case: RuleCase):
    outcome = run_case(case)
    assert outcome.ok, f"{case.pack}: {case.id}: " + " | ".join(outcome.problems)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_has_a_firing_and_a_silent_case_and_one_example(rule):
    cases = rule_cases(rule)
    assert any(c.fires for c in cases), f"{rule.id}: no case where it fires"
    assert any(not c.fires for c in cases), f"{rule.id}: no case where it stays silent"
    [example] = [c for c in cases if c.example] or [None]
    assert example is not None, f"{rule.id}: mark one case example: true (it is shown on the rule's page)"
    assert example.fires and "message" in example.data, f"{rule.id}: the example fires and gives its message"


def test_a_case_that_does_not_hold_is_reported():
    """The runner is not a rubber stamp: a case with the wrong outcome or message gets problems."""
    [t301] = [r for r in RULES if r.id == "T301"]
    [example] = [c for c in rule_cases(t301) if c.example]
    silent = RuleCase(example.rule, "flipped", {k: v for k, v in example.data.items() if k == "cells"} | {"fires": False})
    assert run_case(silent).problems and run_case(silent).findings
    wrong = RuleCase(example.rule, "wrong", example.data | {"message": example.data["message"] + "！"})
    assert run_case(wrong).problems


def test_malformed_cases_are_refused():
    [t301] = [r for r in RULES if r.id == "T301"]
    for broken in ([{"name": "a", "fires": "yes"}], [{"name": "a", "fires": False, "cels": {}}],
                   [{"name": "a", "fires": False, "message": "x"}], "not a list",
                   [{"name": "a", "fires": True}, {"name": "a", "fires": False}]):
        fake = type("R", (), {"id": "T301", "pack": "tables.yaml", "params": {"cases": broken}})()
        with pytest.raises(CaseError):
            rule_cases(fake)
    assert rule_cases(t301)
