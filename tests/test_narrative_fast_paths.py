"""The one-match readings of the narrative analysis agree with the plain patterns they replaced.

``quantities`` reads a numeral and everything that follows it in one match (``_NUMBER``), and the
words before it backwards in one more (``_BEFORE_REVERSED``); ``core.scan.needed_chars`` lets the
claim and zero rules pass over text a pattern cannot occur in; ``sentences.positions`` finds
characters with ``str.find``; a claim's topic is tried only near the characters its matches need. Each is
checked here against the plain reading (the reference). The context of a sentence's numbers is worked out when
first asked: it is checked not to depend on what is asked first.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from gklint.engine.kinds import narrative as narrative_kind
from gklint.narrative import quantities as q
from gklint.narrative import claims, sentences, zeros
from gklint.core.scan import needed_chars, needed_class
from gklint.narrative.sentences import CLAUSE_END, clause_bounds, clause_start, positions
from gklint.engine.rules import load_rules

# the plain patterns (the reference): a numeral, its tail, and each test of the text around it
_NUMERAL = re.compile(rf"\d{{1,3}}(?:,\d{{3}})+(?![\d.])|\d+(?:\.\d+)?|[{q._CN_DIGITS}]+")
_TAIL = re.compile(rf"\s*(?P<mult>[万亿](?!元))?\s*(?P<approx>余|多|来)?\s*(?P<unit>{q._UNIT_RE})?")
_AT_NUMERAL_END = {"date": q._DATE_AFTER, "percent": q._PERCENT_AFTER, "list": q._LIST_AFTER, "range": q._RANGE_AFTER}
_AT_UNIT_END = {"unit_range": q._RANGE_AFTER, "duration": q._DURATION_AFTER, "approx_after": q._APPROX_AFTER}
_BEFORE = {
    "range": r"[\d" + q._CN_DIGITS + r"][万亿]?(?:" + q._UNIT_RE + r")?\s*(?:-|~|～|—|–|至|到)\s*$",
    "approx": rf"(?:{'|'.join(q._APPROX_WORDS)})\s*$",
    "change": rf"(?:{'|'.join(q._CHANGE_WORDS)})了?\s*$",
}

_PIECES = ["1", "23", "2021", "1,234", "12,34", "3.5", "1234567", "010-12345678", "三", "十二", "两", "万", "亿", "零",
           "件", "条", "万元", "亿元", "元", "人次", "万人次", "个", "年", "年度内", "月", "日", "周", "周年", "%", "‰", "成",
           "成功", "个百分点", "余", "多", "来", "左右", "以上", "约", "超过", "不少于", "增加", "增长了", "多", "差",
           "第", "百分之", "-", "~", "至", "到", "、", ".", ")", "）", "(", ",", "，", "。", " ", "\u3000", "\t", "\n",
           "小时", "工作日", "天", "收到", "申请"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=14).map("".join)


@given(_TEXT)
@settings(max_examples=400, deadline=None)
def test_one_match_reads_a_numeral_and_what_follows_as_the_plain_patterns(s):
    for m in q._NUMBER.finditer(s):
        start = m.start()
        assert m.end() == _NUMERAL.match(s, start).end()
        # what the lookahead read at the numeral's end, and at its unit's end
        tail = _TAIL.match(s, m.end())
        unit = tail["unit"]
        assert m["unit"] == unit
        if unit:
            assert (m["mult"], m["approx"], m.end("unit")) == (tail["mult"], tail["approx"], tail.end())
            for name, pattern in _AT_UNIT_END.items():
                assert (m[name] is not None) == bool(re.match(pattern, s[tail.end():])), name
        for name, pattern in _AT_NUMERAL_END.items():
            assert (m[name] is not None) == bool(re.match(pattern, s[m.end():])), name


@given(_TEXT)
@settings(max_examples=400, deadline=None)
def test_the_words_before_a_number_read_backwards_as_the_plain_patterns(before):
    last = before.rstrip()[-1:]
    told = q._BEFORE_REVERSED.match(before[::-1]) if last in q._BEFORE_LAST else None
    for name, pattern in _BEFORE.items():
        assert (told is not None and told[name] is not None) == bool(re.search(pattern, before)), name


_NARRATIVE = [r for r in load_rules() if r.kind == "narrative"]
_RULE_PATTERNS = ([n for r in _NARRATIVE if r.params.get("check") == "claim" for c in narrative_kind._claims_of(r)
                   for n in c.near]
                  + [z.pattern for r in _NARRATIVE for z in zeros.parse_statements(r.id, r.params.get("statements") or [])])


def test_every_rule_pattern_has_needed_characters():
    assert _RULE_PATTERNS and all(needed_chars(p) for p in _RULE_PATTERNS)


# the characters the rule patterns are written with (their literals), and a few more
_RULE_CHARS = sorted(set("".join(p.pattern for p in _RULE_PATTERNS)) - set("\\()[]{}|?*+^$"))
_RULE_TEXT = st.text(alphabet="".join(_RULE_CHARS) + "0123456789件，。", max_size=30)


@given(_RULE_TEXT)
@settings(max_examples=500, deadline=None)
def test_a_rule_pattern_occurs_only_where_a_needed_character_does(s):
    for pattern in _RULE_PATTERNS:
        if pattern.search(s):
            assert needed_class(pattern).search(s), pattern.pattern


def test_needed_characters_of_alternations_groups_and_repeats():
    assert needed_chars(re.compile("未(?:收到|受理)申请")) == frozenset("未")  # the first of the smallest
    assert needed_chars(re.compile("(?:纠错|纠正|撤销)|(?:均|都)?未被?(?:纠错|撤销)")) == frozenset("纠撤")
    assert needed_chars(re.compile("(?:ab)+|c")) == frozenset("ac")
    assert needed_chars(re.compile("a?|b")) is None  # a match may hold nothing
    assert needed_chars(re.compile("(?i)abc")) is None


@given(st.text(alphabet=CLAUSE_END + "()（）abc、", max_size=30))
@settings(max_examples=300, deadline=None)
def test_positions_are_those_of_a_character_class(s):
    for chars in (CLAUSE_END, "()（）[]【】", "、"):
        assert positions(s, chars) == [m.start() for m in re.finditer("[" + re.escape(chars) + "]", s)]


_MARKER_TEXT = st.lists(st.sampled_from(["2021", "1999", "20", "2", "3", "年", "年度", "季度", "季", "一", "二", "〇", "九",
                                         "三", "四", "上", "去年", "同比", "本年", "近", "几", "件", "，", " "]),
                        max_size=12).map("".join)


@given(_MARKER_TEXT)
@settings(max_examples=400, deadline=None)
def test_time_markers_are_those_a_search_finds(s):
    assert [m.span() for m in q._markers(s)] == [m.span() for m in q._MARKER.finditer(s)]


@given(_MARKER_TEXT, st.data())
@settings(max_examples=300, deadline=None)
def test_time_markers_before_a_position_are_those_a_search_finds_there(s, data):
    before = data.draw(st.integers(0, len(s)))
    assert ([m.span() for m in q._markers(s, before)]
            == [m.span() for m in q._MARKER.finditer(s) if m.start() < before])


_STATEMENTS = [z for r in _NARRATIVE for z in zeros.parse_statements(r.id, r.params.get("statements") or [])]


@given(_RULE_TEXT)
@settings(max_examples=200, deadline=None)
def test_a_zero_statement_is_looked_for_where_its_needed_class_finds_a_character(s):
    for statement in _STATEMENTS:
        assert sentences.holds_any(s, statement.needs) == (needed_class(statement.pattern).search(s) is not None)


@given(st.text(alphabet=CLAUSE_END + "abc同比", max_size=30), st.data())
@settings(max_examples=300, deadline=None)
def test_clause_start_is_that_of_clause_bounds(s, data):
    pos = data.draw(st.integers(0, len(s)))
    assert clause_start(s, pos) == clause_bounds(s, pos)[0]


@given(st.lists(st.sampled_from(["《", "》", "标题", "〔", "〕", "[", "]", "(", ")", "【", "】", "2021", "1999", "第", "3", "号",
                                 " ", "\n", "文件"]), max_size=12).map("".join))
@settings(max_examples=300, deadline=None)
def test_blanked_matches_start_with_the_characters_fold_looks_for(s):
    for pattern, starts in sentences._MASKED:
        assert all(m.group()[0] in starts for m in pattern.finditer(s))


_TOPICS = sorted({p for r in _NARRATIVE if r.params.get("check") == "claim" for c in narrative_kind._claims_of(r)
                  for p in (c.topic, c.not_topic) if p is not None}, key=lambda p: p.pattern)


@given(_RULE_TEXT)
@settings(max_examples=300, deadline=None)
def test_topic_hits_are_those_finditer_gives(s):
    assert _TOPICS
    for topic in _TOPICS:
        assert [m.span() for m in claims._topic_hits(topic, s)] == [m.span() for m in topic.finditer(s)]


def test_a_topic_that_may_match_nothing_or_unboundedly_is_searched_as_written():
    for written in ("a*", "申.*请", "(?:)"):
        assert claims._topic_reading(re.compile(written)) is None
    assert [m.span() for m in claims._topic_hits(re.compile("申.*请"), "x申y请z")] == [(1, 4)]


_TOLD = ("clause_start", "clause_end", "foreign", "in_parens", "before", "after", "note")
_QUANTITY_TEXT = st.lists(st.sampled_from(_PIECES + ["上年", "同比", "2020年", "“", "”", "（", "）", "其中", "第"]),
                          max_size=24).map("".join)


@given(_QUANTITY_TEXT, st.permutations(_TOLD))
@settings(max_examples=200, deadline=None)
def test_what_a_number_is_told_when_asked_does_not_depend_on_what_is_asked_first(s, order):
    """The words around the numbers of a sentence are worked out when one of them is first asked: whichever
    field of whichever number is asked first, every number reads the same."""
    first = [{f: getattr(x, f) for f in _TOLD} for x in q.find(sentences.Sentence(0, len(s), s, sentences.fold(s)), 2021)]
    again = q.find(sentences.Sentence(0, len(s), s, sentences.fold(s)), 2021)
    for x in reversed(again):
        getattr(x, order[0])
    assert [{f: getattr(x, f) for f in order} for x in again] == first
