"""A row (or a whole table) whose cells' digits ran together ("7000007"): placed from the layout's totals,
its column identities, or one digit per cell, and each reading said in a note (see ``gklint.recognise.digits``
for the enumeration of splits).
"""

from __future__ import annotations

from dataclasses import dataclass

from gklint.recognise.digits import one_per_cell, other_reading, splits, zeros_short
from gklint.recognise.tokens import Token
from gklint.layouts import RowSpec, TableSpec, normalise
from gklint.core.model import Cell, Note, Table


def note_forced(notes: list[Note], table: str, forced: list) -> None:
    """One note for the rows of a table whose digits ran together one digit per cell ("7000007")."""
    if not forced:
        return
    rows = "、".join(f"“{row}”" for row, _ in forced if row)
    where = "" if not rows else f"{len(forced)}行" if len(forced) > 3 else f"{len(forced)}行（{rows}）"
    notes.append(Note("digits_split", f"表{table}{where}的数字粘连在一起，每个单元格一位数字，已逐位拆分",
                      table=table, count=str(len(forced)), shape="per_digit", source=forced[0][1]))


@dataclass
class Ambiguous:
    """A table row whose run-together digits split in more than one way (``found``) that fits its totals."""

    row: RowSpec
    values: list[Token]
    found: list[list[int]]


MAX_COMBINATIONS = 4096  # ambiguous rows' splits tried together against the column totals


def _column_identities(spec: TableSpec) -> list[tuple[list[tuple[str, int]], list[tuple[str, int]]]]:
    """The table's identities that hold in every column (rules of kind identity, ``over: columns``): table
    三's results add up to (七)总计, and 新收 + 上年结转 = (七)总计 + 结转下年度. As (left, right) lists of
    (row id, weight)."""
    from gklint.engine.rules import load_rules
    from gklint.engine.tables import _select

    out = []
    for rule in load_rules():
        p = rule.params
        if rule.kind != "identity" or p.get("table") != spec.key or p.get("over") != "columns":
            continue
        try:
            left = [(r.id, w) for r, w in _select(list(spec.data_rows), p["left"])]
            right = [(r.id, w) for r, w in _select(list(spec.data_rows), p["right"])]
        except (ValueError, KeyError):
            continue
        out.append((left, right))
    return out


def resolve_by_columns(table: Table, notes: list[Note], spec: TableSpec, pending: list[Ambiguous]) -> None:
    """Rows whose run-together digits split several ways: try every choice per row against the table's
    column identities (results add up to (七)总计; 新收 + 上年结转 = 总计 + 结转下年度). A row is read
    when every choice that satisfies them agrees on that row's split. The other rows stay blank and each
    is reported as unreadable."""
    import math
    from itertools import product

    identities = _column_identities(spec) if pending else []
    decided: dict[int, list[int]] = {}
    if pending and identities and math.prod(len(p.found) for p in pending) <= MAX_COMBINATIONS:
        fixed = {(r, c): cell.value for (r, c), cell in table.cells.items() if cell.kind == "number"}
        passing = []
        for combo in product(*(p.found for p in pending)):
            cells = dict(fixed)
            for amb, split in zip(pending, combo):
                cells |= {(amb.row.id, col.id): v for col, v in zip(amb.row.columns, split)}
            if _columns_add_up(cells, spec, identities):
                passing.append(combo)
        for k in range(len(pending)):
            choices = {tuple(combo[k]) for combo in passing}
            if len(choices) == 1:
                decided[k] = list(next(iter(choices)))
    for k, amb in enumerate(pending):
        texts = [normalise(t.text) for t in amb.values]
        run = "、".join(f"“{t}”" for t in texts)
        where = f"表{spec.key}“{amb.row.label}”一行"
        if k not in decided:
            notes.append(Note("table_unreadable",
                                     f"{where}的数字粘连为{run}，有{len(amb.found)}种拆分方式都满足总计，无法确定，按空白处理",
                                     table=spec.key, row=amb.row.label, found=" ".join(texts), count=str(len(amb.found)),
                                     shape="ambiguous", source=amb.values[0].source))
            continue
        split = decided[k]
        for col, v in zip(amb.row.columns, split):
            table.cells[(amb.row.id, col.id)] = Cell("number", v, str(v), amb.values[0].source)
        notes.append(Note("digits_split",
                                 f"{where}的数字粘连为{run}，已按行、列总计拆分为{'、'.join(map(str, split))}",
                                 table=spec.key, row=amb.row.label, found=" ".join(texts),
                                 official=" ".join(map(str, split)), shape="by_columns", source=amb.values[0].source))


def _columns_add_up(cells: dict, spec: TableSpec, identities) -> bool:
    """Do the column identities hold in every column where all their terms are known? A column with an
    unknown term decides nothing; at least one identity in one column must decide."""
    decided = False
    for col in spec.columns:
        for left, right in identities:
            terms = [(cells.get((r, col.id)), w) for r, w in left] + [(cells.get((r, col.id)), -w) for r, w in right]
            if any(v is None for v, _ in terms):
                continue
            if sum(v * w for v, w in terms) != 0:
                return False
            decided = True
    return decided


def totals_of(columns, offset: int = 0) -> dict[int, tuple[int, ...]]:
    """The layout's 总计 columns of one row as positions: total position -> positions it sums."""
    index = {c.id: offset + k for k, c in enumerate(columns)}
    return {index[c.id]: tuple(index[p] for p in c.sums if p in index) for c in columns if c.sums}


class Placed(list):
    """A row's (or table's) values read from run-together digits; ``doubt`` says how, when the reading is
    not the only one possible (it is carried by each cell, and so to any finding the cells cause)."""

    doubt: str | None = None


