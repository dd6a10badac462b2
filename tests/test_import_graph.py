"""The direction of flow, checked on the source: which gklint modules each layer may import.

- ``gklint.core`` imports nothing of gklint's other packages, and only the standard library at module
  level (``cn2an`` is imported on first use of a long numeral, inside a function).
- ``gklint.output.*`` imports only ``gklint.core`` and ``gklint.output`` (and the package root for
  ``__version__``); the Word annotator is the one exception (below).
- The readers of ``gklint.ingest`` (bytes → ``Document``) import only ``gklint.core`` and the reading
  part of ``gklint.ingest``. Modules of ``gklint.ingest`` that need the layouts are recognition
  (``Document`` → ``Report``), listed as such; every module of ``gklint.ingest`` is one or the other.

Imports are read with ``ast`` from every ``gklint/**/*.py``, including those inside functions.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "gklint"

READING = {"gklint.ingest.budget", "gklint.ingest.document", "gklint.ingest.docx", "gklint.ingest.errors",
           "gklint.ingest.guards", "gklint.ingest.html", "gklint.ingest.html_content", "gklint.ingest.html_tables",
           "gklint.ingest.html_text", "gklint.ingest.ocr", "gklint.ingest.ocr_cells", "gklint.ingest.ocr_columns",
           "gklint.ingest.ocr_engine", "gklint.ingest.open", "gklint.ingest.pdf",
           "gklint.ingest.pdf_breaks", "gklint.ingest.pdf_columns", "gklint.ingest.pdf_limits", "gklint.ingest.pdf_pdfium",
           "gklint.ingest.pdf_tables", "gklint.ingest.pdf_text", "gklint.ingest.script", "gklint.ingest.sniff",
           "gklint.ingest.text"}
# Need the layouts (or the report model's recognition): Document -> Report. json_format reads gklint's
# own JSON straight into a Report, mapping labels to the layout's ids, so it recognises as it reads.
RECOGNITION = {"gklint.ingest", "gklint.ingest.chrome", "gklint.ingest.coverage", "gklint.ingest.digits",
               "gklint.ingest.grid", "gklint.ingest.json_format", "gklint.ingest.meta", "gklint.ingest.oneline",
               "gklint.ingest.recognise", "gklint.ingest.sections", "gklint.ingest.settle",
               "gklint.ingest.stream", "gklint.ingest.tokens", "gklint.ingest.digit_runs",
               "gklint.ingest.grid_segments", "gklint.ingest.proofread", "gklint.ingest.values"}
# Known back-edges, each with its reason; the test fails if one disappears (drop it here) or another appears.
EXCEPTIONS = {
    # the annotated draft writes comments into the original Word file, walking it as the reader does
    ("gklint.output.annotate_docx", "gklint.ingest.docx"),
    # recognition splits run-together digits against table 三's column identities, read from the rule packs
    ("gklint.ingest.digit_runs", "gklint.engine.rules"),
    ("gklint.ingest.digit_runs", "gklint.engine.tables"),
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


def _within(name: str, *packages: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def _offending(module: str, allowed: tuple[str, ...]) -> list[str]:
    return sorted(n for n in GRAPH[module][0]
                  if not _within(n, *allowed) and (module, n) not in EXCEPTIONS)


def test_the_graph_is_read():
    assert "gklint.core.diagnostic" in GRAPH and "gklint.output.terminal" in GRAPH
    assert "gklint.core.diagnostic" in GRAPH["gklint.output.terminal"][0]
    assert GRAPH["gklint.ingest.recognise"][0] >= {"gklint.layouts"}  # "from gklint import layouts"


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


@pytest.mark.parametrize("module", sorted(READING))
def test_readers_import_only_the_core_and_other_readers(module):
    assert _offending(module, ("gklint.core", *READING)) == []


def test_every_ingest_module_is_reading_or_recognition():
    ingest = {m for m in GRAPH if _within(m, "gklint.ingest")}
    assert READING.isdisjoint(RECOGNITION)
    assert ingest == READING | RECOGNITION, (ingest - READING - RECOGNITION, READING | RECOGNITION - ingest)


def test_no_ingest_module_imports_the_engine_output_or_entry_points():
    for module in (m for m in GRAPH if _within(m, "gklint.ingest")):
        later = [n for n in GRAPH[module][0] if _within(n, "gklint.engine", "gklint.output", "gklint.cli",
                                                        "gklint.api", "gklint.batch")
                 and (module, n) not in EXCEPTIONS]
        assert later == [], (module, later)


def test_the_exceptions_are_still_needed():
    for module, target in EXCEPTIONS:
        assert target in GRAPH[module][0], f"{module} no longer imports {target}: drop the exception"
