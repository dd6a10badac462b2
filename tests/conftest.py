"""Shared fixtures: the real reports in tests/fixtures and helpers to alter them like a careless editor."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


@pytest.fixture
def huangyuan_text() -> str:
    return (FIXTURES / "huangyuan-2021.txt").read_text("utf-8")


def set_stream_value(text: str, label: str, position: int, value: str, *, after: str | None = None) -> str:
    """Replace the ``position``-th value (0-based) after the line ``label`` in a one-cell-per-line text.

    ``after`` first skips to a line equal to it (for labels that occur more than once, like 总计).
    """
    lines = text.split("\n")
    start = 0
    if after is not None:
        start = max(i for i, line in enumerate(lines) if line.strip() == after)
    else:
        start = next(i for i, line in enumerate(lines) if line.strip() == label)
    seen = -1
    for i in range(start + 1, len(lines)):
        if lines[i].strip():
            seen += 1
            if seen == position:
                lines[i] = value
                return "\n".join(lines)
    raise AssertionError(f"no value {position} after {label!r}")
