"""Ruled tables on a page image: the ruling lines (OpenCV morphology), the skew they show, and the cells they enclose.

A scanned table keeps its ruling lines: long thin runs of dark pixels. Opening the binarised page with a
long horizontal (vertical) kernel keeps only those; their union is the table's frame, and every white
region the frame encloses is a cell (a merged cell is one region, so spans come out as drawn). Cell
rectangles go to ``pdf_tables``'s grid builder like pdfplumber's cells do. Tables drawn without lines are
found from the text boxes instead (``pdf_columns``: rows by line, columns by gaps).

The skew of a scan (a page fed slightly askew) is measured on the longest horizontal lines and undone
before OCR, so rows and columns line up again.
"""

from __future__ import annotations

import math

MAX_SKEW = 5.0  # degrees: a larger angle is not a page fed askew; left alone
MIN_CELL = 8  # pixels: a white region narrower or lower than this is a gap between double lines


def _binary(grey):
    import cv2

    _, bw = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return bw


def _lines(bw, horizontal: bool):
    import cv2

    h, w = bw.shape
    size = max(20, (w if horizontal else h) // 40)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (size, 1) if horizontal else (1, size))
    return cv2.morphologyEx(bw, cv2.MORPH_OPEN, kernel)


def skew(grey) -> float:
    """The page's skew in degrees (positive: counter-clockwise), from its long horizontal lines; 0 when
    it has none (a page of text: its lines of characters are too irregular to measure reliably)."""
    import cv2
    import numpy as np

    bw = _binary(grey)
    h, w = bw.shape
    # a short kernel keeps the segments of a tilted line; joined again by a dilation
    lines = cv2.morphologyEx(bw, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(15, w // 60), 1)))
    lines = cv2.dilate(lines, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    angles, weights = [], []
    for k in range(1, count):
        x, y, bw_, bh, _ = stats[k]
        if bw_ < w / 4 or bh > bw_ / 8:
            continue
        ys, xs = np.nonzero(labels[y:y + bh, x:x + bw_] == k)
        if len(xs) < 50:
            continue
        slope = np.polyfit(xs.astype(float), ys.astype(float), 1)[0]
        angles.append(math.degrees(math.atan(slope)))
        weights.append(bw_)
    if not angles:
        return 0.0
    angle = float(np.average(angles, weights=weights))
    return -angle if abs(angle) <= MAX_SKEW else 0.0


def rotate(grey, degrees: float):
    """``grey`` turned by ``degrees`` (counter-clockwise) about its centre, the corners filled white."""
    import cv2

    if abs(degrees) < 0.05:
        return grey
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -degrees, 1.0)
    return cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def tables(grey) -> list[list[tuple[int, int, int, int]]]:
    """Per ruled table on the page, its cells as (x0, top, x1, bottom) pixel rectangles snapped to the
    table's line positions (a cell reaches the middle of the lines around it). A table cut by a page break
    keeps its cut row: ``pdf_breaks`` joins the two pieces as it does a text PDF's."""
    import cv2
    import numpy as np

    bw = _binary(grey)
    h, w = bw.shape
    frame = cv2.bitwise_or(_lines(bw, True), _lines(bw, False))
    frame = cv2.dilate(frame, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(frame, connectivity=8)
    out = []
    for k in range(1, count):
        x, y, fw, fh, _ = stats[k]
        if fw < w / 5 or fh < 20:
            continue
        mine = (labels[y:y + fh, x:x + fw] == k).astype(np.uint8)
        # a table cut by the page's end (or continued from the page before) has no line there, its vertical
        # lines end at the frame's edge: the frame closed along its top and bottom rows keeps the cut row's
        # cells (a table closed there has its lines on those rows already)
        mine[0, :] = mine[-1, :] = 1
        inside = 1 - mine
        n, cell_labels, cell_stats, _ = cv2.connectedComponentsWithStats(inside, connectivity=4)
        cells = []
        for j in range(1, n):
            cx, cy, cw, ch, _ = cell_stats[j]
            if cx == 0 or cy == 0 or cx + cw >= fw or cy + ch >= fh:  # outside the frame
                continue
            if cw < MIN_CELL or ch < MIN_CELL:
                continue
            cells.append((x + cx, y + cy, x + cx + cw, y + cy + ch))
        if len(cells) >= 2:
            out.append(_snap(cells))
    out.sort(key=lambda cells: min(c[1] for c in cells))
    return out


def _snap(cells: list[tuple[int, int, int, int]], tol: int = 10) -> list[tuple[int, int, int, int]]:
    """Cell edges moved onto the table's line positions: the two sides of one ruling line (a cell's right
    edge, its neighbour's left) and the small wobble of a scanned line become one position."""
    xs = _positions([c[0] for c in cells] + [c[2] for c in cells], tol)
    ys = _positions([c[1] for c in cells] + [c[3] for c in cells], tol)

    def near(positions: list[float], v: float) -> int:
        return round(min(positions, key=lambda p: abs(p - v)))

    return [(near(xs, a), near(ys, b), near(xs, c), near(ys, d)) for a, b, c, d in cells]


def _positions(values: list[int], tol: int) -> list[float]:
    """Values grouped when closer than ``tol`` to the group's last member; each group's mean."""
    groups: list[list[int]] = []
    for v in sorted(values):
        if groups and v - groups[-1][-1] <= tol:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups]
