"""The direction of flow, checked on the source: which gklint modules each layer may import.

- ``gklint.core`` imports nothing of gklint's other packages, and only the standard library at module
  level (``cn2an`` is imported on first use of a long numeral, inside a function).
- ``gklint.output.*`` imports only ``gklint.core`` and ``gklint.output`` (and the package root for
  ``__version__``); the Word annotator is the one exception (below).
- The readers, ``gklint.read`` (bytes → ``Document``), import only ``gklint.core`` and ``gklint.read``.
- Recognition, ``gklint.recognise`` (``Document`` → ``Report``), imports ``gklint.core``, the layouts and
  itself, and of the readers only what a ``Document`` is made of (``READ_INTERFACE``).
- ``gklint.ingest`` (read, then recognise) is the thin entry the API and the batch call.

Imports are read with ``ast`` from every ``gklint/**/*.py``, including those inside functions.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "gklint"

# What recognition may use of the readers, each with its reason.
READ_INTERFACE = {
    "gklint.read.document",  # the Document it recognises (paragraphs, grids, sources)
    "gklint.read.errors",  # ReadError, for gklint's own JSON that does not match the layout
    "gklint.read.script",  # traditional -> simplified characters, applied to the document's text
    "gklint.read.ocr_engine",  # LOW_CONFIDENCE, which scanned cells proofreading may correct
}
# Known back-edges, each with its reason; the test fails if one disappears (drop it here) or another appears.
EXCEPTIONS = {
    # the annotated draft writes comments into the original Word file, walking it as the reader does
    ("gklint.output.annotate_docx", "gklint.read.docx"),
    # recognition splits run-together digits against table 三's column identities, read from the rule packs
    ("gklint.recognise.digit_runs", "gklint.engine.rules"),
    ("gklint.recognise.digit_runs", "gklint.engine.tables"),
}
LAZY_THIRD_PARTY = {"gklint.core.numerals": {"cn2an"}}


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    rel = Path(*name.split("."))
    return (ROOT / rel).with_suffix(".py").is_file() or (ROOT / rel / "__init__.py").is_file()


def _imports(path: Path) -> tuple[set[str], set[str], set[str]]:
    """(gklint modules imported anywhere, top-level packages imported at module level, elsewhere)."""
    tree = ast.parse(path.read_text("utf-8"))
    module_level = {id(n) for n in tree.body}
    gk, top, nested = set(), set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module]
            if node.module == "gklint" or node.module.startswith("gklint."):
                names = [f"{node.module}.{a.name}" if _is_module(f"{node.module}.{a.name}") else node.module
                         for a in node.names]
        else:
            continue
        for name in names:
            if name == "gklint" or name.startswith("gklint."):
                gk.add(name)
            else:
                (top if id(node) in module_level else nested).add(name.split(".")[0])
    return gk, top, nested


GRAPH = {_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}
READING = sorted(m for m in GRAPH if m == "gklint.read" or m.startswith("gklint.read."))
RECOGNITION = sorted(m for m in GRAPH if m == "gklint.recognise" or m.startswith("gklint.recognise."))


def _within(name: str, *packages: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def _offending(module: str, allowed: tuple[str, ...]) -> list[str]:
    return sorted(n for n in GRAPH[module][0]
                  if not _within(n, *allowed) and (module, n) not in EXCEPTIONS)


def test_the_graph_is_read():
    assert "gklint.core.diagnostic" in GRAPH and "gklint.output.terminal" in GRAPH
    assert "gklint.core.diagnostic" in GRAPH["gklint.output.terminal"][0]
    assert GRAPH["gklint.recognise.recognise"][0] >= {"gklint.layouts"}  # "from gklint import layouts"


@pytest.mark.parametrize("module", [m for m in GRAPH if _within(m, "gklint.core")])
def test_core_imports_only_itself_and_the_standard_library(module):
    assert _offending(module, ("gklint.core",)) == []
    gk, top, nested = GRAPH[module]
    assert top <= set(sys.stdlib_module_names), top - set(sys.stdlib_module_names)
    assert nested - set(sys.stdlib_module_names) <= LAZY_THIRD_PARTY.get(module, set())


@pytest.mark.parametrize("module", [m for m in GRAPH if _within(m, "gklint.output")])
def test_outputs_import_only_the_core(module):
    root = {"gklint"}  # the package root, for __version__
    assert [n for n in _offending(module, ("gklint.core", "gklint.output")) if n not in root] == []


@pytest.mark.parametrize("module", READING)
def test_readers_import_only_the_core_and_other_readers(module):
    assert _offending(module, ("gklint.core", "gklint.read")) == []


@pytest.mark.parametrize("module", RECOGNITION)
def test_recognition_imports_the_core_the_layouts_and_only_the_document_of_the_readers(module):
    allowed = ("gklint.core", "gklint.layouts", "gklint.recognise", *READ_INTERFACE)
    root = {"gklint"}  # the package root, for __version__ (gklint's JSON names its generator)
    assert [n for n in _offending(module, allowed) if n not in root] == []


def test_the_read_interface_is_used():
    used = set().union(*(GRAPH[m][0] for m in RECOGNITION))
    assert READ_INTERFACE <= used, READ_INTERFACE - used


def test_ingest_is_only_the_entry():
    ingest = [m for m in GRAPH if _within(m, "gklint.ingest")]
    assert ingest == ["gklint.ingest"]
    assert _offending("gklint.ingest", ("gklint.core", "gklint.read", "gklint.recognise")) == []


def test_reading_and_recognition_import_no_later_layer():
    for module in (*READING, *RECOGNITION):
        later = [n for n in GRAPH[module][0] if _within(n, "gklint.engine", "gklint.output", "gklint.cli",
                                                        "gklint.api", "gklint.batch", "gklint.ingest")
                 and (module, n) not in EXCEPTIONS]
        assert later == [], (module, later)


def test_the_exceptions_are_still_needed():
    for module, target in EXCEPTIONS:
        assert target in GRAPH[module][0], f"{module} no longer imports {target}: drop the exception"
