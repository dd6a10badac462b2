"""Narrative rules (kind ``narrative``): the numbers the text states against the tables and each other.

The rule's ``check`` parameter names what it checks:

- ``claim``: numbers tied to table cells by the rule's ``claims`` (``gklint.narrative.claims``);
- ``parts``: a stated total and the parts listed after it (``gklint.narrative.enumerations``);
- ``zero``: statements that something did not happen, by the rule's ``statements``
  (``gklint.narrative.zeros``).

A claim is tied to a number only when no claim of any narrative rule could also mean it, so the
evaluator reads the claim patterns of every narrative rule of the run (``Context.rules``: the run's
full rule set, a user's own packs included), selected or not.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from gklint.core.diagnostic import Diagnostic, Location, Part
from gklint.core.memo import by_identity
from gklint.core.numbers import show_number, tidy
from gklint.core.template import bilingual, choose, json_values, pick
from gklint.engine.kinds import Context, kept_per_rule
from gklint.engine.rules import Rule, RuleError
from gklint.layouts import Layout
from gklint.layouts import get as get_layout
from gklint.core.model import Report, Section, report_year
from gklint.narrative import claims as claims_mod
from gklint.narrative import enumerations, zeros
from gklint.narrative.quantities import analyse
from gklint.narrative.sentences import fold

def evaluate(rule: Rule, report: Report, ctx: Context) -> Iterable[Diagnostic]:
    check = rule.params.get("check")
    handler = _CHECKS.get(check)
    if handler is None:
        raise RuleError(f"{rule.pack}: rule {rule.id}: unknown narrative check {check!r} "
                        f"(known: {', '.join(_CHECKS)})")
    layout = ctx.layout or get_layout(report.layout)
    year = report_year(report)
    return list(handler(rule, report, layout, year, ctx))


def _word_units(rule: Rule) -> tuple[str, ...]:
    """The units after which a lone 一 or 两 ending its clause is a count (``word_count_units``)."""
    return tuple(rule.params.get("word_count_units") or ())


def check_refs(rule: Rule, layouts: list[Layout]):
    """(field, problem) for each cell a claim or statement names that no layout the rule applies to has
    (a reading whose cells one layout lacks is dropped there, so one layout having it is enough)."""
    def missing(cell: str) -> bool:
        return not any(claims_mod.resolve(cell, layout) for layout in layouts)

    for i, claim in enumerate(rule.params.get("claims") or ()):
        for j, reading in enumerate(claim.get("readings") or ()):
            cells = reading["cells"] if isinstance(reading, dict) else reading
            for cell in cells:
                if missing(str(cell)):
                    yield (f"claims[{i}].readings[{j}].cells",
                           f"说法 {claim.get('name')}：格式 {_versions(layouts)} 中没有单元格 {cell!r}")
    for i, statement in enumerate(rule.params.get("statements") or ()):
        for cell in statement.get("cells") or ():
            if missing(str(cell)):
                yield (f"statements[{i}].cells",
                       f"说法 {statement.get('name')}：格式 {_versions(layouts)} 中没有单元格 {cell!r}")


def _versions(layouts: list[Layout]) -> str:
    return ", ".join(layout.version for layout in layouts)


# --------------------------------------------------------------------------- claims

@kept_per_rule("narrative", "claim")
def _claims_of(rule: Rule) -> tuple[claims_mod.Claim, ...]:
    return claims_mod.parse_claims(rule.id, rule.params.get("claims") or [], rule.params.get("bracket_asides"))


_POOLS: dict[tuple[int, int], tuple[Rule, tuple, tuple]] = {}


def _all_claims(rule: Rule, pool: tuple[Rule, ...] = ()) -> tuple[claims_mod.Claim, ...]:
    """The claims of every narrative claim rule of ``pool`` (the run's full rule set), with ``rule``'s own
    in place of its namesake's (worked out once per rule and pool: a run passes the same pool for every report)."""
    got = _POOLS.get((id(rule), id(pool)))
    if got is not None and got[0] is rule and got[1] is pool:
        return got[2]
    if len(_POOLS) > 256:
        _POOLS.clear()
    claims = _pool_claims(rule, pool)
    _POOLS[(id(rule), id(pool))] = (rule, pool, claims)
    return claims


def _pool_claims(rule: Rule, pool: tuple[Rule, ...]) -> tuple[claims_mod.Claim, ...]:
    rules = {r.id: r for r in pool if r.kind == "narrative" and r.params.get("check") == "claim"}
    rules[rule.id] = rule
    # the same tuple for every claim rule of a run, so the matching is shared (claims.ties_in_text)
    return _joined(tuple(rules[k] for k in sorted(rules)))


@lru_cache(maxsize=64)
def _joined(rules: tuple[Rule, ...]) -> tuple[claims_mod.Claim, ...]:
    return tuple(c for r in rules for c in _claims_of(r))


def _claim_check(rule: Rule, report: Report, layout: Layout, year: int | None, ctx: Context):
    lang = ctx.lang
    every = _all_claims(rule, ctx.rules)
    for section, found in _unambiguous(every, report, year, ctx, _word_units(rule)):
        said: set[tuple[int, str]] = set()  # a sentence stating one figure of the same cells twice: said once
        for sq, q, claim in found:
            if claim.rule != rule.id:
                continue
            t = claims_mod.tie(claim, sq, q, report, layout)
            if t is None or t.agrees:
                continue
            finding = _claim_diagnostic(rule, t, section, layout, lang, report)
            if (sq.sentence.start, finding.message) not in said:
                said.add((sq.sentence.start, finding.message))
                yield finding


def _unambiguous(every: tuple[claims_mod.Claim, ...], report: Report, year: int | None, ctx: Context,
                 word_units: tuple[str, ...]):
    """(section, what ``claims.unambiguous`` finds in it) for each section: which claim each number states,
    worked out once per report, claim set and ``word_units`` and shared by every claim rule (through ``ctx.text``)."""
    shared = getattr(ctx, "text", None)
    if shared is not None and shared.report is not report:
        shared = None
    key = ("claims", id(every), year, word_units)
    if shared is not None and (got := shared.memo.get(key)) is not None and got[0] is every:
        return got[1]
    out = [(section, claims_mod.unambiguous_in_text(every, section.text, year, fold(section.heading), word_units))
           for section in report.sections]
    if shared is not None:
        shared.memo[key] = (every, out)
    return out


def _claim_diagnostic(rule: Rule, t: claims_mod.Tie, section: Section, layout: Layout, lang: str,
                      report: Report | None = None) -> Diagnostic:
    values = bilingual(lambda lg: _claim_values(rule, t, layout, lg))
    compared = t.compared
    parts, related = _cell_parts(compared.cells, layout, report)
    return Diagnostic(
        rule=rule.id, severity=rule.severity, message=rule.render(lang, **values).strip(),
        title=rule.text("title", lang),
        location=_reading_location(compared.reading, layout, section, t.sentence.sentence.quote,
                                   _source(section, t.sentence.sentence.start)),
        expected=compared.total, found=t.stated, parts=parts, related=related, values=json_values(values))


def _claim_values(rule: Rule, t: claims_mod.Tie, layout: Layout, lang: str) -> dict:
    """What a claim finding's message is filled with, in ``lang``."""
    compared = t.compared
    shown = [c for c in t.others if tidy(c.total) != tidy(compared.total)]
    alternatives = "".join(
        pick(rule.params.get("alternative"), lang, reading=_reading_label(c.reading, layout, lang),
             value=show_number(c.total)) for c in shown)
    stated, unit = show_number(t.stated), t.quantity.unit
    figure = f"{stated}{unit}" if lang == "zh" else f"{stated} {unit}"
    if t.claim.amount and unit != "万元":  # compared in 万元: show the text's figure and its conversion
        figure = f"{t.quantity.raw}（{stated}万元）" if lang == "zh" else f"{t.quantity.raw} (= {stated} 万元)"
    note = t.claim.text("note", lang)
    blanks = {b.ref: b for c in (compared, *shown) for b in c.blanks}  # each blank total said once
    blank = ("" if lang == "zh" else " ").join(
        n for n in (_blank_total_note(rule, blanks.values(), layout, lang),
                    _marked_note(rule, (compared, *shown), layout, lang)) if n)
    note = f"{note}{blank}" if lang == "zh" or not note else f"{note} {blank}"
    return dict(claim=t.claim.text("label", lang), figure=figure, stated=stated, unit=unit,
                table=compared.cells[0][0][0], cells=_cells_text(compared.cells, compared.reading, layout, lang),
                expected=show_number(compared.total), alternatives=alternatives, note=note.strip())


def _blank_total_note(rule: Rule, blanks: Iterable[claims_mod.BlankTotal], layout: Layout, lang: str) -> str:
    """Say which blank 总计 cells were read as the sum of the columns they total (``blank_total``), or as at
    least the sum of those filled, the others blank (``blank_total_bound``)."""
    out = []
    for b in blanks:
        ref = b.ref
        row, col = _labels(ref, layout)
        spec = layout.table(ref[0]).row(ref[1])
        summed = [spec.column(c).label for c in b.summed if spec.column(c)]
        sep = "、" if lang == "zh" else ", "
        template = rule.params.get("blank_total_bound" if b.bound else "blank_total")
        out.append(pick(template, lang, cell=_cells_text([(ref, 0)], None, layout, lang), table=ref[0],
                         row=row, column=col, columns=sep.join(summed), value=show_number(b.value)))
    return ("" if lang == "zh" else " ").join(o for o in out if o)


def _marked_note(rule: Rule, compared: Iterable[claims_mod.Compared], layout: Layout, lang: str) -> str:
    """Say which cells of the readings shown hold no number (blank or a mark) and were counted 0: their
    reading's total is a lower bound (``marked_cell``)."""
    template = rule.params.get("marked_cell")
    out = []
    for c in compared:
        for ref, raw in c.marked:
            shown = f"“{raw}”" if raw else ("空白" if lang == "zh" else "blank")
            out.append(pick(template, lang, table=ref[0], cell=_cells_text([(ref, 0)], None, layout, lang),
                            raw=shown, value=show_number(c.total)))
    return ("" if lang == "zh" else " ").join(o for o in out if o)


# --------------------------------------------------------------------------- parts

def _parts_check(rule: Rule, report: Report, layout: Layout, year: int | None, ctx: Context):
    lang = ctx.lang
    relations = rule.params.get("relations") or {}
    outcome_heads = tuple(rule.params.get("outcome_heads") or ())
    partial_kinds = tuple(rule.params.get("partial_kinds") or ())
    for section in report.sections:
        analysed = analyse(section.text, year, _word_units(rule))
        for e in enumerations.find(analysed):
            if not e.contradicts(outcome_heads, partial_kinds):
                continue
            total, total_sum = e.total_value, e.sum
            relation = relations.get("less" if total_sum < total else "more") or {}
            values = bilingual(lambda lg: dict(
                total=show_number(total), sum=show_number(total_sum), difference=show_number(abs(total - total_sum)),
                unit=e.total.unit if e.total.family != "money" else ("万元" if lg == "zh" else "10k yuan"),
                relation=choose(relation, lg),
                parts=" + ".join(f"{enumerations.label(q)}{show_number(e.amount(q))}" for q in e.parts)))
            yield Diagnostic(
                rule=rule.id, severity=rule.severity, message=rule.render(lang, **values),
                title=rule.text("title", lang), values=json_values(values),
                location=Location(section=section.heading, quote=e.quote(),
                                  source=_source(section, e.total_sentence.sentence.start)),
                expected=tidy(total), found=tidy(total_sum),
                parts=[Part(enumerations.label(q), tidy(e.amount(q))) for q in e.parts])


# --------------------------------------------------------------------------- zero statements

@kept_per_rule("narrative", "zero")
def _statements_of(rule: Rule) -> tuple[zeros.ZeroStatement, ...]:
    return zeros.parse_statements(rule.id, rule.params.get("statements") or [])


def _zero_check(rule: Rule, report: Report, layout: Layout, year: int | None, ctx: Context):
    lang = ctx.lang
    statements = _statements_of(rule)
    for section in report.sections:
        analysed = analyse(section.text, year, _word_units(rule))
        reported: set[tuple[int, claims_mod.CellRef]] = set()
        for mention in zeros.find(statements, analysed, year, fold(section.heading)):
            computed: list = []
            cells = _present_values(mention.statement.cells, report, layout, computed)
            # one sentence may state the same zero twice ("复议、诉讼均未被纠错"): each cell once
            nonzero = [(ref, v) for ref, v in cells if v != 0
                       and (mention.sentence.sentence.start, ref) not in reported]
            reported.update((mention.sentence.sentence.start, ref) for ref, _ in nonzero)
            if not nonzero:
                continue
            value = sum(v for _, v in nonzero)
            table = nonzero[0][0][0]
            blanks = [b for b in computed if b.ref in dict(nonzero)]
            values = bilingual(lambda lg: dict(
                statement=mention.text.strip(), table=table, cells=_cells_text(nonzero, None, layout, lg),
                value=show_number(value), note=_blank_total_note(rule, blanks, layout, lg)))
            parts, related = _cell_parts(nonzero, layout, report)
            yield Diagnostic(
                rule=rule.id, severity=rule.severity, message=rule.render(lang, **values).strip(),
                title=rule.text("title", lang), values=json_values(values),
                location=_cells_location(nonzero, layout, section, mention.sentence.sentence.quote,
                                         _source(section, mention.sentence.sentence.start)),
                expected=tidy(value), found=0, parts=parts, related=related)


def _present_values(cells: tuple[str, ...], report: Report, layout: Layout,
                    computed: list) -> list[tuple[claims_mod.CellRef, int | float]]:
    """The cells a zero statement names that this layout has and the report gives a value, with their values.
    A cell the layout lacks (a statement names the cells of both layouts) or the report does not give (its row
    not read, a "/") is left out: a non-zero cell present contradicts the statement whatever the others hold,
    and nothing is claimed from a cell that is not there."""
    out = []
    for cell in cells:
        for ref in claims_mod.resolve(cell, layout) or ():
            value = claims_mod.cell_value(ref, report, layout, computed)
            if value is not None:
                out.append((ref, value))
    return out


_CHECKS = {"claim": _claim_check, "parts": _parts_check, "zero": _zero_check}


# --------------------------------------------------------------------------- labels

def _labels(ref: claims_mod.CellRef, layout: Layout) -> tuple[str, str]:
    t, r, c = ref
    spec = layout.table(t)
    row = spec.row(r)
    col = row.column(c) if row else None
    return (row.label if row else r), (col.label if col else c)


def _cell_parts(cells, layout: Layout, report: Report | None = None) -> tuple[list[Part], list[Location]]:
    """The parts of a finding about table ``cells`` ((ref, value) each: the cell by its official labels, its value
    and place) and its related places (the same places, each its own Location); a place has the cell's own
    position in the file when the report knows it."""
    parts, related = [], []
    for ref, value in cells:
        row, col = _labels(ref, layout)
        cell = report.cell(*ref) if report is not None else None
        source = cell.source if cell is not None else None
        parts.append(Part(f"{row}·{col}", value, location=Location(table=ref[0], row=row, column=col, source=source)))
        related.append(Location(table=ref[0], row=row, column=col, source=source))
    return parts, related


def _cells_location(cells, layout: Layout, section: Section, quote: str, source=None) -> Location:
    rows = list(dict.fromkeys(_labels(ref, layout)[0] for ref, _ in cells))
    cols = list(dict.fromkeys(_labels(ref, layout)[1] for ref, _ in cells))
    return Location(table=cells[0][0][0], row=" + ".join(rows), column=" + ".join(cols),
                    section=section.heading, quote=quote, source=source)


def _reading_location(reading, layout: Layout, section: Section, quote: str, source=None) -> Location:
    """The cells a reading names, a group heading by its own label (（三）不予公开)."""
    table, rows, cols = _reading_places(layout, reading.cells)
    return Location(table=table, row=rows, column=cols, section=section.heading, quote=quote, source=source)


@by_identity(maxsize=1024)
def _reading_places(layout: Layout, cells: tuple[str, ...]) -> tuple[str, str, str]:
    """The table, rows and columns (joined by " + ") of a reading's cells in ``layout``: they depend on these
    only, and are worked out once (bounded)."""
    labels = []
    for ref in cells:
        t, r, c = ref.split(".")
        row = layout.table(t).row(r)
        col = next((rc.column(c) for rc in layout.table(t).data_rows if rc.column(c) is not None), None)
        labels.append((t, row.label if row else r, col.label if col else c))
    rows = list(dict.fromkeys(r for _, r, _ in labels))
    cols = list(dict.fromkeys(c for _, _, c in labels))
    return labels[0][0], " + ".join(rows), " + ".join(cols)


def _source(section: Section, offset: int):
    """Where the text at ``offset`` of the section's text is in the original file, when known."""
    line = section.text.count("\n", 0, offset)
    sources = getattr(section, "sources", None) or []
    return sources[line] if line < len(sources) else None


def _cells_text(cells, reading, layout: Layout, lang: str) -> str:
    """「row」「column」 for one cell; the reading's label, or the cells joined, for several."""
    if len(cells) == 1:
        row, col = _labels(cells[0][0], layout)
        return f"「{row}」「{col}」" if lang == "zh" else f"“{row}” / “{col}”"
    if reading is not None and reading.label:
        return choose(reading.label, lang)
    joined = (" + " if lang != "zh" else "＋").join(
        (f"「{r}」「{c}」" if lang == "zh" else f"“{r}” / “{c}”") for r, c in (_labels(ref, layout) for ref, _ in cells))
    return joined


def _reading_label(reading, layout: Layout, lang: str) -> str:
    if reading.label:
        return choose(reading.label, lang)
    refs = []
    for ref in reading.cells:
        refs.extend(claims_mod.resolve(ref, layout) or [])
    return _cells_text([(r, 0) for r in refs], None, layout, lang)
