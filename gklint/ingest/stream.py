"""Tables flattened into a stream of text tokens (one cell per line, or cells separated by tabs or spaces).

Rows are found by their official labels, in the layout's order; the values that follow a label are its
cells, in the layout's column order. Nothing is placed by counting numbers across the whole text: a row
whose values cannot be read exactly is left blank and reported in the notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gklint.ingest.coverage import missing_rows
from gklint.ingest.digits import one_per_cell, other_reading, splits, zeros_short
from gklint.ingest.document import Paragraph
from gklint.core.source import Source
from gklint.ingest.values import parse_cell
from gklint.layouts import (SIMILAR, Layout, RowSpec, TableSpec, approximate_row, core, label_matches, normalise,
                            similarity)
from gklint.core.model import Cell, Note, Table

_SPLIT = re.compile(r"\t+|\s{2,}|\u3000+|\s*[|｜]\s*")  # tabs, wide gaps, or the bars of a text table
_TRAILING_VALUES = re.compile(r"^(?P<label>.*?\D)\s+(?P<values>(?:[-+]?[\d.,]+|/|—|－|-)(?:\s+(?:[-+]?[\d.,]+|/|—|－|-))*)$")
# a label whose values follow it without a gap ("规章000", "行政许可356"): the label ends in a Chinese
# character or a closing bracket or quote, the line in numbers
_GLUED_VALUES = re.compile(r"^(?P<label>.*?[\u4e00-\u9fff）)”」])(?P<values>\d[\d.,]*(?:万元|元)?(?:\s+[-+]?\d[\d.,]*)*)$")
_NUMBERS_ONLY = re.compile(r"[-+]?\d[\d.,]*(?:\s+[-+]?\d[\d.,]*)+")
_DECORATED_PAGE = re.compile(r"[-—–]+\s*\d{1,4}\s*[-—–]+|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}")
_CHANGE = re.compile(r"^(?:增加|减少|增|减)")
_BARS = re.compile(r"\s*[|｜]\s*")
_MD_RULE = re.compile(r"[|｜]?\s*:?-{2,}:?\s*(?:[|｜]\s*:?-{2,}:?\s*)*[|｜]?")  # |---|:---:|
_LONG_NUMBER = re.compile(r"\d[\d.,]*(?:万元|元)?")  # a long run of digits is still one value token (cells may have run together)
_WINDOW = 40  # how far (in tokens) the next row label may be from the last one

TABLE_MARKERS = {
    "二": ("第二十条第(一)项", "第二十条第(五)项", "信息内容"),
    "三": ("申请人情况", "本列数据的勾稽关系", "自然人"),
    "四": ("行政复议", "结果维持"),
}


@dataclass
class Token:
    text: str
    source: Source
    index: int = 0
    cell: Cell | None = None  # parsed, when the token is a value
    line: object = None  # the paragraph (line) the token comes from: cells of one table row share it

    @property
    def is_value(self) -> bool:
        return self.cell is not None and self.cell.kind in ("number", "na")

    @property
    def is_cell(self) -> bool:
        """A value, or an empty cell kept in its place (between two tabs of a copied table row)."""
        return self.cell is not None and self.cell.kind in ("number", "na", "blank")


def _pieces(text: str) -> list[str]:
    """A line's cells. A row copied from a web page or a spreadsheet keeps one tab per cell, so an
    empty cell between two tabs stays in its place (as ""); otherwise cells are split on wide gaps."""
    text = text.strip()
    if _MD_RULE.fullmatch(text):
        return []  # a Markdown table's |---|---| line: no cells
    bars = text.count("|") + text.count("｜")  # not _BARS.search: "\s*" before a bar is quadratic on long blanks
    if bars and (text[0] in "|｜" or text[-1] in "|｜" or bars >= 2):
        # a text or Markdown table: cells between bars, an empty one kept in its place ("| 2 |  | 0 |")
        cells = [c.strip() for c in _BARS.split(text)]
        if cells and not cells[0] and text[0] in "|｜":
            cells = cells[1:]
        if cells and not cells[-1] and text[-1] in "|｜":
            cells.pop()  # the closing bar; empty cells before it are cells
        return [p for c in cells for p in (_gaps(c) if c else [""])]
    if "\t" in text:
        cells = [c.strip() for c in text.split("\t")]
        while cells and not cells[-1]:
            cells.pop()  # trailing tabs are layout, not cells
        first = next((k for k, c in enumerate(cells) if c), len(cells))
        return [p for k, c in enumerate(cells) if c or k > first for p in (_gaps(c) if c else [""])]
    return _gaps(text)


def _gaps(text: str) -> list[str]:
    """Cells split on wide gaps or bars; a line of numbers under a header (a PDF's table): one value each."""
    pieces = [p for p in _SPLIT.split(text) if p.strip()]
    if len(pieces) == 1 and _NUMBERS_ONLY.fullmatch(text.strip()):
        return text.split()
    return pieces


def tokenise(paragraphs: list[Paragraph]) -> list[Token]:
    """Split lines into cell tokens: on tabs and wide gaps, and a label from the numbers that trail it."""
    tokens: list[Token] = []
    for para in paragraphs:
        for piece in _pieces(para.text):
            if not piece:
                tokens.append(Token("", para.source, len(tokens), Cell.blank(para.source), para))
                continue
            if piece.strip() == para.text.strip() and _DECORATED_PAGE.fullmatch(piece.strip()):
                tokens.append(Token(piece.strip(), para.source, len(tokens), line=para))  # "- 3 -": a page number
                continue
            m = _TRAILING_VALUES.match(piece.strip()) or _GLUED_VALUES.match(piece.strip())
            if m and parse_cell(piece).kind == "number":
                m = None  # "减4", "3件": one cell, not a label and its value
            parts = [m["label"], *m["values"].split()] if m and len(m["label"]) <= 60 else [piece]
            for part in parts:
                tok = Token(part.strip(), para.source, len(tokens), line=para)
                cell = parse_cell(part)
                norm = normalise(part)
                if cell.kind in ("number", "na") and (len(norm) <= 12 or (_LONG_NUMBER.fullmatch(norm) and len(norm) <= 40)):
                    tok.cell = cell
                tokens.append(tok)
    return tokens


@dataclass
class StreamTable:
    table: Table
    used: set[int] = field(default_factory=set)  # token indexes that belong to the table
    notes: list[Note] = field(default_factory=list)
    rows_found: int = 0


MAX_LABEL_GAP = 3000  # tokens searched for a row's label after the previous row: a table's rows are adjacent


def _find_label(tokens: list[Token], start: int, stop: int, row: RowSpec) -> int | None:
    """Where ``row``'s label is: a token, or two text tokens read together (a label wrapped over two lines
    above its numbers, as PDF converters give it); then the index of the label's last token. Looked for
    within ``MAX_LABEL_GAP`` tokens (a real table's rows follow each other), so that a page of 100,000
    lines costs each of the 71 official rows a bounded search, not a scan of the whole page."""
    for i in range(start, min(stop, len(tokens), start + MAX_LABEL_GAP)):
        tok = tokens[i]
        if tok.is_value or not tok.text:
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and nxt.text and nxt.cell is None and not label_matches(nxt.text, row.names, loose=True) \
                and _whole_label(tok.text + nxt.text, row.names):
            return i + 1
        if label_matches(tok.text, row.names, loose=True):
            after = tokens[i + 2] if i + 2 < len(tokens) else None
            if nxt is not None and nxt.text and nxt.cell is None and after is not None and after.is_value \
                    and not any(label_matches(nxt.text, r.names, loose=True) for r in (row,)) \
                    and similarity(tok.text + nxt.text, (row.label,)) >= SIMILAR:
                return i + 1  # the label's misprinted rest, cut off by a shorter name ("（二）部分公开" | "件区分…）")
            return i
    return None


def _approximate_label(tokens: list[Token], start: int, stop: int, row: RowSpec, spec: TableSpec,
                       notes: list[Note]) -> int | None:
    """A misprinted label where ``row``'s should be: the first text after the previous row's values, alike
    enough to ``row`` and to no other row more (``gklint.layouts.approximate_row``), matching no row as
    written, and followed by values (a data row) or by no value (a group heading). Noted (``label_approx``)."""
    i = start
    while i < min(stop, len(tokens)) and ((tokens[i].cell is not None and tokens[i].cell.kind == "blank")
                                          or _page_number(tokens[i])):
        i += 1
    if i >= min(stop, len(tokens)):
        return None
    tok = tokens[i]
    if tok.cell is not None or not tok.text:
        return None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if row.heading == bool(nxt is not None and nxt.is_value):
        return None
    if any(label_matches(tok.text, r.names, loose=True) for r in spec.rows):
        return None
    if not approximate_row(tok.text, row, spec.rows):
        return None
    notes.append(Note("label_approx", f"表{spec.key}的行名“{tok.text}”与官方行名“{row.label}”不完全一致，"
                                      f"按位置和相似程度视为该行",
                      table=spec.key, row=row.label, found=tok.text, official=row.label, source=tok.source))
    return i


_PAGE = re.compile(r"[-—–\s]*\d{1,4}[-—–\s]*|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}")


def _page_number(tok: Token) -> bool:
    """A page number on a line of its own ("- 3 -", "第3页", "3/12", "3"), as PDF text keeps it inside tables."""
    line = getattr(tok.line, "text", None)
    return line is not None and line.strip() == tok.text and bool(_PAGE.fullmatch(tok.text))


def _whole_label(text: str, names: tuple[str, ...]) -> bool:
    """Is ``text`` one of ``names`` in full (its numbering may be missing)? Not a beginning or a longer text."""
    norm = core(text)
    return any(norm == core(n) and len(norm) >= 4 for n in names)


def _values_after(tokens: list[Token], i: int, width: int, *, text_cells: TableSpec | None = None) -> list[Token]:
    """The cells after the label at ``i``: values and blanks; with ``text_cells``, also text on the label's
    own line (a row of a tab or bar table: "行政规范性文件 | 3 | 减4 | 20"), kept as a text cell, unless
    it is a label of the table ``text_cells``."""
    out: list[Token] = []
    label = tokens[i] if 0 <= i < len(tokens) else None
    for tok in tokens[i + 1:i + 1 + width]:
        same_line = text_cells is not None and label is not None and label.line is not None and tok.line is label.line
        if not tok.is_cell and not (same_line and tok.text and len(normalise(tok.text)) <= 12
                                    and not any(label_matches(tok.text, r.names, loose=True) for r in text_cells.rows)):
            break
        out.append(tok)
    return out


def count_cell(raw: str, col, source: Source | None = None) -> Cell:
    """A table cell typed for its column: a change written "增3"/"减4" is a number only in a column of
    changes (2019 本年增/减); in a column of counts it is text that is not a count (C203)."""
    cell = parse_cell(raw, amount=col.amount, signed=col.signed, source=source)
    if cell.kind == "number" and not col.signed and _CHANGE.match(normalise(raw or "")):
        return Cell("text", None, raw, source)
    return cell


def _cell(tok: Token, col, source: Source) -> Cell:
    return count_cell(tok.text, col, source)


def read_rows(tokens: list[Token], spec: TableSpec, start: int, stop: int) -> StreamTable:
    """Tables 二 and 三: each data row is its label followed by its values."""
    result = StreamTable(Table(spec.key, found=False))
    pos = start
    first = True
    pending: list[_Ambiguous] = []  # rows with several splits: the column totals may decide between them
    forced: list = []  # rows whose run had one digit per cell
    for row in spec.rows:
        window_stop = stop if first else min(stop, pos + _WINDOW)
        at = _find_label(tokens, pos, window_stop, row)
        if at is None and not first:
            at = _approximate_label(tokens, pos, window_stop, row, spec, result.notes)
        if at is None:
            continue
        first = False
        result.used.add(at)
        pos = at + 1
        if row.heading:
            continue
        result.rows_found += 1
        values = _values_after(tokens, at, len(row.columns), text_cells=spec)
        if len(values) == len(row.columns):
            for col, tok in zip(row.columns, values):
                result.table.cells[(row.id, col.id)] = _cell(tok, col, tok.source)
                result.used.add(tok.index)
            pos = values[-1].index + 1
        else:
            placed = (_split_run(values, len(row.columns), _totals(row.columns), spec.key, row.label, result.notes,
                                 pending=pending, row_spec=row, forced=forced) if values else None)
            for k, col in enumerate(row.columns):
                result.table.cells[(row.id, col.id)] = (
                    Cell("number", placed[k], str(placed[k]), values[0].source, getattr(placed, "doubt", None))
                    if placed else Cell.blank(tokens[at].source))
            if values and placed is None:
                result.notes.append(Note(
                    "table_unreadable",
                    f"表{spec.key}“{row.label}”一行{_count_said(values, len(row.columns), bool(_totals(row.columns)))}"
                    f"，无法确定各数值所属的列",
                    table=spec.key, row=row.label, found=" ".join(normalise(t.text) for t in values),
                    source=tokens[at].source))
            for tok in values:
                result.used.add(tok.index)
            if values:
                pos = values[-1].index + 1
    _resolve_by_columns(result, spec, pending)
    _note_forced(result, spec.key, forced)
    result.table.found = result.rows_found > 0
    if result.table.found:
        result.notes.extend(missing_rows(spec, result.table))
    if result.table.found:
        result.table.source = tokens[min(result.used)].source
    return result


def _note_forced(result: StreamTable, table: str, forced: list) -> None:
    """One note for the rows of a table whose digits ran together one digit per cell ("7000007")."""
    if not forced:
        return
    rows = "、".join(f"“{row}”" for row, _ in forced if row)
    where = "" if not rows else f"{len(forced)}行" if len(forced) > 3 else f"{len(forced)}行（{rows}）"
    result.notes.append(Note("digits_split", f"表{table}{where}的数字粘连在一起，每个单元格一位数字，已逐位拆分",
                             table=table, source=forced[0][1]))


@dataclass
class _Ambiguous:
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


def _resolve_by_columns(result: StreamTable, spec: TableSpec, pending: list[_Ambiguous]) -> None:
    """Rows whose run-together digits split several ways: try every choice per row against the table's
    column identities (results add up to (七)总计; 新收 + 上年结转 = 总计 + 结转下年度). A row is read
    when every choice that satisfies them agrees on that row's split. The other rows stay blank and each
    is reported as unreadable."""
    import math
    from itertools import product

    identities = _column_identities(spec) if pending else []
    decided: dict[int, list[int]] = {}
    if pending and identities and math.prod(len(p.found) for p in pending) <= MAX_COMBINATIONS:
        fixed = {(r, c): cell.value for (r, c), cell in result.table.cells.items() if cell.kind == "number"}
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
            result.notes.append(Note("table_unreadable",
                                     f"{where}的数字粘连为{run}，有{len(amb.found)}种拆分方式都满足总计，无法确定，按空白处理",
                                     table=spec.key, row=amb.row.label, found=" ".join(texts), source=amb.values[0].source))
            continue
        split = decided[k]
        for col, v in zip(amb.row.columns, split):
            result.table.cells[(amb.row.id, col.id)] = Cell("number", v, str(v), amb.values[0].source)
        result.notes.append(Note("digits_split",
                                 f"{where}的数字粘连为{run}，已按行、列总计拆分为{'、'.join(map(str, split))}",
                                 table=spec.key, row=amb.row.label, found=" ".join(texts),
                                 official=" ".join(map(str, split)), source=amb.values[0].source))


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


def _totals(columns, offset: int = 0) -> dict[int, tuple[int, ...]]:
    """The layout's 总计 columns of one row as positions: total position -> positions it sums."""
    index = {c.id: offset + k for k, c in enumerate(columns)}
    return {index[c.id]: tuple(index[p] for p in c.sums if p in index) for c in columns if c.sums}


class Placed(list):
    """A row's (or table's) values read from run-together digits; ``doubt`` says how, when the reading is
    not the only one possible (it is carried by each cell, and so to any finding the cells cause)."""

    doubt: str | None = None


def _split_run(values: list[Token], width: int, totals: dict, table: str, row: str | None,
               notes: list[Note], *, pending: list | None = None, row_spec: RowSpec | None = None,
               forced: list | None = None) -> list[int] | None:
    """Recover cells whose digits ran together, from the layout's totals (see ``gklint.ingest.digits``).

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
        pending.append(_Ambiguous(row_spec, values, found))  # the column totals may still decide
        return []
    if found is None or len(found) > 1:
        count = "过多" if found is None else f"{len(found)}种"
        notes.append(Note("table_unreadable",
                          f"{where}的数字粘连为{run}，有{count}拆分方式都满足总计，无法确定，按空白处理",
                          table=table, row=row, found=" ".join(texts), source=values[0].source))
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
                          source=values[0].source))
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


def _count_said(values: list[Token], width: int, totals: bool) -> str:
    """What was read where a row's values could not be placed: the count, or the digits run together."""
    texts = [normalise(t.text) for t in values]
    if len(texts) == 1 and len(texts[0]) > 1 and texts[0].isdigit():
        digits = sum(map(len, texts))
        why = "没有一种拆分满足总计" if totals else "本行没有总计可据以拆分"
        return f"的数字粘连为“{texts[0]}”（共{digits}位数字，应为{width}个单元格），{why}"
    shown = "、".join(f"“{t}”" for t in texts if t) or "空白"
    return f"读到{sum(1 for t in texts if t)}个数值（{shown}），应为{width}个"


def _table4_header(text: str) -> bool:
    """The first cell of table 四's header: "行政复议" or "结果维持", or a PDF line that starts the header
    with them run together ("行政复议 行政诉讼")."""
    norm = normalise(text)
    return label_matches(text, ("结果维持", "行政复议")) or (len(norm) <= 12 and norm.startswith(("行政复议", "结果维持")))


def read_table4(tokens: list[Token], spec: TableSpec, start: int, stop: int) -> StreamTable:
    """Table 四: a header (行政复议 | 行政诉讼: 未经复议直接起诉, 复议后起诉; five result columns each),
    then its data: either one run of 15 values, or each row label followed by its 5 values."""
    result = StreamTable(Table(spec.key, found=False))
    header = [i for i in range(start, min(stop, len(tokens))) if not tokens[i].is_value and _table4_header(tokens[i].text)]
    if not header:
        return result
    first = header[0]
    width = len(spec.columns)
    # layout 1: row label followed directly by its values
    rows_by_label = {}
    for row in spec.data_rows:
        at = _find_label(tokens, first, min(stop, first + 3 * _WINDOW), row)
        if at is not None and len(_values_after(tokens, at, width)) == width:
            rows_by_label[row.id] = at
    if len(rows_by_label) == len(spec.data_rows):
        for row in spec.data_rows:
            at = rows_by_label[row.id]
            result.used.add(at)
            for col, tok in zip(row.columns, _values_after(tokens, at, width)):
                result.table.cells[(row.id, col.id)] = _cell(tok, col, tok.source)
                result.used.add(tok.index)
    else:
        # layout 2: the header's labels, then one run of values in header order
        i = first
        while i < min(stop, len(tokens)) and not tokens[i].is_value:
            i += 1
        while i - 1 > first and i < len(tokens) and tokens[i - 1].is_cell and tokens[i - 1].source == tokens[i].source:
            i -= 1  # the data row starts with blank cells (a text or Markdown table keeps them)
        run = _values_after(tokens, i - 1, width * len(spec.data_rows))
        if not run:
            return result
        result.used.update(range(first, i))
        cells = width * len(spec.data_rows)
        numbers: list | None = None
        if len(run) != cells:
            totals: dict = {}
            for n, row in enumerate(spec.data_rows):
                totals |= _totals(row.columns, n * width)
            forced: list = []
            placed = _split_run(run, cells, totals, spec.key, None, result.notes, forced=forced)
            _note_forced(result, spec.key, forced)
            if placed is None:
                result.notes.append(Note(
                    "table_unreadable", f"表四{_count_said(run, cells, True)}，无法确定各数值所属的单元格",
                    table=spec.key, found=" ".join(normalise(t.text) for t in run), source=run[0].source))
            result.used.update(t.index for t in run)
            result.table.found = True
            if not placed:
                return result
            numbers = placed
        k = 0
        for row in spec.data_rows:
            for col in row.columns:
                if numbers is not None:
                    result.table.cells[(row.id, col.id)] = Cell("number", numbers[k], str(numbers[k]), run[0].source,
                                                                getattr(numbers, "doubt", None))
                else:
                    tok = run[k]
                    result.table.cells[(row.id, col.id)] = _cell(tok, col, tok.source)
                    result.used.add(tok.index)
                k += 1
    result.table.found = True
    result.table.source = tokens[first].source
    return result


def header_aliases(tokens: list[Token], spec: TableSpec, used: set[int]) -> list[Note]:
    """Column headers inside the table's span that match an official column only through an alias."""
    notes = []
    if not used:
        return notes
    lo, hi = min(used), max(used)
    for tok in tokens[lo:hi + 1]:
        if tok.is_value:
            continue
        for col in spec.columns:
            if col.aliases and not label_matches(tok.text, (col.label,)) and label_matches(tok.text, col.aliases):
                notes.append(Note("header_alias", f"表{spec.key}表头“{tok.text}”与官方用语“{col.label}”不一致",
                                  table=spec.key, column=col.label, found=tok.text, official=col.label,
                                  source=tok.source))
    return notes


def read_tables(tokens: list[Token], layout: Layout, bounds: dict[str, tuple[int, int]]) -> dict[str, StreamTable]:
    """Read each official table between the given token bounds (usually its section)."""
    out = {}
    for key, spec in layout.tables.items():
        start, stop = bounds.get(key, (0, len(tokens)))
        st = read_table4(tokens, spec, start, stop) if key == "四" else read_rows(tokens, spec, start, stop)
        if st.table.found:
            # the table's header and label lines between its first and last used token belong to it
            lo = min(st.used)
            hi = max(st.used)
            markers = TABLE_MARKERS.get(key, ())
            for i in range(start, lo):
                if any(normalise(m) in normalise(tokens[i].text) for m in markers) and len(tokens[i].text) <= 60:
                    lo = i
                    break
            st.used.update(range(lo, hi + 1))
            st.notes.extend(header_aliases(tokens, spec, st.used))
        out[key] = st
    return out
