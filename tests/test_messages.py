"""Findings keep their values: the template arguments, the template, and the table cells they show.

A JSON user gets the values a message was filled with, and ``gklint.engine.messages`` renders the
message again in the other language from the rule and those values: the same text ``--lang`` prints.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import gklint
from gklint.cli import app
from gklint.core.diagnostic import Diagnostic
from gklint.engine.messages import message_in, translated
from gklint.engine.rules import load_rules

from conftest import FIXTURES, ROOT

runner = CliRunner()
HUANGYUAN = FIXTURES / "huangyuan-2021.txt"
CORPUS = ROOT / "tests" / "corpus"
TABLES = CORPUS / "lyy-2025.txt"  # a table identity fails (T303)
# findings of every per-report kind, table identities (one read uncertainly: T401's note), and agencies'
# consecutive years (the series rules Y102, Y103, Y104)
FILES = [HUANGYUAN, FIXTURES / "pingtan-2021.html",
         *(CORPUS / f"{name}.txt" for name in ("hzs-2023", "hzs-2024", "lyy-2023", "lyy-2024", "lyy-2025",
                                                "scj-2023", "scj-2024"))]


def _json(*args) -> dict:
    result = runner.invoke(app, ["check", *map(str, args), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def both():
    return (gklint.check_many(FILES, lang="zh", isolate=False), gklint.check_many(FILES, lang="en", isolate=False))


def test_the_files_give_findings_of_many_rules(both):
    zh, _ = both
    rules = {d.rule[0] for d in zh.diagnostics}
    assert len(zh.diagnostics) > 20 and {"T", "N", "S", "P", "Y"} <= rules
    assert any("appended" in d.values for d in zh.diagnostics)  # a note after the message


def test_every_message_renders_again_in_the_other_language(both):
    zh, en = both
    for fz, fe in zip(zh.files, en.files):
        assert [d.rule for d in fz.diagnostics] == [d.rule for d in fe.diagnostics]
        for a, b in zip(fz.diagnostics, fe.diagnostics):
            assert message_in(a, "en") == b.message.strip(), a.rule
            assert message_in(b, "zh") == a.message.strip(), a.rule
            assert message_in(a, "zh") == a.message.strip(), a.rule


def test_json_values_render_what_lang_en_prints():
    zh, en = _json(HUANGYUAN), _json(HUANGYUAN, "--lang", "en")
    pairs = list(zip(zh["files"][0]["diagnostics"], en["files"][0]["diagnostics"]))
    assert pairs
    for a, b in pairs:
        finding = Diagnostic(rule=a["rule"], severity=a["severity"], message=a["message"], values=a["values"],
                             template=a.get("template", "message"))
        assert message_in(finding, "en") == b["message"].strip()
        assert translated(finding, "en").title == b["title"]


def test_json_keeps_values_and_the_cells_shown():
    data = _json(TABLES)
    diagnostics = data["files"][0]["diagnostics"]
    identity = next(d for d in diagnostics if d["rule"].startswith("T") and d["location"].get("row"))
    assert {"expected", "found", "difference"} <= set(identity["values"])
    ex = identity["excerpt"]
    assert ex["table"] == identity["location"]["table"] and ex["row"] == identity["location"]["row"]
    located = next(r for r in ex["rows"] if r["label"] == ex["row"])
    assert located["cells"][ex["columns"].index(ex["column"])] == str(identity["found"])
    assert all(len(r["cells"]) == len(ex["columns"]) for r in ex["rows"])
    text = next(d for d in diagnostics if d["location"].get("quote"))
    assert "excerpt" not in text and isinstance(text["values"], dict)


def test_values_are_plain_json(both):
    zh, _ = both
    for d in zh.diagnostics:
        assert json.loads(json.dumps(d.values)) == d.values


def test_an_unknown_rule_cannot_be_rendered():
    with pytest.raises(KeyError):
        message_in(Diagnostic(rule="X999", severity="info", message=""), "en", load_rules())
