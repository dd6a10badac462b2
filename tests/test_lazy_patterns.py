"""Patterns compiled on first use (``gklint.core.lazyre``) behave as the compiled patterns, and the row-label
test of section recognition (``str.startswith`` over the labels) answers as the alternation it replaced."""

from __future__ import annotations

import copy
import pickle
import random
import re

from gklint.core import lazyre
from gklint.layouts import layouts
from gklint.recognise import sections

SOURCE = r"(?P<num>[一二三四五六七八九十]{1,2})\s*[、.．]"


def test_compiled_on_first_use_and_kept():
    pattern = lazyre.compile(SOURCE, re.S)
    assert "search" not in vars(pattern)  # nothing compiled yet
    text = "概述。二、主动公开情况"
    assert pattern.search(text).group("num") == re.compile(SOURCE, re.S).search(text).group("num") == "二"
    assert vars(pattern)["search"] == re.compile(SOURCE, re.S).search  # kept: later calls go straight to it
    assert (pattern.pattern, pattern.flags, pattern.groupindex) == (SOURCE, re.compile(SOURCE, re.S).flags, {"num": 1})
    assert pattern.sub("#", "一、二.") == "##"


def test_bytes_pickle_copy_and_repr():
    pattern = lazyre.compile(rb"\d+\s+\d+\s+obj\b")
    assert pattern.search(b"x 12 0 obj <<").group() == b"12 0 obj"
    for other in (pickle.loads(pickle.dumps(pattern)), copy.deepcopy(pattern)):
        assert other.findall(b"1 0 obj 2 0 obj") == [b"1 0 obj", b"2 0 obj"]
    assert repr(lazyre.compile("a", re.S)) == "lazyre.compile('a', re.DOTALL)"


def _titles(labels: tuple[str, ...], rng: random.Random) -> list[str]:
    """Each label, its prefixes and extensions, and random edits of them (a character dropped, changed, added)."""
    out = ["", "总体情况", "主动公开政府信息情况"]
    alphabet = "".join(sorted(set("".join(labels)))) + "（）、.0123 "
    for label in labels:
        out += [label, label[:-1], label + "情况", "（一）" + label, label[1:]]
        for _ in range(20):
            chars = list(label)
            k = rng.randrange(len(chars))
            edit = rng.randrange(3)
            if edit == 0:
                del chars[k]
            elif edit == 1:
                chars[k] = rng.choice(alphabet)
            else:
                chars.insert(k, rng.choice(alphabet))
            out.append("".join(chars))
    return out


def test_row_label_is_the_alternation_it_replaced():
    rng = random.Random(12)
    for layout in layouts().values():
        labels = sections._row_labels(layout)
        assert labels
        longest_first = sorted(labels, key=len, reverse=True)
        alternation = re.compile("|".join(map(re.escape, longest_first)))
        for title in _titles(labels, rng):
            expected = alternation.match(sections.normalise(title)) is not None
            assert sections._is_row_label(title, layout) is expected, title
