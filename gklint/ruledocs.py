"""Rule documentation generated from the rules themselves (so it cannot drift): the page ``gklint explain``
prints for one rule, and docs/rules.md (``gklint rules --docs``)."""

from __future__ import annotations

from functools import lru_cache, partial

from gklint.core.diagnostic import RuleInfo


def render_rule_doc(rule, lang: str = "zh") -> str:
    """A rule's page, built from the rule itself (so it cannot drift): used by `explain` and docs/rules.md."""
    heads = {"zh": ("检查什么", "为什么重要", "示例", "如何改正", "严重程度", "类型"),
             "en": ("What it checks", "Why it matters", "Example", "How to fix", "Severity", "Kind")}[lang]
    from gklint.engine.rules import describe_params
    from gklint.rulecases import example_lines

    severity = {"error": "错误", "warning": "警告", "info": "提示"}[rule.severity] if lang == "zh" else rule.severity
    lines = [f"{rule.id} {rule.name}: {rule.text('title', lang)}",
             f"{heads[4]}: {severity}    {heads[5]}: {rule.kind}    ({rule.pack})", ""]
    for head, key in zip(heads[:4], ("what", "why", "example", "fix")):
        lines += [f"## {head}", rule.docs[key], ""]
        if key == "example" and (case := example_lines(rule, lang)):
            lines += [*case, ""]
    params = describe_params(rule, lang)
    if params:
        lines += ["## 参数" if lang == "zh" else "## Parameters"]
        lines += [f"- `{key}`: {value} — {what}" if what else f"- `{key}`: {value}" for key, value, what in params]
        lines += [""]
    return "\n".join(lines).rstrip() + "\n"


def rules_markdown(rules, lang: str = "zh") -> str:
    """docs/rules.md: an index, then each rule's page as ``explain`` prints it."""
    out = ["# gklint rules", "",
           "Generated from `rules/*.yaml` by `gklint rules --docs > docs/rules.md`; a test keeps it in step.", "",
           "| id | severity | kind | title |", "|---|---|---|---|"]
    out += [f"| [{r.id}](#{r.id.lower()}) | {r.severity} | {r.kind} | {r.text('title', lang)} |" for r in rules]
    for rule in rules:
        page = render_rule_doc(rule, lang).split("\n")
        out += ["", f"## {rule.id}", "", f"**{page[0]}**", "", page[1], ""]
        out += [line.replace("## ", "### ", 1) if line.startswith("## ") else line for line in page[3:]]
    return "\n".join(out).rstrip() + "\n"


@lru_cache(maxsize=1024)
def rule_info(rule, lang: str = "zh") -> RuleInfo:
    """What outputs need of ``rule`` (its title in ``lang``, docs and page), as plain data (the page rendered
    when first read)."""
    return RuleInfo(id=rule.id, name=rule.name, kind=rule.kind, severity=rule.severity,
                    title=rule.text("title", lang), docs=dict(rule.docs), pack=rule.pack,
                    page=partial(render_rule_doc, rule, lang))
