"""What a found table lacks: its data rows that no cell was read for, said as recognition notes."""

from __future__ import annotations

from gklint.layouts import RowSpec, TableSpec
from gklint.core.model import Note, Table


def missing_rows(spec: TableSpec, table: Table, absent: list[RowSpec] | None = None) -> list[Note]:
    """Notes for the data rows a found table lacks: one per row, or one for the table when many are missing.
    ``absent``: those rows, when the reader already knows them (gklint JSON)."""
    if absent is None:
        absent = [r for r in spec.data_rows if not any((r.id, c.id) in table.cells for c in r.columns)]
    if len(absent) > 3:
        listed = "、".join(f"“{r.label}”" for r in absent[:3])
        return [Note("table_unreadable", f"表{spec.key}有{len(absent)}行未找到（如{listed}），这些单元格未检查",
                     table=spec.key, count=str(len(absent)), shape="rows_missing")]
    return [Note("table_unreadable", f"表{spec.key}未找到“{r.label}”一行，该行未检查", table=spec.key, row=r.label,
                 shape="row_missing") for r in absent]
