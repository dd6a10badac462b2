"""gklint: a consistency linter for Chinese government information-disclosure annual reports.

    >>> import gklint
    >>> result = gklint.check("samples/huangyuan-2021.txt")
    >>> [d.rule for d in result.diagnostics if d.severity == "error"]   # doctest: +SKIP

Heavy dependencies (pandas, pandera, the document readers) are imported on first use.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not "from typing import TYPE_CHECKING": importing typing would make "import gklint" slow

if TYPE_CHECKING:  # static checkers see the real names and signatures; at run time they are imported on first use
    from gklint.api import check, check_many, extract
    from gklint.core.diagnostic import Diagnostic, FileResult, Result
    from gklint.core.model import Report
    from gklint.read.errors import ReadError
    from gklint.recognise.json_format import from_json, to_json

__version__ = "0.1.0"
__all__ = ["check", "check_many", "extract", "to_json", "from_json", "ReadError", "Report", "Result",
           "FileResult", "Diagnostic", "__version__"]

_LAZY = {
    "check": ("gklint.api", "check"),
    "check_many": ("gklint.api", "check_many"),
    "extract": ("gklint.api", "extract"),
    "to_json": ("gklint.recognise.json_format", "to_json"),
    "from_json": ("gklint.recognise.json_format", "from_json"),
    "ReadError": ("gklint.read.errors", "ReadError"),
    "Report": ("gklint.core.model", "Report"),
    "Result": ("gklint.core.diagnostic", "Result"),
    "FileResult": ("gklint.core.diagnostic", "FileResult"),
    "Diagnostic": ("gklint.core.diagnostic", "Diagnostic"),
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'gklint' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
