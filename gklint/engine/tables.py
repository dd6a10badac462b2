"""Table rules (kinds ``identity`` and ``cell``) compiled to one pandera schema, run over stacked reports.

Each report is a block of rows of one long frame: a row per data cell of its layout (``table.row.column``,
see ``gklint.layouts.cell_key``), holding the cell's value (float, NaN when the cell is not a number) and
kind (number / blank / na / text / missing / unread, as small integer codes), and a row per identity
instance, holding its residual (left − right). One schema, one check per rule, validates one report or a
task's hundred of both layouts at once, lazily, so every failing row of every report is collected; each
check is a vectorised predicate over the whole frame (numpy, no per-row Python). Failure cases are then
turned into diagnostics, with the labels, values and parts read back from the report itself.

Identity rules are weighted sums declared in YAML (``left`` = ``right``, per column or per row),
evaluated where every term is a number. Many reports write a blank cell for a zero: an instance of a rule
that declares ``blank:`` is evaluated too where its other terms are blank cells (never "/", text, a cell
missing or one recognition could not read) and the cell it is reported against is a number, the blanks read
as 0; so is a cell holding a dash ("-", "—": how a pasted spreadsheet shows 0), not a "/". Whether a blank is a zero is then judged where such an identity fails (``_blank_severity``): certain
when no blank could close the difference (counts are never negative), likely when every blank reads as 0 in
the other identities through it, and no finding otherwise (a blank 总计 beside filled applicant columns is
no zero). The blanks themselves are the cell rules' business.

A report's findings do not depend on the reports stacked with it (tests/test_tables_stacked.py): that is
what lets the workers stack each task's files, and the fixed cost of a validation (about 2 ms, mostly
pandera's per check) be paid once per task rather than once per report.
"""

from __future__ import annotations

import threading
from array import array
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from functools import lru_cache
from itertools import compress, repeat
from operator import attrgetter
from typing import Mapping, NamedTuple

from gklint import layouts as L
from gklint.core.diagnostic import Diagnostic, Location, Part
from gklint.engine.rules import Rule
from gklint.core.model import Report
from gklint.core.numbers import show_number
from gklint.core.template import LANGS, bilingual, choose, fill

from gklint.engine.kinds import stage_kinds

KINDS = stage_kinds("table")
# notes that say a row's cells were left blank because they could not be read (that note is the finding)
UNREAD_NOTES = ("table_unreadable", "digits_contradict_text")

class Instance(NamedTuple):
    """One identity as it applies to one column (or row) of one table (a named tuple: made at import for less than
    a frozen dataclass)."""

    rule: Rule
    table: str
    anchor: str  # the cell key a failure is reported against in the frame
    left: tuple[tuple[str, str, int], ...]  # (row id, column id, weight)
    right: tuple[tuple[str, str, int], ...]
    row: str | None  # the official row label the finding is located at, if one
    column: str | None  # the official column label the finding is located at, if one


# --------------------------------------------------------------------------- compiling identities

def _select(items, selector: str | list, attr: str = "id"):
    """Resolve a list of ids / ``role:x`` / ``group:x`` / ``-id`` (weight -1) into (spec, weight) pairs."""
    selectors = selector if isinstance(selector, list) else [selector]
    out = []
    for sel in selectors:
        sel = str(sel)
        weight = -1 if sel.startswith("-") else 1
        sel = sel.lstrip("-+")
        if ":" in sel:
            field, value = sel.split(":", 1)
            hits = [s for s in items if getattr(s, field, None) == value]
        else:
            hits = [s for s in items if getattr(s, attr) == sel]
        if not hits:
            raise ValueError(f"rule selector {sel!r} matches nothing")
        out += [(s, weight) for s in hits]
    return out


def check_refs(rule: Rule, layouts: list[L.Layout]):
    """(field, problem) for each id a table rule names that the layouts it applies to lack (checked when
    the packs load: a selector that matches nothing would otherwise stop every table rule at run time)."""
    p = rule.params
    if rule.kind == "cell":
        for t in p.get("tables") or ():
            if not any(t in layout.tables for layout in layouts):
                yield "tables", f"格式 {', '.join(x.version for x in layouts)} 中没有表 {t!r}"
        return
    having = [layout for layout in layouts if p["table"] in layout.tables]
    if not having:
        yield "table", f"格式 {', '.join(x.version for x in layouts)} 中没有表 {p['table']!r}"
        return
    wrong = "rows" if p.get("over") == "columns" else "columns"
    if p.get(wrong):
        yield wrong, f"只在 over: {'rows' if wrong == 'columns' else 'columns'} 时使用"
        return
    for layout in having:
        spec = layout.tables[p["table"]]
        if p.get("over") == "columns":
            pools = {"left": [spec.data_rows], "right": [spec.data_rows], "columns": [spec.columns]}
            what = {"left": "行", "right": "行", "columns": "列"}
            if p.get("anchor") and spec.row(p["anchor"]) is None:
                yield "anchor", f"表{spec.key}（{layout.version}年版格式）中没有行 {p['anchor']!r}"
        else:
            rows = spec.data_rows
            if p.get("rows"):
                try:
                    rows = tuple(r for r, _ in _select(list(spec.data_rows), p["rows"]))
                except ValueError as exc:
                    yield "rows", f"选择器在表{spec.key}（{layout.version}年版格式）的行中找不到：{exc}"
                    continue
            pools = {"left": [r.columns for r in rows], "right": [r.columns for r in rows]}
            what = {"left": "列", "right": "列"}
            if p.get("anchor") and not any(r.column(p["anchor"]) for r in rows):
                yield "anchor", f"表{spec.key}（{layout.version}年版格式）中没有列 {p['anchor']!r}"
        for key, pool in pools.items():
            for sel in p.get(key) or ():
                if not any(_matches(list(items), sel) for items in pool):
                    yield key, f"选择器 {sel!r} 在表{spec.key}（{layout.version}年版格式）中没有对应的{what[key]}"


def _matches(items, selector: str) -> bool:
    try:
        return bool(_select(items, [selector]))
    except ValueError:
        return False


