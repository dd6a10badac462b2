"""Metadata stated in a report: title, agency, year, publication and signing dates, statistics period."""

from __future__ import annotations

import datetime as dt
import re

from gklint.core import lazyre
from gklint.core.numerals import chinese_to_int
from gklint.core.model import Metadata
from gklint.core.chrome import FOOTER, NAVIGATION

_CN = "〇零一二三四五六七八九十"
DATE = lazyre.compile(
    rf"(?P<y>(?<!\d)\d{{4}}|[{_CN}]{{4}})\s*(?:年|-|/|\.)\s*(?P<m>\d{{1,2}}|[{_CN}]{{1,2}})\s*(?:月|-|/|\.)\s*"
    rf"(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})\s*日?")
_TITLE = lazyre.compile(r"(?P<agency>.*?)(?P<year>\d{4}|[〇零一二三四五六七八九]{4})\s*年度?\s*(?:政府)?信息公开(?:工作)?年度报告")
# the year first: "2019年上海市人民政府办公厅政府信息公开工作年度报告"
_YEAR_FIRST = lazyre.compile(r"^\s*(?P<year>\d{4}|[〇零一二三四五六七八九]{4})\s*年度?\s*(?P<agency>[^\d\s]+?)(?:政府)?信息公开(?:工作)?年度报告")
_SAME_YEAR_END = lazyre.compile(rf"\s*(?:至|到|—|－|-|~|～)\s*(?P<m>\d{{1,2}}|[{_CN}]{{1,2}})\s*月\s*(?P<d>\d{{1,3}}|[{_CN}]{{1,3}})\s*日")
# a page's publication date: "发布日期：…" or "公开日期：…" first, wherever it stands among the page's dates (成文日期,
# 更新时间 and the like come before it on many pages); the other labels only when neither is there
_PUBLISHED_NAMED = lazyre.compile(r"(?:发布|公开)(?:日期|时间)\s*[:：]?\s*")
_PUBLISHED = lazyre.compile(r"(?:(?:发布|公开|发文|成文|更新)(?:日期|时间)\s*[:：]?|(?<![统计])(?:日期|时间)\s*[:：])\s*")
_PERIOD = lazyre.compile(r"(?:统计|数据)[^。\n]{0,12}?(?:期限|时限|期间|时间|区间|周期)[^。\n]{0,6}?")


def parse_date(match: re.Match) -> dt.date | None:
    parts = []
    for key in ("y", "m", "d"):
        raw = match[key]
        value = int(raw) if raw.isdigit() else chinese_to_int(raw)
        if value is None:
            return None
        parts.append(value)
    try:
        return dt.date(*parts)
    except ValueError:
        return None


