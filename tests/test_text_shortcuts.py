"""The text rules' shortcuts give what the plain computation gives, on random and edited text.

- ``gklint.core.scan.Scanner``: the matches of ``pattern.finditer`` for every pattern of the built-in rules and
  for random patterns;
- ``textutil._is_label``: a line with an ideograph no label holds is decided without normalising it, as the
  normalised comparison decides it;
- ``structure._heading_written``: a name absent from the normalised body begins no line's core.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

from gklint.core.scan import scanner
from gklint.layouts import core, normalise
from gklint.textutil import _is_label, _table_labels, lines

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "huangyuan-2021.txt"


def _rule_patterns() -> list[re.Pattern]:
    out = []
    for pack in sorted((ROOT / "rules").glob("*.yaml")):
        for rule in yaml.safe_load(pack.read_text(encoding="utf-8")).get("rules", []):
            if isinstance(rule.get("pattern"), str):
                out.append(re.compile(rule["pattern"]))
            out.extend(re.compile(p) for p in rule.get("patterns") or ())
            out.extend(re.compile(s["pattern"], re.M) for s in rule.get("styles") or ())
    return out


_PIECES = ["a", "b", "[ab]", "[a-c]", r"\d", r"\d{1,2}", "a{2,}", "[ab]{1,3}", "(?<!a)", "(?<=b)", "(?=a)", "(?!b)",
           "^", "$", r"\s*", " ?", "(?:a|bc)", "(x)", "(?P<g>[ab]+)", ".", "[^a]", "b*?", "(?:ab)+", r"\b", "一",
           "[一二三]{1,3}", "[(（]", "是", r"\w", "(?i:A)", "[〔(]", "号", r"\d{2,}"]
_ALPHABET = list("ab c\n(（)）一二三是、.．12034号〔〕年部分文字描述此处填写XＸ×县万亿次第，。;") + [
    "2021", "〔2020〕", "（一）", "1.", "国办函", "二是", "3、"]


def _random_patterns(rnd: random.Random, n: int) -> list[re.Pattern]:
    out = []
    while len(out) < n:
        source = "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 6)))
        try:
            out.append(re.compile(source, rnd.choice([0, re.M, re.S, re.I])))
        except re.error:
            continue
    return out


def _texts(rnd: random.Random, n: int) -> list[str]:
    sample = SAMPLE.read_text(encoding="utf-8").splitlines()
    out = list(sample)
    out += ["".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(0, 40))) for _ in range(n)]
    for line in sample:  # the sample's lines with random edits
        for _ in range(3):
            at = rnd.randint(0, len(line))
            out.append(line[:at] + rnd.choice(_ALPHABET) + line[at + rnd.randint(0, 3):])
    return out


def test_scanner_finds_what_finditer_finds():
    rnd = random.Random(12)
    patterns = _rule_patterns() + _random_patterns(rnd, 80)
    texts = _texts(rnd, 200)
    anchored = 0
    for pattern in patterns:
        scan = scanner(pattern)
        anchored += scan.anchor is not None
        for text in texts:
            expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groups()) for m in scan.finditer(text)] == expected, (pattern, text)
            assert (scan.search(text) is None) == (not expected)
            whole = f"x{text}\n{text}\n{text[::-1]}"  # the text's lines as parts of a longer text
            parts = [(1, text), (len(text) + 2, text), (2 * len(text) + 3, text[::-1])]
            expected = [(k, m.span(), m.groups()) for k, (_, part) in enumerate(parts) for m in pattern.finditer(part)]
            assert [(k, m.span(), m.groups()) for k, m in scan.finditer_parts(whole, parts)] == expected
    assert anchored >= 10  # the shortcut is taken, not only the fallback


def test_a_line_is_a_label_as_its_normalised_form_says():
    rnd = random.Random(3)
    labels = sorted(_table_labels())
    chars = sorted(set("".join(labels))) + list("一二三（）(). 1、政府信息公开龙鹰\u3000⼀\uf900")
    texts = [label for label in labels]
    texts += ["".join(rnd.choice(chars) for _ in range(rnd.randint(1, 12))) for _ in range(3000)]
    texts += [f"（{rnd.choice('一二三')}）{rnd.choice(labels)}{rnd.choice(['', '政', ' ', '。'])}" for _ in range(500)]
    for text in texts:
        norm = normalise(text)
        assert _is_label(text) == (core(norm) in _table_labels() or norm in _table_labels()), text


def test_a_line_beginning_with_a_name_puts_the_name_in_the_normalised_body():
    rnd = random.Random(5)
    marks = list("、．，：；“”‘’—－【】〔〕[]") + [" ", "\u3000", "\t", "\xa0", "\u0301", "\u1100", "\u1161", "ｶ", "\uff9e",
                                           "①", "…", "六", "其他", "事项", "1.", "（六）", "e", ":", ";", ",", "."]
    for _ in range(3000):
        body = "\n".join("".join(rnd.choice(marks) for _ in range(rnd.randint(0, 8))) for _ in range(rnd.randint(1, 4)))
        whole = normalise(body)
        for _, line in lines(body):
            label = core(line)
            for end in range(1, len(label) + 1):
                name = normalise(label[:end])
                if name and label.startswith(name):
                    assert name in whole, (body, line, name)


class _Params:
    def __init__(self, **params):
        self.params = params


def test_half_width_marks_are_the_one_patterns_matches():
    from gklint.engine.kinds.prose import _AFTER, _BEFORE, _half_widths
    from gklint.textutil import prose_lines

    rnd = random.Random(9)
    pieces = list("政府公开,;:()《》“”（）\t 。，x1\n") + ["信息", " , ", "》,《", "）(", "）  :  “"]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30))) for _ in range(1500)]
    texts += SAMPLE.read_text(encoding="utf-8").split("\n\n")
    for marks in (",;:()", ";", "，：", "（,", ",“(", "》,", " ,", "\n,", ",\n\x00", "政,"):
        rule = _Params(characters=marks)
        one = re.compile(f"(?<=[{_BEFORE}])[ \\t]*([{re.escape(marks)}])[ \\t]*(?=[{_AFTER}])")
        for text in texts:
            expected = [(offset + m.start(1), offset + m.end(1), m.group(1))
                        for offset, line in prose_lines(text) for m in one.finditer(line)]
            got = (tuple(mark for _, _, mark in expected), expected[0][:2] if expected else None)
            assert _half_widths(text, rule) == got, (marks, text)


def test_repeats_found_where_the_arrays_agree_are_the_patterns():
    from gklint.engine.kinds.prose import RepeatPolicy, _excused, _repeats, find_repeats
    from gklint.textutil import HAN

    rnd = random.Random(4)
    pieces = list("政府信息公开的了一二x1 ，。\n") + ["政府政府", "公开公开", "研究研究", "\ud800", "𠀀𠀀"]
    lines = tuple("".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 25))).replace("\n", "")
                  for _ in range(400)) + tuple(SAMPLE.read_text(encoding="utf-8").splitlines())
    for length in (1, 2, 6):
        rule = _Params(max_length=length, single_char_suspects="的了政")
        policy = RepeatPolicy.from_params(rule.params)
        assert _repeats(lines, rule) == tuple(tuple(find_repeats(line, policy)) for line in lines)
        doubled = re.compile(f"([{HAN}]{{1,{length}}})\\1")  # the pattern find_repeats does without
        for line in lines:
            expected = [m for m in doubled.finditer(line)
                        if not _excused(line, m.start(), m.end(), m.group(1), policy)]
            assert list(find_repeats(line, policy)) == [(m.group(1), m.start(), m.end()) for m in expected], line
        for line in lines[:400]:  # short texts: 8 or 10 characters once made the arrays disagree in length
            assert _repeats((line,), rule) == (tuple(find_repeats(line, policy)),), line


def test_only_the_listed_characters_make_an_ideograph_under_nfkc():
    import unicodedata

    from gklint.engine.kinds.structure import _MAKES_IDEOGRAPHS

    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char)
        if folded != char and any("\u4e00" <= c <= "\u9fff" for c in folded):
            assert _MAKES_IDEOGRAPHS.match(char), hex(code)


def test_sentence_ends_as_the_alternation_finds_them():
    from gklint.core.text import _END, CLOSERS, SENTENCE_END

    plain = re.compile("\n|[" + re.escape(SENTENCE_END.replace("\n", "")) + "][" + re.escape(CLOSERS) + "]*")
    rnd = random.Random(1)
    alphabet = list(SENTENCE_END + CLOSERS + "ab政\n")
    for _ in range(20000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        assert [m.span() for m in _END.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_is_han_and_the_half_width_marks_test_are_their_classes():
    from gklint.engine.kinds.prose import _BEFORE, _BEFORE_MARKS
    from gklint.textutil import HAN, is_han

    han, before = re.compile(f"[{HAN}]"), re.compile(f"[{_BEFORE} \\t]")
    for code in range(0x110000):
        char = chr(code)
        assert is_han(char) == bool(han.fullmatch(char))
        assert (char in " \t" or is_han(char) or char in _BEFORE_MARKS) == bool(before.search(char))
    assert not is_han("") and not is_han("政府")
