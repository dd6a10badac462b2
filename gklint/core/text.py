"""Sentences: the one splitter every rule and the quotes of findings use.

A sentence ends after 。！？ (full or half width) or at a line end; closing quotes and brackets
right after a mark (not after a line end) stay with the sentence they close. A line break ends its sentence but is not
part of what ``sentence_span`` returns (``sentence_spans`` keeps it, so the spans cover the text).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache


SENTENCE_END = "。！？!?\n｡﹗﹖"
CLOSERS = "”’\")』」"

_TEXT_CACHES: list = []


def text_cache(maxsize: int = 256):
    """``functools.lru_cache`` for a pure function of text, registered so that ``clear_text_caches`` empties it.

    The text rules share one analysis of a report's text this way: every rule asks for the same lines,
    sentences and numbers of the same strings, and each is worked out once (bounded, so memory stays flat).
    Benchmarks clear these caches between reports to measure what one new report costs."""
    def wrap(fn):
        cached = lru_cache(maxsize=maxsize)(fn)
        _TEXT_CACHES.append(cached)
        return cached

    return wrap


class TextMemo(dict):
    """A bounded dict of what was worked out from a text (keyed by it), emptied by ``clear_text_caches`` and when
    full. For a rule that works out many texts in one pass but looks each up alone (``text_cache`` cannot say
    which of several texts it has already seen)."""

    def __init__(self, maxsize: int = 1024) -> None:
        super().__init__()
        self.maxsize = maxsize
        _TEXT_CACHES.append(self)

    def keep(self, key, value) -> None:
        if len(self) >= self.maxsize:
            self.clear()
        self[key] = value

    def cache_clear(self) -> None:
        self.clear()


def clear_text_caches() -> None:
    """Empty every ``text_cache``."""
    for cached in _TEXT_CACHES:
        cached.cache_clear()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as (start, end) offsets, in order, covering the whole text."""
    b = _bounds(text)
    return list(zip(b, b[1:]))


# a sentence end: a line end, or a mark with the closing quotes and brackets right after it (one class first, so
# that the engine skips ahead to it)
_END = re.compile("[" + re.escape(SENTENCE_END) + "](?:(?<!\n)[" + re.escape(CLOSERS) + "]*)?")


@text_cache(maxsize=64)
def _bounds(text: str) -> tuple[int, ...]:
    """0, the end of each sentence, and len(text) (cached: rules ask for many sentences of one text)."""
    out = [0]
    out.extend(map(re.Match.end, _END.finditer(text)))
    if out[-1] != len(text):
        out.append(len(text))
    return tuple(out)


def sentence_span(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The span of the sentence(s) holding text[start:end] (a position when ``end`` is None), without
    the line break that may end the last one."""
    n, b = len(text), _bounds(text)
    end = start if end is None or end < start else end
    last = end - 1 if end > start else start
    if start >= n and (not text or text.rstrip(CLOSERS)[-1:] in tuple(SENTENCE_END)):
        lo = n  # after a finished sentence: an empty one
    else:
        lo = b[bisect_right(b, min(start, n - 1)) - 1]
    j = bisect_right(b, min(last, n - 1))
    hi = n if last >= n or j >= len(b) else b[j]
    if hi > lo and text[hi - 1] == "\n":
        hi -= 1
    return lo, hi
