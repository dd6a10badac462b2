"""gklint: a consistency linter for Chinese government information-disclosure annual reports.

    >>> import gklint
    >>> result = gklint.check("samples/huangyuan-2021.txt")
    >>> [d.rule for d in result.diagnostics if d.severity == "error"]   # doctest: +SKIP

Heavy dependencies (pandas, pandera, the document readers) are imported on first use.
"""

from __future__ import annotations

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
