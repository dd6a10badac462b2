"""A run keeps a few numbers per report in memory for the series rules (the rest on disk), and finds what the
series rules find over all its reports at once: whichever results the caller drops, however an agency's
reports of one year are cut into checks, and when two agencies' keys hash alike."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from gklint import api
from gklint.engine.rules import load_rules
from gklint.engine.run import add_series
from gklint.recognise.json_format import to_json
from gklint.testing import consistent_report


def spread_batch(tmp_path: Path, n: int = 36) -> list[Path]:
    """Three agencies over four years, three reports of each agency and year, in an order that puts a
    report's pair (last year's report) now before it, now after it."""
    out = []
    for k in range(n):
        report = consistent_report(k % 3 + 10 * (k // 12), "2021", year=2021 + (k // 3) % 4)
        path = tmp_path / f"{(k * 7) % n:03d}.json"
        path.write_text(json.dumps(to_json(report), ensure_ascii=False), encoding="utf-8")
        out.append(path)
    return sorted(out)


def series_of_all(paths: list[Path]) -> dict[str, list[tuple[str, str]]]:
    """The series rules over every report at once (whole reports, in run order): rule and message per file."""
    reports = [api.extract(p) for p in paths]
    found: list[list] = [[] for _ in reports]
    add_series(reports, found, load_rules())
    return {p.name: sorted((d.rule, d.message) for d in diags) for p, diags in zip(paths, found)}


def run_dropping(paths, **options) -> tuple[api.Run, dict[str, dict], dict[str, list[tuple[str, str]]]]:
    """A run whose caller keeps nothing of a file once it has it (as ``-f jsonl`` does): each file's output
    (``to_dict``, with the series findings once known) and its series findings."""
    run = api.Run(paths, **options)
    out = {}
    for f in run.files():
        out[Path(f.path).name] = f.to_dict()
    del f
    gc.collect()
    series = {}
    for _, f, diags, report in run.iter_series(reports=False):
        assert report is None
        out[Path(f.path).name] = f.to_dict()
        series[Path(f.path).name] = sorted((d.rule, d.message) for d in diags)
    return run, out, series


def test_the_series_rules_find_over_the_run_what_they_find_over_all_its_reports_at_once(tmp_path):
    paths = spread_batch(tmp_path)
    expected = {name: found for name, found in series_of_all(paths).items() if found}
    assert len(expected) > len(paths) // 2  # most reports are paired, and found something
    run, _, series = run_dropping(paths, isolate=False)
    assert series == expected
    _, _, series = run_dropping(paths, jobs=2)  # summaries pickled in the workers
    assert series == expected


@pytest.mark.parametrize("chunk", [1, 2, 5])
def test_an_agency_year_cut_into_checks_of_any_size_finds_the_same(tmp_path, monkeypatch, chunk):
    paths = spread_batch(tmp_path)
    whole = run_dropping(paths, isolate=False)[1]
    monkeypatch.setattr(api._Kept, "CHUNK", chunk)
    assert run_dropping(paths, isolate=False)[1] == whole


def test_results_dropped_by_the_caller_come_back_as_those_it_kept(tmp_path):
    paths = spread_batch(tmp_path)
    held = api.check_many(paths, isolate=False)
    run, dropped, _ = run_dropping(paths, isolate=False)
    assert len(run._kept.alive) == 0  # every result was read back from disk
    assert dropped == {Path(f.path).name: f.to_dict() for f in held.files}


def test_agencies_whose_keys_hash_alike_are_told_apart(tmp_path, monkeypatch):
    paths = spread_batch(tmp_path)
    _, whole, _ = run_dropping(paths, isolate=False)
    files = api.Run.files

    def colliding(self):
        yield from files(self)
        hashes = self._kept.hashes
        for i in range(len(hashes)):
            if hashes[i] != -1:
                hashes[i] = 7  # every agency's reports under one hash
    monkeypatch.setattr(api.Run, "files", colliding)
    assert run_dropping(paths, isolate=False)[1] == whole


def test_what_a_run_keeps_in_memory_per_report_is_a_few_numbers(tmp_path):
    paths = spread_batch(tmp_path)
    run, _, _ = run_dropping(paths, isolate=False)
    kept = run._kept
    assert len(kept) == len(paths)
    # no object per report: the results were dropped, the summaries are on disk
    assert not kept.alive and not kept.objects and not kept.spill.held
    per_report = [a for a in vars(kept).values() if hasattr(a, "itemsize")]
    assert per_report and all(len(a) in (0, len(paths)) for a in per_report)
    assert sum(a.itemsize for a in per_report) <= 64  # bytes a report, whatever its size



def rendered(run: api.Run, render, ordered: bool = False) -> list[tuple[str, tuple[list[str], bytes]]]:
    """``render_series`` of a run whose caller keeps nothing: (file name, (severities, what render made)), as
    they come."""
    names = [Path(f.path).name for f in run.files()]
    return [(names[position], (sorted(severities), part))
            for position, severities, part in run.render_series(render, ordered=ordered)]


FORMATS = ["json_output", "jsonl"]


def series_bytes(module: str):
    """The format's render of a file given series findings (``render_series``' render)."""
    import importlib

    return importlib.import_module(f"gklint.output.{module}").series_bytes


@pytest.mark.parametrize("module", FORMATS)
@pytest.mark.parametrize("where", ["pool", "threads", "failing"])
def test_the_series_rules_rendered_in_workers_give_what_they_give_here(tmp_path, monkeypatch, where, module):
    """``render_series`` runs the series rules and the output of each file they give findings in worker processes
    (from ``Run.REMOTE`` reports on), or on an executor; a task that fails there is done here. The same files,
    severities and bytes as here, and as ``iter_series``'s results rendered; ``ordered``, in run order too."""
    from concurrent.futures import ThreadPoolExecutor

    from gklint import batch

    render = series_bytes(module)
    paths = spread_batch(tmp_path)
    run = api.Run(paths, isolate=False)
    names = [Path(f.path).name for f in run.files()]
    merged = [(names[position], (sorted(d.severity for d in diags), render(f, diags)))
              for position, f, diags, _ in run.iter_series(reports=False)]
    assert rendered(api.Run(paths, isolate=False), render, ordered=True) == merged
    here = dict(rendered(api.Run(paths, isolate=False), render))
    assert here == dict(merged) and len(here) > len(paths) // 2
    monkeypatch.setattr(api.Run, "REMOTE", 1)
    monkeypatch.setattr(api.Run, "TASK_REPORTS", 7)  # several tasks, a few checks each
    failed: list[int] = []
    if where == "failing":
        tasks = batch.map_series

        def failing(checks, job, render):
            if len(checks) > 1:
                failed.append(len(checks))
                raise RuntimeError("a worker lost")
            return tasks(checks, job, render)
        monkeypatch.setattr(batch, "map_series", failing)
    if where == "pool":
        remote = [rendered(api.Run(paths, jobs=2), render, ordered) for ordered in (False, True)]
    else:
        with ThreadPoolExecutor(2) as executor:
            remote = [rendered(api.Run(paths, executor=executor), render, ordered) for ordered in (False, True)]
    assert dict(remote[0]) == here
    assert remote[0] != merged  # the workers' order is not the run's (else ``ordered`` would be untested)
    assert remote[1] == merged
    assert (where == "failing") == bool(failed)  # not vacuous


