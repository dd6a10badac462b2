"""The official tables read from a stream of text tokens (``gklint.recognise.tokens``: one cell per line, or
cells separated by tabs or spaces).

Rows are found by their official labels, in the layout's order; the values that follow a label are its
cells, in the layout's column order. Nothing is placed by counting numbers across the whole text: a row
whose values cannot be read exactly is left blank and reported in the notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gklint.core import lazyre
from gklint.recognise.coverage import missing_rows
from gklint.recognise.digit_runs import Ambiguous, count_said, note_forced, resolve_by_columns, split_run, totals_of
from gklint.core.source import Source
from gklint.recognise.tabbed import cells_after, line_end, whole_line
from gklint.recognise.tokens import Token
from gklint.recognise.values import parse_cell
from gklint.recognise.wrapped import find_wrapped
from gklint.layouts import (KEPT, SIMILAR, Layout, RowSpec, TableSpec, approximate_row, core, label_matches,
                            normalise, similarity)
from gklint.core.model import Cell, Note, Table

_CHANGE = lazyre.compile(r"^(?:增加|减少|增|减)")
_WINDOW = 40  # how far (in tokens) the next row label may be from the last one


@dataclass
class StreamTable:
    """A table read from a stream of tokens: the table, the tokens it used, its notes and how many rows it found."""

    table: Table
    used: set[int] = field(default_factory=set)  # token indexes that belong to the table
    notes: list[Note] = field(default_factory=list)
    rows_found: int = 0


MAX_LABEL_GAP = 3000  # tokens searched for a row's label after the previous row: a table's rows are adjacent


def _find_label(tokens: list[Token], start: int, stop: int, row: RowSpec, spec: TableSpec) -> int | None:
    """Where ``row`` (of ``spec``) has its label: a token, or two text tokens read together (a label wrapped over
    two lines above its numbers, as PDF converters give it); then the index of the label's last token. Looked for
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
                    and not any(label_matches(nxt.text, r.names, loose=True) for r in spec.rows) \
                    and similarity(tok.text + nxt.text, (row.label,)) >= SIMILAR:
                # the label's misprinted rest, cut off by a shorter name ("（二）部分公开" | "件区分…）"); a text that
                # is a row's label is no rest (the row before it left blank: its label alone on its line)
                return i + 1
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


_PAGE = lazyre.compile(r"[-—–\s]*\d{1,4}[-—–\s]*|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}")


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


def _values_beyond(tokens: list[Token], values: list[Token]) -> list[Token]:
    """Numbers on the line of a row's last value after it ("行政许可 0 12", "57 57 5 7" for three columns), up to the
    line's next text: the row has more values than columns, and which are its own cannot be told. Not a footnote
    mark ("①", "¹": numerals that are no decimal digits); not a number on a line of its own after the row (one cell
    a line): a page number stands alone on its line too."""
    last = values[-1] if values else None
    out: list[Token] = []
    for tok in tokens[last.index + 1:] if last is not None and last.line is not None else ():
        if tok.line is not last.line or not tok.is_cell:
            break
        if tok.cell.kind == "number" and all(ch.isdecimal() for ch in tok.text if ch.isnumeric()):
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


def _put_fields(table: Table, row: RowSpec, fields: list[str], source: Source) -> None:
    """A row's cells from the tab-separated fields of its line (``gklint.recognise.tabbed``): one per column."""
    for col, raw in zip(row.columns, fields):
        table.cells[(row.id, col.id)] = count_cell(raw, col, source)


def _locate(tokens: list[Token], pos: int, stop: int, row: RowSpec, spec: TableSpec, notes: list[Note],
            first: bool) -> tuple[int, list[Token], tuple[int, ...]] | None:
    """Where ``row`` is after ``pos``: its label's (first) token, its values and its label's tokens. The label
    as one token (or two) with its values after it, or its tab-separated fields (``tabbed``); else wrapped around
    its values (``find_wrapped``); else, after the first row, misprinted (``_approximate_label``)."""
    def values_after(at: int | None) -> list[Token]:
        return [] if at is None or row.heading else _values_after(tokens, at, len(row.columns), text_cells=spec)

    at = _find_label(tokens, pos, stop, row, spec)
    values = values_after(at)
    if at is not None and not row.heading and cells_after(tokens[at], len(row.columns)) is not None:
        return at, values, (at,)  # its line's tab-separated fields are its cells, blank ones too
    if not row.heading and not values and (wrapped := find_wrapped(tokens, pos, min(stop, pos + MAX_LABEL_GAP), row, spec)) is not None:
        return wrapped.fragments[0], list(wrapped.values), wrapped.fragments
    if at is None and not first:
        at = _approximate_label(tokens, pos, stop, row, spec, notes)
        values = values_after(at)
    return None if at is None else (at, values, (at,))


