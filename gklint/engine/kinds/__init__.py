"""Rule kinds: one table (``KINDS``) of what each kind is, and the evaluators' shared helpers.

For every kind the table gives its parameter model (``gklint.engine.params``, checked when the packs
load), the module that evaluates it, when it runs (``stage``), and the names its message templates may
use: per check (the rule's ``check`` parameter, or ``repeated`` for series), the values its evaluator
fills in. Adding a kind is one row here plus its evaluator module.

Stages: ``table`` kinds (``identity``, ``cell``) are compiled to pandera schemas in
``gklint.engine.tables`` and run over one or many reports at once; ``report`` kinds have a function
``evaluate(rule, report, ctx) -> Iterable[Diagnostic]`` in their module, imported only when a rule of
that kind runs; ``series`` compares one agency's reports of consecutive years.
"""

from __future__ import annotations

import importlib
from functools import lru_cache, wraps
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from gklint.engine import params as P
    from gklint.layouts import Layout

# every rule.diagnostic() fills these two
_SHOWN = frozenset({"expected", "found"})


def _names(*names: str) -> frozenset[str]:
    return frozenset(names) | _SHOWN


class Kind(NamedTuple):
    """A kind of rule: its parameter model, its evaluator, the stage it runs at and the placeholders of its checks
    (a named tuple, as ``Context``: made at import for less than a frozen dataclass)."""

    name: str
    model: str  # the name of its parameter model in gklint.engine.params (imported when first needed: pydantic)
    module: str  # the evaluator
    stage: str  # "table", "report" or "series"
    # check name -> the placeholders its messages may use; the key is the value of the ``variant``
    # parameter (None: the rule has none)
    supplies: dict[str | None, frozenset[str]]
    variant: str | None = "check"

    def placeholders(self, params: dict) -> frozenset[str] | None:
        """The names this rule's messages may use (None when its check is unknown)."""
        return self.supplies.get(params.get(self.variant) if self.variant else None)

    @property
    def params(self) -> type[P.Params]:
        """The parameter model (``gklint.engine.params``)."""
        from gklint.engine import params

        return getattr(params, self.model)

    @property
    def checks(self) -> tuple[str, ...]:
        return tuple(k for k in self.supplies if k is not None)


_IDENTITY = _names("table", "row", "column", "left", "right", "difference")
_CELL = _names("table", "row", "column", "raw", "count", "examples", "totals", "summed", "marks", "zeros")
_SERIES = _names("table", "row", "column", "year", "last_year", "difference", "left", "right")
_REPEATED = _names("section", "share", "threshold", "year", "last_year", "count", "sentences")

KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("identity", "IdentityParams", "gklint.engine.tables", "table", {None: _IDENTITY}, variant=None),
    Kind("cell", "CellParams", "gklint.engine.tables", "table",
         {c: _CELL for c in ("non_negative", "integer", "not_blank", "not_na", "not_text")}),
    Kind("recognition", "RecognitionParams", "gklint.engine.kinds.recognition", "report",
         {None: _names("message", "table", "row", "column", "count", "title", "year", "first_year", "heading")},
         variant=None),
    Kind("narrative", "NarrativeParams", "gklint.engine.kinds.narrative", "report", {
        "claim": frozenset({"claim", "figure", "stated", "unit", "table", "cells", "expected", "alternatives",
                            "note"}),
        "parts": frozenset({"total", "unit", "sum", "difference", "relation", "parts"}),
        "zero": frozenset({"statement", "table", "cells", "value", "note"})}),
    Kind("structure", "StructureParams", "gklint.engine.kinds.structure", "report", {
        "missing_section": _names("heading", "number", "label", "near", "position"),
        "section_order": _names("heading", "problem", "previous"),
        "section_numbering": _names("heading", "number", "official", "label", "count"),
        "heading_wording": _names("heading", "official", "evidence"),
        "promised_parts": _names("promised", "delivered", "raw"),
        "enumeration": _names("previous", "marker", "problem", "next"),
        "overview_length": _names("count", "limit")}),
    Kind("date", "DateParams", "gklint.engine.kinds.dates", "report", {
        "late_publication": _names("published", "deadline", "year", "basis", "days"),
        "period_mismatch": _names("year", "start", "end"),
        "signed_after_published": _names("signed", "published", "days"),
        "malformed": _names("date", "problem"),
        "cited_after_published": _names("number", "issued", "published"),
        "own_title_year": _names("year", "said", "title")}),
    Kind("prose", "ProseParams", "gklint.engine.kinds.prose", "report", {
        "repeated_words": _names("word", "repeated", "count", "times"),
        "half_width_punctuation": _names("count", "marks", "first"),
        "phrases": _names("phrase", "count")}),
    Kind("layout", "LayoutParams", "gklint.engine.kinds.layout", "report", {
        "old_tables": _names("year", "old", "new", "old_notice", "new_notice", "table", "headers", "new_headers"),
        "new_tables_early": _names("year", "new", "new_notice", "since"),
        "superseded_notice": _names("cited", "year", "current"),
        "header_alias": _names("table", "header", "official")}),
    Kind("series", "SeriesParams", "gklint.engine.kinds.series", "series",
         {None: _SERIES, "share": _REPEATED, "problems": _REPEATED}, variant="repeated"),
)}


