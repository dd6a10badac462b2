"""``--format sarif``: SARIF 2.1.0 (OASIS), for code-scanning tools (GitHub code scanning, IDE viewers).

One run; ``tool.driver.rules`` holds every rule the findings name (``FileResult.rules``) with its title, what it checks, and its
whole page (what, why, example, fix) as help; each finding is a result with the rule's index, its
level (info → ``note``), the message, the file, its line when known (text and HTML lines, Word
paragraphs), and a logical location naming the table cell or section in the report's own words. The
expected and found values and the parts summed are kept in the result's property bag. A file that
could not be read is a tool execution notification (and the invocation did not succeed).
"""

from __future__ import annotations

import json

from gklint.core.diagnostic import Diagnostic, Result, RuleInfo
from gklint.output.common import line_of, uri

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _descriptor(rule: RuleInfo) -> dict:
    return {"id": rule.id, "name": rule.name,
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": rule.docs["what"]},
            "help": {"text": rule.page, "markdown": rule.page},
            "defaultConfiguration": {"level": LEVEL[rule.severity]},
            "properties": {"kind": rule.kind, "pack": rule.pack}}


def _logical(d: Diagnostic) -> list[dict]:
    loc = d.location
    if loc.table:
        name = "/".join(x for x in (f"表{loc.table}", loc.row, loc.column) if x)
        return [{"name": name, "kind": "table cell" if loc.row and loc.column else "table"}]
    if loc.section:
        return [{"name": loc.section, "kind": "section"}]
    return []


def _result(d: Diagnostic, path: str, index: dict[str, int]) -> dict:
    physical: dict = {"artifactLocation": {"uri": uri(path)}}
    region: dict = {}
    if (line := line_of(d)) is not None:
        region["startLine"] = line
    if d.location.quote:
        region["snippet"] = {"text": d.location.quote}
    if region:
        physical["region"] = region
    location: dict = {"physicalLocation": physical}
    if logical := _logical(d):
        location["logicalLocations"] = logical
    out = {"ruleId": d.rule, "level": LEVEL[d.severity], "message": {"text": d.message}, "locations": [location],
           "properties": {"severity": d.severity, "title": d.title, "location": d.location.to_dict(),
                          "expected": d.expected, "found": d.found, "parts": [p.to_dict() for p in d.parts]}}
    if d.rule in index:
        out["ruleIndex"] = index[d.rule]
    return out


def log(result: Result, lang: str = "zh") -> dict:
    from gklint import __version__

    named = {r.id: r for f in result.files for r in f.rules.values()}  # the rules of the findings
    rules = [named[k] for k in sorted(named)]
    index = {r.id: i for i, r in enumerate(rules)}
    results = [_result(d, f.path, index) for f in result.files for d in f.diagnostics]
    notifications = [{"level": "error", "message": {"text": f.error},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(f.path)}}}]}
                     for f in result.unreadable]
    run = {"tool": {"driver": {"name": "gklint", "version": __version__, "semanticVersion": __version__,
                               "rules": [_descriptor(r) for r in rules]}},
           "invocations": [{"executionSuccessful": not notifications,
                            "toolExecutionNotifications": notifications}],
           "artifacts": [{"location": {"uri": uri(f.path)}} for f in result.files],
           "results": results}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(result: Result, lang: str = "zh") -> str:
    from gklint.core.display import json_safe

    return json_safe(json.dumps(log(result, lang), ensure_ascii=False, indent=2, default=str))
