"""The rules' documentation in English: every built-in rule has it, `explain`, `rules --docs` and the outputs that
show rule docs give it when asked (--lang en or GKLINT_LANG), Chinese stays only where it quotes the report or
names an official label, and a rule of the user's own with Chinese docs only still loads and shows them."""

import re
from functools import cache

import pytest
from typer.testing import CliRunner

from gklint import layouts
from gklint.cli import app
from gklint.engine.rules import find, load_rules, parse_rule
from gklint.ruledocs import render_rule_doc, rule_info

DOC_KEYS = ("what", "why", "example", "fix")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
FENCED = re.compile(r"```text\n.*?```", re.S)  # an example report's text
DOCUMENT_NUMBER = re.compile(r"[\u4e00-\u9fff]+〔\d{4}〕\d+号")  # how an official document is cited: 国办公开办函〔2021〕30号


def run(*args, env=None):
    return CliRunner().invoke(app, list(args), env=env)


@cache
def official_names() -> tuple[str, ...]:
    """Every official label of every layout: tables' rows and columns, sections, with their other names."""
    names: set[str] = set()
    for layout in layouts.layouts().values():
        for table in layout.tables.values():
            names.update(table.title for table in [table] if getattr(table, "title", None))
            for spec in (*table.rows, *table.columns):
                names.update(spec.names)
        for section in layout.sections:
            names.update((*section.names, section.heading, *section.keywords))
    return tuple(names)


def quoted_runs(text: str) -> set[str]:
    """The runs of Chinese characters ``text`` quotes: inside “…” or 《…》 (nested or not), `…`, a fenced block,
    or a document number."""
    runs = {run for block in FENCED.findall(text) + DOCUMENT_NUMBER.findall(text) for run in HAN.findall(block)}
    depth, kept = 0, []
    for char in FENCED.sub("", text):
        depth += (char in "“《") - (char in "”》" and depth > 0)
        kept.append(char if depth else " ")
    runs.update(HAN.findall("".join(kept)))
    return runs | {run for span in re.findall(r"`[^`\n]*`", text) for run in HAN.findall(span)}


def untranslated(english: str, chinese: str) -> list[str]:
    """The runs of Chinese characters in ``english`` that are neither part of an official label nor quoted from
    ``chinese`` (a quoted run must appear in it: a quote of the report or of an official term, not new Chinese)."""
    quoted = quoted_runs(english)
    return [run for run in HAN.findall(english)
            if not any(run in name for name in official_names()) and not (run in quoted and run in chinese)]


def test_every_built_in_rule_has_its_docs_in_chinese_and_english():
    for rule in load_rules():
        for key in DOC_KEYS:
            texts = rule.docs[key]
            assert set(texts) == {"zh", "en"}, f"{rule.id} docs.{key}: give zh and en"
            assert HAN.search(texts["zh"]) and len(texts["en"]) >= 8, f"{rule.id} docs.{key}"
            assert texts["en"] != texts["zh"]


@pytest.mark.parametrize("rule", load_rules(), ids=lambda r: r.id)
def test_the_english_page_has_chinese_only_in_quotes_and_official_labels(rule):
    """For every rule: each Chinese run of `explain --lang en` is an official label or is quoted, and then it is
    what the Chinese page says (no Chinese prose left untranslated, none made up)."""
    english, chinese = render_rule_doc(rule, "en"), render_rule_doc(rule, "zh")
    assert not untranslated(english, chinese), rule.id
    for key in DOC_KEYS:
        assert rule.docs[key]["en"] in english and rule.docs[key]["zh"] not in english


def test_the_check_catches_chinese_left_untranslated():
    """The property above is not vacuous: a Chinese sentence left in, or a quote the Chinese text lacks, is caught."""
    rule = find("T302", load_rules())
    chinese = render_rule_doc(rule, "zh")
    assert untranslated("Check the results row by row, 逐行核对 them.", chinese) == ["逐行核对"]
    assert untranslated("The text says “仔细检查”.", chinese) == ["仔细检查"]  # quoted, but not from the Chinese
    assert untranslated("The text says “重新合计” (add up again).", chinese) == []  # quoted from the Chinese
    assert untranslated("Table 3, “（七）总计” and 予以公开 (granted).", chinese) == []  # official labels
    assert untranslated("“甲“重新合计”乙”", chinese) == ["甲", "乙"]  # a nested quote: the outer one is new Chinese


