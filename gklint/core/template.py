"""Message templates: the one filler of every ``{name}`` in a rule's texts.

A rule's text is a plain string or a {zh, en} mapping; ``choose`` takes it in the output language
(falling back to zh), ``fill`` puts named values into it (names not given stay as written, so a
template never raises), and ``pick`` does both. A value may itself be a {zh, en} mapping (text that
depends on the language, see ``bilingual``): ``fill`` takes it in the template's language, so the
values a finding keeps (``Diagnostic.values``) render its message in either language.
"""

from __future__ import annotations

import string
from collections.abc import Mapping


class _Keep(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def _is_mapping(value) -> bool:
    kind = type(value)
    return kind is dict or (kind not in _SCALARS and isinstance(value, Mapping))  # the ABC's check only when needed


_SCALARS = frozenset({str, int, float, bool, type(None)})


def choose(texts, lang: str = "zh") -> str:
    """A text in ``lang``: a plain string as it is, or a {zh, en} mapping's ``lang`` entry, else zh, else any."""
    if _is_mapping(texts):
        texts = texts.get(lang) or texts.get("zh") or next(iter(texts.values()), "")
    return "" if texts is None else str(texts)


def fill(template: str, values: Mapping, lang: str = "zh") -> str:
    """``template`` with its ``{name}`` fields filled from ``values`` ({zh, en} mappings taken in ``lang``);
    unknown names stay as written."""
    shown = {k: choose(v, lang) if _is_mapping(v) else v for k, v in values.items()}
    if lang == "en" and isinstance(shown.get("table"), str):  # table 三 is "table 3" in English, as places say
        from gklint.core.numerals import chinese_to_int

        shown["table"] = str(chinese_to_int(shown["table"]) or shown["table"])
    compiled = _compiled(template)
    if compiled is None:  # a field with a format, a conversion, an attribute or an index: as str.format does it
        return string.Formatter().vformat(template, (), _Keep(shown))
    # what vformat does for plain ``{name}`` fields: the literal text, then format(value, "") or the field kept
    return "".join([literal if name is None else format(shown[name], "") if name in shown else "{" + name + "}"
                    for literal, name in compiled])


_COMPILED: dict[str, tuple[tuple[str, str | None], ...] | None] = {}


def _compiled(template: str) -> tuple[tuple[str, str | None], ...] | None:
    """A template as its pieces, parsed once: (literal text, None) and ("", field name) in order; None when a
    field is more than a plain name (left to ``string.Formatter``), or the template does not parse."""
    try:
        return _COMPILED[template]
    except KeyError:
        pass
    pieces: list[tuple[str, str | None]] | None = []
    try:
        for literal, name, spec, conversion in string.Formatter().parse(template):
            if literal:
                pieces.append((literal, None))
            if name is None:
                continue
            if spec or conversion or not name.isidentifier():
                pieces = None
                break
            pieces.append(("", name))
    except ValueError:  # unbalanced braces: vformat raises as it always has
        pieces = None
    if len(_COMPILED) >= 4096:
        _COMPILED.clear()
    _COMPILED[template] = out = None if pieces is None else tuple(pieces)
    return out


def pick(texts, lang: str = "zh", **values) -> str:
    """A rule parameter's text in ``lang`` (``choose``), filled with ``values`` when given (``fill``)."""
    text = choose(texts, lang)
    return fill(text, values, lang) if values else text


LANGS = ("zh", "en")


def bilingual(make) -> dict:
    """The values ``make(lang)`` gives in each language, as one dict: a value the same in both as it is,
    one that differs as a {zh, en} mapping (which ``fill`` takes in the language it renders)."""
    zh, en = make("zh"), make("en")
    return {k: v if en.get(k, v) == v else {"zh": v, "en": en[k]} for k, v in zh.items()} | \
        {k: v for k, v in en.items() if k not in zh}


def json_values(values: Mapping) -> dict:
    """Template values as plain JSON: text, numbers, booleans and null as they are, {zh, en} mappings and
    lists kept, anything else as the text it fills in."""
    return {(k if type(k) is str else str(k)): (v if type(v) in _SCALARS else _plain(v)) for k, v in values.items()}


def _plain(value):
    if type(value) in _SCALARS or isinstance(value, (bool, int, float, str)):
        return value
    if _is_mapping(value):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)
