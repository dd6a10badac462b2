"""Page chrome after a report: a portal's footer that a PDF printed from the page, or a copy, carries along.

A line carrying one of these markers (``gklint.core.chrome.FOOTER``) never belongs to a report's text; from the
first one after the last section heading on, the text is page chrome, not section 六.
"""

from __future__ import annotations

from gklint.core.chrome import FOOTER


def footer_start(lines: list[str], start: int) -> int:
    """Index of the first footer line at or after ``start`` (``len(lines)`` when there is none)."""
    for i in range(start, len(lines)):
        if FOOTER.search(lines[i]):
            return i
    return len(lines)