def _year(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else chinese_to_int(raw)


_FIELD = lazyre.compile(r"^\s*(?:文章|信息|文件)?(?:标\s*题|名\s*称)\s*[:：]\s*")  # a portal's "标题：" info field


_CRUMB = lazyre.compile(r"[>＞»›→]|\s+|^\s*[^:：]{2,8}[:：]")  # a breadcrumb's separators, and its "当前位置："
_SENTENCE = lazyre.compile(r"[。，；！？]|如下|[:：]\s*$")  # a sentence naming the report, not its title


def find_title(lines: list[str]) -> str | None:
    """The report's title among the first lines: the first short line naming 年度报告 with a year (and so its office)
    that is no sentence; else the first such line without a year. A sentence is never the title (a notice's
    "按时做好政府信息公开工作年度报告编制发布工作。"). Page chrome is passed over: the footer's lines and
    the navigation's (a breadcrumb "首页 > 政务公开 > 信息公开年度报告" names only the page's column; its last item
    counts, after every other line)."""
    found = [(text, crumb) for text, crumb in _named_lines(lines[:30]) if not _SENTENCE.search(text)]
    titled = (text for text, _ in found if _TITLE.search(text) or _YEAR_FIRST.search(text))
    return next(titled, None) or next((text for text, crumb in sorted(found, key=lambda f: f[1])), None)


def _named_lines(lines: list[str]):
    """Each short line naming 年度报告, as (its text, whether it is a breadcrumb's last item)."""
    for line in lines:
        if "年度报告" not in line or len(line) > 80 or FOOTER.search(line):
            continue
        if NAVIGATION.search(line):
            last = _CRUMB.split(line)[-1].strip()
            if "年度报告" in last:
                yield last, True
            continue
        yield _FIELD.sub("", line).strip(), False


# a title broken over two lines: the year's line is looked for among the first lines that are not blank, and the line
# above it is an agency's name when it is no longer than this (a sentence or a page's heading line is longer)
_TITLE_BREAK_LINES = 12
_AGENCY_LINE = 30


def agency_above_title(lines: list[str]) -> str:
    """A title broken over two lines (淮安市人民政府 / 2024年政府信息公开工作年度报告): the line above the one
    that starts with the year and names 年度报告 (among the first ``_TITLE_BREAK_LINES``), when it is short
    (``_AGENCY_LINE``) and holds no digit or colon; else ""."""
    rows = [re.sub(r"\s+", "", line) for line in lines if line.strip()]
    for i, row in enumerate(rows[1:_TITLE_BREAK_LINES], 1):
        if "年度报告" in row and re.match(r"^(?:19|20)\d{2}年", row):
            above = rows[i - 1]
            return above if len(above) <= _AGENCY_LINE and not re.search(r"[:：\d]", above) else ""
    return ""


def title_year(lines: list[str]) -> int | None:
    """The report year from a title among the first lines (before sections and tables are known)."""
    for line in lines:
        if m := _TITLE.search(line[:300]) or _YEAR_FIRST.search(line[:300]):
            return _year(m["year"])
    return None


def _published(lines: list[str]) -> dt.date | None:
    """The date after the first 发布日期/公开日期 label of ``lines``; without one, after the first of the other
    labels a page gives its dates (发文日期, 成文日期, 更新时间, 日期：)."""
    for pattern in (_PUBLISHED_NAMED, _PUBLISHED):
        for line in lines:
            for m in pattern.finditer(line):
                if d := DATE.match(line, m.end()):
                    return parse_date(d)
    return None


def extract(preamble_lines: list[str], all_lines: list[str]) -> Metadata:
    meta = Metadata()
    meta.title = find_title(preamble_lines) or find_title(all_lines)
    if meta.title and (m := _TITLE.search(meta.title) or _YEAR_FIRST.search(meta.title)):
        meta.year = _year(m["year"])
        agency = m["agency"].strip(" 《》“”\"") or agency_above_title(preamble_lines)
        meta.agency = agency or None
    meta.published = _published(preamble_lines + all_lines[:15])
    # the signing date: a line that is only a date, near the end
    for line in reversed(all_lines[-8:]):
        if (d := DATE.fullmatch(line.strip())) and (date := parse_date(d)):
            meta.signed = date
            break
    for line in all_lines:
        if m := _PERIOD.search(line):
            found = list(DATE.finditer(line, m.end()))
            dates = [d for d in map(parse_date, found) if d]
            if len(dates) >= 2:
                meta.period_start, meta.period_end = dates[0], dates[1]
                break
            if dates and (end := _SAME_YEAR_END.match(line, found[0].end())):
                # "从2019年1月1日到12月31日": the end date's year is the start date's
                month, day = (int(v) if v.isdigit() else chinese_to_int(v) for v in (end["m"], end["d"]))
                try:
                    meta.period_start, meta.period_end = dates[0], dt.date(dates[0].year, month, day)
                except (TypeError, ValueError):
                    pass
                break
    if meta.year is None:
        for line in all_lines[:10]:
            if m := re.search(r"(\d{4})\s*年", line):
                meta.year = int(m[1])
                break
    return meta