def identity_instances(rule: Rule, layout: L.Layout) -> list[Instance]:
    p = rule.params
    spec = layout.tables[p["table"]]
    out: list[Instance] = []
    if p.get("over") == "columns":  # left/right name rows; the identity holds in every column
        rows = spec.data_rows
        left = _select(list(rows), p["left"])
        right = _select(list(rows), p["right"])
        anchor_row = spec.row(p["anchor"]) if p.get("anchor") else None
        columns = _select(list(spec.columns), p["columns"]) if p.get("columns") else [(c, 1) for c in spec.columns]
        for col, _ in columns:
            if not all(spec.row(r.id).column(col.id) for r, _ in left + right):
                continue
            anchor = anchor_row or right[0][0]
            out.append(Instance(rule, spec.key, L.cell_key(spec.key, anchor.id, col.id),
                                tuple((r.id, col.id, w) for r, w in left),
                                tuple((r.id, col.id, w) for r, w in right),
                                anchor_row.label if anchor_row else None, col.label))
    else:  # over rows: left/right name columns; the identity holds in every (selected) row
        rows = _select(list(spec.data_rows), p["rows"]) if p.get("rows") else [(r, 1) for r in spec.data_rows]
        for row, _ in rows:
            try:
                left = _select(list(row.columns), p["left"])
                right = _select(list(row.columns), p["right"])
            except ValueError:
                continue
            anchor_col = row.column(p["anchor"]) if p.get("anchor") else right[0][0]
            out.append(Instance(rule, spec.key, L.cell_key(spec.key, row.id, anchor_col.id),
                                tuple((row.id, c.id, w) for c, w in left),
                                tuple((row.id, c.id, w) for c, w in right),
                                row.label, anchor_col.label if p.get("anchor") else None))
    return out


# --------------------------------------------------------------------------- frames

# a cell's kind as a small integer in the frames (comparing int8 codes is what makes the checks vectorised)
# ``dash``: a "na" cell holding a dash, which the identities read as they read a blank (``Cell.is_dash``)
KIND_CODES = {"number": 0, "blank": 1, "na": 2, "text": 3, "missing": 4, "unread": 5, "other": 6, "sum": 7, "dash": 8}
NUMBER, BLANK, NA, TEXT, MISSING, UNREAD, OTHER, SUM, DASH = KIND_CODES.values()


@lru_cache(maxsize=None)
def _positions(version: str):
    """For a layout: table key -> {(row id, column id): column of the frame}, and (table, row id) -> row label."""
    layout = L.get(version)
    where: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
    labels: dict[tuple[str, str], str] = {}
    j = 0
    for t, spec in layout.tables.items():
        for r, c in spec.cells():
            where[t][(r.id, c.id)] = j
            labels[(t, r.id)] = r.label
            j += 1
    return dict(where), labels, j


class _Columns:
    """The frame columns of a table's cells, for one layout: the columns of the last order of cell keys seen
    per table, kept, as every report read from gklint JSON (and most others) has its tables' cells in the
    same order; another order is looked up key by key (and kept in its place)."""

    def __init__(self, version: str) -> None:
        self.where, self.labels, self.width = _positions(version)
        self.last: dict[str, tuple] = {}  # table key -> (cell keys in order, their columns, which are in the layout)

    def of(self, t: str, cells: dict):
        """(columns of ``cells``' keys in order, None or which keys the layout has: the others have no column)."""
        import numpy as np

        keys = tuple(cells)
        last = self.last.get(t)
        if last is not None and last[0] == keys:
            return last[1], last[2]
        found = list(map(self.where[t].get, keys))
        keep = None if None not in found else [j is not None for j in found]
        columns = np.fromiter(compress(found, keep) if keep else found, dtype=np.intp)
        self.last[t] = (keys, columns, keep)
        return columns, keep


@lru_cache(maxsize=None)
def _columns(version: str) -> _Columns:
    return _Columns(version)


def to_arrays(reports: list[Report], layout: L.Layout):
    """(values, kinds): numpy arrays, one row per report, one column per data cell of the layout (in
    ``layout.cell_keys()`` order): values are floats (NaN where the cell is not a number), kinds the codes
    of ``KIND_CODES``.

    Kinds are the cells' own (number / blank / na / text), and two that no cell rule judges: ``missing``
    (the table, or the cell, is not in the report) and ``unread`` (left blank because recognition could
    not read its row, as a ``table_unreadable`` note says: that note is the finding, not the blank).
    Only the report's own cells are visited (their columns known per order of keys, ``_Columns``), gathered
    for the whole stack, their kinds and values mapped in C straight into arrays, which are filled once.
    """
    import numpy as np

    places = _columns(layout.version)
    width, n = places.width, len(reports)
    counts: list[int] = []  # cells placed per report
    columns: list = []  # the columns of each table's cells
    found: list = []  # the cells placed, in order
    unread_at: list[int] = []  # which of them are blanks of rows recognition could not read
    for report in reports:
        unread = {(note.table, note.row) for note in report.notes if note.kind in UNREAD_NOTES and note.row}
        start = len(found)
        for t, table in report.tables.items():
            if t not in places.where or not table.found:
                continue
            cells = table.cells
            at, keep = places.of(t, cells)
            columns.append(at)
            first = len(found)
            found += compress(cells.values(), keep) if keep else cells.values()
            if unread:
                unread_at += _unread(places, t, compress(cells, keep) if keep else cells, found, first, unread)
        counts.append(len(found) - start)
    values = np.full(n * width, np.nan)
    kinds = np.full(n * width, MISSING, dtype=np.int8)
    if found:
        flat = np.repeat(np.arange(0, n * width, width), counts)  # each cell's report row, then its column
        flat += np.concatenate(columns)
        # the codes as bytes, the numbers as a C array of doubles: numpy converts neither from Python objects fast
        code = np.frombuffer(bytes(map(KIND_CODES.get, map(attrgetter("kind"), found), repeat(OTHER))),
                             dtype=np.int8)  # OTHER: a kind no rule knows
        marks = np.flatnonzero(code == NA)  # few: each looked at for a dash
        if len(marks):
            code = code.copy()  # a view of the bytes: read-only
            code[marks[np.array([found[k].is_dash for k in marks.tolist()], dtype=bool)]] = DASH
        kinds[flat] = code
        if unread_at:
            kinds[flat[unread_at]] = UNREAD
        number = code == NUMBER
        picked = list(map(attrgetter("value"), found if number.all() else compress(found, number.tolist())))
        values[flat[number]] = _floats(picked)
    return values.reshape(n, width), kinds.reshape(n, width)


def _floats(numbers: list):
    """``numbers`` as a float array (``np.array(numbers, dtype=float)``, through a C array of doubles)."""
    import numpy as np

    try:
        return np.frombuffer(array("d", numbers), dtype=float)
    except (TypeError, OverflowError):  # a value ``array`` does not take: numpy's conversion says what of it
        return np.array(numbers, dtype=float)


def _unread(places: _Columns, t: str, keys, found: list, first: int, unread: set) -> list[int]:
    """The positions in ``found`` (from ``first``, the cells of ``keys`` of table ``t``) of the blank cells of
    the rows ``unread`` names ((table, row label): recognition could not read them)."""
    labels = places.labels
    return [k for k, ((row, _), cell) in enumerate(zip(keys, found[first:]), start=first)
            if cell.kind == "blank" and (t, labels[(t, row)]) in unread]


