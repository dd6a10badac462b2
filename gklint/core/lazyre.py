"""Regular expressions compiled on first use, not when their module is imported.

Compiling is much of what a module full of patterns costs to import, in every process: CPython's ``re``
builds a character class that holds CJK characters one code point at a time (about a millisecond for a
block of ideographs such as ``[\\u4e00-\\u9fff]``, a fifth of one for a class of a few numerals such as
``[一二三]``), and a report of one format uses only some of the patterns its readers and rules define.

``compile(pattern, flags)`` returns a ``LazyPattern``: nothing is compiled until an attribute other than
``pattern`` and ``source`` is first asked for (``search``, ``match``, ``flags``, ...); then the pattern is
``re.compile``\\ d (whose cache gives every equal pattern string one compiled pattern) and the attribute is
kept on the object, so later calls cost what they cost on the compiled pattern. Use its methods
(``P.search(text)``), not the ``re`` module's functions with it as the pattern (``re.search(P, text)``
wants a compiled pattern or a string).
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _parser  # type: ignore[attr-defined]  (re.compile's own parser)

__all__ = ["LazyPattern", "checked", "compile", "parse"]


class LazyPattern:
    """A ``re.Pattern`` compiled on the first access to one of its attributes."""

    def __init__(self, pattern: str | bytes, flags: int = 0):
        self.source = (pattern, flags)  # as given (``flags`` is known once compiled: ``re`` adds to it)
        self.pattern = pattern  # known without compiling

    def __getattr__(self, name: str):  # called only for an attribute not kept yet
        value = getattr(re.compile(*self.source), name)
        setattr(self, name, value)
        return value

    def __reduce__(self):
        return LazyPattern, self.source

    def __repr__(self) -> str:
        pattern, flags = self.source
        return f"lazyre.compile({pattern!r}{f', {flags!r}' if flags else ''})"


def compile(pattern: str | bytes, flags: int = 0) -> LazyPattern:  # noqa: A001  (the name ``re`` gives it)
    """``re.compile(pattern, flags)``, done when the pattern is first used."""
    return LazyPattern(pattern, flags)


def checked(pattern: str, flags: int = 0) -> LazyPattern:
    """``compile(pattern, flags)``, its syntax read now by the parser ``re.compile`` runs first (``re.error``
    when it cannot be read), as rules' patterns are read when their rule is."""
    parse(pattern, flags)
    return LazyPattern(pattern, flags)


@lru_cache(maxsize=None)
def parse(pattern: str | bytes, flags: int = 0):
    """The parse tree ``re.compile`` reads ``pattern`` into first (``re._parser``; ``re.error`` when it cannot):
    once per pattern, as rules repeat theirs (112 claim patterns, 39 different), shared by ``checked`` and
    ``core.scan``, which reads a pattern of this module from it."""
    return _parser.parse(pattern, flags)