def stage_kinds(stage: str) -> tuple[str, ...]:
    return tuple(k.name for k in KINDS.values() if k.stage == stage)


PER_REPORT = {k.name: k.module for k in KINDS.values() if k.stage == "report"}


class Context(NamedTuple):
    """What an evaluator may need besides the rule and the report."""

    lang: str = "zh"
    layout: Layout | None = None  # the layout the report's tables follow
    settings: dict | None = None  # user settings (e.g. {"aggregate": True} for a government's own report)
    rules: tuple = ()  # the run's full rule set, selected or not (narrative claims are weighed against all)
    text: object = None  # the report's text as the text rules read it, shared by them (gklint.textutil.ReportText)


def per_rule(make):
    """``make(rule)`` (what a rule's parameters compile to: patterns, tables) worked out once per rule
    (rules are loaded once and hashed by identity), not once per report."""
    return lru_cache(maxsize=256)(make)


_KEPT: dict[tuple[str, str | None], list] = {}  # (kind, check) -> the ``kept_per_rule`` functions of its rules


def kept_per_rule(kind: str, check: str):
    """``make(rule)`` worked out once per rule and kept with it (``Rule.derived``); for a rule of ``kind`` whose
    check is ``check``, worked out as well when the loaded rules are kept in the cache (``prepare``), so that a
    cold run reads it from there. For what pickles small and unpickles quickly: patterns not compiled yet
    (``lazyre``) and their scanners, a narrative rule's parsed claims."""
    def wrap(make):
        name = f"{make.__module__}.{make.__qualname__}"

        @wraps(make)
        def derived(rule):
            got = rule.derived.get(name)
            if got is None:
                got = rule.derived[name] = make(rule)
            return got

        _KEPT.setdefault((kind, check), []).append(derived)
        return derived

    return wrap


def prepare(rule) -> None:
    """Work out now what the ``kept_per_rule`` functions of its kind and check make of ``rule``."""
    kind = KINDS[rule.kind]
    importlib.import_module(kind.module)
    for derived in _KEPT.get((rule.kind, rule.params.get(kind.variant) if kind.variant else None), ()):
        derived(rule)


def dispatch(checks: dict, kind: str):
    """The evaluator of a kind whose rules name one of ``checks`` in their ``check`` parameter (the
    loader has made sure it is one of them: ``KINDS[kind].checks``)."""
    def evaluate(rule, report, ctx):
        name = rule.params.get("check", "")
        if name not in checks:
            from gklint.engine.rules import RuleError

            raise RuleError(f"{rule.pack}: rule {rule.id}: unknown {kind} check {name!r} "
                            f"(known: {', '.join(checks)})")
        return list(checks[name](rule, report, ctx))

    return evaluate


_EVALUATORS: dict = {}


def evaluator(kind: str):
    found = _EVALUATORS.get(kind)
    if found is None:
        found = _EVALUATORS[kind] = importlib.import_module(PER_REPORT[kind]).evaluate
    return found
