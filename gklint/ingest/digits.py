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
