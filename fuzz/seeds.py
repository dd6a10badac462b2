"""The seeds mutated: real fixtures of every format and their smaller derivatives (fuzz/seeds/).

Each seed has a weight (per mille of its format's inputs): reading a whole real report costs
0.1-5 s, a small derivative a few milliseconds, so the small ones are mutated most and the big
real files often enough to be covered. ``fuzz/make_seeds.py`` rebuilds the derivatives.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# format -> (path relative to the repository, weight per mille of the format's inputs)
SEEDS: dict[str, tuple[tuple[str, int], ...]] = {
    "json": (("samples/huangyuan-2021.json", 300), ("fuzz/seeds/pingtan-2021.json", 175),
             ("fuzz/seeds/pingtan-2024.json", 175), ("fuzz/seeds/template-2021.json", 175),
             ("fuzz/seeds/huaian-2024.json", 175)),
    "txt": (("samples/huangyuan-2021.txt", 400), ("fuzz/seeds/huangyuan-2021-rows.txt", 400),
            ("fuzz/seeds/huangyuan-2021-oneline.txt", 200)),
    "html": (("fuzz/seeds/minimal.html", 850), ("fuzz/seeds/huangyuan-2021.html", 100),
             ("tests/fixtures/pingtan-2024.html", 30), ("tests/fixtures/pingtan-2021.html", 20)),
    "docx": (("fuzz/seeds/minimal.docx", 800), ("tests/fixtures/template-2021.docx", 100),
             ("fuzz/seeds/huangyuan-2021.docx", 100)),
    "pdf": (("fuzz/seeds/grid.pdf", 950), ("fuzz/seeds/huaian-2024-p1.pdf", 15), ("fuzz/seeds/huaian-2024-p2.pdf", 15),
            ("fuzz/seeds/huaian-2024-p3.pdf", 15), ("tests/fixtures/huaian-2024.pdf", 2),
            ("tests/fixtures/pingtan-2024-printed-a5.pdf", 3)),
}


@lru_cache(maxsize=None)
def seeds(fmt: str) -> tuple[tuple[str, bytes, int], ...]:
    """(name, bytes, weight) of every seed of the format."""
    return tuple((path, (ROOT / path).read_bytes(), weight) for path, weight in SEEDS[fmt])