def read_rows(tokens: list[Token], spec: TableSpec, start: int, stop: int) -> StreamTable:
    """A table whose each data row is its label followed by its values (tables 二 and 三)."""
    result = StreamTable(Table(spec.key, found=False))
    pos = start
    first = True
    pending: list[Ambiguous] = []  # rows with several splits: the column totals may decide between them
    forced: list = []  # rows whose run had one digit per cell
    for row in spec.rows:
        window_stop = stop if first else min(stop, pos + _WINDOW)
        found = _locate(tokens, pos, window_stop, row, spec, result.notes, first)
        if found is None:
            continue
        first = False
        at, values, labels = found
        result.used.update(labels)
        if row.heading:
            if not any(t.is_value and not _page_number(t) for t in tokens[pos:at]):
                pos = at + 1  # not past the values of its first rows: a group label centred over its rows
            continue
        pos = max(labels) + 1
        result.rows_found += 1
        if (alias := row_alias(tokens[at], row, spec)) is not None:
            result.notes.append(alias)
        extra = _values_beyond(tokens, values) if len(values) == len(row.columns) else []
        if (tabbed := cells_after(tokens[at], len(row.columns))) is not None:
            _put_fields(result.table, row, tabbed, tokens[at].source)
            pos = line_end(tokens, at)
            result.used.update(range(at + 1, pos))
        elif len(values) == len(row.columns) and not extra:
            for col, tok in zip(row.columns, values):
                result.table.cells[(row.id, col.id)] = _cell(tok, col, tok.source)
                result.used.add(tok.index)
            pos = max(pos, values[-1].index + 1)
        else:
            # more values than columns (``extra``): which are the row's cannot be told, so none is read (R102)
            placed = (split_run(values, len(row.columns), totals_of(row.columns), spec.key, row.label, result.notes,
                                 pending=pending, row_spec=row, forced=forced) if values and not extra else None)
            values = [*values, *extra]
            for k, col in enumerate(row.columns):
                result.table.cells[(row.id, col.id)] = (
                    Cell("number", placed[k], str(placed[k]), values[0].source, getattr(placed, "doubt", None))
                    if placed else Cell.blank(tokens[at].source))
            if values and placed is None:
                result.notes.append(Note(
                    "table_unreadable",
                    f"表{spec.key}“{row.label}”一行{count_said(values, len(row.columns), bool(totals_of(row.columns)))}"
                    f"，无法确定各数值所属的列",
                    table=spec.key, row=row.label, found=" ".join(normalise(t.text) for t in values),
                    count=str(len(row.columns)), shape="unplaced", source=tokens[at].source))
            for tok in values:
                result.used.add(tok.index)
            if values:
                pos = max(pos, values[-1].index + 1)
    resolve_by_columns(result.table, result.notes, spec, pending)
    note_forced(result.notes, spec.key, forced)
    result.table.found = result.rows_found > 0
    if result.table.found:
        result.notes.extend(missing_rows(spec, result.table))
    if result.table.found:
        result.table.source = tokens[min(result.used)].source
    return result


def _header_start(tok: Token, spec: TableSpec) -> bool:
    """The first cell of a header-first table's header: one of its markers (table 四: "行政复议" or
    "结果维持"), or a PDF line that starts the header with them run together ("行政复议 行政诉讼"); not a
    sentence of the section that starts with one ("行政复议2件。")."""
    if not _table_like(tok):
        return False
    norm = normalise(tok.text)
    return label_matches(tok.text, spec.markers) or (len(norm) <= 12 and norm.startswith(tuple(map(normalise, spec.markers))))


def read_header_first(tokens: list[Token], spec: TableSpec, start: int, stop: int) -> StreamTable:
    """A table whose header comes first (``header_first`` in the layout; table 四: 行政复议 | 行政诉讼:
    未经复议直接起诉, 复议后起诉; five result columns each), then its data: either one run of all the
    values (15), or each row label followed by its values (5)."""
    result = StreamTable(Table(spec.key, found=False))
    header = [i for i in range(start, min(stop, len(tokens))) if _header_start(tokens[i], spec)]
    if not header:
        return result
    first = header[0]
    width = len(spec.columns)
    # layout 1: row label followed directly by its values
    rows_by_label = {}
    for row in spec.data_rows:
        at = _find_label(tokens, first, min(stop, first + 3 * _WINDOW), row, spec)
        if at is not None and (len(_values_after(tokens, at, width)) == width
                               or cells_after(tokens[at], width) is not None):
            rows_by_label[row.id] = at
    if len(rows_by_label) == len(spec.data_rows):
        for row in spec.data_rows:
            at = rows_by_label[row.id]
            result.used.add(at)
            if (tabbed := cells_after(tokens[at], width)) is not None:
                _put_fields(result.table, row, tabbed, tokens[at].source)
                result.used.update(range(at + 1, line_end(tokens, at)))
                continue
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
        if (tabbed := whole_line(run[0], cells)) is not None:
            result.used.update(range(run[0].index, line_end(tokens, run[0].index)))
        elif len(run) != cells:
            totals: dict = {}
            for n, row in enumerate(spec.data_rows):
                totals |= totals_of(row.columns, n * width)
            forced: list = []
            placed = split_run(run, cells, totals, spec.key, None, result.notes, forced=forced)
            note_forced(result.notes, spec.key, forced)
            if placed is None:
                result.notes.append(Note(
                    "table_unreadable", f"表{spec.key}{count_said(run, cells, True)}，无法确定各数值所属的单元格",
                    table=spec.key, found=" ".join(normalise(t.text) for t in run), source=run[0].source))
            result.used.update(t.index for t in run)
            result.table.found = True
            if not placed:
                return result
            numbers = placed
        k = 0
        for row in spec.data_rows:
            for col in row.columns:
                if tabbed is not None:
                    result.table.cells[(row.id, col.id)] = count_cell(tabbed[k], col, run[0].source)
                elif numbers is not None:
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


