"""Message templates: the one filler of every ``{name}`` in a rule's texts.

A rule's text is a plain string or a {zh, en} mapping; ``choose`` takes it in the output language
(falling back to zh), ``fill`` puts named values into it (names not given stay as written, so a
template never raises), and ``pick`` does both.
"""

from __future__ import annotations

import string
from collections.abc import Mapping


class _Keep(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def choose(texts, lang: str = "zh") -> str:
    """A text in ``lang``: a plain string as it is, or a {zh, en} mapping's ``lang`` entry, else zh, else any."""
    if isinstance(texts, Mapping):
        texts = texts.get(lang) or texts.get("zh") or next(iter(texts.values()), "")
    return "" if texts is None else str(texts)


def fill(template: str, values: Mapping) -> str:
    """``template`` with its ``{name}`` fields filled from ``values``; unknown names stay as written."""
    return string.Formatter().vformat(template, (), _Keep(values))


def pick(texts, lang: str = "zh", **values) -> str:
    """A rule parameter's text in ``lang`` (``choose``), filled with ``values`` when given (``fill``)."""
    text = choose(texts, lang)
    return fill(text, values) if values else text