# --------------------------------------------------------------------------- cell rules

def _applies(rule: Rule, layout: L.Layout) -> list[bool]:
    """For each data cell of the layout (in ``cell_keys`` order): does this cell rule apply to it?"""
    tables = rule.params.get("tables") or list(layout.tables)
    want = rule.params.get("columns")  # "counts": integers (not amounts, not signed changes); "unsigned"
    mask = []
    for t, spec in layout.tables.items():
        for _, col in spec.cells():
            ok = t in tables
            if want == "counts" and (col.amount or col.signed):
                ok = False
            if want == "unsigned" and col.signed:
                ok = False
            mask.append(ok)
    return mask


def _non_negative(value, kind):
    return ~(value < 0)  # NaN (not a number) is fine


def _integer(value, kind):
    """Not a number, or a whole one (``value % 1 == 0``, which is False for an infinity; ``floor`` is many
    times cheaper than ``%`` on floats)."""
    import numpy as np

    return np.isnan(value) | (np.isfinite(value) & (np.floor(value) == value))


CELL_CHECKS = {
    # check name -> vectorised predicate over the frame's value (float) and kind (code) arrays,
    # True where the cell is fine
    "non_negative": _non_negative,
    "integer": _integer,
    "not_blank": lambda value, kind: kind != BLANK,
    "not_na": lambda value, kind: (kind != NA) & (kind != DASH),
    "not_text": lambda value, kind: kind != TEXT,
}


def _within(tolerance: float):
    """The identity check: a residual (left − right) within the tolerance, or unknown (NaN: a term is not a
    number, nor a blank read as 0; the cell rules judge it)."""
    import numpy as np

    def predicate(value, kind):
        return ~(np.abs(value) > tolerance)  # NaN compares False: fine

    return predicate


# --------------------------------------------------------------------------- compiling

@dataclass
class Compiled:
    """A rule set compiled for one layout.

    Identities are weighted sums, so all of them are one matrix: ``values @ weights`` gives, per report,
    left − right for every identity instance (NaN where a term is not a number, but for the blanks that
    ``residuals`` reads as 0). A report of this layout
    is ``items`` rows of the check frame: its data cells (``cell_keys`` order), then its identity
    instances (``instances`` order); ``masks`` says, for each rule, the items it judges.
    """

    weights: object  # numpy (cells × instances)
    instances: list[Instance]
    anchors: object  # numpy (instances,): the cell each instance is reported against
    reads_blanks: object  # numpy bool (instances,): its rule reads blank cells as 0 (``blank:``)
    cell_rules: dict[str, Rule]
    cells: int  # data cells of the layout
    masks: dict[str, object]  # rule id -> numpy bool (items,): the items the rule judges

    @property
    def items(self) -> int:
        return self.cells + len(self.instances)

    def residuals(self, values, kinds):
        """left − right of every instance for every report (rows of ``values``, ``kinds`` their cells' codes):
        NaN where a term is not a number, but for an instance of a rule that reads blanks (``reads_blanks``)
        whose other terms are blank cells (or dashes) and whose anchor is a number: there, the blanks read as 0."""
        import numpy as np

        res = self._sums(values)
        blank = (kinds == BLANK) | (kinds == DASH)
        some = blank.any(axis=1)
        if some.any() and self.reads_blanks.any():
            read = self._sums(np.where(blank[some], 0.0, values[some]))
            unknown = np.isnan(res[some]) & (kinds[some][:, self.anchors] == NUMBER) & self.reads_blanks
            res[some] = np.where(unknown, read, res[some])
        return res

    def _sums(self, values):
        """left − right of every instance for every report: NaN where a term is not a number. The weights'
        non-zero terms summed per instance (``np.add.reduceat``): no matrix product, whose BLAS threads would
        compete with the other workers for the cores, and most of whose products are by zero."""
        import numpy as np

        terms, weights, starts, filled = self.terms
        res = np.zeros((values.shape[0], len(self.instances)))
        if not len(terms):
            return res
        with np.errstate(invalid="ignore"):  # inf − inf: NaN
            res[:, filled] = np.add.reduceat(values[:, terms] * weights, starts, axis=1)
        infinite = np.isinf(values)
        if infinite.any():  # no reader produces one (a Report made in code may): as ``values @ weights`` has it,
            # infinity times a zero weight is NaN, so a sum is known only if it holds every infinite cell of its report
            held = np.zeros_like(res)
            held[:, filled] = np.add.reduceat(infinite[:, terms].astype(float), starts, axis=1)
            res[held < infinite.sum(axis=1, keepdims=True)] = np.nan
        return res

    @cached_property
    def terms(self):
        """(cell of each term, its weight, where each instance's terms start, the instances with terms),
        the instances' terms one after the other: the non-zero weights, a cell on both sides of an identity
        cancelling out (as in ``values @ weights``)."""
        import numpy as np

        per = [np.flatnonzero(self.weights[:, j]) for j in range(len(self.instances))]
        filled = np.array([len(p) > 0 for p in per], dtype=bool)
        terms = np.concatenate(per) if per else np.zeros(0, dtype=np.int64)
        weights = np.concatenate([self.weights[p, j] for j, p in enumerate(per)]) if per else np.zeros(0)
        starts = np.cumsum([0] + [len(p) for p in per if len(p)])[:-1]
        return terms, weights, starts, filled


@lru_cache(maxsize=None)
def pandera():
    """``pandera.pandas``, with its built-in checks loaded without hypothesis when hypothesis is not imported yet.

    pandera's built-in checks import its data-synthesis strategies, which import hypothesis whenever it is
    installed (a development install): about 250 ms of a cold ``gklint check`` for a feature gklint never
    uses. Hiding hypothesis during that import makes pandera take its "hypothesis not installed" path, as in
    a production install. A process that imported hypothesis before (the test suite) is left alone.
    """
    import sys

    hide = "hypothesis" not in sys.modules
    if hide:
        sys.modules["hypothesis"] = None  # type: ignore[assignment]  # "import hypothesis" raises ImportError
    try:
        import pandas as pd
        import pandera.pandas as pa
        # what the first validation would import and register, done here: once, in the process that forks the
        # workers (``batch._preload``), not in each worker
        import pandera.backends.pandas.builtin_checks  # noqa: F401
        import pandera.backends.register_checks  # noqa: F401

        pa.DataFrameSchema.register_default_backends(pd.DataFrame)
    finally:
        if hide and sys.modules.get("hypothesis", 0) is None:
            del sys.modules["hypothesis"]
    return pa


