"""``--format sarif``: SARIF 2.1.0 (OASIS), for code-scanning tools (GitHub code scanning, IDE viewers).

One run; ``tool.driver.rules`` holds every rule the findings name (``FileResult.rules``) with its title, what it checks, and its
whole page (what, why, example, fix) as help; each finding is a result with the rule's index, its
level (info → ``note``), the message, the file, its line when known (a text file's line, an HTML
page's source line; a Word paragraph number is in the location's property bag, a Word file having no
lines), the quoted sentence (the region's snippet when there is a line), and a logical location naming the table cell or
section in the report's own words. A sentence that disagrees with a table (narrative rules) is the
result's location and the cells it was compared with are its ``relatedLocations``, each with its own
place (``gklint.output.places``). The
expected and found values and the parts summed are kept in the result's property bag. A file that
could not be read is a tool execution notification (and the invocation did not succeed).
"""

from __future__ import annotations

import json

from gklint.core.diagnostic import Diagnostic, FileResult, Result, RuleInfo
from gklint.output import places
from gklint.output.common import uri

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _descriptor(rule: RuleInfo) -> dict:
    return {"id": rule.id, "name": rule.name,
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": rule.docs["what"]},
            "help": {"text": rule.page, "markdown": rule.page},
            "defaultConfiguration": {"level": LEVEL[rule.severity]},
            "properties": {"kind": rule.kind, "pack": rule.pack}}


def _logical(place: places.Place) -> list[dict]:
    loc = place.location
    if place.kind != "text" and loc.table:
        name = "/".join(x for x in (f"表{loc.table}", loc.row, loc.column) if x)
        return [{"name": name, "kind": "table cell" if loc.row and loc.column else "table"}]
    if loc.section:
        return [{"name": loc.section, "kind": "section"}]
    return []


def _location(place: places.Place, path: str, lang: str) -> dict:
    """A SARIF location for one place: the file, the line when it has one (a text file's line, an HTML
    page's source line) with the quote as the region's snippet; the place in words as its message and,
    in its property bag, the position in the file as gklint gives it (``paragraph`` for Word) and the
    quote."""
    loc = place.location
    physical: dict = {"artifactLocation": {"uri": uri(path)}}
    region: dict = {}
    src = loc.source
    if src is not None and (line := src.line or src.markup_line):
        region["startLine"] = line
        if loc.quote:
            region["snippet"] = {"text": loc.quote}
    if region:  # a region needs a line (or an offset): a Word file has none, its quote is a property
        physical["region"] = region
    out: dict = {"physicalLocation": physical}
    if logical := _logical(place):
        out["logicalLocations"] = logical
    if text := place.describe(lang):
        out["message"] = {"text": text}
    bag: dict = {}
    if src is not None and (where := src.to_dict()):
        bag["source"] = where
    if loc.quote:
        bag["quote"] = loc.quote
    if bag:
        out["properties"] = bag
    return out


def _result(d: Diagnostic, path: str, index: dict[str, int], lang: str = "zh") -> dict:
    first, *others = places.places(d)
    out = {"ruleId": d.rule, "level": LEVEL[d.severity], "message": {"text": d.message},
           "locations": [_location(first, path, lang)],
           "properties": {"severity": d.severity, "title": d.title, "location": d.location.to_dict(),
                          "expected": d.expected, "found": d.found, "parts": [p.to_dict() for p in d.parts],
                          "related": [r.to_dict() for r in d.related]}}
    if others:  # a sentence compared with table cells: each cell with its own place
        out["relatedLocations"] = [_location(p, path, lang) | {"id": k} for k, p in enumerate(others, start=1)]
    if d.rule in index:
        out["ruleIndex"] = index[d.rule]
    return out


def _in_part(out: dict, f: FileResult, lang: str) -> dict:
    """A finding of a file holding several reports: its message names the report, its properties its number
    and title (the artifact stays the file)."""
    if f.part:
        out["message"]["text"] = f"{f.tag(lang).strip()} {out['message']['text']}"
        out["properties"] |= {"part": f.part, "partTitle": f.part_title}
    return out


def log(result: Result, lang: str = "zh") -> dict:
    from gklint import __version__

    named = {r.id: r for f in result.files for r in f.rules.values()}  # the rules of the findings
    rules = [named[k] for k in sorted(named)]
    index = {r.id: i for i, r in enumerate(rules)}
    results = [_in_part(_result(d, f.path, index, lang), f, lang) for f in result.files for d in f.diagnostics]
    notifications = [{"level": "error", "message": {"text": f.error},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(f.path)}}}]}
                     for f in result.unreadable]
    run = {"tool": {"driver": {"name": "gklint", "version": __version__, "semanticVersion": __version__,
                               "rules": [_descriptor(r) for r in rules]}},
           "invocations": [{"executionSuccessful": not notifications,
                            "toolExecutionNotifications": notifications}],
           "artifacts": [{"location": {"uri": uri(path)}} for path in dict.fromkeys(f.path for f in result.files)],
           "results": results}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(result: Result, lang: str = "zh") -> str:
    from gklint.core.display import json_safe

    return json_safe(json.dumps(log(result, lang), ensure_ascii=False, indent=2, default=str))
