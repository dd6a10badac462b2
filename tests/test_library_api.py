"""The library API as a pipeline uses it: static names, flat rows, what a source and ``rules=`` may be,
and a rule's failure said as such."""

from __future__ import annotations

import ast
import io
import subprocess
import sys
from pathlib import Path

import pytest

import gklint
from gklint.api import Run
from gklint.engine import run as run_mod
from gklint.engine.messages import message_in, translated
from gklint.engine.rules import load_rules, parse_rule
from gklint.testing import consistent_report

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = str(ROOT / "samples" / "huangyuan-2021.txt")

PACK = """\
rules:
  - id: U901
    name: my-overview-length
    kind: structure
    check: overview_length
    severity: info
    title: {zh: 我的规则, en: my rule}
    message: x
    docs: {what: a, why: b, example: c, fix: d}
"""


def _typed_imports() -> dict[str, str]:
    """Each name the ``if TYPE_CHECKING:`` block of gklint/__init__.py imports -> its module."""
    tree = ast.parse((ROOT / "gklint" / "__init__.py").read_text(encoding="utf-8"))
    [block] = [n for n in tree.body if isinstance(n, ast.If) and getattr(n.test, "id", None) == "TYPE_CHECKING"]
    return {alias.name: node.module for node in block.body for alias in node.names}


def test_static_checkers_see_every_lazy_name_from_its_own_module():
    assert _typed_imports() == {name: module for name, (module, attr) in gklint._LAZY.items()}
    assert all(attr == name for name, (module, attr) in gklint._LAZY.items())


def test_import_gklint_stays_cheap_and_lists_its_lazy_names():
    code = ("import sys, gklint; names = dir(gklint); "
            "print(all(n in names for n in gklint.__all__), 'typing' in sys.modules, 'gklint.api' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["True", "False", "False"]


def test_flat_rows_carry_agency_and_year_as_meta_has_them():
    result = gklint.check_many([SAMPLE])
    rows = result.flatten()
    meta = result.files[0].meta
    assert rows and all(r["agency"] == meta.get("agency") and r["year"] == meta.get("year") for r in rows)
    assert any(r["year"] is not None for r in rows)


@pytest.mark.parametrize("source", [b"%PDF-1.7 upload", bytearray(b"x"), io.BytesIO(b"x"), None, 3])
def test_a_source_of_another_kind_is_a_type_error_naming_what_is_accepted(source):
    with pytest.raises(TypeError, match="文件路径.*dict.*Report") as raised:
        gklint.check(source)
    assert len(str(raised.value)) < 300  # never the upload itself
    with pytest.raises(TypeError):
        gklint.check_many([SAMPLE, source])


def test_bytes_are_told_how_to_be_read():
    with pytest.raises(TypeError, match="gklint.ingest.read_bytes"):
        gklint.check(b"abc")
    from gklint.ingest import read_bytes

    data = Path(SAMPLE).read_bytes()
    by_bytes = gklint.check(read_bytes("upload.txt", data))
    assert [d.to_dict() for d in by_bytes.diagnostics] == [d.to_dict() for d in gklint.check(SAMPLE).diagnostics]


@pytest.mark.parametrize("as_list", [False, True])
def test_rules_a_folder_adds_its_packs_to_the_built_in_rules(tmp_path, as_list):
    (tmp_path / "mine.yaml").write_text(PACK, encoding="utf-8")
    folder = [str(tmp_path)] if as_list else tmp_path
    ids = {r.id for r in Run([], rules=folder).every}
    assert "U901" in ids and {r.id for r in load_rules()} < ids
    gklint.check(SAMPLE, rules=folder, select=["U901"])  # an id not among the run's rules: ValueError


def test_rules_of_another_kind_or_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(TypeError, match="rules"):
        gklint.check(SAMPLE, rules=[1])
    with pytest.raises(Exception, match="不存在"):
        gklint.check(SAMPLE, rules=str(tmp_path / "nowhere"))


def test_a_crashed_rule_is_marked_as_a_crash_and_said_so_in_either_language(monkeypatch):
    broken = parse_rule({"id": "S999", "name": "broken", "kind": "structure", "check": "overview_length",
                         "severity": "error", "title": {"zh": "坏规则", "en": "broken rule"},
                         "message": {"zh": "概述只有{count}字", "en": "overview has {count} characters"},
                         "docs": {"what": "a", "why": "b", "example": "c", "fix": "d"}}, "test.yaml")

    def explode(rule, report, ctx):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(run_mod, "evaluator", lambda kind: explode)
    [d] = gklint.check(consistent_report(1), rules=(broken,)).diagnostics
    assert (d.template, d.values, d.title) == ("crash", {"error": "ZeroDivisionError: boom"}, "规则运行出错")
    english = message_in(d, "en", (broken,))
    assert english == "Rule S999 failed (ZeroDivisionError: boom); this check was not done. Please report it."
    assert "{" not in english and "overview" not in english
    assert translated(d, "en", (broken,)).title == "Rule failed"
    assert d.to_dict()["template"] == "crash"
