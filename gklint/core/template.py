"""Message templates: the one filler of every ``{name}`` in a rule's texts.

A rule's text is a plain string or a {zh, en} mapping; ``choose`` takes it in the output language
(falling back to zh), ``fill`` puts named values into it (names not given stay as written, so a
template never raises), and ``pick`` does both. A value may itself be a {zh, en} mapping (text that
depends on the language, see ``bilingual``): ``fill`` takes it in the template's language, so the
values a finding keeps (``Diagnostic.values``) render its message in either language.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache


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
    names = _fields(template)
    if names is not None:  # plain ``{name}`` fields only: the values it names, and nothing else, looked at
        shown = {}
        for name in names:
            if name in values:
                v = values[name]
                shown[name] = choose(v, lang) if type(v) is not str and _is_mapping(v) else v
        if lang == "en" and isinstance(shown.get("table"), str):
            shown["table"] = _table_in_english(shown["table"])
        for name in names.difference(shown):
            shown[name] = "{" + name + "}"
        try:
            return template.format_map(shown)
        except (ValueError, LookupError, AttributeError, TypeError):  # a value that cannot be formatted: as below
            pass
    return _fill_any(template, values, lang)


def _fill_any(template: str, values: Mapping, lang: str) -> str:
    """``fill`` of any template: every value looked at."""
    shown = _Keep(values)
    for k, v in values.items():
        if type(v) is not str and _is_mapping(v):
            shown[k] = choose(v, lang)
    if lang == "en" and isinstance(shown.get("table"), str):
        shown["table"] = _table_in_english(shown["table"])
    try:
        return template.format_map(shown)  # str.format's C parser: the same text as string.Formatter's
    except (ValueError, LookupError, AttributeError, TypeError):  # a positional field, say: fail as it fails
        import string

        return string.Formatter().vformat(template, (), shown)


def _table_in_english(table: str) -> str:
    """table 三 is "table 3" in English, as places say."""
    from gklint.core.numerals import chinese_to_int

    return str(chinese_to_int(table) or table)


@lru_cache(maxsize=1024)
def _fields(template: str) -> frozenset[str] | None:
    """The names of ``template``'s fields when every one is a plain ``{name}`` (no conversion, format spec,
    attribute or index): all that ``str.format_map`` reads of its values, parsed once per template. None for
    any other template (and one that does not parse)."""
    import string

    names = set()
    try:
        for _, name, spec, conversion in string.Formatter().parse(template):
            if name is None:
                continue
            if spec or conversion or not name.isidentifier():
                return None
            names.add(name)
    except ValueError:
        return None
    return frozenset(names)


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


def own_json_values(values: dict) -> dict:
    """``json_values(values)`` for a dict of the caller's own, made in it (not copied) where its keys are text."""
    if not _TEXT.issuperset(map(type, values)):
        return json_values(values)
    if _PLAIN.issuperset(map(type, values.values())):  # nothing to make plain, seen at C speed
        return values
    for k, v in values.items():
        if type(v) not in _PLAIN:
            values[k] = _plain(v)  # a value of a key it has: the dict keeps its size and order
    return values


_TEXT = frozenset({str})


def _plain(value):
    if type(value) is dict and _TEXT.issuperset(map(type, value)) and _PLAIN.issuperset(map(type, value.values())):
        return dict(value)  # text keys, plain values (a {zh, en} mapping): ``json_values`` gives a copy
    if type(value) in _PLAIN or isinstance(value, (bool, int, float, str)):
        return value
    if _is_mapping(value):
        return json_values(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)
