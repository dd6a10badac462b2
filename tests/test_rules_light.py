"""``gklint rules`` and ``explain`` read the built-in packs without checking their parameters (pydantic, every
evaluator): what they read is what a checked load gives. The parsed packs are cached under a key that is
the hash of their bytes: an edited pack is parsed again, and a cache folder that cannot be used only means
parsing."""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gklint.core import lazyre
from gklint.core.cache import CACHE_ENV, cached
from gklint.engine import rules as R
from gklint.engine.kinds import KINDS, prepare
from gklint.narrative import zeros
from gklint.ruledocs import render_rule_doc

ROOT = Path(__file__).parent.parent


def test_the_light_reading_gives_the_checked_rules():
    checked, light = R.load_rules(), R.load_rules(checked=False)
    assert [r.id for r in light] == [r.id for r in checked]
    for a, b in zip(checked, light):
        assert (a.name, a.kind, a.severity, a.title, a.message, a.docs, a.params, a.layouts, a.pack) == \
               (b.name, b.kind, b.severity, b.title, b.message, b.docs, b.params, b.layouts, b.pack), a.id
        for lang in ("zh", "en"):
            assert render_rule_doc(a, lang) == render_rule_doc(b, lang)


@pytest.mark.parametrize("kind", KINDS.values(), ids=lambda k: k.name)
def test_the_parameters_read_from_the_source_are_the_models(kind):
    from_source = R._param_docs_from_source(kind.model)
    assert from_source == R.model_param_docs(kind.model)
    assert from_source  # every kind has parameters (cases at least)
    source = (Path(R.__file__).parent / "params.py").read_bytes()
    assert R._all_param_docs(source)[kind.model] == from_source


def test_the_cache_keeps_one_result_per_name_for_the_inputs_it_was_computed_from(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    calls = []

    def compute(value):
        calls.append(value)
        return {"value": value}

    assert cached("x", [b"a"], lambda: compute(1)) == {"value": 1}
    assert cached("x", [b"a"], lambda: compute(2)) == {"value": 1}  # kept
    assert cached("x", [b"b"], lambda: compute(3)) == {"value": 3}  # other inputs: computed
    assert cached("x", [b"a"], lambda: compute(4)) == {"value": 4}  # replaced by those of b"b"
    assert cached("y", [b"a"], lambda: compute(5)) == {"value": 5}  # another name
    assert calls == [1, 3, 4, 5]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.pickle", "y.pickle"]


def test_explain_and_rules_load_neither_pydantic_models_nor_evaluators():
    code = ("import sys\nfrom gklint.cli import main\nsys.argv = ['gklint', 'explain', 'N101']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.argv = ['gklint', 'rules']\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m in ('gklint.engine.params', 'gklint.engine.tables',"
            " 'gklint.testing', 'gklint.config', 'rich.console', 'pandas') or m.startswith('gklint.engine.kinds.')))")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    assert "N101" in out.stdout and out.stdout.rstrip().endswith("[]"), out.stdout[-500:]


def copy_builtin(tmp_path, monkeypatch) -> Path:
    """A copy of the built-in packs, which ``rules_dir`` then names (so they are cached as the built-in ones)."""
    folder = tmp_path / "rules"
    shutil.copytree(R.rules_dir(), folder)
    monkeypatch.setattr(R, "rules_dir", lambda: folder)
    return folder


def test_a_cached_pack_gives_what_parsing_gives(tmp_path, monkeypatch):
    folder = copy_builtin(tmp_path, monkeypatch)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    first = R.load_folder(folder)
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == \
           sorted(f"rules-{p.name}.pickle" for p in folder.glob("*.yaml"))
    again = R.load_folder(folder)
    monkeypatch.setenv(CACHE_ENV, "")  # no cache: parsed
    parsed = R.load_folder(folder)
    assert [(r.id, r.params, r.docs) for r in again] == [(r.id, r.params, r.docs) for r in first] == \
           [(r.id, r.params, r.docs) for r in parsed]


def test_an_edited_pack_is_never_served_from_the_cache(tmp_path, monkeypatch):
    folder = copy_builtin(tmp_path, monkeypatch)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    before = {r.id: r for r in R.load_folder(folder, checked=False)}
    pack = folder / "tables.yaml"
    rule = next(r for r in before.values() if r.pack == "tables.yaml")
    old = rule.title["zh"]
    text = pack.read_text("utf-8")
    assert text.count(old) >= 1
    pack.write_text(text.replace(old, old + "（改）", 1), "utf-8")
    after = {r.id: r for r in R.load_folder(folder, checked=False)}
    changed = [i for i in before if before[i].title != after[i].title]
    assert changed and all(after[i].title["zh"].endswith("（改）") for i in changed)


def test_a_spoilt_cache_file_is_parsed_again(tmp_path, monkeypatch):
    folder = copy_builtin(tmp_path, monkeypatch)
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(cache))
    good = [(r.id, r.params) for r in R.load_folder(folder)]
    for path in cache.iterdir():
        path.write_bytes(b"not a pickle")
    (cache / "rules-prose.yaml.pickle").write_bytes(pickle.dumps(("another key", {"rules": []})))
    assert [(r.id, r.params) for r in R.load_folder(folder)] == good


