"""Remembering what is worked out from an object that lives for the run (a layout, a table spec, a rule)."""

from __future__ import annotations

from functools import wraps


def by_identity(maxsize: int):
    """Remember ``fn(obj, *args)``, keyed by ``obj``'s identity and ``args``' values (bounded: emptied when full).

    For objects that are slow to hash or compare, or cannot be (a layout, a list of a rule's parameters): the
    entry holds ``obj``, so that its id is never another object's while the entry is kept, and a lookup checks
    it is the very object."""
    def wrap(fn):
        memo: dict[tuple, tuple] = {}

        @wraps(fn)
        def remembered(obj, *args):
            key = (id(obj), *args)
            known = memo.get(key)
            if known is not None and known[0] is obj:
                return known[1]
            value = fn(obj, *args)
            if len(memo) >= maxsize:
                memo.clear()
            memo[key] = obj, value
            return value

        return remembered

    return wrap
