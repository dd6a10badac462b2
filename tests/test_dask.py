"""The map of a run on any concurrent.futures-style executor, and on a Dask cluster (issue 12).

A run's map (read, per-report rules, table rules stacked over a task's files) may run in gklint's own
pool, in this process, on a thread pool or on a Dask cluster; the reduce (the series rules over the
whole run) runs here. The findings must not depend on where the map ran nor on how the files were cut
into tasks: 1,000 generated reports, some with a corrupted cell, of 40 agencies over 25 consecutive
years, written in an order that spreads each agency's years over many tasks.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gklint import api
from gklint.cli import app
from gklint.recognise.json_format import to_json
from gklint.testing import consistent_report, corrupt_cell

from conftest import ROOT

N = 1000  # the acceptance of issue 12: the Dask run and the local run agree on the same 1,000 reports
AGENCIES = 40


def findings(result) -> dict[str, list[dict]]:
    return {Path(f.path).name: [d.to_dict() for d in f.diagnostics] for f in result.files if f.error is None}


@pytest.fixture(scope="module")
def thousand(tmp_path_factory) -> list[Path]:
    """N reports as JSON files: agency k % 40 (its layout fixed), year 2000 + k // 40, every 7th corrupted."""
    folder = tmp_path_factory.mktemp("thousand")
    rng = random.Random(12)
    out = []
    for k in range(N):
        seed = k % AGENCIES
        report = consistent_report(seed, "2021" if seed % 2 else "2019", year=2000 + k // AGENCIES)
        if k % 7 == 0:
            report = corrupt_cell(report, rng).report
        path = folder / f"{(k * 7919) % N:04d}.json"  # a pair's two years land far apart in the order
        path.write_text(json.dumps(to_json(report), ensure_ascii=False), encoding="utf-8")
        out.append(path)
    return sorted(out)


@pytest.fixture(scope="module")
def local(thousand):
    """The reference: every file read here, the table rules stacked over all of them at once."""
    found = findings(api.check_many(thousand, isolate=False))
    assert len(found) == N
    rules = {d["rule"] for ds in found.values() for d in ds}
    assert any(r.startswith("Y") for r in rules) and any(r.startswith("T") for r in rules), rules  # not vacuous
    return found


def test_the_pool_and_a_thread_pool_give_the_findings_of_a_local_run(thousand, local):
    assert findings(api.check_many(thousand, jobs=2)) == local  # gklint's pool, tasks of up to 128 files
    part = thousand[:200]  # threads share one core's worth of Python: a part of the batch is enough here
    with ThreadPoolExecutor(2) as executor:
        assert findings(api.check_many(part, executor=executor)) == findings(api.check_many(part, isolate=False))


def test_the_cli_gives_the_findings_of_check_many_whatever_the_tasks(thousand, local):
    """Issue 9: the same 1,000 reports, each agency's years spread over many tasks of the CLI's pool (tasks of
    up to 128 files, 2 workers), give the findings of one ``check_many`` over them all in this process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "gklint", "check", "-f", "json", "-j", "2", "-q", *map(str, thousand)],
                         capture_output=True, text=True, env=env, timeout=900, cwd=ROOT)
    assert out.returncode == 1, out.stderr[-2000:]
    data = json.loads(out.stdout)
    assert {Path(f["path"]).name: f["diagnostics"] for f in data["files"]} == json.loads(json.dumps(local, default=str))


def test_workers_send_back_findings_not_reports(thousand):
    result = api.check_many(thousand[:20], jobs=2)
    assert all(f.report is None and f.tables == [] for f in result.files)
    kept = api.check_many(thousand[:20], jobs=2, keep_reports=True)
    assert all(f.report is not None and f.tables for f in kept.files)
    assert findings(kept) == findings(result)


def test_a_dask_local_cluster_gives_the_findings_of_a_local_run(thousand, local):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        assert findings(api.check_many(thousand, executor=client.get_executor())) == local
        # the CLI: the map on the cluster, the reduce (series rules, output) in the CLI's process
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        out = subprocess.run([sys.executable, "-m", "gklint", "check", "-f", "json", "--dask-scheduler",
                              cluster.scheduler_address, *map(str, thousand)],
                             capture_output=True, text=True, env=env, timeout=600, cwd=ROOT)
    assert out.returncode == 1, out.stderr[-2000:]  # errors found (the corrupted cells)
    data = json.loads(out.stdout)
    assert {Path(f["path"]).name: f["diagnostics"] for f in data["files"]} == json.loads(json.dumps(local, default=str))


def test_an_unreachable_scheduler_is_a_usage_error(thousand, monkeypatch):
    pytest.importorskip("distributed")
    import gklint.cluster

    monkeypatch.setattr(gklint.cluster, "CONNECT_SECONDS", 1)
    result = CliRunner().invoke(app, ["check", "--dask-scheduler", "tcp://127.0.0.1:9", str(thousand[0])])
    assert result.exit_code == 2
    assert "无法连接 Dask 调度器 tcp://127.0.0.1:9" in result.output
    assert "Traceback" not in result.output


def test_without_the_dask_extra_the_option_says_what_to_install(thousand, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # "import distributed" raises ImportError
    result = CliRunner().invoke(app, ["check", "--dask-scheduler", "tcp://127.0.0.1:9", str(thousand[0])])
    assert result.exit_code == 2
    assert "pip install 'gklint[dask]'" in result.output
