"""Cells whose digits a copy ran together ("640020470" for 64 0 0 2 0 4 70 in a seven-column row).

The split is recovered only from the layout's own structure: a 总计 column equals the sum of the
columns it totals. Every split of the digits into the row's cells (no leading zeros) is tried; the
caller gets all the splits that satisfy the totals, and decides: one is taken, several are reported.
"""

from __future__ import annotations


MAX_SPLITS = 20_000  # splits tried per row before giving up (a 20-digit run into 7 cells is ~27,000)


MAX_STEPS = 200_000  # search steps per run before giving up (a long run into many cells explodes)


def splits(tokens: list[str], width: int, totals: dict[int, tuple[int, ...]], *,
           any_reading: bool = False) -> list[list[int]] | None:
    """All ways to read ``tokens`` (digit strings) as ``width`` numbers that satisfy ``totals``
    (column index -> indexes of the columns it sums). None when there are too many to try.
    Without totals: none, unless ``any_reading`` asks for every reading (to be judged by other means).

    A depth-first search, one number at a time: each token yields at least one number, each number at
    least one digit, no number has a leading zero; the work is bounded by ``MAX_STEPS`` and the count
    of complete splits by ``MAX_SPLITS``, so a long run of digits is given up on, never stalls."""
    if not tokens or not all(t.isdigit() for t in tokens) or not (totals or any_reading):
        return []
    results: list[list[int]] = []
    digits_after = [sum(map(len, tokens[i:])) for i in range(len(tokens) + 1)]
    budget = {"steps": 0, "splits": 0}

    class _GiveUp(Exception):
        pass

    def walk(i: int, at: int, acc: list[int]) -> None:
        budget["steps"] += 1
        if budget["steps"] > MAX_STEPS:
            raise _GiveUp
        if i == len(tokens):
            if len(acc) == width:
                budget["splits"] += 1
                if budget["splits"] > MAX_SPLITS:
                    raise _GiveUp
                if all(acc[t] == sum(acc[p] for p in parts) for t, parts in totals.items()):
                    results.append(list(acc))
            return
        token = tokens[i]
        left_here = len(token) - at
        cells_left = width - len(acc)
        tokens_left = len(tokens) - i - 1  # later tokens each need a cell
        digits_left = left_here + digits_after[i + 1]
        if cells_left - tokens_left < 1 or digits_left < cells_left:
            return
        longest = 1 if token[at] == "0" else left_here
        for k in range(1, longest + 1):
            end = at + k
            acc.append(int(token[at:end]))
            if end == len(token):
                walk(i + 1, 0, acc)
            else:
                walk(i, end, acc)
            acc.pop()

    try:
        walk(0, 0, [])
    except _GiveUp:
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
