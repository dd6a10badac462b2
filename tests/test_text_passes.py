"""The shortcuts of the date, structure and prose rules give what the plain computation gives, on the sample's
lines with random edits and on random text made of the characters these rules look at.

- ``gklint.dates.find_dates``: a text without a date cue (``_CUE``) is not searched, and holds no date;
"""

from __future__ import annotations

import random
from pathlib import Path

from gklint.dates import _find_dates, find_dates

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "huangyuan-2021.txt"

_ALPHABET = list("0123456789０１２〇零一二三四五六七八九十年月日号 \t\n-/.~至到起—－：:，。是、（）()①.．") + [
    "2021", "2022年", "12月", "31日", "202512月31日", "2021年1231日", "二〇二一年", "2021-01-14", "2022.1.14",
    "１２", "1.", "3、", "（一）", "二是", "至12月31日"]


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


def test_a_text_without_a_date_cue_holds_no_date():
    for text in _texts(3, 3000):
        assert find_dates(text) == list(_find_dates(text)), text
