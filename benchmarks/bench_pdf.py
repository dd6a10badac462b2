"""Pages per second of gklint's PDF read against the bare text extraction of pdfminer and PDFium.

Every PDF under tests/ (the real reports in tests/fixtures) is read, in one run:
- gklint ``read_pdf`` as it reads by default (PDFium where the file allows, pdfminer otherwise),
  with pdfminer only (the reader before PDFium), and with PDFium forced (files it cannot read
  are left out of that line);
- pdfminer's bare text extraction (``pdfminer.high_level.extract_text``), the limit of the old path;
- pypdfium2's bare text extraction (``get_textpage().get_text_range()`` per page), the limit of the new.

One core: each reader over all files, ``--rounds`` times, the best round kept. Two cores
(``--jobs``): the files repeated ``--rounds`` times, shared by a process pool, wall time.
Usage: python benchmarks/bench_pdf.py [--rounds 3] [--jobs 2]
"""

from __future__ import annotations

import argparse
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"


def pdfs() -> list[Path]:
    return sorted(TESTS.rglob("*.pdf"))


def _gklint(engine: str):
    def read(path: Path) -> int:
        from gklint.read.pdf import read_pdf

        return read_pdf(str(path), path.read_bytes(), engine=engine).pages
    return read


def _pdfminer(path: Path) -> int:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfpage import PDFPage

    extract_text(str(path))
    with path.open("rb") as f:
        return sum(1 for _ in PDFPage.get_pages(f))


def _pdfium(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path.read_bytes())
    try:
        for page in doc:
            page.get_textpage().get_text_range()
        return len(doc)
    finally:
        doc.close()


READERS = {
    "gklint read_pdf (default)": _gklint("auto"),
    "gklint read_pdf, pdfminer only (before)": _gklint("pdfminer"),
    "gklint read_pdf, PDFium forced": _gklint("pdfium"),
    "pdfminer extract_text (limit before)": _pdfminer,
    "pypdfium2 get_text_range (limit after)": _pdfium,
}


def _run(name: str, files: list[Path]) -> int:
    pages = 0
    for path in files:
        try:
            pages += READERS[name](path)
        except Exception:  # noqa: BLE001 - PDFium forced on a file it cannot read: left out
            if "forced" not in name:
                raise
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    files = pdfs()
    print(f"{len(files)} PDFs: " + ", ".join(f.name for f in files))
    for name in READERS:  # imports and first-use costs out of the timings
        _run(name, files[:1])
    one: dict[str, float] = {}
    print(f"\none core (best of {args.rounds} rounds)")
    for name in READERS:
        best = None
        for _ in range(args.rounds):
            start = time.perf_counter()
            pages = _run(name, files)
            elapsed = time.perf_counter() - start
            best = elapsed if best is None else min(best, elapsed)
        one[name] = pages / best
        print(f"  {name:42} {pages:4} pages  {one[name]:7.1f} pages/s")
    print(f"\n{args.jobs} processes (files x {args.rounds}, wall time)")
    work = files * args.rounds
    with ProcessPoolExecutor(args.jobs) as pool:
        list(pool.map(_run, list(READERS), [files[:1]] * len(READERS)))  # warm the workers
        for name in READERS:
            start = time.perf_counter()
            pages = sum(pool.map(_run, [name] * len(work), [[f] for f in work]))
            rate = pages / (time.perf_counter() - start)
            print(f"  {name:42} {pages:4} pages  {rate:7.1f} pages/s")
    base = one["gklint read_pdf, pdfminer only (before)"]
    print(f"\none core: default / before = {one['gklint read_pdf (default)'] / base:.2f}x;"
          f" forced PDFium / before = {one['gklint read_pdf, PDFium forced'] / base:.2f}x;"
          f" default / pdfminer limit = {one['gklint read_pdf (default)'] / one['pdfminer extract_text (limit before)']:.2f}x;"
          f" default / PDFium limit = {one['gklint read_pdf (default)'] / one['pypdfium2 get_text_range (limit after)']:.2f}x")


if __name__ == "__main__":
    main()
