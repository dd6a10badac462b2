"""The official layout is data: the readers (gklint/read), recognition (gklint/recognise) and the engine
(gklint/engine) hold none of its Chinese labels as literals; they ask ``gklint.layouts``, which reads
gklint/layouts/*.yaml.

The labels are taken from the layout files themselves (tables' titles, block headings, row and column
labels and aliases, header markers and words, section titles and aliases), so a label added to a layout
file is covered too. Docstrings and comments may quote labels as examples; string constants in code may not.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import gklint
from gklint import layouts

PACKAGE = Path(gklint.__file__).parent
CHECKED = ("ingest", "read", "recognise", "engine")
MIN_LABEL = 4  # characters (with its list numbering) a label needs to be told from an ordinary word ("其他", "总计")

# (module, label): why that literal may stay in code. Keep this list short.
ALLOWED: dict[tuple[str, str], str] = {}


def _layout_labels() -> set[str]:
    found: set[str] = set()
    for layout in layouts.layouts().values():
        for section in layout.sections:
            found.update(section.names)
        for spec in layout.tables.values():
            found.update((spec.title, *spec.blocks, *spec.markers, *spec.headers, *spec.groups))
            for row in spec.rows:
                found.update(row.names)
                found.update(n for col in row.columns for n in col.names)
    labels = {name for name in found if len(name) >= MIN_LABEL}
    # the words that tell tables apart are layout knowledge whatever their length (自然人)
    labels |= {w for layout in layouts.layouts().values() for spec in layout.tables.values()
               for w in (*spec.markers, *spec.headers, *spec.groups)}
    return labels


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text("utf-8"))
    docs = _docstrings(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs]


def _modules() -> list[Path]:
    return sorted(p for package in CHECKED for p in (PACKAGE / package).rglob("*.py"))


def test_the_layout_labels_are_many():
    labels = _layout_labels()
    assert {"（七）总计", "四、结转下年度继续办理", "结果维持", "自然人"} <= labels
    assert len(labels) > 100


def test_the_checked_modules_exist():
    modules = _modules()
    assert any(p.name == "recognise.py" for p in modules)
    assert any(p.parent.name == "kinds" for p in modules)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_layout_label_in_code(path):
    module = str(path.relative_to(PACKAGE))
    labels = _layout_labels()
    hits = [f"{module}:{line}: {label!r} in {text[:60]!r}"
            for line, text in _literals(path) for label in labels
            if label in text and (module, label) not in ALLOWED]
    assert not hits, "layout labels belong in gklint/layouts/*.yaml:\n" + "\n".join(hits)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_table_or_section_key_in_code(path):
    """No branch on a table's or a section's number (``key == "四"``): what sets a table or section apart is
    declared in its layout file (``header_first``, ``markers``, ``section``…)."""
    keys = {k for layout in layouts.layouts().values() for k in (*layout.tables, *(s.number for s in layout.sections))}
    hits = [f"line {line}: {text!r}" for line, text in _literals(path) if text in keys]
    assert not hits, f"{path.name} names a table or section by its number:\n" + "\n".join(hits)


def test_the_check_finds_a_label_in_code(tmp_path):
    """The check is not vacuous: a module holding a table marker as a literal is caught, its docstring is not."""
    module = tmp_path / "m.py"
    module.write_text('"""Reads （七）总计."""\nMARKERS = ("申请人情况", "自然人")\n', "utf-8")
    texts = [text for _, text in _literals(module)]
    assert texts == ["申请人情况", "自然人"]
    assert {"申请人情况", "自然人"} <= _layout_labels()


def test_the_allowlist_is_current():
    for (module, label), why in ALLOWED.items():
        assert why, f"{module}: {label} needs a reason"
        assert any(label in text for _, text in _literals(PACKAGE / module)), f"{module} no longer holds {label}"


def test_a_layout_read_back_from_the_cache_keeps_its_label_indexes(tmp_path, monkeypatch):
    """The label indexes are made when a layout is built and kept with it in the cache: read back, they are
    what they would be made as, and point at the layout's own rows and columns."""
    from gklint.core.cache import CACHE_ENV

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    built = layouts._load("2021.yaml")  # parsed, built and kept
    kept = layouts._load("2021.yaml")  # read back
    assert kept is not built and kept == built
    for spec in kept.tables.values():
        assert spec.__dict__["_row_index"] == layouts._index(spec.rows)
        assert all(any(v is r for r in spec.rows) for d in spec._row_index for v in d.values())
        for row in spec.rows:
            assert row.__dict__["_column_index"] == layouts._index(row.columns)
            assert all(any(v is c for c in row.columns) for d in row._column_index for v in d.values())
