"""The shortcuts of the date, structure and prose rules give what the plain computation gives, on the sample's
lines with random edits and on random text made of the characters these rules look at.

- ``gklint.dates.find_dates``: the dates of the runs of date characters that hold a cue, read apart from the
  rest of the text, are the text's; ``dates_of_lines`` are each line's;
- ``gklint.core.scan``: a pattern anchored at a literal guarded by the class before it (``_guarded``) finds
  what ``finditer`` finds, in a text and in its lines;
- ``textutil.han_count``: a long text's Chinese characters counted by code point are the pattern's;
- ``enumerations._markers``: the list markers of a report's sections, found in one pass, are those each
  section's lines hold;
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from gklint.core.scan import scanner
from gklint.dates import dates_in, dates_of_lines, find_dates
from gklint.core.numerals import item_value
from gklint.engine.kinds.enumerations import _compiled, _markers, _markers_of
from gklint.engine.rules import find
from gklint.textutil import _HAN_RUN, han_count, lines, prose_lines

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "huangyuan-2021.txt"

_ALPHABET = list("0123456789０１２〇零一二三四五六七八九十年月日号 \t\n-/.~至到起—－：:，。是、（）()①.．") + [
    "2021", "2022年", "12月", "31日", "202512月31日", "2021年1231日", "二〇二一年", "2021-01-14",
    "2022.1.14", "１２", "1.", "3、", "（一）", "二是", "至12月31日", "\x00", "–", "～", "2021年1月1日至12月31日"]


def _texts(seed: int, n: int) -> list[str]:
    rnd = random.Random(seed)
    sample = SAMPLE.read_text(encoding="utf-8").splitlines()
    out = list(sample)
    out += ["".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(0, 30))) for _ in range(n)]
    for line in sample:
        for _ in range(4):
            at = rnd.randint(0, len(line))
            out.append(line[:at] + "".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(1, 3)))
                       + line[at + rnd.randint(0, 3):])
    return out


def test_the_dates_of_a_text_are_those_of_its_runs_holding_a_cue():
    texts = _texts(3, 3000)
    rnd = random.Random(3)
    texts += [rnd.choice(("", "\n")).join(rnd.sample(texts, 3)) for _ in range(600)]  # several lines and runs
    for text in texts:
        assert find_dates(text) == list(dates_in(text)), text
        assert dates_of_lines(text) == [found._replace(span=(offset + found.span[0], offset + found.span[1]))
                                        for offset, line in lines(text) for found in dates_in(line)], text


def _markers_line_by_line(text, styles):
    """The list markers of ``text`` as found before one pass served a report: each style's ``finditer`` in each
    prose line."""
    out = []
    for offset, line in prose_lines(text):
        taken = []
        for name, pattern in ((s["name"], re.compile(s["pattern"], re.M)) for s in styles):
            for m in pattern.finditer(line):
                s, e = m.span("n")
                value = None if any(s < te and ts < e for ts, te in taken) else item_value(m.group("n"))
                if value is not None and value <= 50:
                    taken.append((s, e))
                    out.append((name, value, m.group(0).strip(), offset + m.start(), offset + m.end()))
    return sorted(out, key=lambda mk: mk[3])


def test_the_markers_of_a_reports_sections_are_each_sections_own():
    styles = find("S106").params["styles"]
    texts = _texts(5, 600)
    rnd = random.Random(5)
    for _ in range(300):
        sections = tuple("\n".join(rnd.sample(texts, rnd.randint(0, 4))) for _ in range(rnd.randint(1, 6)))
        found = _markers(sections, _compiled(styles))
        assert [[tuple(mk) for mk in markers] for markers in found] == \
            [_markers_line_by_line(text, styles) for text in sections], sections



def test_a_sections_markers_seen_before_are_those_found_anew():
    """``_markers_of`` takes a section seen before from its memo and finds the others in one pass: the same
    markers, whichever sections of a report were seen (a small pool of sections, so that most repeat)."""
    styles = find("S106").params["styles"]
    texts = _texts(7, 200)
    rnd = random.Random(7)
    pool = ["\n".join(rnd.sample(texts, rnd.randint(0, 4))) for _ in range(40)]
    for _ in range(300):
        sections = tuple(rnd.choice(pool) for _ in range(rnd.randint(1, 6)))
        found = _markers_of(sections, _compiled(styles))
        assert [[tuple(mk) for mk in markers] for markers in found] == \
            [_markers_line_by_line(text, styles) for text in sections], sections

_BEFORE = ["", "(?<!a)", "(?<=[。 ])", r"(?:^|(?<=[\s。]))", "b*", r"(?<![第\d])", "[a-h]?"]
_GUARD = [r"\d{1,2}", r"\d", "[一二三四五六七八九十]{1,3}", "[一二三四五六七八九十]", "[a-h]+?", "[a-h]{2}", r"\w"]
_RUN = ["", "", r"\s*", "b*", r"[ab]*\s*", "a+", r"\d*?"]
_LITERAL = ["、", "是", "[号是]", "a", "。", "[.．]"]
_AFTER = ["", r"(?!\d)", r"\s*", "[ab]{0,2}", "(?=是)", "号?", "$"]


def test_a_guarded_anchor_finds_what_finditer_finds():
    rnd = random.Random(7)
    texts = _texts(7, 100)[::2] + ["".join(rnd.choice("abh一二三十是、号。.．  12１\n\t")
                                           for _ in range(rnd.randint(0, 40))) for _ in range(300)]
    guarded = runs = 0
    for _ in range(200):
        source = "".join(rnd.choice(pieces) for pieces in (_BEFORE, _GUARD, _RUN, _LITERAL, _AFTER))
        pattern = re.compile(source, rnd.choice([0, re.M]))
        scan = scanner(pattern)
        guarded += any(a.pattern.find("(?<=") in (1, 2) for a in scan.anchor)
        runs += scan.run is not None
        for text in texts:
            expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groups()) for m in scan.finditer(text)] == expected, (source, text)
            parts = [(1, text), (len(text) + 2, text[::-1])]
            whole = f"x{text}\n{text[::-1]}"
            assert [(k, m.span()) for k, m in scan.finditer_parts(whole, parts)] == \
                [(k, m.span()) for k, (_, part) in enumerate(parts) for m in pattern.finditer(part)], (source, text)
    assert guarded > 100 and runs > 30


def test_a_long_texts_chinese_characters_are_the_patterns():
    rnd = random.Random(2)
    chars = list("政府一丁\u3400\u4dbf\u4dc0\u9fff\ua000\uf8ff\uf900\ufaff\ufb00,。a1 \n") + [
        "\ud800", "\U00020000", "\U0002a6df"]
    for _ in range(200):
        text = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 1500)))
        assert han_count(text) == sum(map(len, _HAN_RUN.findall(text))), text
