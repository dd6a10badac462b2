"""Dates written in a report: found by pattern, checked for validity, malformed ones kept.

``find_dates(text)`` returns every date-like expression in document order as a ``FoundDate``
``(date, raw, span)``:

- a full, valid date (2022年1月14日, 二〇二二年一月十四日, 2022-01-14, 2022.1.14) has ``date`` set;
- a malformed one (截至202512月31日, 2021年13月, 2月30日, 2021年1231日, 202111日到1231日) has ``date`` None and
  ``problem`` saying what is wrong, as a ``Problem(code, values)`` that messages are built from:
  ``glued`` (year written into the month: year, month, day), ``glued_day`` (month into the day: 2021年1231日,
  到1231日), ``glued_all`` (year, month and day run together: 202111日, 20221231日; year, raw),
  ``bad_year`` / ``bad_month`` / ``bad_day`` (raw: the number as written), ``no_such_day`` (month, day);
- a valid partial one (2021年12月, 12月31日) has ``date`` None and ``problem`` None, except a
  month and day that directly continue a range begun by a full date ("2021年1月1日至12月31日"),
  which take that date's year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import NamedTuple

from gklint.core import lazyre
from gklint.core.numerals import chinese_to_int
from gklint.core.text import text_cache

_CN = "〇零一二三四五六七八九十"
_MIN_YEAR, _MAX_YEAR = 1949, 2100

# (name, pattern); earlier patterns win where matches overlap. A "no digit before" is written after the
# first digit ((?P<y>\d(?<!\d\d)\d{3}) for (?<!\d)(?P<y>\d{4})): a pattern that begins with a digit is
# searched for by scanning to the next digit, not tried at every position.
_PATTERNS: list[tuple[str, re.Pattern]] = [
    # year glued to the month: 202512月31日
    ("glued", re.compile(r"(?P<y>\d(?<!\d\d)\d{3})(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]")),
    # month glued to the day: 2021年1231日
    ("glued_day", re.compile(r"(?P<y>\d(?<!\d\d)\d{3})\s*年\s*(?P<md>\d{3,4})\s*[日号]")),
    # year, month and day run together, the 年 and 月 lost: 202111日, 20221231日, 20221231 日 (one space at most
    # before 日, as ``_CUE`` sees it; 日期 or 日均 after a number is a word (date, daily), not a day)
    ("glued_all", re.compile(r"(?P<y>\d(?<!\d\d)\d{3})(?P<md>\d{2,4})\s?日(?![期均])")),
    # month run into the day after a range link: 到1231日 (the link is part of the match)
    ("glued_md", re.compile(r"[到至—－~～-]\s*(?P<md>1[0-2]\d\d)\s?日(?![期均])")),
    # a year of four digits, or five or six (20202年, 202020年: a typo, D104's bad year, never a year read inside it)
    ("ymd", re.compile(r"(?P<y>\d(?<!\d\d)\d{3,5})\s*年\s*(?P<m>\d{1,3})\s*月\s*(?P<d>\d{1,3})\s*[日号]")),
    ("cn_ymd", re.compile(f"(?P<y>[〇零一二三四五六七八九]{{4}})\\s*年\\s*(?P<m>[{_CN}]{{1,3}})\\s*月"
                          f"\\s*(?P<d>[{_CN}]{{1,4}})\\s*[日号]")),
    ("iso", re.compile(r"(?P<y>\d(?<![\d.\-/]\d)\d{3})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d.\-/])")),
    ("ym", re.compile(r"(?P<y>\d(?<!\d\d)\d{3,4})\s*年\s*(?P<m>\d{1,3})\s*月(?!\s*\d)")),
    ("md", re.compile(r"(?P<m>\d(?<![\d年.\-/]\d)\d?)\s*月\s*(?P<d>\d{1,2})\s*[日号]")),
]
_RANGE_LINK = lazyre.compile(r"^\s*(?:起)?\s*(?:至|到|—|－|-|~|～|––)+\s*$")


class Problem(NamedTuple):
    code: str
    values: dict


class FoundDate(NamedTuple):
    date: dt.date | None
    raw: str
    span: tuple[int, int]

    @property
    def problem(self) -> Problem | None:
        """What is wrong with a malformed date; None when it is valid (full or partial)."""
        return _check(self.raw)[1]


def _num(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return chinese_to_int(text)


def _build(kind: str, m: re.Match) -> tuple[dt.date | None, Problem | None]:
    """(the date when full and valid, the problem when malformed)."""
    g = m.groupdict()
    if kind == "glued":
        return None, Problem("glued", {"year": g["y"], "month": int(g["m"]), "day": int(g["d"])})
    if kind == "glued_day":
        return None, Problem("glued_day", {"year": g["y"], "raw": g["md"]})
    if kind == "glued_all":
        return None, Problem("glued_all", {"year": g["y"], "raw": g["md"]})
    if kind == "glued_md":
        return None, Problem("glued_day", {"year": "", "raw": g["md"]})
    year = _num(g["y"]) if g.get("y") else None
    month = _num(g["m"]) if g.get("m") else None
    day = _num(g["d"]) if g.get("d") else None
    if g.get("y") and (year is None or not _MIN_YEAR <= year <= _MAX_YEAR):
        return None, Problem("bad_year", {"raw": g["y"]})
    if month is None or not 1 <= month <= 12:
        return None, Problem("bad_month", {"raw": g["m"]})
    if g.get("d") is None:
        return None, None  # year and month only
    if day is None:
        return None, Problem("bad_day", {"raw": g["d"]})
    longest = calendar.monthrange(year, month)[1] if year else (29 if month == 2 else
                                                                  calendar.monthrange(2001, month)[1])
    if not 1 <= day <= longest:
        return None, Problem("no_such_day", {"month": month, "day": day})
    return (dt.date(year, month, day) if year else None), None


def _month_day(digits: str) -> bool:
    """Can ``digits`` (a month and a day run together: 11, 131, 1231) be read as a month and a day of it?"""
    for cut in range(1, len(digits)):
        month, day = digits[:cut], digits[cut:]
        if 1 <= int(month) <= 12 and 1 <= int(day) <= calendar.monthrange(2000, int(month))[1]:
            return True
    return False


def _is_date(kind: str, m: re.Match) -> bool:
    """A run of digits before 日 (``glued_all``, ``glued_md``) is a date only when it reads as one: a year of
    ``_MIN_YEAR`` to ``_MAX_YEAR``, then a month and a day of it (not 2000000日, 到1000日); so is an ISO date."""
    if kind in ("iso", "glued_all") and not _MIN_YEAR <= int(m["y"]) <= _MAX_YEAR:
        return False
    return kind not in ("glued_all", "glued_md") or _month_day(m["md"])


@text_cache(maxsize=1024)
def _check(raw: str) -> tuple[dt.date | None, Problem | None]:
    for kind, pattern in _PATTERNS:
        m = pattern.fullmatch(raw.strip())
        if m and _is_date(kind, m):
            return _build(kind, m)
    return None, None


# what every match of a pattern above holds: 年 or 月 and then a numeral (or 年 and a Chinese numeral), a digit,
# a separator and a digit, or four digits and 日 with at most one space between (the glued patterns). Each
# alternative begins with a literal, so that the engine skips ahead to one of these five characters (a line without
# such a cue, most lines that name a year, is not searched seven times).
_CUE = re.compile(r"年\s*[\d〇零一二三四五六七八九十]|月\s*\d|-(?<=\d-)\d|/(?<=\d/)\d|\.(?<=\d\.)\d"
                  r"|日(?<=\d{4}日)|日(?<=\d{4}\s日)")
# the characters the patterns above (their look-arounds included) and ``_RANGE_LINK`` read: a date, and what links
# two of a range, is inside a run of them (a cue as well)
_DATE_CHARS = "年月日号期均〇零一二三四五六七八九十-/.起至到—－~～–"
_DATE_RUN = re.compile(r"[\d\s" + re.escape(_DATE_CHARS) + "]*")
_GAP = "\x00"  # what separates two runs in the text the patterns read: no pattern reads it
_SHORT = 80  # a text this short is read whole: cutting its runs out would cost more than it saves


def find_dates(text: str) -> list[FoundDate]:
    """Every date-like expression in ``text``, in order (see the module docstring)."""
    if "年" not in text and "月" not in text and "日" not in text and "-" not in text and "/" not in text \
            and "." not in text:
        return []
    return list(_find_dates(text))


def dates_of_lines(text: str) -> list[FoundDate]:
    """``find_dates`` of each line of ``text``, one line after another, their spans in ``text``: one search of
    the text, each line break read as the gap (a line's runs end at it, as they end at the line's end)."""
    return find_dates(text.replace("\n", _GAP))


@text_cache(maxsize=1024)
def _find_dates(text: str) -> tuple[FoundDate, ...]:
    """``find_dates`` (cached by text: the date rules read the same lines and pages): ``dates_in`` the runs of
    ``_DATE_RUN`` characters that hold a cue, written one after another with ``_GAP`` between two.

    That is ``dates_in(text)``: every match of a pattern holds a cue and is inside a run; what a pattern's
    look-arounds read next to a run in ``text`` is no run character, nor is the gap, and no pattern reads
    either; a range link is inside a run, so two dates with the gap between are no range, as two dates in
    different runs of ``text`` are not."""
    cue = _CUE.search(text)
    if cue is None:
        return ()
    if len(text) <= _SHORT:
        return dates_in(text)
    runs = _cue_runs(text, cue)
    compact = _GAP.join(text[lo:hi] for lo, hi in runs)
    out, at, k = [], 0, 0  # ``at``: where the k-th run begins in ``compact``
    for found in dates_in(compact):
        s, e = found.span
        while s >= at + runs[k][1] - runs[k][0]:
            at += runs[k][1] - runs[k][0] + 1
            k += 1
        shift = runs[k][0] - at
        out.append(found._replace(span=(s + shift, e + shift)))
    return tuple(out)


def _cue_runs(text: str, m: re.Match | None) -> list[tuple[int, int]]:
    """The (start, end) of each longest run of ``_DATE_RUN`` characters in ``text`` that holds a cue, in order, from
    the cue ``m`` (the first) on."""
    runs = []
    while m is not None:
        lo = m.start()
        while lo and _DATE_RUN.match(text, lo - 1, lo).end() == lo:
            lo -= 1
        hi = _DATE_RUN.match(text, m.end()).end()
        runs.append((lo, hi))
        m = _CUE.search(text, hi)
    return runs


def dates_in(text: str) -> tuple[FoundDate, ...]:
    """Every date-like expression in ``text``, in order: each pattern's matches, a match overlapping one of an
    earlier pattern's left out."""
    found: list[tuple[int, int, str, re.Match]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if not _is_date(kind, m):
                continue
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            found.append((s, e, kind, m))
    found.sort()
    out: list[FoundDate] = []
    for s, e, kind, m in found:
        value, _ = _build(kind, m)
        if kind == "md" and value is None and out and out[-1].date is not None:
            prev = out[-1]
            if _RANGE_LINK.match(text[prev.span[1]:s]):
                try:
                    value = dt.date(prev.date.year, int(m["m"]), int(m["d"]))
                except ValueError:
                    value = None
        out.append(FoundDate(value, text[s:e], (s, e)))
    return tuple(out)


def parse_date(text: str) -> dt.date | None:
    """The first full, valid date in ``text``."""
    for found in find_dates(text):
        if found.date is not None:
            return found.date
    return None
