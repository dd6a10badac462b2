"""The rule packs: well-formed, documented, and their generated docs page in step with them."""

import pytest

from gklint.ruledocs import rules_markdown
from gklint.engine.rules import KINDS, RuleError, load_pack, load_rules, parse_rule
from gklint.engine.kinds import PER_REPORT

from conftest import ROOT


def test_docs_page_is_generated_from_the_rules():
    assert (ROOT / "docs" / "rules.md").read_text("utf-8") == rules_markdown(load_rules()), \
        "run: gklint rules --docs > docs/rules.md"
    assert (ROOT / "docs" / "rules.en.md").read_text("utf-8") == rules_markdown(load_rules(), "en"), \
        "run: gklint rules --docs --lang en > docs/rules.en.md"


@pytest.mark.parametrize("rule", load_rules(), ids=lambda r: r.id)
def test_every_rule_is_complete(rule):
    assert rule.kind in KINDS
    assert rule.kind in PER_REPORT or rule.kind in ("identity", "cell", "series")
    assert rule.title["zh"] and rule.title.get("en"), "title in Chinese and English"
    assert rule.message["zh"] and rule.message.get("en"), "message in Chinese and English"
    for key in ("what", "why", "example", "fix"):
        assert len(rule.doc(key, "zh")) >= 8 and len(rule.docs[key].get("en", "")) >= 8, \
            f"docs.{key} in Chinese and English"


def test_ids_are_unique_and_sorted():
    ids = [r.id for r in load_rules()]
    assert ids == sorted(set(ids))


def test_malformed_rules_are_refused(tmp_path):
    base = {"id": "X1", "name": "x", "kind": "identity", "severity": "error", "title": "t", "message": "m",
            "docs": {"what": "a", "why": "b", "example": "c", "fix": "d"},
            "table": "三", "over": "columns", "left": ["new", "carried_over"], "right": ["total", "carried_forward"]}
    parse_rule(base, "p.yaml")
    for broken in ({"severity": "fatal"}, {"kind": "python"}, {"docs": {"what": "a"}}):
        with pytest.raises(RuleError):
            parse_rule(base | broken, "p.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules: [", encoding="utf-8")
    with pytest.raises(RuleError, match="bad.yaml"):
        load_pack(bad)