def test_a_cache_folder_that_cannot_be_written_only_means_parsing(tmp_path, monkeypatch):
    folder = copy_builtin(tmp_path, monkeypatch)
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv(CACHE_ENV, str(blocked / "cache"))
    assert [r.id for r in R.load_folder(folder)] == [r.id for r in R.load_rules()]
    assert blocked.is_file()


def test_the_users_own_packs_are_not_cached(tmp_path, monkeypatch):
    folder = tmp_path / "mine"
    shutil.copytree(R.rules_dir(), folder)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    R.load_folder(folder, checked=False)
    assert not (tmp_path / "cache").exists()


def _fields(rule):
    return (rule.id, rule.name, rule.kind, rule.severity, rule.title, rule.message, rule.docs, rule.params,
            rule.layouts, rule.pack)


def test_a_run_checks_the_built_in_packs_again_only_when_they_or_gklint_changed(tmp_path, monkeypatch):
    folder = copy_builtin(tmp_path, monkeypatch)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    first = R.load_folder(folder, remembered=True)  # checked whole, and remembered
    assert (tmp_path / "cache" / "rules-checked").read_text() == R.checked_key(sorted(folder.glob("*.yaml")))

    def refuse(rule):
        raise R.RuleError(f"checked again: {rule.id}")

    monkeypatch.setattr(R, "check_rule", refuse)
    again = R.load_folder(folder, remembered=True)  # the same packs and code: not checked again
    assert [(r.id, r.params) for r in again] == [(r.id, r.params) for r in first]
    kept = R.load_folder(folder, remembered=True)  # the rules kept from then
    assert (tmp_path / "cache" / "rules-loaded.pickle").is_file()
    assert [_fields(r) for r in kept] == [_fields(r) for r in first]
    with pytest.raises(R.RuleError, match="checked again"):  # gklint rules --check DIR: always whole
        R.check_folder(folder)
    with pytest.raises(R.RuleError, match="checked again"):
        R.load_folder(folder)
    pack = folder / "prose.yaml"
    pack.write_text(pack.read_text("utf-8") + "\n# edited\n", "utf-8")
    with pytest.raises(R.RuleError, match="checked again"):  # another pack: checked again
        R.load_folder(folder, remembered=True)


def test_a_spoilt_built_in_pack_is_caught_although_its_pristine_self_passed(tmp_path, monkeypatch):
    folder = copy_builtin(tmp_path, monkeypatch)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    R.load_folder(folder, remembered=True)
    pack = folder / "tables.yaml"
    text = pack.read_text("utf-8")
    assert "\n    over: rows\n" in text
    pack.write_text(text.replace("\n    over: rows\n", "\n    over: sideways\n", 1), "utf-8")
    with pytest.raises(R.RuleError, match="tables.yaml"):
        R.load_folder(folder, remembered=True)