@lru_cache(maxsize=32)
def compile_rules(rules: tuple[Rule, ...], version: str) -> Compiled:
    import numpy as np

    layout = L.get(version)
    keys = layout.cell_keys()
    position = {k: i for i, k in enumerate(keys)}
    instances: list[Instance] = []
    identity_rules = [r for r in rules if r.kind == "identity" and r.applies_to(version)
                      and r.params["table"] in layout.tables]
    per_rule = [identity_instances(rule, layout) for rule in identity_rules]
    items = len(keys) + sum(map(len, per_rule))
    masks: dict[str, object] = {}
    for rule, insts in zip(identity_rules, per_rule):
        mask = np.zeros(items, dtype=bool)
        start = len(keys) + len(instances)
        mask[start:start + len(insts)] = True
        masks[rule.id] = mask
        instances += insts
    cell_rules: dict[str, Rule] = {}
    for rule in rules:
        if rule.kind == "cell" and rule.applies_to(version):
            mask = np.zeros(items, dtype=bool)
            mask[:len(keys)] = _applies(rule, layout)
            masks[rule.id] = mask
            cell_rules[rule.id] = rule
    weights = np.zeros((len(keys), len(instances)))
    for j, inst in enumerate(instances):
        for r, c, w in inst.left:
            weights[position[L.cell_key(inst.table, r, c)], j] += w
        for r, c, w in inst.right:
            weights[position[L.cell_key(inst.table, r, c)], j] -= w
    anchors = np.array([position[inst.anchor] for inst in instances], dtype=np.intp)
    reads_blanks = np.array([bool(inst.rule.params.get("blank")) for inst in instances], dtype=bool)
    return Compiled(weights=weights, instances=instances, anchors=anchors, reads_blanks=reads_blanks,
                    cell_rules=cell_rules, cells=len(keys), masks=masks)


@dataclass
class Stacked:
    """The table rules compiled for the layouts of one stack of reports: one pandera schema with one check
    per rule, over one long frame.

    The frame has a row per (report, item), an item being a data cell or an identity instance of the
    report's layout: ``report`` (its position in the stack), ``item`` (numbered across the layouts: the
    items of ``versions[k]`` start at ``base[k]``), ``value`` (the cell's number, or the instance's
    residual), ``kind`` (the cell's kind code; ``SUM`` for an instance). Each check is a rule: a vectorised
    predicate over the whole frame, holding wherever the rule does not judge the item. So a stack costs one
    ``validate`` whatever its size and its mix of layouts, and long frames keep pandera's cost per failing
    row, not per report or per cell.
    """

    versions: tuple[str, ...]
    compiled: tuple[Compiled, ...]
    base: tuple[int, ...]
    schema: object
    checked: tuple[Rule, ...]  # the rule of each check of the schema, in order

    def layout_of(self, item: int) -> int:
        """The index in ``versions`` of the layout a (global) item number belongs to."""
        k = len(self.base) - 1
        while self.base[k] > item:
            k -= 1
        return k


def _check(predicate, mask):
    """A pandera check: ``predicate`` over the frame's value and kind arrays, holding where ``mask`` (per item) is False."""
    import pandas as pd

    unjudged = ~mask

    def check(df):
        value, kind, item = _columns_of(df)
        return pd.Series(predicate(value, kind) | unjudged[item], index=df.index)

    return check


_VALIDATING = threading.local()  # in each thread: the frame ``_failures`` validates, and its columns as arrays


def _columns_of(df):
    """The frame's value, kind and item columns as numpy arrays: read once per validation (``_failures``), not
    by each of its checks (a column read is some 20 µs of pandas)."""
    known = getattr(_VALIDATING, "frame", None)
    if known is not None and known[0] is df:
        return known[1]
    return _read_columns(df)


def _read_columns(df):
    return df["value"].to_numpy(), df["kind"].to_numpy(), df["item"].to_numpy()


@lru_cache(maxsize=32)
def stacked(rules: tuple[Rule, ...], versions: tuple[str, ...]) -> Stacked:
    """The one schema of ``rules`` (the table rules) for reports of ``versions``: identity rules first, then
    cell rules, each in the rules' order. ``ignore_na=False``: the frame has no NaN but in ``value``, and each
    predicate says what NaN means for it (pandera would otherwise look for all-NaN rows once per check)."""
    import numpy as np

    pa = pandera()
    compiled = tuple(compile_rules(rules, v) for v in versions)
    base = tuple(int(x) for x in np.cumsum([0] + [c.items for c in compiled[:-1]]))
    total = sum(c.items for c in compiled)
    checks, checked = [], []
    ordered = [r for r in rules if r.kind == "identity"] + [r for r in rules if r.kind == "cell"]
    for rule in ordered:
        if not any(rule.id in c.masks for c in compiled):
            continue
        checked.append(rule)
        mask = np.zeros(total, dtype=bool)
        for start, c in zip(base, compiled):
            if rule.id in c.masks:
                mask[start:start + c.items] = c.masks[rule.id]
        if rule.kind == "identity":
            predicate = _within(_tolerance(rule))
        else:
            predicate = CELL_CHECKS[rule.params["check"]]
        checks.append(pa.Check(_check(predicate, mask), name=rule.id, ignore_na=False))
    schema = pa.DataFrameSchema(checks=checks, name=f"table rules, layouts {', '.join(versions)}")
    return Stacked(versions=versions, compiled=compiled, base=base, schema=schema, checked=tuple(checked))


def frame(reports: list[Report], plan: Stacked, groups: list[list[int]]):
    """The long frame of ``plan`` over ``reports``: ``groups[k]`` are the positions of the reports of
    ``plan.versions[k]``; rows in that order, each report's items together."""
    import numpy as np
    import pandas as pd

    blocks = []
    for version, compiled, base, positions in zip(plan.versions, plan.compiled, plan.base, groups):
        values, kinds = to_arrays([reports[i] for i in positions], L.get(version))
        n = len(positions)
        blocks.append((np.repeat(np.asarray(positions, dtype=np.int64), compiled.items),
                       np.tile(np.arange(base, base + compiled.items, dtype=np.int64), n),
                       np.hstack([values, compiled.residuals(values, kinds)]).ravel(),
                       np.hstack([kinds, np.full((n, len(compiled.instances)), SUM, dtype=np.int8)]).ravel()))
    return pd.DataFrame({name: np.concatenate([b[k] for b in blocks])
                         for k, name in enumerate(("report", "item", "value", "kind"))})


