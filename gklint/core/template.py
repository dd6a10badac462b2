"""Message templates: the one filler of every ``{name}`` in a rule's texts.

A rule's text is a plain string or a {zh, en} mapping; ``choose`` takes it in the output language
(falling back to zh), ``fill`` puts named values into it (names not given stay as written, so a
template never raises), and ``pick`` does both. A value may itself be a {zh, en} mapping (text that
depends on the language, see ``bilingual``): ``fill`` takes it in the template's language, so the
values a finding keeps (``Diagnostic.values``) render its message in either language.
"""

from __future__ import annotations

from collections.abc import Mapping


class _Keep(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def _is_mapping(value) -> bool:
    """isinstance(value, Mapping), without the ABC's check for the plain values a message is mostly made of."""
    kind = type(value)
    return kind is dict or (kind not in _PLAIN and isinstance(value, Mapping))


_PLAIN = frozenset({str, int, float, bool, type(None)})


def choose(texts, lang: str = "zh") -> str:
    """A text in ``lang``: a plain string as it is, or a {zh, en} mapping's ``lang`` entry, else zh, else any."""
    if type(texts) is str:
        return texts
    if _is_mapping(texts):
        texts = texts.get(lang) or texts.get("zh") or next(iter(texts.values()), "")
    return "" if texts is None else str(texts)


def fill(template: str, values: Mapping, lang: str = "zh") -> str:
    """``template`` with its ``{name}`` fields filled from ``values`` ({zh, en} mappings taken in ``lang``);
    unknown names stay as written."""
    shown = _Keep(values)
    for k, v in values.items():
        if type(v) is not str and _is_mapping(v):
            shown[k] = choose(v, lang)
    if lang == "en" and isinstance(shown.get("table"), str):  # table 三 is "table 3" in English, as places say
        from gklint.core.numerals import chinese_to_int

        shown["table"] = str(chinese_to_int(shown["table"]) or shown["table"])
    try:
        return template.format_map(shown)  # str.format's C parser: the same text as string.Formatter's
    except (ValueError, LookupError, AttributeError, TypeError):  # a positional field, say: fail as it fails
        import string

        return string.Formatter().vformat(template, (), shown)


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
    return {(k if type(k) is str else str(k)): (v if type(v) in _PLAIN else _plain(v)) for k, v in values.items()}


def _plain(value):
    if type(value) in _PLAIN or isinstance(value, (bool, int, float, str)):
        return value
    if _is_mapping(value):
        return json_values(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)
