"""Check time per report on the real reports bundled in tests/fixtures, with every cache cleared.

The reports are read once; then ``gklint.check_many`` runs over them five times, clearing gklint's
text caches before each run, so no run profits from having seen the same text before.
Usage: python benchmarks/bench_real.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import gklint

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
FILES = ["huangyuan-2021.txt", "pingtan-2021.html", "pingtan-2024.html", "huaian-2024.pdf",
         "pingtan-2024-printed-a5.pdf"]


def clear_caches() -> None:
    """Every cache of report text: gklint's text caches (sentences, numbers, lines, claims) and the label
    normalisation caches (which also hold layout labels; those are made again)."""
    from gklint import layouts

    try:
        from gklint.core.text import clear_text_caches
    except ImportError:  # a gklint from before the text caches were registered (to measure "before")
        from gklint.core import text
        from gklint.narrative import claims, quantities, sentences

        def clear_text_caches():
            for cached in (quantities.analyse, claims._unambiguous_in_text, text._bounds, sentences._clause_ends):
                cached.cache_clear()
    clear_text_caches()
    layouts.normalise.cache_clear()
    layouts._forms.cache_clear()


def main() -> None:
    start = time.perf_counter()
    reports = [gklint.extract(FIXTURES / name) for name in FILES]
    read = (time.perf_counter() - start) / len(reports) * 1000
    gklint.check_many(reports[:1])  # imports, rule loading, schema compilation
    runs = []
    for _ in range(5):
        clear_caches()
        start = time.perf_counter()
        gklint.check_many(reports)
        runs.append((time.perf_counter() - start) / len(reports) * 1000)
    print(f"{len(reports)} real reports ({', '.join(FILES)})")
    print(f"read + recognise: {read:.0f} ms/report (once, includes the readers' imports)")
    print(f"check_many, caches cleared: {statistics.median(runs):.1f} ms/report (median of 5)")


if __name__ == "__main__":
    main()
