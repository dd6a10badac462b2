"""Hypothesis strategies over ``gklint.testing``: every random choice is a hypothesis draw, so
a failing report shrinks (counts towards 0, fewer sentences, the first cell)."""

from __future__ import annotations

from hypothesis import strategies as st

from gklint import layouts
from gklint.testing import IDENTITY_TABLES, Corruption, consistent_report, corrupt_cell

VERSIONS = tuple(sorted(layouts.layouts()))


class DrawChooser:
    """``randint``/``choice`` answered by hypothesis draws (the interface ``gklint.testing`` uses)."""

    def __init__(self, draw):
        self._draw = draw

    def randint(self, a: int, b: int) -> int:
        return self._draw(st.integers(a, b))

    def choice(self, seq):
        return self._draw(st.sampled_from(list(seq)))


@st.composite
def reports(draw, versions: tuple[str, ...] = VERSIONS):
    """A consistent generated report, in one of ``versions``."""
    version = draw(st.sampled_from(versions))
    return consistent_report(DrawChooser(draw), version)


@st.composite
def corrupted_reports(draw, versions: tuple[str, ...] = VERSIONS,
                      tables: tuple[str, ...] = IDENTITY_TABLES) -> Corruption:
    """A consistent report with one data cell of ``tables`` changed (see ``Corruption``)."""
    report = draw(reports(versions))
    return corrupt_cell(report, DrawChooser(draw), tables)


@st.composite
def small_reports(draw, versions: tuple[str, ...] = VERSIONS):
    """A consistent generated report whose every table cell is a single digit (see ``small_report``)."""
    from gklint.testing import small_report

    return small_report(DrawChooser(draw), draw(st.sampled_from(versions)))
