"""Narrative analysis stays linear on hostile sentences, and its fast paths agree with the plain ones.

Budgets are asserted by outcome: the work runs in a child process whose CPU time is capped with
RLIMIT_CPU; a quadratic walk is killed by the limit (no result), a linear one finishes.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gklint.narrative import quantities
from gklint.narrative.sentences import CLAUSE_END, Sentence, clause_bounds, fold, split

ROOT = Path(__file__).resolve().parent.parent


def _run_capped(code: str, cpu_seconds: int = 20) -> subprocess.CompletedProcess:
    """Run ``code`` in a child Python whose CPU time is capped (it is killed past the cap)."""
    prelude = f"import resource; resource.setrlimit(resource.RLIMIT_CPU, ({cpu_seconds}, {cpu_seconds}))\n"
    return subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)], capture_output=True,
                          text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_a_digit_run_too_long_for_int_is_no_quantity():
    text = "本年共收到申请" + "7" * 5000 + "件，办结3件。"
    found = [q for sq in quantities.analyse(text, 2023) for q in sq.quantities]
    assert [q.value for q in found] == [3]


def test_a_sentence_of_ten_thousand_numbers_is_analysed_within_the_cpu_cap():
    result = _run_capped("""
        from gklint.narrative import quantities
        parts = [f"{i % 97}件" for i in range(10000)]
        text = "本年共收到申请" + "\\t".join(parts) + "同比增加。"
        found = [q for sq in quantities.analyse(text, 2023) for q in sq.quantities]
        print(len(found))
    """)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["10000"]


def test_clause_bounds_of_every_number_of_a_long_clause_within_the_cpu_cap():
    result = _run_capped("""
        from gklint.narrative.sentences import clause_bounds
        s = "0\\t" * 100000
        print(sum(clause_bounds(s, i)[1] for i in range(0, len(s), 2)) // len(s))
    """)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["100000"]


def _walk(folded: str, pos: int, ends: str = CLAUSE_END) -> tuple[int, int]:
    """The plain clause walk clause_bounds replaced (the reference)."""
    lo = pos
    while lo > 0 and folded[lo - 1] not in ends:
        lo -= 1
    hi = pos
    while hi < len(folded) and folded[hi] not in ends:
        hi += 1
    return lo, hi


_TEXT = st.text(alphabet="，,；。:同比较上一年增幅每人均3件 ", max_size=40)


@given(_TEXT, st.data())
@settings(max_examples=200, deadline=None)
def test_clause_bounds_agrees_with_the_plain_walk(text, data):
    folded = fold(text)
    pos = data.draw(st.integers(0, len(folded)))
    assert clause_bounds(folded, pos) == _walk(folded, pos)
    assert clause_bounds(folded, pos, "。") == _walk(folded, pos, "。")


@given(_TEXT, st.data())
@settings(max_examples=200, deadline=None)
def test_clause_words_agree_with_a_search_of_the_slice(text, data):
    s = fold(text)
    lo = data.draw(st.integers(0, len(s)))
    end = data.draw(st.integers(lo, len(s)))
    for pattern in (quantities._CHANGE_IN_CLAUSE, quantities._RATE_IN_CLAUSE):
        words = quantities._ClauseWords(pattern, s)
        assert words.within(lo, end) == bool(pattern.search(s[lo:end]))


def test_a_change_word_early_in_the_clause_still_marks_the_number():
    # the clause word is far before the number: the windowed "before" must not lose it
    text = "同比" + "本" * 200 + "收到申请12件。"
    found = [q for sq in quantities.analyse(text, 2023) for q in sq.quantities]
    assert [(q.value, q.excluded) for q in found] == [(12, "change")]
