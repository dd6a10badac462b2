"""A batch survives a file that hangs or eats memory: that file is one read error naming the limit, and
every other file gets exactly the findings it gets in a batch of the good files alone.

Budgets are asserted by their outcome (the error names the limit), never by timing: the hanging and
memory-hungry readers come from ``hostile_reader`` (a reader that never returns, one that allocates
without end) and a FIFO (``open()`` blocks forever on one with no writer); the limits are small so
the tests are quick. A subprocess timeout is only a safety net against a hang of the whole batch.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import gklint
from gklint import api
from gklint.read.guards import DEFAULT, MB
from gklint.recognise.json_format import to_json
from gklint.testing import consistent_report

from conftest import FIXTURES, ROOT

TESTS = Path(__file__).parent
SMALL = replace(DEFAULT, seconds=10, memory=512 * MB)  # 10 s: a real file on a loaded machine stays well within
fork_only = pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                               reason="the hostile reader is patched into forked workers")


def good_files(tmp_path: Path) -> list[Path]:
    out = []
    for name in ("huangyuan-2021.txt", "pingtan-2024.html", "template-2021.docx"):
        shutil.copy(FIXTURES / name, tmp_path / name)
        out.append(tmp_path / name)
    for seed in range(3):  # generated reports: two of them may pair as consecutive years
        path = tmp_path / f"gen{seed}.json"
        report = consistent_report(seed, "2021", year=2021 + seed % 2)
        path.write_text(json.dumps(to_json(report), ensure_ascii=False), encoding="utf-8")
        out.append(path)
    return out


def hostile(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    shutil.copy(FIXTURES / "huangyuan-2021.txt", path)  # readable, but the hostile reader never finishes it
    return path


def findings(result) -> dict[str, list[dict]]:
    return {Path(f.path).name: [d.to_dict() for d in f.diagnostics] for f in result.files if f.error is None}


def only_good(result, bad: Path) -> dict[str, list[dict]]:
    errors = {Path(f.path).name: f.error for f in result.files if f.error is not None}
    assert list(errors) == [bad.name], errors
    return findings(result)


@pytest.fixture
def hostile_reader():
    import hostile_reader as module

    import gklint.read.text as text

    original = text.read_text
    module.install()
    yield
    text.read_text = original


@fork_only
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_hanging_file_is_one_error_naming_the_deadline(tmp_path, hostile_reader, jobs):
    good = good_files(tmp_path)
    bad = hostile(tmp_path, "hang.txt")
    alone = api.check_many(good, isolate=False)
    batch = api.check_many(good[:2] + [bad] + good[2:], jobs=jobs, limits=SMALL)
    assert only_good(batch, bad) == findings(alone)
    [error] = [f.error for f in batch.files if f.error]
    assert "超过读取时限（10 秒）" in error and "hang.txt" in error
    assert [Path(f.path).name for f in batch.files] == [p.name for p in good[:2] + [bad] + good[2:]]


@fork_only
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_past_the_memory_limit_is_one_error_naming_it(tmp_path, hostile_reader, jobs):
    good = good_files(tmp_path)
    bad = hostile(tmp_path, "hog.txt")
    alone = api.check_many(good, isolate=False)
    batch = api.check_many([bad] + good, jobs=jobs, limits=SMALL)
    assert only_good(batch, bad) == findings(alone)
    [error] = [f.error for f in batch.files if f.error]
    assert "超过内存上限（512 MB）" in error and "hog.txt" in error


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_does_not_stop_the_batch(tmp_path):
    good = good_files(tmp_path)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    alone = api.check_many(good, isolate=False)
    batch = api.check_many([fifo] + good, jobs=2, limits=SMALL)
    assert only_good(batch, fifo) == findings(alone)


def cli(*args, timeout=300):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(TESTS)])}
    return subprocess.run([sys.executable, str(TESTS / "hostile_reader.py"), *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=timeout, cwd=ROOT)


@fork_only
@pytest.mark.parametrize("jobs", [1, 2])
def test_cli_batch_with_a_hanging_file_prints_every_good_file(tmp_path, jobs):
    good = good_files(tmp_path)
    bad = hostile(tmp_path, "hang.txt")
    alone = cli("check", "-f", "json", "-j", jobs, *good)
    batch = cli("check", "-f", "json", "-j", jobs, "--timeout", 10, good[0], bad, *good[1:])
    assert alone.returncode in (0, 1) and batch.returncode == 2
    files = json.loads(batch.stdout)["files"]
    assert [f for f in files if "error" not in f] == json.loads(alone.stdout)["files"]
    [error] = [f["error"] for f in files if "error" in f]
    assert "超过读取时限（10 秒）" in error
    lines = [line for line in batch.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "hang.txt" in lines[0] and "超过读取时限" in lines[0]


@fork_only
def test_cli_terminal_output_shows_the_good_files_and_one_line_for_the_bad(tmp_path):
    good = good_files(tmp_path)
    bad = hostile(tmp_path, "hang.txt")
    alone = cli("check", "-j", 2, *good)
    batch = cli("check", "-j", 2, "--timeout", 10, bad, *good)
    assert batch.returncode == 2
    # why the file is unreadable is said once, among the files (issue 11: it was printed twice)
    assert batch.stderr.strip() == "" and batch.stdout.count("超过读取时限（10 秒）") == 1
    # every good file's block as in the batch of good files alone (the summary table and line differ)
    assert alone.stdout.split("┘\n", 1)[1].rsplit("共 ", 1)[0] in batch.stdout


def test_a_memory_error_in_a_reader_is_a_read_error_not_a_crash(tmp_path, monkeypatch):
    import gklint.read.text as text

    def exhausted(path, data):
        raise MemoryError

    monkeypatch.setattr(text, "read_text", exhausted)
    path = hostile(tmp_path, "big.txt")
    [f] = api.check_many([path], isolate=False).files
    assert "超过内存上限" in f.error
    with pytest.raises(gklint.ReadError, match="超过内存上限"):
        gklint.check(path)


def series_batch(tmp_path: Path, n: int = 24) -> list[Path]:
    """Generated reports of a few agencies over consecutive years, files in an order that spreads the pairs."""
    out = []
    for k in range(n):
        report = consistent_report(k % 5, "2021", year=2021 + k // 5)
        path = tmp_path / f"{(k * 7) % n:03d}.json"
        path.write_text(json.dumps(to_json(report), ensure_ascii=False), encoding="utf-8")
        out.append(path)
    return sorted(out)


def test_series_rules_pair_every_report_of_the_run_whatever_the_grouping(tmp_path):
    paths = series_batch(tmp_path)
    whole = api.check_many(paths, isolate=False)
    assert any(d["rule"] == "Y101" for ds in findings(whole).values() for d in ds)  # the pairs are checked
    for group in (1, 3, 7):
        run = api.Run(paths, group=group, jobs=2, flush_after=0)
        files = list(run.files())
        run.series()
        assert findings(api.Result(files)) == findings(whole)
    out = cli("check", "-f", "json", "-j", 2, *paths)
    assert json.loads(out.stdout) == json.loads(json.dumps(whole.to_dict(), ensure_ascii=False, default=str))


def test_one_check_stays_in_process_unless_isolated(tmp_path):
    path = FIXTURES / "huangyuan-2021.txt"
    a = gklint.check(path)
    b = gklint.check(path, isolate=True, limits=SMALL)
    assert [d.to_dict() for d in a.diagnostics] == [d.to_dict() for d in b.diagnostics]


def rules_named(result) -> dict[str, list]:
    return {Path(f.path).name: list(f.rules.items()) for f in result.files if f.error is None}


def test_workers_send_the_findings_not_the_rules_descriptions(tmp_path):
    """A worker's results name their rules by id only; what outputs say of the rules is made here, once."""
    from gklint import batch

    paths = [str(p) for p in series_batch(tmp_path, 8)] + [str(FIXTURES / "huangyuan-2021.txt")]
    run = api.Run(paths)
    reads = batch.map_files(paths, run.job)  # the map step, as a worker runs it
    assert all(r.result is not None and r.result.rules == {} for r in reads)
    assert any(r.result.diagnostics for r in reads)  # not vacuous


