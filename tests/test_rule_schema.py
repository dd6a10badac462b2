"""Rule parameters are checked when the packs load: a copy of the rule packs with one field spoilt stops
loading with a message naming the pack, the rule and the field; ``gklint rules --check`` says so with exit
2; packs of one's own are added to a run with ``--rules`` or the configuration."""

from __future__ import annotations

import importlib
import json
import re
import shutil

import pytest
import yaml
from hypothesis import given, settings, strategies as st
from typer.testing import CliRunner

from gklint.cli import app
from gklint.ruledocs import render_rule_doc
from gklint.engine import tables
from gklint.engine.kinds import KINDS
from gklint.engine.params import placeholders
from gklint.engine.rules import RuleError, load_rules, parse_rule, rules_dir

from conftest import FIXTURES

runner = CliRunner()


def cli(*args):
    return runner.invoke(app, [str(a) for a in args])


def copy_packs(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(rules_dir(), folder)
    return folder


def spoil(folder, pick, change):
    """Change one field of the first rule ``pick`` accepts (in a copy of the packs); return (pack, rule id)."""
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for rule in data["rules"]:
            if pick(rule):
                change(rule)
                path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
                return path.name, rule["id"]
    raise AssertionError("no rule to spoil")


def _typo_selector(rule):
    rule["left"] = [rule["left"][0] + "_typo"] + rule["left"][1:]


def _misspell_key(rule):
    key = next(k for k in rule if k not in ("id", "name", "kind", "severity", "title", "message", "docs", "check"))
    rule[key + "_typo"] = rule.pop(key)


def _bad_regex(rule):
    rule["pattern"] = "(" + rule["pattern"]


def _unknown_placeholder(rule):
    rule["message"]["zh"] += "{nonesuch}"


SPOILS = {
    # name: (which rule, how it is spoilt, the field the message must name)
    "selector typo": (lambda r: r["kind"] == "identity", _typo_selector, "left"),
    "unknown parameter": (lambda r: r["kind"] == "date", _misspell_key, None),
    "bad regex": (lambda r: "pattern" in r, _bad_regex, "pattern"),
    "unknown placeholder": (lambda r: isinstance(r["message"], dict), _unknown_placeholder, "message.zh"),
    "unknown check": (lambda r: r["kind"] == "prose", lambda r: r.update(check=r["check"] + "_typo"), "check"),
    "regex without its group": (lambda r: r.get("check") == "promised_parts",
                                lambda r: r.update(pattern=r["pattern"].replace("(?P<n>", "(")), "pattern"),
    "style without its group": (lambda r: r.get("check") == "enumeration",
                                lambda r: r["styles"][0].update(pattern=r["styles"][0]["pattern"].replace("(?P<n>", "(")),
                                "styles[0].pattern"),
    "section of no layout": (lambda r: "sections" in r, lambda r: r.update(sections=[r["sections"][0] + "_typo"]),
                             "sections"),
    "parameter a check needs": (lambda r: r.get("check") == "phrases", lambda r: r.pop("patterns"), "patterns"),
    "cell of no layout": (lambda r: r["kind"] == "series" and "left" in r,
                          lambda r: r.update(left=[r["left"][0].replace(".", ".x", 1)]), "left"),
}


@pytest.mark.parametrize("name", SPOILS)
def test_a_spoilt_field_stops_loading_naming_pack_rule_and_field(tmp_path, name):
    pick, change, field = SPOILS[name]
    folder = copy_packs(tmp_path)
    before = {p.name: yaml.safe_load(p.read_text("utf-8")) for p in folder.glob("*.yaml")}
    pack, rule_id = spoil(folder, pick, change)
    if field is None:  # the misspelt key: whichever came first
        after = yaml.safe_load((folder / pack).read_text("utf-8"))
        rule = next(r for r in after["rules"] if r["id"] == rule_id)
        old = next(r for r in before[pack]["rules"] if r["id"] == rule_id)
        [field] = set(rule) - set(old)
    with pytest.raises(RuleError) as caught:
        load_rules(str(folder))
    message = str(caught.value)
    assert message.startswith(f"{pack}: 规则 {rule_id}: {field}:"), message
    result = cli("rules", "--check", folder)
    assert result.exit_code == 2
    assert message in result.stderr  # the spoilt field, not the copy's ids (the folder is checked by itself first)
    assert "Traceback" not in result.stderr + result.stdout


def test_the_pristine_packs_pass_the_check():
    result = cli("rules", "--check", rules_dir())
    assert result.exit_code == 0, result.stderr
    assert str(len(load_rules())) in result.stdout and "通过" in result.stdout


def test_a_folder_that_is_not_rule_packs_exits_2(tmp_path):
    for folder in (tmp_path / "absent", tmp_path):
        result = cli("rules", "--check", folder)
        assert result.exit_code == 2 and str(folder) in result.stderr
        assert "Traceback" not in result.stderr


def test_every_rule_of_the_packs_accepts_test_cases(tmp_path):
    folder = copy_packs(tmp_path)
    for path in folder.glob("*.yaml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        for rule in data["rules"]:
            rule["cases"] = [{"fires": True, "anything": ["goes", 1]}]
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    loaded = load_rules(str(folder))
    assert [r.id for r in loaded] == [r.id for r in load_rules()]
    assert all(r.params["cases"] for r in loaded)


def test_a_title_fills_no_placeholder(tmp_path):
    folder = copy_packs(tmp_path)
    pack, rule_id = spoil(folder, lambda r: isinstance(r["title"], dict),
                          lambda r: r["title"].update(zh=r["title"]["zh"] + "{year}"))
    with pytest.raises(RuleError, match=f"^{pack}: 规则 {rule_id}: title.zh:"):
        load_rules(str(folder))


def test_the_kinds_table_matches_the_evaluators():
    """The check names the table declares are those the evaluator modules run."""
    for kind in KINDS.values():
        if kind.variant != "check":
            continue
        module = importlib.import_module(kind.module)
        runs = tables.CELL_CHECKS if kind.name == "cell" else getattr(module, "CHECKS", None) or module._CHECKS
        assert set(kind.checks) == set(runs), kind.name


def test_the_shipped_messages_use_only_what_their_kind_fills():
    for rule in load_rules():
        allowed = KINDS[rule.kind].placeholders(rule.params)
        for text in rule.message.values():
            assert placeholders(text) <= allowed, rule.id


@pytest.mark.parametrize("kind", KINDS.values(), ids=lambda k: k.name)
def test_every_parameter_is_described_in_both_languages(kind):
    for key, info in kind.params.model_fields.items():
        assert info.description and info.json_schema_extra and info.json_schema_extra.get("zh"), (kind.name, key)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_rules_verbose_page_lists_its_parameters(lang):
    for rule in load_rules():
        page = render_rule_doc(rule, lang, verbose=True)
        keys = [k for k in rule.params if k != "cases"]
        if keys:
            section = page.split("## 参数" if lang == "zh" else "## Parameters")[1]
            for key in keys:
                assert f"`{key}`" in section, (rule.id, key)


def test_parse_rule_checks_one_rule_against_the_layouts():
    base = {"id": "X1", "name": "x", "kind": "identity", "severity": "error", "title": "t", "message": "{column}",
            "docs": {"what": "a", "why": "b", "example": "c", "fix": "d"},
            "table": "三", "over": "rows", "left": ["natural"], "right": ["total"]}
    assert parse_rule(base, "p.yaml").params["left"] == ["natural"]
    for broken, field in (({"anchor": "nowhere"}, "anchor"), ({"table": "九"}, "table"),
                          ({"rows": ["role:nothing"]}, "rows"), ({"over": "diagonal"}, "over"),
                          ({"layouts": ["1999"]}, "layouts"), ({"message": "{nonesuch}"}, "message.zh")):
        with pytest.raises(RuleError, match=rf"^p\.yaml: 规则 X1: {re.escape(field)}:"):
            parse_rule(base | broken, "p.yaml")


# --------------------------------------------------------------------------- packs of one's own

def own_pack(folder, phrase: str, rule_id: str = "U901"):
    folder.mkdir(exist_ok=True)
    rule = {"id": rule_id, "name": "local-phrase", "kind": "prose", "check": "phrases", "severity": "info",
            "patterns": [re.escape(phrase)],
            "title": {"zh": "本地用语", "en": "A local phrase"},
            "message": {"zh": "正文写有“{phrase}”。", "en": "The text says “{phrase}”."},
            "docs": {"what": "本地规则。", "why": "本地要求。", "example": "示例。", "fix": "改正。"}}
    (folder / "local.yaml").write_text(yaml.safe_dump({"rules": [rule]}, allow_unicode=True), "utf-8")
    return folder


def a_phrase(path) -> str:
    """Six Chinese characters from the report's own text (after its first section heading)."""
    text = path.read_text("utf-8")
    return re.search(r"[\u4e00-\u9fa5]{6}", text[text.index("总体情况") + 4:]).group()


def local_findings(result):
    return [d for f in json.loads(result.stdout)["files"] for d in f["diagnostics"] if d["rule"] == "U901"]


def test_rules_adds_a_pack_of_ones_own_that_fires(tmp_path):
    report = FIXTURES / "huangyuan-2021.txt"
    phrase = a_phrase(report)
    mine = own_pack(tmp_path / "mine", phrase)
    assert cli("rules", "--check", mine).exit_code == 0
    without = cli("check", report, "--format", "json", "--exit-zero")
    assert without.exit_code == 0 and local_findings(without) == []
    result = cli("check", report, "--format", "json", "--exit-zero", "--rules", mine)
    assert result.exit_code == 0, result.stderr
    [found] = local_findings(result)
    assert phrase in found["message"] and found["severity"] == "info"
    page = cli("explain", "U901", "--rules", mine, "--verbose")
    assert page.exit_code == 0 and "`patterns`" in page.stdout
    only = cli("check", report, "--format", "json", "--exit-zero", "--rules", mine, "--select", "U9")
    assert {d["rule"] for f in json.loads(only.stdout)["files"] for d in f["diagnostics"]} == {"U901"}


def test_the_configuration_adds_packs_relative_to_itself(tmp_path):
    report = tmp_path / "reports" / "a.txt"
    report.parent.mkdir()
    shutil.copy(FIXTURES / "huangyuan-2021.txt", report)
    own_pack(tmp_path / "mine", a_phrase(report))
    (tmp_path / "gklint.toml").write_text('rules = ["mine"]\n', "utf-8")
    result = cli("check", report, "--format", "json", "--exit-zero")
    assert result.exit_code == 0, result.stderr
    assert len(local_findings(result)) == 1


def test_a_pack_of_ones_own_cannot_redefine_a_rule(tmp_path):
    taken = load_rules()[0].id
    mine = own_pack(tmp_path / "mine", "某某", rule_id=taken)
    for args in (("rules", "--check", mine), ("check", FIXTURES / "huangyuan-2021.txt", "--rules", mine)):
        result = cli(*args)
        assert result.exit_code == 2 and taken in result.stderr and "local.yaml" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_broken_pack_in_the_configuration_is_an_error_of_it(tmp_path):
    mine = own_pack(tmp_path / "mine", "某某")
    data = yaml.safe_load((mine / "local.yaml").read_text("utf-8"))
    data["rules"][0]["patterns"] = ["(unclosed"]
    (mine / "local.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    (tmp_path / "gklint.toml").write_text('rules = ["mine"]\n', "utf-8")
    report = tmp_path / "a.txt"
    shutil.copy(FIXTURES / "huangyuan-2021.txt", report)
    result = cli("check", report)
    assert result.exit_code == 2
    assert "gklint.toml" in result.stderr and "U901" in result.stderr and "patterns" in result.stderr


# --------------------------------------------------------------------------- any rule, any slip

RULES = load_rules()
NAME = st.from_regex(r"[a-z][a-z_]{2,14}", fullmatch=True)


def as_data(rule) -> dict:
    """The rule as its pack writes it."""
    return {"id": rule.id, "name": rule.name, "kind": rule.kind, "severity": rule.severity, "title": rule.title,
            "message": rule.message, "docs": rule.docs, "layouts": list(rule.layouts), **rule.params}


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(RULES), NAME)
def test_any_unknown_key_of_any_rule_is_named(rule, key):
    assert parse_rule(as_data(rule), rule.pack).params == rule.params  # as loaded, it loads
    known = set(KINDS[rule.kind].params.model_fields) | {"id", "name", "kind", "severity", "title", "message",
                                                         "docs", "layouts"}
    if key in known:
        return
    with pytest.raises(RuleError, match=rf"^{re.escape(rule.pack)}: 规则 {rule.id}: {key}:"):
        parse_rule(as_data(rule) | {key: 1}, rule.pack)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(RULES), NAME, st.sampled_from(["zh", "en"]))
def test_any_placeholder_its_check_does_not_fill_is_named(rule, name, lang):
    if name in KINDS[rule.kind].placeholders(rule.params):
        return
    data = as_data(rule)
    data["message"] = dict(rule.message) | {lang: rule.message.get(lang, "") + "{" + name + "}"}
    with pytest.raises(RuleError, match=rf"^{re.escape(rule.pack)}: 规则 {rule.id}: message\.{lang}: .*\{{{name}\}}"):
        parse_rule(data, rule.pack)
