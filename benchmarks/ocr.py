"""Speed and accuracy of reading a scanned report by OCR (docs/ocr.md, docs/performance.md).

The pages of tests/fixtures/huaian-2024.pdf (a text PDF) are rendered at 200 dpi and degraded like a scan
(grey, turned 0.5°, noise, JPEG quality 60: tests/scans.py), saved as an image-only PDF and read by
gklint; the tables read are compared cell by cell with those of the text PDF, the running text by its
character error rate. Printed: seconds per page, peak memory of the process, cells right per table, the
identities that hold after OCR, the findings that differ from the text PDF's.

    python benchmarks/ocr.py [--pages 1-6] [--angle 0.5] [--quality 60] [--noise 8] [--erase-lines]
"""

from __future__ import annotations

import argparse
import difflib
import os
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from gklint import api  # noqa: E402
from gklint.ingest import read_bytes, read_report  # noqa: E402
from scans import FIXTURE, image_pdf, scanned_pages  # noqa: E402


def _pages(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def _cer(reference: str, read: str) -> float:
    matcher = difflib.SequenceMatcher(None, reference, read, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    return 1 - same / max(len(reference), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="1-6")
    parser.add_argument("--angle", type=float, default=0.5)
    parser.add_argument("--quality", type=int, default=60)
    parser.add_argument("--noise", type=float, default=8.0)
    parser.add_argument("--erase-lines", action="store_true", help="paint the tables' ruling lines white first")
    args = parser.parse_args()
    pages = _pages(args.pages)
    pdf = image_pdf(scanned_pages(pages, lines=not args.erase_lines, angle=args.angle, quality=args.quality, noise=args.noise))
    started = time.perf_counter()
    scanned = read_bytes("scan.pdf", pdf)
    seconds = time.perf_counter() - started
    text = read_report(str(FIXTURE))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; python {platform.python_version()}")
    print(f"pages {args.pages}: {seconds:.1f} s, {seconds / len(pages):.1f} s/page, "
          f"{len(pages) / seconds:.3f} pages/s; peak memory {peak:.0f} MB")
    for key, table in text.tables.items():
        read = scanned.tables.get(key)
        right = sum(1 for k, c in table.cells.items() if read and k in read.cells and read.cells[k].raw == c.raw)
        wrong = [(k, c.raw, read.cells[k].raw if read and k in read.cells else None)
                 for k, c in table.cells.items() if not (read and k in read.cells and read.cells[k].raw == c.raw)]
        print(f"table {key}: {right}/{len(table.cells)} cells as in the text layer" + (f"; differ: {wrong[:5]}" if wrong else ""))
    if pages == list(range(1, 7)):
        reference = "".join(s.text for s in text.sections).replace("\n", "")
        got = "".join(s.text for s in scanned.sections).replace("\n", "")
        print(f"running text: character error rate {_cer(reference, got):.3%} ({len(reference)} characters)")
    for note in scanned.notes:
        print(f"note {note.kind}: {note.message}")
    mine, theirs = api.check(scanned), api.check(text)
    key = lambda d: (d.rule, d.location.table, d.location.row, d.location.column)  # noqa: E731
    extra = sorted({key(d) for d in mine.diagnostics if d.rule != "R112"} - {key(d) for d in theirs.diagnostics},
                   key=str)
    print(f"findings not in the text PDF's: {extra or 'none'}")


if __name__ == "__main__":
    main()
