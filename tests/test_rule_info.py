"""``RuleInfo.page`` given as a function: made when first read, and then as if given as text."""

import dataclasses
import pickle

import pytest

from gklint.core.diagnostic import RuleInfo
from gklint.engine.rules import load_rules
from gklint.ruledocs import render_rule_doc, rule_info


def test_a_page_made_on_read_is_the_rendered_page_everywhere():
    for rule in load_rules()[:12]:
        for lang in ("zh", "en"):
            calls = []

            def render(rule=rule, lang=lang):
                calls.append(1)
                return render_rule_doc(rule, lang, True)  # the page outputs carry: with the detail (SARIF help)

            lazy = RuleInfo(rule.id, rule.name, rule.kind, rule.severity, rule.text("title", lang), rule.docs_in(lang),
                            rule.pack, render)
            whole = RuleInfo(rule.id, rule.name, rule.kind, rule.severity, rule.text("title", lang),
                             rule.docs_in(lang), rule.pack, render_rule_doc(rule, lang, True))
            assert not calls  # not rendered until read
            assert lazy == whole and repr(lazy) == repr(whole) and lazy.page == whole.page
            assert dataclasses.asdict(lazy) == dataclasses.asdict(whole) and len(calls) == 1
            assert pickle.loads(pickle.dumps(lazy)) == whole and pickle.loads(pickle.dumps(whole)) == whole
            assert rule_info(rule, lang) == whole
            with pytest.raises(dataclasses.FrozenInstanceError):
                lazy.page = ""  # type: ignore[misc]
    assert RuleInfo("a", "b", "c", "info", "t", {}).page == ""
