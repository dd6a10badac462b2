"""Build small Reports by hand for rule tests, and run one rule on them."""

from __future__ import annotations

import datetime as dt
import re

from gklint import layouts
from gklint.core.diagnostic import Diagnostic
from gklint.engine.kinds import Context, evaluator
from gklint.engine.rules import find, load_rules
from gklint.layouts import normalise
from gklint.core.model import Metadata, Report, Section

_NUMBERED = re.compile(r"^\s*([一二三四五六七八九十]{1,2})\s*[、.．]\s*(.*)$")

FILLER = {
    "overview": "本年度，本机关认真贯彻落实政府信息公开条例，扎实推进政务公开工作。",
    "proactive": "本年度主动公开政府信息情况见下表。",
    "requests": "本年度收到和处理政府信息公开申请情况见下表。",
    "appeals": "本年度政府信息公开行政复议、行政诉讼情况见下表。",
    "problems": "存在的主要问题是政策解读形式不够丰富。下一步将丰富解读形式。",
    "other": "本年度未收取信息处理费。",
}


def section(heading: str, text: str = "", layout: str = "2021") -> Section:
    """A Section as recognition would give it: number and layout id read from the heading."""
    m = _NUMBERED.match(heading)
    number, rest = (m.group(1), m.group(2)) if m else (None, heading)
    sid = None
    for spec in layouts.get(layout).sections:
        if any(normalise(rest).startswith(normalise(name)) for name in spec.names):
            sid = spec.id
            break
    return Section(heading=heading, text=text or FILLER.get(sid or "", "本部分内容。"), number=number, id=sid)


def official(layout: str = "2021", **texts: str) -> list[Section]:
    """The six official sections, with filler text unless given by id (overview="…")."""
    return [section(spec.heading, texts.get(spec.id, ""), layout) for spec in layouts.get(layout).sections]


def report(sections: list[Section] | None = None, *, layout: str = "2021", year: int | None = 2021,
           title: str | None = None, agency: str | None = None, published: dt.date | None = None,
           signed: dt.date | None = None, preamble: str = "", notes=(), tables=None) -> Report:
    if title is None and year is not None:
        title = f"某市教育局{year}年政府信息公开工作年度报告"
    meta = Metadata(title=title, agency=agency, year=year, published=published, signed=signed)
    return Report(layout=layout, meta=meta, sections=official(layout) if sections is None else sections,
                  tables=dict(tables or {}), preamble=preamble or (title or ""), notes=list(notes))


def run(rule_id: str, rep: Report, settings: dict | None = None, lang: str = "zh") -> list[Diagnostic]:
    rule = find(rule_id)
    assert rule is not None, f"no rule {rule_id}"
    ctx = Context(lang=lang, layout=layouts.get(rep.layout), rules=load_rules(), settings=settings or {})
    return list(evaluator(rule.kind)(rule, rep, ctx))
