"""Build small Reports for the narrative rules: sections of text, and tables with chosen cell values.

``cells`` maps ``"table.row.column"`` (ids of gklint/layouts/<version>.yaml) to a value; every other
data cell of tables 二, 三 and 四 is 0, as in a report that states its zeros.
"""

from __future__ import annotations

from gklint import layouts
from gklint.core.diagnostic import Diagnostic
from gklint.engine.kinds import Context, evaluator
from gklint.engine.rules import find, load_rules
from gklint.core.model import Cell, Metadata, Report, Section, Table


def tables(cells: dict[str, int | float] | None = None, layout: str = "2021",
           blank: tuple[str, ...] = ()) -> dict[str, Table]:
    spec = layouts.get(layout)
    out: dict[str, Table] = {}
    for key, table in spec.tables.items():
        out[key] = Table(key, {(r.id, c.id): Cell.number(0) for r, c in table.cells()})
    for ref, value in (cells or {}).items():
        t, r, c = ref.split(".")
        assert (r, c) in out[t].cells, f"no cell {ref} in layout {layout}"
        out[t].cells[(r, c)] = Cell.number(value)
    for ref in blank:
        t, r, c = ref.split(".")
        out[t].cells[(r, c)] = Cell.blank()
    return out


def report(text: str | dict[str, str], cells: dict[str, int | float] | None = None, *, layout: str = "2021",
           year: int | None = 2021, blank: tuple[str, ...] = ()) -> Report:
    """A report whose narrative is ``text`` (in 一、总体情况), or {heading: text} for several sections."""
    texts = {"一、总体情况": text} if isinstance(text, str) else text
    sections = [Section(heading=h, text=t, number=h[0], id=None) for h, t in texts.items()]
    return Report(layout=layout, meta=Metadata(year=year), sections=sections,
                  tables=tables(cells, layout, blank))


def run(rule_id: str, rep: Report, lang: str = "zh") -> list[Diagnostic]:
    rule = find(rule_id)
    assert rule is not None, f"no rule {rule_id}"
    ctx = Context(lang=lang, layout=layouts.get(rep.layout), rules=load_rules(), settings={})
    return list(evaluator(rule.kind)(rule, rep, ctx))


def run_all(rep: Report, prefix: str = "N") -> list[Diagnostic]:
    """Every narrative rule whose id starts with ``prefix``."""
    from gklint.engine.rules import load_rules

    out: list[Diagnostic] = []
    for rule in load_rules():
        if rule.kind == "narrative" and rule.id.startswith(prefix):
            out.extend(run(rule.id, rep))
    return out
