"""The table rules stacked: a report's findings do not depend on the reports stacked with it (issue 12).

The workers stack the table rules over each task's files (up to ``batch.CHUNK_FILES``) in one pandera
validation of both layouts at once; the findings of a report, and their order, must be those of the same
report checked alone, whatever is stacked with it: blank, "/", text, negative and fractional cells, cells
and tables missing, rows recognition could not read, wholly blank tables, both layouts mixed.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gklint import batch, layouts
from gklint.core.model import Cell, Note
from gklint.engine import run as run_mod
from gklint.engine import tables
from gklint.engine.rules import load_rules
from gklint.testing import consistent_reports

RULES = load_rules()


def spoiled(n: int, seed: int):
    """``n`` generated reports (both layouts), most with some cells spoiled in every way a table rule judges."""
    rng = random.Random(seed)
    reports = consistent_reports(n, seed=seed)
    for report in reports:
        found = list(report.tables.values())
        for _ in range(rng.choice([0, 1, 2, 5, 30])):
            table = rng.choice(found)
            key = rng.choice(list(table.cells))
            cell = rng.choice([Cell.blank(), Cell("na", None, "/"), Cell("text", None, "见附件"),
                               Cell.number(-rng.randint(1, 9)), Cell.number(rng.randint(0, 9) + 0.5),
                               Cell.number(rng.randint(0, 50)), None])
            if cell is None:
                del table.cells[key]
            else:
                table.cells[key] = cell
        dice = rng.random()
        table = rng.choice(found)
        if dice < 0.1:  # a table left blank
            table.cells = {k: Cell.blank() for k in table.cells}
        elif dice < 0.15:  # a table not found
            table.found = False
        elif dice < 0.2 and table.cells:  # a row recognition could not read: blank, and a note saying so
            row = rng.choice(list(table.cells))[0]
            label = layouts.get(report.layout).table(table.key).row(row).label
            report.notes.append(Note("table_unreadable", "x", table=table.key, row=label))
            table.cells.update({k: Cell.blank() for k in table.cells if k[0] == row})
    return reports


def shown(diags):
    return [d.to_dict() for d in diags]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), cuts=st.lists(st.integers(1, 40), min_size=1, max_size=6))
def test_a_reports_table_findings_are_its_own_whatever_is_stacked_with_it(seed, cuts):
    reports = spoiled(40, seed)
    alone = [shown(run_mod.table_diagnostics([r], RULES)[0]) for r in reports]
    assert any(alone), "no report has a table finding: the property would say nothing"
    assert [shown(d) for d in run_mod.table_diagnostics(reports, RULES)] == alone  # all at once
    stacked, i, k = [], 0, 0
    while i < len(reports):  # cut into stacks of the drawn sizes
        n = cuts[k % len(cuts)]
        stacked += [shown(d) for d in run_mod.table_diagnostics(reports[i:i + n], RULES)]
        i, k = i + n, k + 1
    assert stacked == alone


def test_one_validation_per_stack_whatever_its_layouts(monkeypatch):
    reports = spoiled(40, 3)
    assert {r.layout for r in reports} == {"2021", "2019"}
    calls = []
    real = tables._failures
    monkeypatch.setattr(tables, "_failures", lambda schema, frame: calls.append(len(frame)) or real(schema, frame))
    run_mod.table_diagnostics(reports, RULES)
    assert len(calls) == 1
    items = {v: tables.compile_rules(tuple(r for r in RULES if r.kind in tables.KINDS), v).items
             for v in ("2021", "2019")}
    assert calls[0] == sum(items[r.layout] for r in reports)  # a row per report and cell or identity instance


def test_a_table_rule_that_raises_on_one_report_is_a_finding_on_that_report_alone(monkeypatch):
    reports = spoiled(12, 5)
    expected = [shown(d) for d in run_mod.table_diagnostics(reports, RULES)]
    bad = next(i for i, e in enumerate(expected) if any(d["rule"].startswith("T") for d in e))
    real = tables.identity_diagnostic

    def explode(inst, report, layout, lang, *others):
        if report is reports[bad]:
            raise ZeroDivisionError("boom")
        return real(inst, report, layout, lang, *others)

    monkeypatch.setattr(tables, "identity_diagnostic", explode)
    found = run_mod.table_diagnostics(reports, RULES)
    [crash] = found[bad]
    assert "boom" in crash.message and crash.severity == "warning"
    assert [shown(d) for i, d in enumerate(found) if i != bad] == [e for i, e in enumerate(expected) if i != bad]


def test_small_files_go_in_tasks_of_bounded_count_and_bytes_in_order(tmp_path):
    sizes = [10_000] * 30 + [batch.CHUNK_BYTES] + [300_000] * 5 + [10] * 300
    paths = []
    for i, size in enumerate(sizes):
        path = tmp_path / f"{i:03d}.json"
        path.write_bytes(b"x" * size)
        paths.append(str(path))
    missing = str(tmp_path / "gone.json")
    tasks = list(batch._chunks([*paths, missing], 128, budget=200_000))
    assert [p for task in tasks for p in task] == [*paths, missing]  # every path once, in order
    for task in tasks:
        if len(task) > 1:
            assert len(task) <= 128 and sum(map(len, map(lambda p: open(p, "rb").read(), task))) <= 200_000
    assert [len(t) for t in tasks[:2]] == [20, 10]  # 20 files of 10 KB fill the budget
    assert all(len(t) == 1 for t in tasks[2:8])  # large files (and the missing one) alone
    assert [len(t) for t in tasks if len(t) > 1][2:] == [128, 128, 44]
    assert tasks[-1] == (missing,)


def test_a_short_deadline_makes_small_tasks():
    from dataclasses import replace

    from gklint.read.guards import DEFAULT

    assert batch.task_bytes(DEFAULT) == batch.TASK_BYTES  # the default deadline: the largest tasks
    short = [batch.task_bytes(replace(DEFAULT, seconds=s)) for s in (60, 10, 1, 0.01)]
    assert short == sorted(short, reverse=True) and short[0] <= batch.TASK_BYTES and short[-1] >= 1
    assert short[2] < 64 * 1024  # a 1-second deadline: a few small files a task, not a megabyte


def test_a_stack_out_of_memory_is_finished_file_by_file(tmp_path, monkeypatch):
    from gklint import api
    from gklint.recognise.json_format import to_json
    import json

    reports = spoiled(6, 9)
    paths = []
    for i, report in enumerate(reports):
        path = tmp_path / f"{i}.json"
        path.write_text(json.dumps(to_json(report), ensure_ascii=False), encoding="utf-8")
        paths.append(str(path))
    job = api.Run(paths).job
    expected = [r.result.to_dict() for r in batch.map_files(paths, job)]
    real = batch.finish

    def finish(reads, job, **kw):
        if len(reads) > 1:
            raise MemoryError
        return real(reads, job, **kw)

    monkeypatch.setattr(batch, "finish", finish)
    assert [r.result.to_dict() for r in batch.map_files(paths, job)] == expected


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000))
def test_a_tables_frame_is_the_same_whatever_the_order_of_its_cells(seed):
    """``to_arrays`` keeps the columns of the last order of cells it saw per table: another order, a cell the
    layout lacks, a cell dropped or replaced in place, gives the frame of the same cells in the layout's order."""
    import numpy as np

    rng = random.Random(seed)
    reports = spoiled(12, seed)
    for report in reports:
        specs = layouts.get(report.layout).tables
        spec_cells = {t: [(r.id, c.id) for r, c in spec.cells()] for t, spec in specs.items()}
        for t, table in report.tables.items():
            ordered = {k: table.cells[k] for k in spec_cells[t] if k in table.cells}
            table.cells = dict(rng.sample(list(ordered.items()), len(ordered)))
            if rng.random() < 0.3:
                table.cells[("no such row", "no such column")] = Cell.number(7)
            expected = tables.to_arrays([_with(report, t, ordered)], layouts.get(report.layout))
            for found, wanted in zip(tables.to_arrays([report], layouts.get(report.layout)), expected):
                assert np.array_equal(found, wanted, equal_nan=True)


def _with(report, t, cells):
    from dataclasses import replace

    return replace(report, tables=report.tables | {t: replace(report.tables[t], cells=cells)})