def split_run(values: list[Token], width: int, totals: dict, table: str, row: str | None,
               notes: list[Note], *, pending: list | None = None, row_spec: RowSpec | None = None,
               forced: list | None = None) -> list[int] | None:
    """Recover cells whose digits ran together, from the layout's totals (see ``gklint.recognise.digits``).

    One split satisfies the totals: it is taken and noted (``digits_split``); a run with one digit per
    cell ("0000000"), which only splits one way, is listed in ``forced`` for one note per table. Several:
    none is taken, and the note says so. None satisfies the totals, but the run holds one digit per cell
    ("3000000" for seven cells): that is the only reading filling every cell, so it is taken, noted, and
    left to the identity rules to judge; it is marked uncertain (``Placed.doubt``) when a reading with a
    blank cell and a two-digit number exists. A run of zeros short of the row ("000000" for seven cells):
    every value is 0 and some cell was blank or lost; read as zeros, uncertain, and noted
    (``digits_short``). Otherwise, or with no total to decide by: None (the caller reports the row).
    """
    texts = [normalise(t.text) for t in values]
    found = splits(texts, width, totals)
    if not totals and all(t.isdigit() for t in texts) and sum(map(len, texts)) == width:
        found = [[int(d) for t in texts for d in t]]  # one digit per cell: the only reading there is
    where = f"表{table}“{row}”一行" if row else f"表{table}"
    run = "、".join(f"“{t}”" for t in texts)
    if found and len(found) == 1 and forced is not None and sum(map(len, texts)) == width:
        forced.append((row, values[0].source))  # one digit per cell: said once for the table
        if totals or not other_reading(texts, width):
            return found[0]
        placed = Placed(found[0])  # no total confirms it: "700" may also be 70, 0 and a blank cell
        placed.doubt = (f"{where}的数字粘连为{run}，按每格一位数字读作{'、'.join(map(str, found[0]))}，"
                        f"也可能另有读法（某格空白、某数为两位数）")
        return placed
    if found and len(found) == 1:
        notes.append(Note("digits_split", f"{where}的数字粘连为{run}，已按总计拆分为{'、'.join(map(str, found[0]))}",
                          table=table, row=row, found=" ".join(texts),
                          official=" ".join(map(str, found[0])), source=values[0].source))
        return found[0]
    if found and len(found) > 1 and pending is not None and row_spec is not None:
        pending.append(Ambiguous(row_spec, values, found))  # the column totals may still decide
        return []
    if found is None or len(found) > 1:
        count = "过多" if found is None else f"{len(found)}种"
        notes.append(Note("table_unreadable",
                          f"{where}的数字粘连为{run}，有{count}拆分方式都满足总计，无法确定，按空白处理",
                          table=table, row=row, found=" ".join(texts), count="many" if found is None else str(len(found)),
                          shape="ambiguous", source=values[0].source))
        return []  # reported here: the caller leaves the cells blank without a second note
    if (whole := one_per_cell(texts, width)) is not None:
        placed = Placed(whole)
        shown = "、".join(map(str, whole))
        if other_reading(texts, width):
            placed.doubt = f"{where}的数字粘连为{run}，按每格一位数字读作{shown}，也可能另有读法（某格空白、某数为两位数）"
            how = "也可能另有读法（某格空白、某数为两位数），读法不确定"
        else:
            how = "这是唯一可能的读法"
        notes.append(Note("digits_split",
                          f"{where}的数字粘连为{run}，位数与单元格数相同，按每格一位数字读作{shown}（{how}）；"
                          f"该读法不满足总计，见表格核对结果",
                          table=table, row=row, found=" ".join(texts), official=" ".join(map(str, whole)),
                          shape="one_per_cell", source=values[0].source))
        return placed
    if short := zeros_short(texts, width):
        placed = Placed([0] * width)
        digits = width - short
        placed.doubt = f"{where}只读到{digits}位数字{run}，应有{width}个单元格，{short}格空白或在复制中丢失"
        notes.append(Note("digits_short",
                          f"{where}应有{width}个单元格，只读到{digits}位数字{run}：读到的都是0，另有{short}格"
                          f"空白或在复制中丢失（无法确定是哪一格），各格按0核对",
                          table=table, row=row, found=" ".join(texts), source=values[0].source))
        return placed
    if found == [] and totals and all(t.isdigit() for t in texts) and sum(map(len, texts)) > width:
        # every way of filling every cell breaks a total: a 总计 is wrong, or cells were left blank, or digits
        # were lost in copying; which, the digits cannot tell. Reported once here, the cells left unread.
        notes.append(Note("digits_unbalanced",
                          f"{where}的{sum(map(len, texts))}位数字{run}，无论怎样拆分到{width}个单元格，都不满足表中的总计：",
                          table=table, row=row, found=" ".join(texts), source=values[0].source))
        return []
    return None


def count_said(values: list[Token], width: int, totals: bool) -> str:
    """What was read where a row's values could not be placed: the count, or the digits run together."""
    texts = [normalise(t.text) for t in values]
    if len(texts) == 1 and len(texts[0]) > 1 and texts[0].isdigit():
        digits = sum(map(len, texts))
        why = "没有一种拆分满足总计" if totals else "本行没有总计可据以拆分"
        return f"的数字粘连为“{texts[0]}”（共{digits}位数字，应为{width}个单元格），{why}"
    shown = "、".join(f"“{t}”" for t in texts if t) or "空白"
    return f"读到{sum(1 for t in texts if t)}个数值（{shown}），应为{width}个"
