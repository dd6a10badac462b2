"""Rule packs: YAML files in the top-level ``rules/`` folder, loaded into typed ``Rule`` objects.

A rule is data: id, kind, severity, title, message templates and docs, plus parameters that
its kind's evaluator reads. Nothing in a rule is ever evaluated as code; message templates are
filled with named values by ``gklint.core.template.fill``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from gklint.core.diagnostic import SEVERITIES
from gklint.layouts import SAFE_LOADER
from gklint.core.numbers import show_number
from gklint.core.template import choose, fill, json_values

DOC_KEYS = ("what", "why", "example", "fix")
KINDS = ("identity", "cell", "recognition", "narrative", "structure", "date", "prose", "layout", "series")


class RuleError(ValueError):
    """A rule pack is malformed: names the file and the rule."""


@dataclass(frozen=True, eq=False)  # identity semantics: rules are loaded once and cached by identity
class Rule:
    id: str
    name: str
    kind: str
    severity: str
    title: dict[str, str]
    message: dict[str, str]
    docs: dict[str, str]
    params: dict = field(default_factory=dict)
    layouts: tuple[str, ...] = ()  # empty: every layout
    pack: str = ""

    def applies_to(self, layout: str | None) -> bool:
        return not self.layouts or layout in self.layouts

    def text(self, field_name: str, lang: str) -> str:
        return choose(getattr(self, field_name), lang)

    def diagnostic(self, lang: str, location=None, *, expected=None, found=None, parts=(), severity=None,
                   values: dict | None = None, template: str = "message", **more):
        """A Diagnostic of this rule: its id, severity (unless a lower one is given) and title, and the
        message filled with ``expected``, ``found`` and the named ``values`` (which may override how those
        two are shown)."""
        from gklint.core.diagnostic import Diagnostic, Location

        shown = json_values({"expected": show_number(expected), "found": show_number(found)} | (values or {}) | more)
        return Diagnostic(rule=self.id, severity=severity or self.severity, title=self.text("title", lang),
                          message=self.render(lang, template, **shown), location=location or Location(),
                          expected=expected, found=found, parts=list(parts), values=shown, template=template)

    def render(self, lang: str = "zh", template: str = "message", **values) -> str:
        """The message (or another template the rule declares, such as ``message_row``) with its named
        values filled in; unknown names stay as written."""
        texts = self.message if template == "message" else _texts(self.params[template], self.id, template)
        return fill(choose(texts, lang), values, lang)


def rules_dir() -> Path:
    """The rule packs: inside the installed package, or the repository's top-level rules/."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir() and any(candidate.glob("*.yaml")):
            return candidate
    raise RuleError(f"no rule packs found beside {here}")


def _texts(value, where: str, key: str) -> dict[str, str]:
    if isinstance(value, str):
        return {"zh": value}
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()) and "zh" in value:
        return dict(value)
    raise RuleError(f"{where}: '{key}' must be text or a mapping with at least 'zh'")


def parse_rule(data: dict, pack: str) -> Rule:
    where = f"{pack}: rule {data.get('id', '?')}"
    for key in ("id", "name", "kind", "severity", "title", "message", "docs"):
        if key not in data:
            raise RuleError(f"{where}: missing '{key}'")
    if data["kind"] not in KINDS:
        raise RuleError(f"{where}: unknown kind {data['kind']!r} (known: {', '.join(KINDS)})")
    if data["severity"] not in SEVERITIES:
        raise RuleError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
    docs = _texts(data["docs"], where, "docs") if isinstance(data["docs"], str) else data["docs"]
    missing = [k for k in DOC_KEYS if not docs.get(k)]
    if missing:
        raise RuleError(f"{where}: docs lack {', '.join(missing)}")
    common = {"id", "name", "kind", "severity", "title", "message", "docs", "layouts"}
    return Rule(
        id=str(data["id"]), name=str(data["name"]), kind=data["kind"], severity=data["severity"],
        title=_texts(data["title"], where, "title"), message=_texts(data["message"], where, "message"),
        docs={k: str(v).strip() for k, v in docs.items()},
        params={k: v for k, v in data.items() if k not in common},
        layouts=tuple(str(v) for v in data.get("layouts", ())), pack=pack)


def load_pack(path: Path) -> list[Rule]:
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise RuleError(f"{path.name}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleError(f"{path.name}: expected a mapping with a 'rules' list")
    return [parse_rule(item, path.name) for item in data["rules"]]


@cache
def load_rules(directory: str | None = None) -> tuple[Rule, ...]:
    """Every rule of every pack, sorted by id; ids are unique."""
    folder = Path(directory) if directory else rules_dir()
    rules: dict[str, Rule] = {}
    for path in sorted(folder.glob("*.yaml")):
        for rule in load_pack(path):
            if rule.id in rules:
                raise RuleError(f"{path.name}: rule id {rule.id} is already used in {rules[rule.id].pack}")
            rules[rule.id] = rule
    return tuple(sorted(rules.values(), key=lambda r: r.id))


def select(rules: tuple[Rule, ...], select: list[str] | None = None,
           ignore: list[str] | None = None) -> tuple[Rule, ...]:
    """ruff-style selection: ids or id prefixes ("T3" selects T301, T302…); ignore wins."""
    def hit(rule: Rule, patterns: list[str]) -> bool:
        return any(rule.id == p or rule.id.startswith(p) or rule.name == p for p in patterns)

    chosen = [r for r in rules if not select or hit(r, select)]
    return tuple(r for r in chosen if not ignore or not hit(r, ignore))


def find(rule_id: str, rules: tuple[Rule, ...] | None = None) -> Rule | None:
    for rule in rules or load_rules():
        if rule.id == rule_id.upper() or rule.name == rule_id:
            return rule
    return None
