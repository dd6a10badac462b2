"""``layouts.normalise`` (every label and line is folded by it) equals its definition: NFKC, the list punctuation
folded (``_PUNCT``), every whitespace character taken out, quotes dropped and end marks stripped; ``_nfkc`` equals
``unicodedata.normalize("NFKC")`` on any text."""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gklint import layouts
from gklint.layouts import _CHANGES, _PUNCT, _all_plain, _nfkc

# the characters ``layouts._PLAIN`` declares by code point, as the character class they were first written as
CHANGES = re.compile("[\xa0\u2000-\u200a\u2011\u2024-\u2026\u202f\u2033\u2034\u2036\u2037\u203c\u2047-\u2049"
                     "\u2057\u205f\u3000\u3036\u3038-\u303a\uf900-\ufaff\uff01-\uff60]")  # ``layouts._CHANGES``
NOT_PLAIN = re.compile("[^\t\n\r\x20-\x7e\xa0\u2000-\u2016\u2018-\u203d\u203f-\u206f\u3000-\u3029"
                       "\u3030-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]")

# the marks the fast paths treat apart, common Chinese text, and characters of every other kind
ALPHABET = ("\t\n\r \xa0\u2003\u2026\u3000\u3001\u3002\u201c\u201d\u2014\u300a\u300b\uff08\uff09"
            "\uff0c\uff1a\uff1b\uff10\uff41\uf900\ufa0e\u2f00\u00e9e\u0301\uac00\u30ab\u3099\u2460\u00bd\u2126"
            "、．，：；“”‘’—－【】〔〕[]\"'.:;,()一二三（）政府信息公开申请数量年度报告0123456789abcXYZ")
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
texts = st.text(alphabet=st.sampled_from(ALPHABET), max_size=60) | st.text(max_size=30)


def defined(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_PUNCT)
    return re.sub(r"\s+", "", text).replace('"', "").rstrip(".:;,")


def test_every_plain_character_nfkc_changes_is_searched_for():
    plain = (chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    missed = [c for c in plain if _all_plain(c) and c not in _CHANGES
              and unicodedata.normalize("NFKC", c) != c]
    assert missed == []


def test_plain_characters_are_the_class_by_code_point():
    every = map(chr, range(sys.maxunicode + 1))
    assert [c for c in every if _all_plain(c) != (NOT_PLAIN.match(c) is None)] == []


def test_the_characters_that_change_are_the_class_and_none_changes_into_one_that_changes():
    assert _CHANGES == {chr(c) for c in range(sys.maxunicode + 1) if CHANGES.match(chr(c))}
    changing = {c for c in _CHANGES if unicodedata.normalize("NFKC", c) != c}
    assert [c for c in changing if changing.intersection(unicodedata.normalize("NFKC", c))] == []


@settings(max_examples=1000, deadline=None)
@given(texts)
def test_a_text_is_plain_when_the_class_finds_nothing(text):
    assert _all_plain(text) == (NOT_PLAIN.search(text) is None)


@settings(max_examples=1000, deadline=None)
@given(texts)
def test_nfkc_is_unicodedatas(text):
    assert _nfkc(text) == unicodedata.normalize("NFKC", text)


@settings(max_examples=1000, deadline=None)
@given(texts)
def test_normalise_is_its_definition(text):
    assert layouts.normalise.__wrapped__(text) == defined(text)


def test_normalise_is_its_definition_on_the_samples_and_their_lines():
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text("utf-8")
        for piece in [text, *text.splitlines()]:
            assert layouts.normalise.__wrapped__(piece) == defined(piece)


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet=st.sampled_from("（(一二十三)）.、．1234567890 予以公开其他"), max_size=16)
       | texts)
def test_a_labels_core_is_it_without_its_numbering(text):
    norm, core, numbering = layouts._forms.__wrapped__(text)
    assert norm == layouts.normalise(text)
    assert core == layouts._NUMBERING.sub("", norm)
    assert numbering == (m.group(0) if (m := layouts._NUMBERING.match(norm)) else "")
