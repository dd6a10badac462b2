"""A row label wrapped over several lines, its values among them: a table printed without borders, a narrow
page, or its copied text. Each cell's text is centred in its row, so a long label's lines come before and
after its values' line (or share it), and a group label spanning several rows ("（六）其他处理") puts its own
short lines between them:

    1.申请人无正当理由逾期不补
    正、行政机关不再处理其政府信   315 3 0 0 0 0 318
    息公开申请
    （六）其
    2.申请人逾期未按收费通知要求
    他处理
    缴纳费用、行政机关不再处理其   202 0 0 1 0 0 203
    政府信息公开申请

The row is taken only when its label is spelt out exactly by its fragments in order, the fragments between
them being pieces of the table's group labels (or such a piece run into a fragment, when the group's line
and the row's are read as one text); and its values are the one run of cells inside the label (or
right after its last fragment). A label complete before its values takes no group fragment after it, so the
values of a group row written with numbers (another year's format) never become the row's above.
"""

from __future__ import annotations

from dataclasses import dataclass

from gklint.layouts import RowSpec, TableSpec, core, normalise
from gklint.recognise.tokens import Token

SPAN = 24  # tokens a wrapped label, its values and the group fragments among them may cover
LONG = 4  # characters a label needs (without its numbering) to be read from fragments: short ones do not wrap


@dataclass(frozen=True)
class WrappedRow:
    """Where a wrapped row was read: its label's fragments (token indexes, in order) and its values."""

    fragments: tuple[int, ...]
    values: tuple[Token, ...]


def find_wrapped(tokens: list[Token], start: int, stop: int, row: RowSpec, spec: TableSpec) -> WrappedRow | None:
    """``row`` with its label wrapped around its values, its first fragment the first text after ``start``
    (and before ``stop``) that begins the label, before any value (a value would be another row's, left
    unread before it)."""
    groups = tuple(normalise(name) for r in spec.rows if r.heading for name in r.names)
    width = len(row.columns)
    firsts = {core(name)[:1] for name in row.names}  # a first fragment past its numbering holds the first word
    for s in range(start, min(stop, len(tokens))):
        tok = tokens[s]
        if tok.is_value:
            return None
        if tok.cell is not None or not tok.text or (len(tok.text) > LONG and not any(c in tok.text for c in firsts)):
            continue
        for label in _label_parts(tok.text, groups):
            for target in _targets(row, label):
                found = _walk(tokens, s, min(stop, len(tokens), s + SPAN), target, groups, width, label)
                if found is not None:
                    return found
    return None


def _label_parts(text: str, groups: tuple[str, ...]) -> list[str]:
    """What of ``text`` may be a label's fragment: all of it, or what follows a piece of a group label run
    into it (the group's line and the row's, side by side, read as one: "（六）其他处理2.申请人逾期未")."""
    longest = max(map(len, groups), default=0)
    return [text] + [text[k:] for k in range(1, min(len(text), longest + 1))
                     if (piece := normalise(text[:k])) and any(piece in group for group in groups)]


def _targets(row: RowSpec, first: str) -> list[str]:
    """The row's names (normalised) that ``first`` begins: with their numbering, or without it when
    ``first`` has none."""
    text = normalise(first)
    bare = core(first) == text
    out = []
    for name in row.names:
        full, plain = normalise(name), core(name)
        if len(text) < 2:
            continue
        if full.startswith(text) and len(full) >= LONG:
            out.append(full)
        elif bare and plain.startswith(text) and len(plain) >= LONG:
            out.append(plain)
    return out


def _walk(tokens: list[Token], s: int, stop: int, target: str, groups: tuple[str, ...], width: int,
          first: str) -> WrappedRow | None:
    """The tokens after ``s`` (whose label part is ``first``) read as ``target``'s fragments, group fragments
    and one run of values; every reading of a token that fits (a fragment of the label or of a group, or a
    group's piece run into a fragment of the label) is tried."""
    stack: list[tuple[int, str, tuple[int, ...], tuple[Token, ...]]] = [(s + 1, first, (s,), ())]
    while stack:
        j, joined, fragments, values = stack.pop()  # ``joined``: the fragments as written (a line may end in "、")
        if normalise(joined) == target:
            values = values or _run(tokens, j, width)
            if values and len(fragments) > 1:  # one fragment is a label as written: ``_find_label``'s
                return WrappedRow(fragments, values)
            continue
        if j >= stop:
            continue
        tok = tokens[j]
        if tok.is_cell:
            run = _run(tokens, j, width)
            if run and not values:
                stack.append((j + len(run), joined, fragments, run))
            continue
        text = normalise(tok.text)
        if text and any(text in group for group in groups):
            stack.append((j + 1, joined, fragments, values))
        for part in reversed(_label_parts(tok.text, groups)):  # the whole token pushed last: tried first
            if normalise(part) and target.startswith(normalise(joined + part)):
                stack.append((j + 1, joined + part, (*fragments, j), values))
    return None


def _run(tokens: list[Token], j: int, width: int) -> tuple[Token, ...]:
    """The cells from ``j`` on, if there are at most ``width`` of them (more are no one row's) and one is
    a value."""
    k = j
    while k < len(tokens) and tokens[k].is_cell and k - j <= width:
        k += 1
    run = tuple(tokens[j:k])
    return run if len(run) <= width and any(t.is_value for t in run) else ()