def reworded(found: str, official: str) -> bool:
    """Does a label differ from the official one in its words, not only in punctuation (which a text copy may
    lose or change: "单位：万元" for "（单位：万元）", "，" for "、")?"""
    return KEPT.findall(found) != KEPT.findall(official)


def header_aliases(tokens: list[Token], spec: TableSpec, used: set[int]) -> list[Note]:
    """Column headers inside the table's span worded unlike the official label (``reworded``), found as the grids
    find them (``TableSpec.first_matching``: an alias, a longer wording, a cut beginning of one column's name);
    not a header wrapped over two lines whose next line completes it ("现行有效" | "件数")."""
    notes = []
    if not used:
        return notes
    lo, hi = min(used), max(used)
    for tok in tokens[lo:hi + 1]:
        if tok.is_value or not tok.text:
            continue
        col = spec.first_matching("columns", tok.text)
        if col is None or not reworded(tok.text, col.label) or _wrapped_header(tokens, tok, col):
            continue
        notes.append(Note("header_alias", f"表{spec.key}表头“{tok.text}”与官方用语“{col.label}”不一致",
                          table=spec.key, column=col.label, found=tok.text, official=col.label, source=tok.source))
    return notes


def _wrapped_header(tokens: list[Token], tok: Token, col) -> bool:
    """Is ``tok`` the first line of ``col``'s header, its next token the rest?"""
    nxt = tokens[tok.index + 1] if tok.index + 1 < len(tokens) else None
    return nxt is not None and not nxt.is_value and label_matches(tok.text + nxt.text, col.names)


def row_alias(tok: Token, row: RowSpec, spec: TableSpec) -> Note | None:
    """A row label written as one of the row's other names ("规范性文件" for 行政规范性文件), as the grids note it."""
    if not (row.aliases and label_matches(tok.text, row.aliases) and reworded(tok.text, row.label)):
        return None
    return Note("header_alias", f"表{spec.key}的“{tok.text}”与官方表述“{row.label}”不同",
                table=spec.key, row=row.label, found=tok.text, official=row.label, source=tok.source)


_SENTENCE_END = "。；;"
TABLE_LINE_MAX = 60  # characters: a longer text above a table is a sentence of the section, not its caption


def _table_like(tok: Token) -> bool:
    """A token of a table's caption, header or units line ("（本列数据的勾稽关系为…）", "申请人情况", "单位：件"),
    a blank cell or a page number: no figure, short, no sentence end. Not a sentence of the section's text."""
    if tok.cell is not None:
        return tok.cell.kind == "blank" or _page_number(tok)
    return len(tok.text) <= TABLE_LINE_MAX and not any(ch in tok.text for ch in _SENTENCE_END)


def _table_start(tokens: list[Token], spec: TableSpec, start: int, first: int, heading: object) -> int:
    """The first token of a table whose first used token is ``first``: the earliest of its markers in the run of
    table-like tokens (``_table_like``) just above it. Never the section's heading (``heading``: its line, "四、政府
    信息公开行政复议、行政诉讼情况" holds a marker) nor anything above a sentence: the section's text before the
    table stays its text."""
    at = first
    i = first - 1
    while i >= start and tokens[i].line is not heading and _table_like(tokens[i]):
        if any(normalise(m) in normalise(tokens[i].text) for m in spec.markers):
            at = i
        i -= 1
    return at


def read_tables(tokens: list[Token], layout: Layout, bounds: dict[str, tuple[int, int]]) -> dict[str, StreamTable]:
    """Read each official table between the given token bounds (usually its section)."""
    out = {}
    for key, spec in layout.tables.items():
        start, stop = bounds.get(key, (0, len(tokens)))
        st = (read_header_first if spec.header_first else read_rows)(tokens, spec, start, stop)
        if st.table.found:
            # the table's header and label lines between its first and last used token belong to it
            heading = tokens[start].line if key in bounds else None
            st.used.update(range(_table_start(tokens, spec, start, min(st.used), heading), max(st.used) + 1))
            st.notes.extend(header_aliases(tokens, spec, st.used))
        out[key] = st
    return out