def test_the_key_covers_gklints_own_code(tmp_path, monkeypatch):
    paths = sorted(R.rules_dir().glob("*.yaml"))
    key = R.checked_key(paths)
    assert key and key == R.checked_key(paths)
    package = tmp_path / "gklint"
    shutil.copytree(Path(R.__file__).resolve().parent.parent, package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    copy = package / "engine" / "rules.py"
    monkeypatch.setattr(R, "__file__", str(copy))
    assert R.checked_key(paths) == key  # the same bytes
    params = package / "engine" / "params.py"
    params.write_text(params.read_text("utf-8") + "\n# a change\n", "utf-8")
    assert R.checked_key(paths) != key


def test_a_cached_layout_is_the_layout_its_file_declares(tmp_path, monkeypatch):
    from gklint import layouts as L

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    names = sorted(p.name for p in L._FOLDER.iterdir() if p.name.endswith(".yaml"))
    for name in names:
        built = L._build(L.parse_yaml((L._FOLDER / name).read_bytes()))
        assert L._load(name) == built  # built and kept
        with monkeypatch.context() as patch:
            patch.setattr(L, "_build", lambda data: pytest.fail("built again"))
            assert L._load(name) == built  # from the cache
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [f"layout-{n}.pickle" for n in names]


def test_the_yaml_cache_is_keyed_by_pyyamls_version(tmp_path, monkeypatch):
    import yaml

    from gklint import layouts as L

    assert L.yaml_version() == yaml.__version__
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    assert L.cached_yaml("x", b"a: 1\n") == {"a": 1}
    monkeypatch.setattr(L, "yaml_version", lambda: "another")
    monkeypatch.setattr(L, "parse_yaml", lambda raw: "parsed again")
    assert L.cached_yaml("x", b"a: 1\n") == "parsed again"


def test_invalid_yaml_is_named_with_pyyamls_message():
    import yaml

    from gklint import layouts as L

    with pytest.raises(L.YAMLError) as caught:
        L.parse_yaml(b"a: [1\n")
    assert isinstance(caught.value.__cause__, yaml.YAMLError)
    assert str(caught.value) == str(caught.value.__cause__) and "line 2" in str(caught.value)


def test_a_check_of_a_simplified_report_with_a_warm_cache_imports_neither_pyyaml_nor_opencc(tmp_path):
    code = ("import sys, gklint\ngklint.check('samples/huangyuan-2021.txt')\n"
            "print([name in sys.modules for name in ('yaml', 'opencc')])")
    env = dict(os.environ, PYTHONPATH=str(ROOT), GKLINT_CACHE_DIR=str(tmp_path))
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                           check=True).stdout.splitlines()[-1] for _ in range(2)]
    assert runs == ["[True, False]", "[False, False]"]  # the YAML parsed (and kept) by the first run only


def test_a_pack_that_is_not_yaml_is_named(tmp_path):
    pack = tmp_path / "broken.yaml"
    pack.write_text("rules: [\n", "utf-8")
    with pytest.raises(R.RuleError, match="(?s)broken.yaml: 不是有效的YAML：.*line 2"):
        R.load_pack(pack)