def _failures(schema, frame) -> list[tuple[int, int, int]]:
    """(report position, item, check) of every failing row, sorted: ``check`` is the position of the failing
    check in the schema. ``inplace``: the frame is gklint's own, made for this validation (pandera would
    otherwise copy it)."""
    pa = pandera()

    _VALIDATING.frame = frame, _read_columns(frame)
    try:
        schema.validate(frame, lazy=True, inplace=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        errors = cases[cases["index"].isna()]
        if len(errors):  # a check that raised: not a finding about the report
            raise RuntimeError(f"table check failed: {errors.iloc[0].to_dict()}") from None
        cases = cases.drop_duplicates(["check", "index"])
        order = {check.name: k for k, check in enumerate(schema.checks)}
        rows = cases["index"].astype(int).to_numpy()
        return sorted(zip(frame["report"].to_numpy()[rows].tolist(), frame["item"].to_numpy()[rows].tolist(),
                          [order[str(name)] for name in cases["check"]]))
    finally:
        _VALIDATING.frame = None
    return []


# --------------------------------------------------------------------------- diagnostics


def _label(layout: L.Layout, table: str, row: str, col: str) -> tuple[str, str]:
    r = layout.table(table).row(row)
    return r.label, r.column(col).label


def _parts(report: Report, layout: L.Layout, table: str, terms, by: str) -> list[Part]:
    """The parts of one side of an identity: each term's label, value (None: a blank cell) and place."""
    parts = []
    for r, c, w in terms:
        rl, cl = _label(layout, table, r, c)
        cell = report.cell(table, r, c)
        parts.append(Part(label=rl if by == "row" else cl, value=report.value(table, r, c), weight=w,
                          location=Location(table=table, row=rl, column=cl,
                                            source=cell.source if cell else None)))
    return parts


def _sum(parts: list[Part]):
    """The weighted sum of ``parts``, a blank (None) read as 0."""
    total = sum((p.value or 0) * p.weight for p in parts)
    return int(total) if isinstance(total, float) and total.is_integer() else total


def _expr(parts: list[Part], terms, marks: Mapping[tuple[str, str], str]) -> str:
    """``parts`` (of ``terms``) as a sum, each with its value: a blank's "空白", a dash (``marks``) as written."""
    text = ""
    for i, (p, (r, c, _)) in enumerate(zip(parts, terms)):
        sign = ("−" if p.weight < 0 else "+") if i else ("−" if p.weight < 0 else "")
        shown = marks.get((r, c), "空白") if p.value is None else show_number(p.value)
        text += f"{sign}{_short(p.label)}({shown})"
    return text


def _marks(report: Report, inst: Instance) -> dict[tuple[str, str], str]:
    """The dashes among the terms of ``inst``, (row, column) -> the dash as written."""
    cells = {(r, c): report.cell(inst.table, r, c) for r, c, _ in inst.left + inst.right}
    return {key: cell.raw.strip() for key, cell in cells.items() if cell is not None and cell.is_dash}


def _blanks_are(marks: Mapping[tuple[str, str], str], blanks: int, lang: str) -> str:
    """What the ``blanks`` cells read as 0 hold, for the ``blank:`` note: blank, a dash (``marks``), or both."""
    blank = "空白" if lang == "zh" else "blank"
    if not marks:
        return blank
    dash = f"“{next(iter(marks.values()))}”"
    return dash if len(marks) == blanks else f"{blank}{'或' if lang == 'zh' else ' or '}{dash}"


def _short(label: str) -> str:
    """A row label without its long parenthetical note (``short`` in the layout), for messages."""
    return L.short_labels().get(label, label)


Through = Mapping[tuple[str, str, str], tuple[Instance, ...]]  # a cell -> the identity instances through it


def identity_diagnostic(inst: Instance, report: Report, layout: L.Layout, lang: str,
                        rules: tuple[Rule, ...] = ()) -> Diagnostic | None:
    """The finding of a failing identity instance; with blank cells read as 0 (``blank:``), a warning or
    none when the blanks could be what makes it fail (``_blank_severity``: the identities of ``rules``, the
    rules run, and of the built-in packs through each blank say whether it reads as 0, ``witnesses``, worked out
    only for such a failure)."""
    rule = inst.rule
    by = "row" if rule.params.get("over") == "columns" else "column"
    left = _parts(report, layout, inst.table, inst.left, by)
    right = _parts(report, layout, inst.table, inst.right, by)
    blanks = [p for p in left + right if p.value is None]
    marks = _marks(report, inst)
    severity = _blank_severity(inst, report, layout, witnesses(rules, layout.version)) if blanks else rule.severity
    if severity is None:
        return None
    expected, found = _sum(left), _sum(right)
    values = dict(table=inst.table, row=_short(inst.row or ""), column=inst.column or "",
                  left=_expr(left, inst.left, marks), right=_expr(right, inst.right, marks), expected=show_number(expected), found=show_number(found),
                  difference=show_number(abs(found - expected)))
    anchor_cell = report.cell(inst.table, *inst.anchor.split(".")[1:])
    diag = rule.diagnostic(lang, Location(table=inst.table, row=inst.row, column=inst.column,
                                          source=anchor_cell.source if anchor_cell else None),
                           expected=expected, found=found, parts=left + right, severity=severity, values=values)
    if blanks:
        spec = rule.params["blank"]
        note = spec.get("note_one") if len(blanks) == 1 and spec.get("note_one") else spec.get("note") or {}
        said = dict(cell=_short(blanks[0].label), count=len(blanks))
        _append(diag, {lg: fill(choose(note, lg), {**said, "what": _blanks_are(marks, len(blanks), lg)}, lg)
                       for lg in LANGS}, lang)
    return _uncertain(diag, rule, report, inst, lang)


def _blank_severity(inst: Instance, report: Report, layout: L.Layout, through: Through) -> str | None:
    """The severity of a failing instance that read blank cells as 0: the rule's own when the difference is
    in the direction no blank can close (a count is never negative, so a blank on the right can only lower
    left − right, one on the left only raise it); else the ``blank:`` severity when every blank reads as 0
    in each other instance through it that can be read (numbers and blanks), and None (no finding) when
    one of them fails so: that blank is no zero, and the identity cannot be judged. None, in either
    direction, when recognition left numbers of the table unread (a note's ``numbers_unread``: a row that is
    not an official one): they may be the blank row's, whose blanks are then no cells left blank, and the
    numbers read beside them may have gone astray too."""
    if any(note.table == inst.table and note.numbers_unread for note in report.notes):
        return None
    unread = _unread_rows(report)
    residual = _read_as_zero(inst, report, layout, unread)
    if residual is None:
        return None
    # each blank and the sign of its weight in left − right
    blanks = [(r, c, w * side) for terms, side in ((inst.left, 1), (inst.right, -1)) for r, c, w in terms
              if report.value(inst.table, r, c) is None]
    tolerance = _tolerance(inst.rule)
    if (residual > tolerance and all(k > 0 for *_, k in blanks)) or (
            residual < -tolerance and all(k < 0 for *_, k in blanks)):
        return inst.rule.severity
    for r, c, _ in blanks:
        for other in through.get((inst.table, r, c), ()):
            if (other.left, other.right) == (inst.left, inst.right):
                continue
            read = _read_as_zero(other, report, layout, unread)
            if read is not None and abs(read) > _tolerance(other.rule):
                return None
    return inst.rule.params["blank"].get("severity", "warning")


def _tolerance(rule: Rule) -> float:
    """The difference an identity rule tolerates (and a rounding error)."""
    return float(rule.params.get("tolerance", 0)) + 1e-9


def _unread_rows(report: Report) -> set[tuple[str, str]]:
    """(table, row label) of the rows recognition could not read (their blanks are not cells left blank)."""
    return {(note.table, note.row) for note in report.notes if note.kind in UNREAD_NOTES and note.row}


def _read_as_zero(inst: Instance, report: Report, layout: L.Layout, unread: set) -> float | None:
    """left − right of ``inst`` with its blank cells (and dashes) read as 0; None when a term is neither a
    number nor a cell left blank or holding a dash."""
    total = 0.0
    for terms, sign in ((inst.left, 1), (inst.right, -1)):
        for r, c, w in terms:
            cell = report.cell(inst.table, r, c)
            if cell is not None and cell.is_number:
                total += sign * w * cell.value
            elif cell is None or not (cell.kind == "blank" or cell.is_dash) or \
                    (inst.table, layout.table(inst.table).row(r).label) in unread:
                return None
    return total


def _append(diag: Diagnostic, note: dict[str, str], lang: str) -> None:
    """``note`` ({lang: text}) said after the finding's message (gklint.engine.messages renders it too)."""
    appended = diag.values.get("appended") or {}
    diag.values["appended"] = {lg: appended.get(lg, "") + note[lg] for lg in LANGS}
    diag.message += choose(note, lang)


def _uncertain(diag: Diagnostic, rule, report: Report, inst: Instance, lang: str) -> Diagnostic:
    """An identity that fails only through cells read uncertainly (run-together digits that could be read
    another way) cannot be certain: the rule's ``uncertain`` data gives the severity and the note saying so."""
    spec = rule.params.get("uncertain")
    doubts = []
    for r, c, _ in inst.left + inst.right:
        cell = report.cell(inst.table, r, c)
        if cell is not None and cell.doubt and cell.doubt not in doubts:
            doubts.append(cell.doubt)
    if not spec or not doubts:
        return diag
    from gklint.core.diagnostic import SEVERITIES

    severity = spec.get("severity", "warning")
    if SEVERITIES.index(severity) < SEVERITIES.index(diag.severity):  # only ever lower
        severity = diag.severity
    note = spec.get("note") or {}
    diag.severity = severity
    _append(diag, {lg: choose(note, lg).replace("{doubt}", "；".join(doubts)) for lg in LANGS}, lang)
    return diag


def cell_diagnostic(rule: Rule, report: Report, layout: L.Layout, key: str, lang: str) -> Diagnostic:
    table, row, col = key.split(".")
    rl, cl = _label(layout, table, row, col)
    cell = report.cell(table, row, col)
    raw = cell.raw.strip() if cell else ""
    found = cell.value if cell and cell.is_number else (raw or None)
    values = dict(table=table, row=_short(rl), column=cl, found=show_number(found) if found is not None else "空白",
                  raw=raw)
    return rule.diagnostic(lang, Location(table=table, row=rl, column=cl, source=cell.source if cell else None),
                           expected=rule.params.get("expected"), found=found, values=values)


def run(reports: list[Report], rules: tuple[Rule, ...], lang: str = "zh") -> list[list[Diagnostic]]:
    """Diagnostics of the table rules for each report (same order as ``reports``), from one validation of the
    whole stack. A report's findings come in the same order whatever is stacked with it: its identities
    (instance order), then each cell rule's, the rules in the order their first failing cell comes."""
    out: list[list[Diagnostic]] = [[] for _ in reports]
    table_rules = tuple(r for r in rules if r.kind in KINDS)
    if not table_rules or not reports:
        return out
    by_layout: dict[str, list[int]] = defaultdict(list)
    for i, report in enumerate(reports):
        by_layout[report.layout].append(i)
    plan = stacked(table_rules, tuple(by_layout))
    failing: dict[int, dict[str, list[str]]] = defaultdict(dict)  # report -> cell rule -> failing cell keys
    for pos, item, check in _failures(plan.schema, frame(reports, plan, list(by_layout.values()))):
        k = plan.layout_of(item)
        compiled, local = plan.compiled[k], item - plan.base[k]
        layout = L.get(plan.versions[k])
        if local >= compiled.cells:
            diag = identity_diagnostic(compiled.instances[local - compiled.cells], reports[pos], layout, lang,
                                       table_rules)
            if diag is not None:
                out[pos].append(diag)
        else:
            failing[pos].setdefault(plan.checked[check].id, []).append(_keys(layout.version)[local])
    for pos, by_rule in failing.items():
        layout = L.get(reports[pos].layout)
        compiled = plan.compiled[plan.versions.index(layout.version)]
        whole_elsewhere = frozenset(t for r in compiled.cell_rules.values() if r.params.get("whole_table_only")
                                    for t in _whole_tables(r, reports[pos], layout))
        for check, cell_keys in by_rule.items():
            out[pos].extend(cell_diagnostics(compiled.cell_rules[check], reports[pos], layout, cell_keys, lang,
                                             whole_elsewhere))
    return out


@lru_cache(maxsize=32)
def witnesses(rules: tuple[Rule, ...], version: str) -> Through:
    """(table, row id, column id) -> the identity instances through that cell, of a layout: they say whether
    a blank cell reads as 0 (``_blank_severity``). Those of ``rules`` and of the built-in packs, so that
    what a blank is does not depend on the rules a run selects."""
    from gklint.engine.rules import load_rules

    own = tuple(r for r in rules if r.kind == "identity")
    ids = {r.id for r in own}
    every = own + tuple(r for r in load_rules() if r.kind == "identity" and r.id not in ids)
    through: dict[tuple[str, str, str], list[Instance]] = defaultdict(list)
    for inst in compile_rules(every, version).instances:
        for r, c, _ in inst.left + inst.right:
            through[(inst.table, r, c)].append(inst)
    return {cell: tuple(insts) for cell, insts in through.items()}


@lru_cache(maxsize=None)
def _keys(version: str) -> list[str]:
    return L.get(version).cell_keys()


def _row_sum(report: Report, tkey: str, row: L.RowSpec, col: L.ColumnSpec) -> tuple[int | float, bool] | None:
    """What totals column ``col`` should hold in ``row``: the sum of the columns it totals there, blanks (and
    anything else not a number) read as 0, and whether any was (the sum is then a lower bound); None when
    none of them holds a number."""
    terms = [report.value(tkey, row.id, c) for c in col.sums]
    filled = [v for v in terms if v is not None]
    if not filled:
        return None
    return sum(filled), len(filled) < len(terms)


def _total_part(tkey: str, row: L.RowSpec, col: L.ColumnSpec, value, cell) -> Part:
    return Part(label=row.label, value=value,
                location=Location(table=tkey, row=row.label, column=col.label, source=cell.source if cell else None))


def _shown_totals(rule: Rule, parts: list[Part], partial: list[bool]) -> dict:
    """``{totals}`` in each language: “row”value for each part that is not 0, a lower bound said as the rule's
    ``at_least`` says it, then the rule's ``zero_rest`` when some parts were 0 and left out."""
    at_least, rest = rule.params.get("at_least") or "{value}", rule.params.get("zero_rest") or ""

    def make(lang: str) -> dict:
        shown = ["“{}”{}".format(_short(p.label), choose(at_least, lang).replace("{value}", show_number(p.value))
                                 if low else show_number(p.value))
                 for p, low in zip(parts, partial) if p.value]
        return {"totals": "、".join(shown) + (choose(rest, lang) if len(shown) < len(parts) else "")}
    return bilingual(make)


def _summed(layout: L.Layout, tkey: str, row: L.RowSpec, col: L.ColumnSpec) -> str:
    return "、".join(_label(layout, tkey, row.id, c)[1] for c in col.sums)


def _blank_columns(rule: Rule, report: Report, layout: L.Layout, tkey: str, failing: set[str],
                   lang: str) -> list[Diagnostic]:
    """A column that fails in every row while the table's other columns do not: one finding for the
    column (the 总计 column left blank beside filled applicant columns), with what a totals column
    should hold, computed from the columns it sums. Its cells are taken out of ``failing``."""
    spec = layout.table(tkey)
    out: list[Diagnostic] = []
    for col in spec.columns:
        rows = [r for r in spec.data_rows if r.column(col.id) is not None]
        keys = [L.cell_key(tkey, r.id, col.id) for r in rows]
        if len(keys) < 2 or not failing.issuperset(keys):
            continue
        failing.difference_update(keys)
        parts, partial = [], []
        for row in rows:
            total = _row_sum(report, tkey, row, col) if col.sums else None
            if total is not None:
                parts.append(_total_part(tkey, row, col, total[0], None))
                partial.append(total[1])
        values = dict(table=tkey, column=col.label, count=len(keys))
        cell = report.cell(tkey, rows[0].id, col.id)
        location = Location(table=tkey, column=col.label, source=cell.source if cell else None)
        if parts:
            values |= _shown_totals(rule, parts, partial) | dict(summed=_summed(layout, tkey, rows[0], col))
            out.append(rule.diagnostic(lang, location, expected={p.label: p.value for p in parts}, found=None,
                                       parts=parts, values=values, template="message_total_column"))
        else:
            out.append(rule.diagnostic(lang, location, expected=rule.params.get("expected"), found=None,
                                       values=values, template="message_column"))
    return out


def _blank_totals(rule: Rule, report: Report, layout: L.Layout, tkey: str, failing: set[str],
                  lang: str) -> list[Diagnostic]:
    """The failing cells of each totals column whose row holds a non-zero number in a column it totals: one
    finding per column, listing each with what it should hold (a total left out is an omission, not a
    zero). Only for a rule with ``message_total_cells``; its cells are taken out of ``failing``."""
    if not rule.params.get("message_total_cells"):
        return []
    spec = layout.table(tkey)
    out: list[Diagnostic] = []
    for col in (c for c in spec.columns if c.sums):
        parts, partial, keys = [], [], []
        for row in spec.data_rows:
            key = L.cell_key(tkey, row.id, col.id)
            total = _row_sum(report, tkey, row, col) if key in failing else None
            if total is None or not total[0]:  # a row of zeros: its blank total is a blank like any other
                continue
            parts.append(_total_part(tkey, row, col, total[0], report.cell(tkey, row.id, col.id)))
            partial.append(total[1])
            keys.append(key)
        if not parts:
            continue
        failing.difference_update(keys)
        values = dict(table=tkey, column=col.label, count=len(parts),
                      summed=_summed(layout, tkey, spec.data_rows[0], col)) | _shown_totals(rule, parts, partial)
        out.append(rule.diagnostic(lang, Location(table=tkey, column=col.label, source=parts[0].location.source),
                                   expected={p.label: p.value for p in parts}, found=None, parts=parts,
                                   values=values, template="message_total_cells"))
    return out


def _writes_zeros_so(rule: Rule, report: Report, layout: L.Layout, tkey: str, failing: set[str]) -> bool:
    """Does table ``tkey`` write its zeros as the rule's failing cells (blank, "/", "无")? With ``collapse_habit: N``:
    more than N of its cells fail, and they are at least ``habit_share`` of those and the cells holding 0 (a few
    marks among written zeros, or zeros and marks half and half, are no habit)."""
    over = rule.params.get("collapse_habit")
    if over is None:
        return False
    hits = sum(1 for r, c in layout.table(tkey).cells() if L.cell_key(tkey, r.id, c.id) in failing)
    return hits > over and hits >= float(rule.params.get("habit_share", 0.8)) * (hits + _zeros(report, layout, tkey))


def _zeros(report: Report, layout: L.Layout, tkey: str) -> int:
    """How many cells of table ``tkey`` hold 0."""
    cells = (report.cell(tkey, r.id, c.id) for r, c in layout.table(tkey).cells())
    return sum(1 for cell in cells if cell is not None and cell.kind == "number" and cell.value == 0)


def _habit(rule: Rule, report: Report, layout: L.Layout, tkey: str, failing: set[str], lang: str) -> Diagnostic:
    """One finding for the failing cells of table ``tkey`` (taken out of ``failing``), a table that writes its
    zeros so: their count, the first few as examples, the marks written, and every cell in ``related``."""
    keys = [L.cell_key(tkey, r.id, c.id) for r, c in layout.table(tkey).cells()]
    keys = [k for k in keys if k in failing]
    failing.difference_update(keys)
    cells = []
    for key in keys:
        _, row, col = key.split(".")
        cell = report.cell(tkey, row, col)
        cells.append((*_label(layout, tkey, row, col), cell))
    marks = dict.fromkeys(cell.raw.strip() for *_, cell in cells if cell is not None and cell.raw.strip())
    examples = "、".join("“{}”“{}”".format(*_label(layout, *k.split("."))) for k in _examples(keys))
    values = dict(table=tkey, count=len(keys), examples=examples, marks="、".join(f"“{m}”" for m in marks),
                  zeros=_zeros(report, layout, tkey))
    related = [Location(table=tkey, row=row, column=col, source=cell.source if cell else None)
               for row, col, cell in cells]
    finding = rule.diagnostic(lang, Location(table=tkey, source=report.tables[tkey].source),
                              expected=rule.params.get("expected"), found=len(keys), values=values, template="message_habit")
    finding.related = related
    return finding


def _examples(keys: list[str], n: int = 3) -> list[str]:
    """Up to ``n`` of ``keys`` (cell keys in reading order) to name as examples: one per row, the rows in order,
    each its first cell in a column not yet named (else its first), so the examples show where the cells
    are rather than the first few of one row."""
    rows: dict[str, list[str]] = {}
    for key in keys:
        rows.setdefault(key.split(".")[1], []).append(key)
    picked: list[str] = []
    named: set[str] = set()
    for row_keys in list(rows.values())[:n]:
        key = next((k for k in row_keys if k.split(".")[2] not in named), row_keys[0])
        picked.append(key)
        named.add(key.split(".")[2])
    return picked


def _writes_zeros_blank(report: Report, layout: L.Layout, tkey: str) -> bool:
    """Does the report's table ``tkey`` write its zeros as blanks: numbers and blank cells, and no 0?"""
    table = report.tables.get(tkey)
    if table is None or not table.found:
        return False
    kinds = [(c.kind, c.value) for c in (report.cell(tkey, r.id, col.id) for r, col in layout.table(tkey).cells())
             if c is not None]
    return (any(k == "blank" for k, _ in kinds) and any(k == "number" for k, _ in kinds)
            and not any(k == "number" and v == 0 for k, v in kinds))


def _zeros_blank_elsewhere(report: Report, layout: L.Layout, tkey: str, tables) -> bool:
    """Does another of ``tables`` write its zeros as blanks in this report? Then a wholly blank ``tkey`` most
    likely means "none" (written the same way), not a table left unfilled."""
    return any(_writes_zeros_blank(report, layout, t) for t in tables if t != tkey and t in layout.tables)


def _whole_tables(rule: Rule, report: Report, layout: L.Layout) -> tuple[str, ...]:
    """The tables a ``whole_table_only`` rule judges in this report: its ``tables``, but with
    ``spare_when_blanks_are_zeros``, not one beside a table that writes its zeros as blanks."""
    tables = tuple(rule.params.get("tables") or layout.tables)
    if not rule.params.get("spare_when_blanks_are_zeros"):
        return tables
    return tuple(t for t in tables if not _zeros_blank_elsewhere(report, layout, t, tables))


def cell_diagnostics(rule: Rule, report: Report, layout: L.Layout, keys: list[str], lang: str,
                     whole_elsewhere: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """One diagnostic per failing cell; with ``collapse``, one per wholly failing table, column or row
    instead (an unfilled template is one finding per table, not 175; a 总计 column left blank is one
    finding with the totals it should hold), and with ``collapse_over: N``, one per table where more
    than N scattered cells fail (zeros left blank all over a table). A rule with ``whole_table_only``
    reports wholly failing tables and nothing else; a wholly failing table that such a rule reports
    (``whole_elsewhere``) is left to it."""
    whole_only = bool(rule.params.get("whole_table_only"))
    if not rule.params.get("collapse") and not whole_only:
        failing = set(keys)
        habits = [_habit(rule, report, layout, tkey, failing, lang) for tkey in layout.tables
                  if _writes_zeros_so(rule, report, layout, tkey, failing)]
        return habits + [cell_diagnostic(rule, report, layout, key, lang) for key in keys if key in failing]
    failing = set(keys)
    many = int(rule.params.get("collapse_over", 0))
    out: list[Diagnostic] = []
    reported_whole = _whole_tables(rule, report, layout) if whole_only else ()
    for tkey, spec in layout.tables.items():
        if whole_only and tkey not in reported_whole:
            continue
        table_keys = [L.cell_key(tkey, r.id, c.id) for r, c in spec.cells()]
        hits = [k for k in table_keys if k in failing]
        if not hits:
            continue
        whole = len(table_keys) > 1 and len(hits) == len(table_keys)
        if whole and tkey in whole_elsewhere and not whole_only:
            continue
        if whole_only:
            if whole:
                out.append(rule.diagnostic(lang, Location(table=tkey, source=report.tables[tkey].source),
                                           expected=rule.params.get("expected"), found=len(hits),
                                           values=dict(table=tkey, count=len(hits))))
            continue
        if not whole and _writes_zeros_so(rule, report, layout, tkey, failing):
            out += _blank_totals(rule, report, layout, tkey, failing, lang)  # totals left out are no zeros
            if any(k in failing for k in table_keys):
                out.append(_habit(rule, report, layout, tkey, failing, lang))
            continue
        blank = frozenset(hits)  # a row blank throughout is one finding, even where a blank column took some cells
        if not whole:
            out += _blank_columns(rule, report, layout, tkey, failing, lang)
            out += _blank_totals(rule, report, layout, tkey, failing, lang)
            hits = [k for k in table_keys if k in failing]
        if whole or (many and len(hits) > many):
            examples = "、".join("“{}”“{}”".format(*_label(layout, *k.split("."))) for k in _examples(hits))
            values = dict(table=tkey, count=len(hits), examples=examples)
            template = "message_many"
            if whole:
                template = "message_table_zeros" if _zeros_blank_elsewhere(report, layout, tkey, layout.tables) and \
                    rule.params.get("message_table_zeros") else "message_table"
            out.append(rule.diagnostic(lang, Location(table=tkey, source=report.tables[tkey].source),
                                       expected=rule.params.get("expected"), found=len(hits),
                                       values=values, template=template))
            continue
        for row in spec.data_rows:
            row_keys = [L.cell_key(tkey, row.id, c.id) for c in row.columns]
            if len(row_keys) > 1 and blank.issuperset(row_keys) and not failing.isdisjoint(row_keys):
                cell = report.cell(tkey, row.id, row.columns[0].id)
                values = dict(table=tkey, row=_short(row.label), count=len(row_keys))
                out.append(rule.diagnostic(lang, Location(table=tkey, row=row.label,
                                                          source=cell.source if cell else None),
                                           expected=rule.params.get("expected"), found=None,
                                           values=values, template="message_row"))
            else:
                out += [cell_diagnostic(rule, report, layout, k, lang) for k in row_keys if k in failing]
    return out