def jsonl_check(paths, *extra) -> tuple[str, int]:
    from typer.testing import CliRunner

    from gklint.cli import app

    out = CliRunner().invoke(app, ["check", "-f", "jsonl", *extra, *map(str, paths)])
    return out.stdout, out.exit_code


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("remote", [1, 10_000])
def test_jsonl_with_the_series_rules_in_workers_writes_what_it_wrote_in_this_process(tmp_path, monkeypatch, jobs,
                                                                                      remote):
    """``-f jsonl``: the series findings' lines made in worker processes (from ``Run.REMOTE`` reports to pair on)
    or here (below), then written in run order: the bytes and exit status of the path that keeps every result
    (``--write-baseline``: the series rules run here, ``iter_series``), an unreadable file among the batch.
    ``--baseline`` keeps that path (it leaves findings out as they are found)."""
    from gklint import batch

    paths = spread_batch(tmp_path)
    broken = tmp_path / "020b.json"
    broken.write_text("{not json", encoding="utf-8")
    paths = sorted(paths + [broken])
    monkeypatch.setattr(api.Run, "REMOTE", remote)
    monkeypatch.setattr(api.Run, "TASK_REPORTS", 7)
    reduced = batch.reduce_all
    calls: list[bool] = []

    def spied(*args, **options):
        calls.append(True)
        return reduced(*args, **options)
    monkeypatch.setattr(batch, "reduce_all", spied)
    streamed = jsonl_check(paths, "-j", jobs)
    assert bool(calls) == (remote == 1)
    calls.clear()
    kept = jsonl_check(paths, "-j", jobs, "--write-baseline", str(tmp_path / "all.json"))
    assert streamed == kept and streamed[1] == 2  # the unreadable file
    assert '"rule": "Y1' in streamed[0] and '"type": "error"' in streamed[0]
    baselined = jsonl_check(paths, "-j", jobs, "--baseline", str(tmp_path / "all.json"))
    assert not calls  # the serial path
    assert baselined[0].splitlines() == [line for line in streamed[0].splitlines() if '"type": "error"' in line]
