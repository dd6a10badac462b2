"""Rules of kind ``date``: publication deadline, statistics period, signing date, malformed dates.

Each rule names its check in ``check:`` (rules/dates.yaml); the parameters (deadlines, keywords,
suffixes that tell a department from a government) are data in the rule.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

from gklint.core import lazyre
from gklint.core.model import report_year
from gklint.dates import FoundDate, dates_of_lines, find_dates
from gklint.core.diagnostic import Diagnostic, Location
from gklint.engine.kinds import dispatch, kept_per_rule
from gklint.engine.rules import Rule
from gklint.core.model import Report
from gklint.core.scan import Scanner, scanner
from gklint.core.template import pick
from gklint.core.text import sentence_span
from gklint.recognise.meta import agency_above_title
from gklint.textutil import (
    PREAMBLE,
    Place,
    first_line,
    lines,
    places,
    prose_lines,
    quote,
)

# --------------------------------------------------------------------------- where dates are written

def _locate(report: Report, value: dt.date, *, last: bool = False,
            keywords: tuple[str, ...] = (), ctx=None) -> Location | None:
    """Where a date equal to ``value`` is written: the first (or last) place, preferring a line with a keyword."""
    hits: list[tuple[Place, FoundDate]] = []
    for place in places(report, ctx):
        for found in find_dates(place.text):
            if found.date == value:
                hits.append((place, found))
    if keywords:
        keyed = [h for h in hits if any(k in quote(h[0].text, *h[1].span) for k in keywords)]
        hits = keyed or hits
    if not hits:
        return None
    place, found = hits[-1] if last else hits[0]
    return place.location(*found.span)


def _title_location(report: Report) -> Location:
    """When the date itself is not written in the text (it came from the page's metadata): the title."""
    return Location(section=PREAMBLE, quote=report.meta.title or first_line(report.preamble) or None)


# --------------------------------------------------------------------------- publication deadline

def agency_kind(report: Report, params: dict, settings: dict | None) -> tuple[str | None, str, str]:
    """(kind, how it was told, issuer): kind is "aggregate" (a local government's own report), "department"
    (a department's or a township's) or None (unknown); a setting ``aggregate`` decides, else the title's issuer."""
    settings = settings or {}
    if settings.get("aggregate") is not None:
        return ("aggregate" if settings["aggregate"] else "department"), "setting", ""
    issuer = report.meta.agency or _issuer(report.meta.title or first_line(report.preamble)) or \
        _issuer_above_title(report)
    if not issuer:
        return None, "", ""
    if any(issuer.endswith(s) for s in params.get("department_suffixes", ())):
        return "department", "title", issuer
    government = params.get("government_suffix", "人民政府")
    if issuer.endswith(government):
        place = issuer[: -len(government)]
        if any(place.endswith(s) for s in params.get("township_suffixes", ())):
            return "department", "title", issuer
        if any(place.endswith(s) for s in params.get("region_suffixes", ())):
            body = "\n".join([report.preamble or "", *(s.text for s in report.sections)])  # "本报告涵盖全县…"
            if any(w in body for w in params.get("aggregate_words", ())):
                return "aggregate", "title_and_scope", issuer
        return None, "", issuer
    if any(issuer.endswith(s) for s in params.get("region_suffixes", ())):
        return "aggregate", "title", issuer
    return None, "", issuer


def _issuer(title: str) -> str:
    """The issuing body named in a title: the text before the year, or between the year and 政府信息公开."""
    title = re.sub(r"\s+", "", title or "")
    m = re.search(r"(?:19|20)\d{2}年度?", title)
    if not m:
        return ""
    before = title[: m.start()].strip("“”\"《》")
    if before:
        return before
    after = title[m.end():]
    cut = after.find("政府信息公开")
    return after[:cut] if cut > 0 else ""


def _issuer_above_title(report: Report) -> str:
    """A title broken over two lines (淮安市人民政府 / 2024 年政府信息公开工作年度报告): the line above it."""
    return agency_above_title([line for _, line in lines(report.preamble)])


def _month_day(text: str, year: int) -> dt.date:
    """"01-31" in ``year``; "02-end" is the month's last day (a local deadline of 2月底)."""
    month, day = str(text).split("-")
    last = calendar.monthrange(year, int(month))[1]
    return dt.date(year, int(month), last if day == "end" else min(int(day), last))


def published_date(report: Report, keywords: tuple[str, ...]) -> dt.date | None:
    """The metadata's publication date, else a date in the page chrome after a keyword (时间：2022-02-08)."""
    if report.meta.published is not None:
        return report.meta.published
    for _, line in lines(report.preamble):
        for found in find_dates(line):
            label = line[: found.span[0]].rstrip(" \t:：")
            if found.date is not None and any(label.endswith(k) for k in keywords):
                return found.date
    return None


def late_publication(rule: Rule, report: Report, ctx) -> Iterator[Diagnostic]:
    p, lang = rule.params, getattr(ctx, "lang", "zh")
    keywords = tuple(p.get("published_keywords", ()))
    year, published = report_year(report), published_date(report, keywords)
    if year is None or published is None or not dt.MINYEAR <= year < dt.MAXYEAR:
        return  # a year whose following year the calendar lacks ("9999年"): no deadline to compare with
    department = _month_day(p.get("department_deadline", "01-31"), year + 1)
    aggregate = _month_day(p.get("aggregate_deadline", "03-31"), year + 1)
    kind, told, issuer = agency_kind(report, p, getattr(ctx, "settings", None))
    severity = None
    if published > aggregate:
        deadline = aggregate if kind == "aggregate" else department
        basis = {"aggregate": "aggregate", None: "unsure_late"}.get(kind, "department")
    elif published > department and kind != "aggregate":
        deadline = department
        basis = "department" if kind == "department" else "unsure"
        if kind is None:
            severity = p.get("unsure_severity", "info")
    else:
        return
    dates = {"department": _day(department, lang), "aggregate": _day(aggregate, lang)}
    text = pick(p.get("basis", {}).get(basis, ""), lang, **dates)
    if told:
        text += pick(p.get("told_by", {}).get(told, ""), lang, issuer=issuer)
    location = _locate(report, published, keywords=keywords, ctx=ctx) or _title_location(report)
    yield rule.diagnostic(ctx.lang, location, expected=f"≤{deadline.isoformat()}", found=published.isoformat(),
                severity=severity, published=_date(published, lang), deadline=_date(deadline, lang), year=year,
                basis=text, days=(published - deadline).days)


def _day(date: dt.date, lang: str) -> str:
    return f"{date.month}月{date.day}日" if lang == "zh" else f"{date.day} {calendar.month_name[date.month]}"


def _date(date: dt.date, lang: str) -> str:
    return _cn(date) if lang == "zh" else date.isoformat()


def _dates(date: dt.date) -> dict:
    """A date as each language writes it (a message value, see ``gklint.core.template.bilingual``)."""
    return {"zh": _cn(date), "en": date.isoformat()}


def _cn(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


# --------------------------------------------------------------------------- statistics period

_YEAR_ONLY = lazyre.compile(r"((?:19|20)\d{2})\s*年度?(?![\d月])")


def period_statements(report: Report, keywords: tuple[str, ...], ctx=None) -> Iterator[tuple[Place, tuple, tuple]]:
    """(place, (start, end), span) for each sentence that states the statistics period: a keyword
    (统计期限…) followed in the same sentence by two dates, or by a year alone (2021年度)."""
    for place in places(report, ctx):
        text = place.text
        positions = sorted({m.start() for k in keywords if k in text for m in re.finditer(re.escape(k), text)})
        done = -1
        for at in positions:
            if at < done:
                continue
            end = sentence_span(text, at)[1]
            done = end
            dates = [f for f in find_dates(text[at:end]) if f.date is not None]
            if len(dates) >= 2:
                yield place, (dates[0].date, dates[1].date), (at + dates[0].span[0], at + dates[1].span[1])
                continue
            m = _YEAR_ONLY.search(text, at, end)
            if m and not dates:
                y = int(m.group(1))
                yield place, (dt.date(y, 1, 1), dt.date(y, 12, 31)), m.span()


def period_mismatch(rule: Rule, report: Report, ctx) -> Iterator[Diagnostic]:
    year = report_year(report)
    if year is None:
        return
    expected = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    stated = next(period_statements(report, tuple(rule.params.get("keywords", ())), ctx), None)
    if stated is not None:
        place, period, span = stated
        location = place.location(*span)
    elif report.meta.period_start and report.meta.period_end:
        period = (report.meta.period_start, report.meta.period_end)
        location = _title_location(report)
    else:
        return
    if period != expected:
        yield rule.diagnostic(ctx.lang, location, expected=f"{expected[0].isoformat()}/{expected[1].isoformat()}",
                    found=f"{period[0].isoformat()}/{period[1].isoformat()}",
                    year=year, start=_dates(period[0]), end=_dates(period[1]))


# --------------------------------------------------------------------------- signing date

def signed_after_published(rule: Rule, report: Report, ctx) -> Iterator[Diagnostic]:
    signed = report.meta.signed
    published = published_date(report, tuple(rule.params.get("published_keywords", ())))
    if signed is None or published is None or signed <= published:
        return
    location = _locate(report, signed, last=True, ctx=ctx) or _title_location(report)
    yield rule.diagnostic(ctx.lang, location, expected=f"≤{published.isoformat()}", found=signed.isoformat(),
                signed=_date(signed, getattr(ctx, "lang", "zh")),
                published=_date(published, getattr(ctx, "lang", "zh")), days=(signed - published).days)


# --------------------------------------------------------------------------- malformed dates

def malformed(rule: Rule, report: Report, ctx) -> Iterator[Diagnostic]:
    seen: set[str] = set()
    for place in places(report, ctx):
        prose = {offset for offset, _ in prose_lines(place.text)}
        for found in dates_of_lines(place.text):
            start, end = found.span
            if place.text.rfind("\n", 0, start) + 1 not in prose:
                continue  # a date in a table line
            problem = found.problem
            if problem is None or found.raw in seen:
                continue
            seen.add(found.raw)
            text = pick(rule.params.get("problems", {}).get(problem.code, problem.code),
                        getattr(ctx, "lang", "zh"), **problem.values)
            yield rule.diagnostic(ctx.lang, place.location(start, end), found=found.raw, date=found.raw, problem=text)


# --------------------------------------------------------------------------- documents cited before they existed

def cited_after_published(rule: Rule, report: Report, ctx) -> Iterator[Diagnostic]:
    """A document the report cites that was issued after the report was published (or signed): the page
    was edited later, or copied from a later report. The documents and their dates are the rule's data
    (``documents``: number -> issue date); any other document number whose year is later than the
    publication's is certain to post-date it as well."""
    keywords = tuple(rule.params.get("published_keywords", ()))
    published = published_date(report, keywords) or report.meta.signed
    if published is None:
        return
    known, pattern = _cited(rule)
    seen: set[str] = set()
    for place in places(report, ctx):
        for m in pattern.finditer(place.text):
            number = re.sub(r"\s+", "", m.group(0))
            # the issuer as far as the pattern reaches may include words before it ("根据国办…")
            key = next((k for k in known if number.endswith(k)), None)
            number, issued = (key, known[key]) if key else (number, None)
            year = int(m.group("year"))
            if number in seen or not ((issued and issued > published) or year > published.year):
                continue
            seen.add(number)
            when = issued.isoformat() if issued else f"{year}年"
            yield rule.diagnostic(ctx.lang, place.location(*m.span()), expected=f"≤ {published.isoformat()}",
                                  found=when, number=number, issued=when, published=published.isoformat())


@kept_per_rule("date", "cited_after_published")
def _cited(rule: Rule) -> tuple[dict[str, dt.date], Scanner]:
    known = {re.sub(r"\s+", "", k): dt.date.fromisoformat(str(v)) for k, v in rule.params.get("documents", {}).items()}
    return known, scanner(lazyre.compile(rule.params["pattern"]))


# --------------------------------------------------------------------------- the report naming itself

def own_title_year(rule: Rule, report: Report, ctx) -> Iterator[Diagnostic]:
    """The report's opening names the report by a title of another year ("编制了《某镇2020年政府信息公开工作
    年度报告》" in the 2021 report): the opening, or the whole report, was carried over from that year's.
    Only the text before the first section is read, and a sentence that compares or tells of others' work
    (``not_in_sentence``) is not the report naming itself; said once, at the first such title."""
    year = report_year(report)
    if year is None:
        return
    pattern, excluded = _own_title(rule)
    for place in places(report, ctx):
        if place.name != PREAMBLE:
            continue
        for m in pattern.finditer(place.text):
            said = int(m["year"])
            lo, hi = sentence_span(place.text, m.start(), m.end())
            if said == year or (excluded is not None and excluded.search(place.text[lo:hi])):
                continue
            yield rule.diagnostic(ctx.lang, place.location(*m.span("title")), expected=year, found=said,
                                  year=year, said=said, title=m["title"])
            return


@kept_per_rule("date", "own_title_year")
def _own_title(rule: Rule) -> tuple[Scanner, re.Pattern | None]:
    excluded = rule.params.get("not_in_sentence")
    return scanner(lazyre.compile(rule.params["own_title"])), (lazyre.compile(excluded) if excluded else None)


CHECKS = {
    "cited_after_published": cited_after_published,
    "own_title_year": own_title_year,
    "late_publication": late_publication,
    "period_mismatch": period_mismatch,
    "signed_after_published": signed_after_published,
    "malformed": malformed,
}


evaluate = dispatch(CHECKS, "date")
