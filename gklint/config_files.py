"""Where the configuration is: the ``gklint.toml``, or ``pyproject.toml`` with a ``[tool.gklint]`` table,
nearest upward from a file or folder. Kept apart from ``gklint.config`` (whose models need pydantic) so
that the CLI can look for one before every command, to choose the language of its help, at little cost."""

from __future__ import annotations

import os
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

FILE_NAMES = ("gklint.toml", "pyproject.toml")


def find_config(start: str | os.PathLike) -> Path | None:
    """The nearest ``gklint.toml``, or ``pyproject.toml`` with a ``[tool.gklint]`` table, from ``start``
    (a file or a folder) upward."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / "gklint.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                if "gklint" in tomllib.loads(candidate.read_text(encoding="utf-8")).get("tool", {}):
                    return candidate
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
    return None