def test_the_hash_of_gklints_code_is_kept_under_its_files_stat(tmp_path, monkeypatch):
    import os
    import time

    paths = sorted(R.rules_dir().glob("*.yaml"))
    package = tmp_path / "gklint"
    shutil.copytree(Path(R.__file__).resolve().parent.parent, package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(R, "__file__", str(package / "engine" / "rules.py"))
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    kept = tmp_path / "cache" / "rules-sources.pickle"
    read = R.checked_key(paths)  # the files were just written: read, nothing kept
    assert read and not kept.exists()
    monkeypatch.setattr(R, "_RACY_NS", -10**18)  # as if every file were old
    assert R.checked_key(paths) == read and kept.is_file()
    assert R.checked_key(paths) == read  # from the kept hash
    params = package / "engine" / "params.py"
    text = params.read_bytes()
    stat = params.stat()
    time.sleep(0.05)  # past the file system clock's tick: the change time differs from the copy's
    params.write_bytes(text[:-1] + (b"#" if text[-1:] != b"#" else b"\n"))  # same size, other bytes
    os.utime(params, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even the modification time put back
    assert R.checked_key(paths) != read  # the change time (and so the stat) differs


def _derived(rules) -> dict:
    """What each rule's evaluator worked out from its parameters (``Rule.derived``), as plain values: a pattern
    by its source, a claim, statement or scanner by its fields."""
    def plain(value):
        if isinstance(value, lazyre.LazyPattern):
            return ("pattern", value.source)
        if dataclasses.is_dataclass(value):
            return (type(value).__name__, *(plain(getattr(value, f.name)) for f in dataclasses.fields(value)))
        if hasattr(value, "__slots__"):
            return (type(value).__name__, *(plain(getattr(value, name)) for name in value.__slots__))
        if isinstance(value, (tuple, list)):
            return tuple(plain(v) for v in value)
        if isinstance(value, frozenset):
            return ("set", *sorted(value))
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    return {r.id: plain(r.derived) for r in rules if r.derived}


_STATEMENTS = "gklint.engine.kinds.narrative._statements_of"  # what ``Rule.derived`` keeps a zero rule's statements under


def _parsed_now(folder: Path) -> dict:
    rules = R.load_folder(folder)  # checked whole, nothing cached
    for rule in rules:
        prepare(rule)
    return _derived(rules)


def _kept(folder: Path) -> tuple:
    """The rules as a run gets them once the cache is warm: checked (if need be), kept, then read back."""
    for _ in range(3):
        rules = R.load_folder(folder, remembered=True)
    return rules


def test_the_kept_rules_hold_the_claims_and_statements_of_these_very_packs_and_code(tmp_path, monkeypatch):
    folder = copy_builtin(tmp_path, monkeypatch)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    kept = _derived(_kept(folder))
    assert kept == _parsed_now(folder)
    assert {r.params["check"] for r in R.load_folder(folder) if r.id in kept} >= {"claim", "zero", "phrases"}
    pack = folder / "narrative.yaml"  # an edited claim: the rules are kept again, with it
    text = pack.read_text("utf-8")
    assert text.count("near: ['新收']") == 1
    pack.write_text(text.replace("near: ['新收']", "near: ['新收|新接收']"), "utf-8")
    edited = _derived(_kept(folder))
    assert edited == _parsed_now(folder) != kept
    # other code (``checked_key`` hashes gklint's modules): parsed again by that code, not read from the cache
    key = R.checked_key(sorted(folder.glob("*.yaml")))
    monkeypatch.setattr(R, "checked_key", lambda paths: key + "-other-code")
    monkeypatch.setattr(zeros, "parse_statements", lambda rule_id, items: ("parsed by the other code", rule_id))
    other = _derived(_kept(folder))
    assert {v[_STATEMENTS] for v in other.values() if _STATEMENTS in v} \
        == {("parsed by the other code", r) for r, v in edited.items() if _STATEMENTS in v} != set()


def test_a_rule_copied_with_other_parameters_parses_them(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    rule = next(r for r in R.load_rules() if r.params.get("check") == "zero")
    prepare(rule)
    statements = [dict(s, name="renamed") for s in rule.params["statements"]]
    copy = dataclasses.replace(rule, params=dict(rule.params, statements=statements))
    prepare(copy)
    assert {s.name for s in copy.derived[_STATEMENTS]} == {"renamed"} != {s.name for s in rule.derived[_STATEMENTS]}
