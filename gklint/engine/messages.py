"""A finding's message in another language, from its rule and the values it keeps.

Every finding keeps what its message was filled with (``Diagnostic.values``: plain JSON, text that
depends on the language as a {zh, en} mapping) and which of its rule's templates (``Diagnostic.template``),
so ``message_in`` renders it again in either language without the report, the same text
``--lang`` would have printed.
"""

from __future__ import annotations

from dataclasses import replace

from gklint.core.diagnostic import Diagnostic
from gklint.core.template import choose
from gklint.engine.rules import Rule, find


CRASH = "crash"  # the template of a finding that says a rule failed (its values: "error", the exception)


def crash_title(lang: str) -> str:
    """The title of a finding that says a rule failed, not the rule's own (which names what it looks for)."""
    return "规则运行出错" if lang == "zh" else "Rule failed"


def crash_message(rule_id: str, error: str, lang: str) -> str:
    """The message of a finding that says rule ``rule_id`` failed with ``error`` ("ValueError: …")."""
    if lang == "zh":
        return f"规则 {rule_id} 运行出错（{error}），该项未能检查，请报告此问题。"
    return f"Rule {rule_id} failed ({error}); this check was not done. Please report it."


def message_in(diagnostic: Diagnostic, lang: str, rules: tuple[Rule, ...] | None = None) -> str:
    """``diagnostic``'s message in ``lang`` ("zh" or "en"), rendered from its rule (among ``rules``,
    default every rule of the packs) and its values, without surrounding blanks (a rule's failure: said as
    such); KeyError when no such rule is known."""
    if diagnostic.template == CRASH:
        return crash_message(diagnostic.rule, diagnostic.values.get("error", "?"), lang)
    rule = find(diagnostic.rule, rules)
    if rule is None:
        raise KeyError(f"no rule {diagnostic.rule}")
    message = rule.render(lang, diagnostic.template, **diagnostic.values)
    if "appended" in diagnostic.values:  # a note said after the message (an uncertain reading)
        message += choose(diagnostic.values["appended"], lang)
    return message.strip()


def translated(diagnostic: Diagnostic, lang: str, rules: tuple[Rule, ...] | None = None) -> Diagnostic:
    """A copy of ``diagnostic`` with its title and message in ``lang``."""
    if diagnostic.template == CRASH:
        return replace(diagnostic, title=crash_title(lang), message=message_in(diagnostic, lang))
    rule = find(diagnostic.rule, rules)
    if rule is None:
        raise KeyError(f"no rule {diagnostic.rule}")
    return replace(diagnostic, title=rule.text("title", lang), message=message_in(diagnostic, lang, (rule,)))
