"""The core's one-of-each helpers: sentences, templates, numbers, numerals."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gklint.core.numbers import show_number, tidy
from gklint.core.numerals import HEADING, chinese_to_int, ordinal, to_chinese
from gklint.core.template import bilingual, fill, json_values, pick
from gklint.core.text import CLOSERS, SENTENCE_END, sentence_span, sentence_spans

TEXT = st.text(alphabet="甲乙 。！？!?\n”」a1", max_size=40)


@given(TEXT)
def test_sentences_cover_the_text_and_end_at_a_mark(text):
    spans = sentence_spans(text)
    assert "".join(text[s:e] for s, e in spans) == text
    for s, e in spans[:-1]:
        assert s < e and text[s:e].rstrip(CLOSERS)[-1] in SENTENCE_END


@given(TEXT, st.data())
def test_the_sentence_around_a_match_holds_it(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    lo, hi = sentence_span(text, start, end)
    starts = {s for s, _ in sentence_spans(text)} | {len(text)}
    assert lo in starts and lo <= start  # from the start of the sentence holding ``start``
    assert hi >= end or text[hi:end] == "\n"  # to the end of the one holding the match's last character


def test_a_closing_quote_stays_with_its_sentence():
    text = "他说“已公开。”随后发布。"
    assert sentence_spans(text) == [(0, 8), (8, 13)]
    assert text.__getitem__(slice(*sentence_span(text, 3))) == "他说“已公开。”"
    assert sentence_span("第一行\n第二行", 1) == (0, 3)


def test_templates_keep_unknown_names_and_take_mappings_in_the_language():
    assert fill("{a}与{b}", {"a": 1}) == "1与{b}"
    assert fill("{x}", {"x": {"zh": "二", "en": "two"}}, "en") == "two"
    assert pick({"zh": "共{n}件", "en": "{n} in all"}, "en", n=3) == "3 in all"
    assert pick({"zh": "仅中文"}, "en") == "仅中文"
    values = bilingual(lambda lang: {"n": 3, "unit": "件" if lang == "zh" else "items"})
    assert values == {"n": 3, "unit": {"zh": "件", "en": "items"}}
    assert json_values({"d": __import__("datetime").date(2021, 1, 2), "l": (1, 2)}) == {"d": "2021-01-02", "l": [1, 2]}


@given(st.one_of(st.integers(-10**9, 10**9), st.floats(allow_nan=False, allow_infinity=False, width=32)))
def test_numbers_are_shown_as_written(value):
    shown = show_number(value)
    assert float(shown) == float(tidy(value))
    assert not shown.endswith(".0")


def test_number_noise_is_rounded_away():
    assert show_number(0.1 + 0.2) == "0.3" and show_number(3.0) == "3" and show_number(None) == "—"
    assert show_number(1234567.5) == "1234567.5"


@settings(deadline=None)  # the first long numeral imports cn2an
@given(st.integers(1, 99))
def test_numerals_read_what_they_write(n):
    assert chinese_to_int(to_chinese(n)) == n
    if n < 20:
        assert ordinal(to_chinese(n)) == n


def test_the_heading_pattern():
    m = HEADING.match("三、收到和处理政府信息公开申请情况")
    assert m and m["num"] == "三" and m["mark"] == "、" and m["rest"].startswith("收到")
    assert HEADING.match("二十一、其他") is None  # at most two numerals
    assert chinese_to_int("二〇二一") == 2021 and chinese_to_int("十") == 10 and chinese_to_int("") is None
