"""Rule documentation generated from the rules themselves (so it cannot drift): the page ``gklint explain``
prints for one rule, and docs/rules.md (``gklint rules --docs``)."""

from __future__ import annotations

from functools import lru_cache, partial

from gklint.core.diagnostic import RuleInfo


_HEADS = {"zh": ("检查什么", "为什么重要", "示例", "如何改正", "严重程度", "类型", "参数", "示例报告："),
          "en": ("What it checks", "Why it matters", "Example", "How to fix", "Severity", "Kind", "Parameters",
                 "Example report:")}


def render_rule_doc(rule, lang: str = "zh", verbose: bool = False) -> str:
    """A rule's page, built from the rule itself (so it cannot drift): used by `explain` and docs/rules.md.

    For users: title, severity, what / why / example / how to fix (in English, after the rule's English message;
    a rule of the user's own whose docs are in Chinese only has them in Chinese, and the page says so).
    ``verbose`` adds what rule writers need: the kind, the pack, the example's case name and its test, the
    parameters."""
    from gklint.rulecases import example_lines

    heads = _HEADS[lang]
    severity = {"error": "错误", "warning": "警告", "info": "提示"}[rule.severity] if lang == "zh" else rule.severity
    kind = f"    {heads[5]}: {rule.kind}    ({rule.pack})" if verbose else ""
    lines = [f"{rule.id} {rule.name}: {rule.text('title', lang)}", f"{heads[4]}: {severity}{kind}", ""]
    if lang == "en":
        lines += ["## Message", rule.text("message", "en"), ""]
        if any(lang not in texts for texts in rule.docs.values()):
            lines += ["The rule's documentation below is written in Chinese.", ""]
    for head, key in zip(heads[:4], ("what", "why", "example", "fix")):
        lines += [f"## {head}", rule.doc(key, lang), ""]
        if key == "example" and (case := example_lines(rule, lang, heads[7] if not verbose else None)):
            lines += [*case, ""]
    if verbose:
        lines += _param_lines(rule, lang, heads[6])
    return "\n".join(lines).rstrip() + "\n"


def _param_lines(rule, lang: str, head: str) -> list[str]:
    from gklint.engine.rules import describe_params

    params = describe_params(rule, lang)
    if not params:
        return []
    return [f"## {head}", *(f"- `{key}`: {value} — {what}" if what else f"- `{key}`: {value}"
                            for key, value, what in params), ""]


def rules_markdown(rules, lang: str = "zh") -> str:
    """docs/rules.md (docs/rules.en.md in English): an index, then each rule's page as ``explain`` prints it."""
    made = "`gklint rules --docs > docs/rules.md`" if lang == "zh" else "`gklint rules --docs --lang en > docs/rules.en.md`"
    out = ["# gklint rules", "", f"Generated from `rules/*.yaml` by {made}; a test keeps it in step.", "",
           "| id | severity | kind | title |", "|---|---|---|---|"]
    out += [f"| [{r.id}](#{r.id.lower()}) | {r.severity} | {r.kind} | {r.text('title', lang)} |" for r in rules]
    for rule in rules:
        page = render_rule_doc(rule, lang, verbose=True).split("\n")
        out += ["", f"## {rule.id}", "", f"**{page[0]}**", "", page[1], ""]
        out += [line.replace("## ", "### ", 1) if line.startswith("## ") else line for line in page[3:]]
    return "\n".join(out).rstrip() + "\n"


@lru_cache(maxsize=1024)
def rule_info(rule, lang: str = "zh") -> RuleInfo:
    """What outputs need of ``rule`` (its title in ``lang``, docs and page), as plain data (the page rendered
    when first read)."""
    return RuleInfo(id=rule.id, name=rule.name, kind=rule.kind, severity=rule.severity,
                    title=rule.text("title", lang), docs=rule.docs_in(lang), pack=rule.pack,
                    page=partial(render_rule_doc, rule, lang, True))