def test_the_rules_descriptions_do_not_depend_on_where_the_map_ran(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from gklint.ruledocs import rule_info

    paths = series_batch(tmp_path) + [FIXTURES / "huangyuan-2021.txt"]
    here = api.check_many(paths, isolate=False)
    run = api.Run(paths)
    for f in here.files:  # every rule the findings name, described as ``rule_info`` does, in the rules' order
        named = {d.rule for d in f.diagnostics}
        assert list(f.rules.items()) == [(r.id, rule_info(r)) for r in run.rules if r.id in named]
    named = {r for rules in rules_named(here).values() for r, _ in rules}
    assert any(r.startswith("Y") for r in named) and any(r.startswith("N") for r in named), named  # not vacuous
    with ThreadPoolExecutor(2) as executor:
        assert rules_named(api.check_many(paths, executor=executor)) == rules_named(here)
    assert rules_named(api.check_many(paths, jobs=2)) == rules_named(here)
    assert rules_named(api.check_many(paths, jobs=2, keep_reports=True)) == rules_named(here)
    en = api.check_many(paths[:3], jobs=2, lang="en")
    assert rules_named(en) == rules_named(api.check_many(paths[:3], isolate=False, lang="en")) != {}


def test_a_result_read_back_from_disk_keeps_its_rules_descriptions(tmp_path):
    """The series rules' results the caller no longer holds are read back from disk, their rules' descriptions
    with them (kept there by id): those of the same result checked in process."""
    paths = series_batch(tmp_path)
    here = api.check_many(paths, isolate=False)
    run = api.Run(paths, jobs=2)
    for _ in run.files():  # not held: each result is on disk only
        pass
    back = {Path(f.path).name: list(f.rules.items()) for _, f, _, _ in run.iter_series(reports=False)}
    assert back and any(r.startswith("Y") for rules in back.values() for r, _ in rules)  # not vacuous
    assert back == {name: rules for name, rules in rules_named(here).items() if name in back}
