"""Which layout a document follows: the one detector, for every input (text, Word, PDF, HTML, gklint JSON).

The evidence is of two kinds. The labels peculiar to a layout (本年制发件数 vs 本年新制作数量…) that the
document writes: each table that writes them counts as many cells as it has, so a 2021 table 三 (175 cells)
outweighs a table 二 copied from the 2019 template in the same report. And how much a layout lets the
caller read (cells read as numbers, or rows found). The layout in force in the report's year breaks ties.
The best score wins; between equals, the newest layout.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from gklint.core import lazyre
from gklint.layouts import Layout, for_year, layouts, normalise

_ORDINAL = lazyre.compile(r"^\d+\.")
MIN_MARKER = 5  # shorter peculiar labels ("3.其他") are not evidence inside running text
YEAR_WEIGHT = 10  # the layout in force in the report year: a tie-breaker, outweighed by any header evidence


@cache
def _labels(layout: Layout) -> dict[str, tuple[str, str]]:
    """Every row and column label and alias of ``layout``, normalised, with its table and its own wording."""
    out: dict[str, tuple[str, str]] = {}
    for key, spec in layout.tables.items():
        for row in spec.rows:
            for name in (*row.names, *(n for col in row.columns for n in col.names)):
                out.setdefault(normalise(name), (key, name))
    return out


@cache
def own_labels(layout: Layout) -> dict[str, tuple[str, str]]:
    """The labels (normalised) that no other layout uses, 本年制发件数 vs 本年新制作数量…, each with its table
    and wording."""
    others = {n for v, o in layouts().items() if v != layout.version for n in _labels(o)}
    return {n: place for n, place in _labels(layout).items() if n not in others}


@cache
def _searchable(layout: Layout) -> tuple[tuple[str, str, str], ...]:
    """For search inside running text, the peculiar labels of at least MIN_MARKER characters once the item
    number is dropped that are not part of another layout's label (2019's "处理决定数量" is inside 2021's
    "本年处理决定数量")."""
    others = [n for v, o in layouts().items() if v != layout.version for n in _labels(o)]
    out = []
    for label, (table, name) in own_labels(layout).items():
        bare = _ORDINAL.sub("", label)
        if len(bare) >= MIN_MARKER and not any(bare in o for o in others):
            out.append((bare, table, _ORDINAL.sub("", name)))
    return tuple(sorted(out, key=lambda x: -len(x[0])))


def markers(texts: set[str], blob: str, layout: Layout) -> dict[str, tuple[str, ...]]:
    """Per table, the labels peculiar to ``layout`` that the document writes (as the layout words them):
    ``texts`` are its lines or cells, normalised, and ``blob`` its running text (a page saved as one line).
    Each is evidence that this table follows ``layout``."""
    found: dict[str, set[str]] = {}
    own = own_labels(layout)
    for text in texts & own.keys():
        table, name = own[text]
        found.setdefault(table, set()).add(_ORDINAL.sub("", name))
    for bare, table, name in _searchable(layout):
        if bare in blob and not any(name in f for f in found.get(table, ())):
            found.setdefault(table, set()).add(name)
    return {t: tuple(sorted(v)) for t, v in found.items()}


def score(layout: Layout, read: int, found: dict[str, tuple[str, ...]], year: int | None) -> int:
    """How well a document follows ``layout``: ``read`` (what the caller could read with it), the cells of
    every table whose peculiar labels it writes (``found``, from ``markers``), and ``YEAR_WEIGHT`` when
    ``layout`` is in force in the report's ``year``."""
    in_force = year is not None and layout is for_year(year)
    return read + sum(len(layout.table(t).cells()) for t in found) + (YEAR_WEIGHT if in_force else 0)


def best(scored: Iterable[tuple[int, Layout]]) -> Layout | None:
    """The layout with the best score; between equals, the first given (the newest)."""
    top: tuple[int, Layout] | None = None
    for points, layout in scored:
        if top is None or points > top[0]:
            top = (points, layout)
    return top[1] if top else None
