"""Evaluators, one per rule kind.

Table kinds (``identity``, ``cell``) are compiled to pandera schemas in ``gklint.engine.tables``
and run over one or many reports at once. Every other kind has a per-report evaluator here:
a function ``evaluate(rule, report, ctx) -> Iterable[Diagnostic]`` in the module named below,
imported only when a rule of that kind runs.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from gklint.layouts import Layout

PER_REPORT = {
    "recognition": "gklint.engine.kinds.recognition",
    "narrative": "gklint.engine.kinds.narrative",
    "structure": "gklint.engine.kinds.structure",
    "date": "gklint.engine.kinds.dates",
    "prose": "gklint.engine.kinds.prose",
    "layout": "gklint.engine.kinds.layout",
}


@dataclass(frozen=True)
class Context:
    """What an evaluator may need besides the rule and the report."""

    lang: str = "zh"
    layout: Layout | None = None  # the layout the report's tables follow
    settings: dict | None = None  # user settings (e.g. {"aggregate": True} for a government's own report)


def dispatch(checks: dict, kind: str):
    """The evaluator of a kind whose rules name one of ``checks`` in their ``check`` parameter."""
    def evaluate(rule, report, ctx):
        name = rule.params.get("check", "")
        if name not in checks:
            from gklint.engine.rules import RuleError

            raise RuleError(f"{rule.pack}: rule {rule.id}: unknown {kind} check {name!r} "
                            f"(known: {', '.join(checks)})")
        return list(checks[name](rule, report, ctx))

    return evaluate


def evaluator(kind: str):
    return importlib.import_module(PER_REPORT[kind]).evaluate
