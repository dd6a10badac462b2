"""Cells whose digits a copy ran together ("640020470" for 64 0 0 2 0 4 70 in a seven-column row).

The split is recovered only from the layout's own structure: a 总计 column equals the sum of the
columns it totals. Every split of the digits into the row's cells (no leading zeros) is tried; the
caller gets all the splits that satisfy the totals, and decides: one is taken, several are reported.
"""

from __future__ import annotations

from itertools import combinations

MAX_SPLITS = 20_000  # splits tried per row before giving up (a 20-digit run into 7 cells is ~27,000)


def _pieces(text: str, parts: int) -> list[list[int]]:
    """Every way to cut a digit string into ``parts`` numbers without leading zeros."""
    n = len(text)
    if parts > n:
        return []
    out = []
    for cuts in combinations(range(1, n), parts - 1):
        bounds = (0, *cuts, n)
        pieces = [text[a:b] for a, b in zip(bounds, bounds[1:])]
        if all(p == "0" or not p.startswith("0") for p in pieces):
            out.append([int(p) for p in pieces])
    return out


def splits(tokens: list[str], width: int, totals: dict[int, tuple[int, ...]]) -> list[list[int]] | None:
    """All ways to read ``tokens`` (digit strings) as ``width`` numbers that satisfy ``totals``
    (column index -> indexes of the columns it sums). None when there are too many to try."""
    if not tokens or not all(t.isdigit() for t in tokens) or not totals:
        return []
    results: list[list[int]] = []
    tried = 0

    def walk(i: int, left: int, acc: list[int]) -> bool:
        nonlocal tried
        if i == len(tokens):
            if left == 0:
                tried += 1
                if all(acc[t] == sum(acc[p] for p in parts) for t, parts in totals.items()):
                    results.append(list(acc))
            return tried <= MAX_SPLITS
        rest = len(tokens) - i - 1  # every later token holds at least one number
        for k in range(1, min(len(tokens[i]), left - rest) + 1):
            for pieces in _pieces(tokens[i], k):
                if not walk(i + 1, left - k, acc + pieces):
                    return False
        return True

    if not walk(0, width, []):
        return None
    return results


def one_per_cell(tokens: list[str], width: int) -> list[int] | None:
    """The reading that fills every cell when the run holds exactly one digit per cell ("3000000" for
    seven cells), whether or not it satisfies the totals; None when the digits do not number ``width``."""
    if not tokens or not all(t.isdigit() for t in tokens) or sum(map(len, tokens)) != width:
        return None
    return [int(d) for t in tokens for d in t]


def other_reading(tokens: list[str], width: int) -> bool:
    """Could the digits be read another way, with a blank cell somewhere? That needs a number of two
    digits or more (no leading zero) inside one token: "30" in "3000000". Only then is a one-digit-per-cell
    reading uncertain; "0000001" has no other reading."""
    if len(tokens) >= width:
        return False
    return any(len(t) > 1 and any(ch != "0" for ch in t[:-1]) for t in tokens if t.isdigit())


def zeros_short(tokens: list[str], width: int) -> int:
    """How many cells a run of zeros leaves unfilled ("000000" for seven cells: 1), or 0 when the run is not
    only zeros or fills every cell. Every value such a run holds is 0, whichever cells are the blank ones."""
    if not tokens or not all(t.isdigit() and set(t) == {"0"} for t in tokens):
        return 0
    digits = sum(map(len, tokens))
    return width - digits if digits < width else 0
