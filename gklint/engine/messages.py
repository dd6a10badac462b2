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


def message_in(diagnostic: Diagnostic, lang: str, rules: tuple[Rule, ...] | None = None) -> str:
    """``diagnostic``'s message in ``lang`` ("zh" or "en"), rendered from its rule (among ``rules``,
    default every rule of the packs) and its values, without surrounding blanks; KeyError when no such
    rule is known."""
    rule = find(diagnostic.rule, rules)
    if rule is None:
        raise KeyError(f"no rule {diagnostic.rule}")
    message = rule.render(lang, diagnostic.template, **diagnostic.values)
    if "appended" in diagnostic.values:  # a note said after the message (an uncertain reading)
        message += choose(diagnostic.values["appended"], lang)
    return message.strip()


def translated(diagnostic: Diagnostic, lang: str, rules: tuple[Rule, ...] | None = None) -> Diagnostic:
    """A copy of ``diagnostic`` with its title and message in ``lang``."""
    rule = find(diagnostic.rule, rules)
    if rule is None:
        raise KeyError(f"no rule {diagnostic.rule}")
    return replace(diagnostic, title=rule.text("title", lang), message=message_in(diagnostic, lang, (rule,)))