@pytest.mark.parametrize("rule_id", ["T301", "D101", "N301", "S104"])
def test_explain_in_english(rule_id):
    rule = find(rule_id, load_rules())
    for env, args in ((None, ("--lang", "en")), ({"GKLINT_LANG": "en"}, ())):
        page = run("explain", rule_id, *args, env=env).stdout
        assert page.startswith(f"{rule_id} {rule.name}: {rule.title['en']}")
        assert [h for h in ("## What it checks", "## Why it matters", "## Example", "## How to fix") if h in page]
        assert all(rule.docs[key]["en"] in page for key in DOC_KEYS)
        assert "written in Chinese" not in page and "报告：" not in page and "填" not in page.split("## How")[0][-400:]


def test_rules_docs_in_english_is_docs_rules_en(tmp_path):
    page = run("rules", "--docs", "--lang", "en").stdout
    assert page == run("rules", "--docs", env={"GKLINT_LANG": "en"}).stdout
    assert "### What it checks" in page and "### 检查什么" not in page
    assert find("T301", load_rules()).docs["why"]["en"] in page


def test_rules_in_english_lists_english_titles():
    lines = run("rules", "--lang", "en").stdout.strip().split("\n")
    assert lines[0].split("\t")[2] == load_rules()[0].title["en"]


def test_rule_info_carries_the_docs_in_the_run_language():
    rule = find("C201", load_rules())
    assert rule_info(rule, "en").docs == {key: rule.docs[key]["en"] for key in DOC_KEYS}
    assert rule_info(rule, "zh").docs == {key: rule.docs[key]["zh"] for key in DOC_KEYS}


def test_a_users_rule_with_chinese_docs_only_loads_and_shows_them_in_english_pages(tmp_path):
    data = {"id": "X901", "name": "local", "kind": "identity", "severity": "error", "title": "本地规则",
            "message": "表三“{column}”列不平", "table": "三", "over": "columns", "left": ["new"], "right": ["total"],
            "docs": {"what": "本地检查。", "why": "本地要求。", "example": "示例。", "fix": "改正。"}}
    rule = parse_rule(data, "local.yaml")
    assert rule.doc("what", "en") == rule.doc("what", "zh") == "本地检查。"
    page = render_rule_doc(rule, "en")
    assert "The rule's documentation below is written in Chinese." in page and "本地要求。" in page
    mixed = parse_rule(data | {"docs": {**data["docs"], "what": {"zh": "本地检查。", "en": "A local check."}}},
                       "local.yaml")
    assert mixed.doc("what", "en") == "A local check." and mixed.doc("why", "en") == "本地要求。"
    assert "written in Chinese" in render_rule_doc(mixed, "en")  # the other parts are still Chinese


def test_docs_given_per_language_must_have_chinese():
    from gklint.engine.rules import RuleError

    data = {"id": "X902", "name": "local", "kind": "identity", "severity": "error", "title": "t", "message": "m",
            "table": "三", "over": "columns", "left": ["new"], "right": ["total"],
            "docs": {"what": {"en": "English only."}, "why": "b", "example": "c", "fix": "d"}}
    with pytest.raises(RuleError, match="docs.what"):
        parse_rule(data, "local.yaml")


def test_the_review_page_and_word_comments_give_the_rule_docs_in_english():
    from gklint.core.diagnostic import Diagnostic, Location
    from gklint.output.annotate_docx import comment_text

    rule = find("T302", load_rules())
    d = rule.diagnostic("en", Location(table="三", column="总计"), expected=28, found=27, difference=1, column="总计")
    comment = comment_text(d, "en", rule_info(rule, "en"))
    first = rule.docs["fix"]["en"].split(". ")[0]
    assert f"how to fix: {first}" in comment and "如何改正" not in comment
    assert "如何改正：" + rule.docs["fix"]["zh"].split("。")[0] in comment_text(d, "zh", rule_info(rule, "zh"))


def test_the_example_report_is_described_in_english():
    """The example case on an English page: the report and its edits in English (labels quoted as written),
    and which finding the rule reports (its message in the case is Chinese, so not quoted)."""
    from gklint.rulecases import example_lines

    rule = find("T301", load_rules())
    lines = example_lines(rule, "en", "Example report:")
    assert "- a report in the 2021 layout for 2021, every table cell 0" in lines
    assert "- table 3, “（七）总计” / “自然人”: 9" in lines
    assert lines[-1] == "- T301 reports 1 finding at table 3 · 自然人, expected 12, found 11"
    assert example_lines(rule, "zh", "示例报告：")[-1].startswith("- T301 报告：表三“自然人”列")
